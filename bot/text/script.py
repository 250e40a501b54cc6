"""Chinese script: Traditional to Simplified conversion and which script a line is in."""

import logging
import re

import opencc

from bot.text.script_table import AMBIGUOUS, KEPT_PHRASES, SIMPLIFIED_ONLY

logger = logging.getLogger(__name__)

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile("[a-z\u00e0-\u024f]")
_LONGEST_KEPT = max(map(len, KEPT_PHRASES))


def _inside_kept_phrase(text: str, index: int) -> bool:
    """Whether a word in which Traditional keeps this character (公里, 皇后) covers `index`."""
    for start in range(max(0, index - _LONGEST_KEPT + 1), index + 1):
        last = min(len(text), start + _LONGEST_KEPT)
        for end in range(max(index + 1, start + 2), last + 1):
            if text[start:end] in KEPT_PHRASES:
                return True
    return False


def has_simplified_only(text: str) -> bool:
    """A character no Traditional text would write there (们, or 里 outside 公里)."""
    if not SIMPLIFIED_ONLY.isdisjoint(text):
        return True
    if AMBIGUOUS.isdisjoint(text):
        return False
    return any(
        char in AMBIGUOUS and not _inside_kept_phrase(text, index)
        for index, char in enumerate(text)
    )


class ScriptConverter:
    """OpenCC's t2s converter, loaded once, and the line-level script guess.

    Only t2s is loaded: s2t and the regional converters (about 26 MB) were needed to tell
    Simplified lines apart, which the generated table in script_table.py now does.
    """

    def __init__(self) -> None:
        self._to_simplified = opencc.OpenCC("t2s")

    def to_simplified(self, text: str) -> str:
        if not text or text.isascii():
            return text
        return self._to_simplified.convert(text)

    def lang(self, text: str, simplified: str) -> str | None:
        """`zh-Hant`, `zh-Hans`, `en` or None; `simplified` is `text` after to_simplified.

        Han lines made only of characters both scripts share (`好的`, `今天`, `太好了`) are
        undecidable and give None rather than a guess that would be wrong in half the rooms.
        """
        if _HAN.search(text):
            if simplified != text:
                return "zh-Hant"
            if has_simplified_only(text):
                return "zh-Hans"
            return None

        latin = len(_LATIN_LETTER.findall(text))
        if not latin:
            return None
        letters = sum(1 for char in text if char.isalpha())
        return "en" if latin * 2 >= letters else None
