"""Numbers that moderators type: decimal digits only, read the way int() reads them."""

import unicodedata

# More digits than any count or duration a game takes; int() refuses thousands of digits.
MAX_DIGITS = 6


def is_number(text: str) -> bool:
    """`30` or `３０`, but not `²`, `½`, `3.5` or `-1` (str.isdigit takes `²`, int() does not)."""
    return text.isdecimal()


def whole_number(text: str) -> int | None:
    """The number in `text`, or None when it is not one or has more than MAX_DIGITS digits."""
    text = text.strip()
    if not is_number(text) or len(text) > MAX_DIGITS:
        return None
    return int(text)


def is_signed_number(text: str) -> bool:
    """`-10`, `+10`, `－１０` or `−10` (a minus sign): a number typed with a sign in front."""
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    return len(text) > 1 and text[0] in "+-" and is_number(text[1:])
