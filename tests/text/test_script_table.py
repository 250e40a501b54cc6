"""The generated Simplified-only table is current and decides `lang` as OpenCC's s2t did."""

import csv
import logging
import re
from pathlib import Path

import opencc
import pytest

from bot.text import script_table
from bot.text.script import has_simplified_only
from bot.text_tools.make_script_table import derive, render

logger = logging.getLogger(__name__)

BILIBILI = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "zh_live_danmaku_bilibili_live.csv"
)
LABELLED = Path(__file__).resolve().parents[2] / "examples" / "labelled_chat.csv"
_HAN = re.compile("[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def to_traditional() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def test_the_shipped_table_is_current() -> None:
    table = derive()

    assert table.simplified_only == script_table.SIMPLIFIED_ONLY
    assert table.ambiguous == script_table.AMBIGUOUS
    assert table.kept_phrases == script_table.KEPT_PHRASES
    assert render(table) == Path(script_table.__file__).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "simplified"),
    [
        ("我们", True),
        ("干得漂亮", True),
        ("去哪里啦", True),
        ("看看背后", True),
        ("一公里", False),
        ("皇后", False),
        ("若干", False),
        ("好的", False),
        ("今天", False),
    ],
)
def test_ambiguous_characters(line: str, simplified: bool) -> None:
    assert has_simplified_only(line) is simplified


def _by_s2t(line: str, to_traditional: opencc.OpenCC) -> bool:
    """The check the table replaces: s2t changes a Simplified-only character of the line."""
    traditional = to_traditional.convert(line)
    if len(traditional) != len(line):
        return True
    return any(
        before != after and before in script_table.SIMPLIFIED_ONLY | script_table.AMBIGUOUS
        for before, after in zip(line, traditional, strict=True)
    )


def _chat_lines() -> list[str]:
    with LABELLED.open(encoding="utf-8", newline="") as file:
        lines = [row["text"] for row in csv.DictReader(file)]
    if BILIBILI.is_file():
        with BILIBILI.open(encoding="utf-8", newline="") as file:
            lines += [row["content"] for row in csv.DictReader(file)]
    to_simplified = opencc.OpenCC("t2s")
    return [
        line
        for line in dict.fromkeys(line.lower() for line in lines)
        if _HAN.search(line) and to_simplified.convert(line) == line
    ]


def test_same_verdicts_as_s2t_on_chat(to_traditional: opencc.OpenCC) -> None:
    differ = [
        line
        for line in _chat_lines()
        if has_simplified_only(line) != _by_s2t(line, to_traditional)
    ]

    assert differ == []
