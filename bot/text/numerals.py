"""Small numbers written in digits or Chinese numerals (`3`, `三`, `十二`, `两`)."""

import logging

logger = logging.getLogger(__name__)

_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7}
_DIGITS |= {"八": 8, "九": 9}

CHINESE_NUMERAL_CHARS = "零一二两三四五六七八九十"


def parse_number(text: str) -> int | None:
    """1..999 in digits, or 0..99 in Chinese numerals; None for anything else."""
    if text.isascii() and text.isdigit():
        return int(text)

    if "十" not in text:
        if len(text) != 1:
            return None
        return _DIGITS.get(text)

    tens_text, _, ones_text = text.partition("十")
    tens = _DIGITS.get(tens_text, -1) if tens_text else 1
    ones = _DIGITS.get(ones_text, -1) if ones_text else 0
    if tens < 1 or ones < 0:
        return None
    return tens * 10 + ones
