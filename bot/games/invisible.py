"""Characters chat clients add that nobody sees, taken out of what games keep and show."""

import re
import unicodedata

ZERO_WIDTH_JOINER = "\u200d"
COMBINING_GRAPHEME_JOINER = "\u034f"
# Chatterino ends a repeated message with a space and U+E0000, which is unassigned, not Cf.
TAGS = range(0xE0000, 0xE0080)

_EDGES = re.compile(rf"^[\s{ZERO_WIDTH_JOINER}]+|[\s{ZERO_WIDTH_JOINER}]+$")


def _invisible(char: str) -> bool:
    # A joiner inside a text glues emoji such as 👩‍💻 together, so it is kept there.
    if char == ZERO_WIDTH_JOINER:
        return False
    return (
        char == COMBINING_GRAPHEME_JOINER
        or ord(char) in TAGS
        or unicodedata.category(char) == "Cf"
    )


def strip_invisible(text: str) -> str:
    """The text without format characters (Cf), tag characters, U+034F and outer spaces."""
    visible = "".join(char for char in text if not _invisible(char))
    return _EDGES.sub("", visible)
