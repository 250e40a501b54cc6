"""Chinese script: Traditional to Simplified conversion and which script a line is in."""

import logging
import re

import opencc

logger = logging.getLogger(__name__)

_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_LETTER = re.compile("[a-z\u00e0-\u024f]")
_HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))


def _simplified_only(
    to_traditional: opencc.OpenCC, regional: list[opencc.OpenCC]
) -> frozenset[str]:
    """Characters that s2t changes and that no regional Traditional standard writes as is.

    Without the regional check 台, 吃, 群 and 温 would count as Simplified, yet Taiwan or
    Hong Kong write them that way.
    """
    chars = [chr(code) for first, last in _HAN_BLOCKS for code in range(first, last + 1)]
    joined = "\n".join(chars)

    traditional = to_traditional.convert(joined).split("\n")
    in_region = [converter.convert("\n".join(traditional)).split("\n") for converter in regional]

    simplified_only = set()
    for index, char in enumerate(chars):
        if traditional[index] == char:
            continue
        if any(region[index] == char for region in in_region):
            continue
        simplified_only.add(char)
    return frozenset(simplified_only)


class ScriptConverter:
    """OpenCC converters, loaded once, and the line-level script guess."""

    def __init__(self) -> None:
        self._to_simplified = opencc.OpenCC("t2s")
        self._to_traditional = opencc.OpenCC("s2t")
        regional = [opencc.OpenCC("t2tw"), opencc.OpenCC("t2hk")]
        self._simplified_only = _simplified_only(self._to_traditional, regional)

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
            if self._has_simplified_only(text):
                return "zh-Hans"
            return None

        latin = len(_LATIN_LETTER.findall(text))
        if not latin:
            return None
        letters = sum(1 for char in text if char.isalpha())
        return "en" if latin * 2 >= letters else None

    def _has_simplified_only(self, text: str) -> bool:
        if self._simplified_only.isdisjoint(text):
            return False

        # Converting the whole line lets OpenCC's phrase table keep shared words such as
        # 公里 and 皇后 unchanged, which a character-by-character check would flag.
        traditional = self._to_traditional.convert(text)
        if len(traditional) != len(text):
            return True
        return any(
            before != after and before in self._simplified_only
            for before, after in zip(text, traditional, strict=True)
        )
