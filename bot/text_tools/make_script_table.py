"""Builds bot/text/script_table.py: which characters show a line is Simplified.

Run `python -m bot.text_tools.make_script_table` after upgrading OpenCC or jieba; a test
checks that the shipped table matches what the installed packages give.
"""

import logging
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import opencc

from bot.text.dictionary import HAN_CHARS, WordDictionary

logger = logging.getLogger(__name__)

TABLE_FILE = Path(__file__).resolve().parents[1] / "text" / "script_table.py"
_HAN_BLOCKS = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))
_ALL_HAN = re.compile(f"^[{HAN_CHARS}]+$")
# A CJK character is two columns wide; 40 of them fit the 99-column limit with room to spare.
CHARS_PER_LINE = 40


@dataclass(frozen=True)
class ScriptTable:
    simplified_only: frozenset[str]  # never written so in Taiwan or Hong Kong
    ambiguous: frozenset[str]  # Simplified forms that Traditional keeps inside some words
    kept_phrases: frozenset[str]  # those words: 公里, 皇后, 干涉 ...


def _convert_each(converter: opencc.OpenCC, items: list[str]) -> list[str]:
    return converter.convert("\n".join(items)).split("\n")


def _changed_by_s2t(to_traditional: opencc.OpenCC, regional: list[opencc.OpenCC]) -> set[str]:
    """Characters s2t changes that no regional Traditional standard writes as they are.

    Without the regional check 台, 吃, 群 and 温 would count as Simplified, yet Taiwan or
    Hong Kong write them that way.
    """
    chars = [chr(code) for first, last in _HAN_BLOCKS for code in range(first, last + 1)]
    traditional = _convert_each(to_traditional, chars)
    in_region = [_convert_each(converter, traditional) for converter in regional]

    return {
        char
        for index, char in enumerate(chars)
        if traditional[index] != char and all(region[index] != char for region in in_region)
    }


def derive(dictionary: WordDictionary | None = None) -> ScriptTable:
    """From OpenCC's s2t, t2tw and t2hk and jieba's word list, as installed."""
    to_traditional = opencc.OpenCC("s2t")
    candidates = _changed_by_s2t(to_traditional, [opencc.OpenCC("t2tw"), opencc.OpenCC("t2hk")])

    # OpenCC's phrase table keeps some of them in real words (里 in 公里, 后 in 皇后); jieba's
    # word list finds those words, and such a character alone proves nothing.
    words = dictionary or WordDictionary.load()
    with_candidates = [
        word
        for word in words
        if len(word) > 1 and _ALL_HAN.match(word) and not candidates.isdisjoint(word)
    ]
    converted = _convert_each(to_traditional, with_candidates)

    kept_phrases = set()
    ambiguous = set()
    for word, traditional in zip(with_candidates, converted, strict=True):
        if len(word) != len(traditional):
            continue
        kept = {a for a, b in zip(word, traditional, strict=True) if a == b and a in candidates}
        if kept:
            ambiguous |= kept
            kept_phrases.add(word)

    kept_phrases = {phrase for phrase in kept_phrases if not ambiguous.isdisjoint(phrase)}
    return ScriptTable(
        frozenset(candidates - ambiguous), frozenset(ambiguous), frozenset(kept_phrases)
    )


def _string_lines(items: list[str], separator: str) -> list[str]:
    lines: list[str] = []
    current = ""
    for item in items:
        piece = f"{current}{separator}{item}" if current else item
        if len(piece) > CHARS_PER_LINE and current:
            lines.append(current + separator)
            piece = item
        current = piece
    if current:
        lines.append(current)
    return [f'    "{line}"' for line in lines]


def render(table: ScriptTable) -> str:
    """The source of bot/text/script_table.py."""
    parts = [
        '"""Which characters show a Chinese line is Simplified: generated, do not edit by hand.',
        "",
        "Made by `python -m bot.text_tools.make_script_table` from OpenCC's s2t, t2tw and t2hk",
        "and jieba's word list; tests/text/test_script_table.py checks that it is current.",
        '"""',
        "",
        "import logging",
        "",
        "logger = logging.getLogger(__name__)",
        "",
        "# Characters that s2t changes and that no Taiwan or Hong Kong text writes as they are.",
        "SIMPLIFIED_ONLY = frozenset(",
        *_string_lines(sorted(table.simplified_only), ""),
        ")",
        "",
        "# Simplified forms that s2t keeps inside some words: Simplified only outside them.",
        "AMBIGUOUS = frozenset(",
        *_string_lines(sorted(table.ambiguous), ""),
        ")",
        "",
        "# Those words (公里, 皇后), space-separated.",
        "_KEPT_PHRASES_TEXT = (",
        *_string_lines(sorted(table.kept_phrases), " "),
        ")",
        "KEPT_PHRASES = frozenset(_KEPT_PHRASES_TEXT.split())",
        "",
    ]
    return "\n".join(parts)


def main() -> int:
    table = derive()
    TABLE_FILE.write_text(render(table), encoding="utf-8")
    print(
        f"wrote {TABLE_FILE}: {len(table.simplified_only)} Simplified-only characters, "
        f"{len(table.ambiguous)} ambiguous ones, {len(table.kept_phrases)} phrases"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
