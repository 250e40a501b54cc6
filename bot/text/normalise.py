"""Folding chat text for matching: width, case, whitespace, accents and compact keys."""

import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

# Lone surrogates make OpenCC's UTF-8 encoding raise; control and zero-width characters
# would otherwise split or glue words invisibly.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u200b\u200c\u200e\u200f\u2060\ufeff\ud800-\udfff]"
)
_ACCENTED = re.compile("[\u00c0-\u024f\u1e00-\u1eff]")
_COMBINING = re.compile("[\u0300-\u036f]")
_NOT_WORD = re.compile(r"[\W_]+")


def fold_width_case(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation), lower case, whitespace collapsed."""
    text = _INVISIBLE.sub("", text)
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(text.split())


def fold_accents(text: str) -> str:
    """Drop Latin accents (`estée` -> `estee`); everything else is left as it is."""
    if not _ACCENTED.search(text):
        return text

    stripped = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return unicodedata.normalize("NFC", stripped)


def compact_key(text: str) -> str:
    """Accents folded, spaces, `·`, `-` and punctuation removed: `sk-ii` -> `skii`."""
    return _NOT_WORD.sub("", fold_accents(text))
