"""The set test in front of each intent rule only skips lines its pattern could not match."""

import csv
import logging
from pathlib import Path

import pytest

from bot.text.intent import _COMPLAINT_RULE, _PRAISE_RULE, _PRIORITY_RULES, _Rule
from bot.text.script import ScriptConverter

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
LABELLED = ROOT / "examples" / "labelled_chat.csv"
BILIBILI = ROOT.parent / "shared" / "data" / "zh_live_danmaku_bilibili_live.csv"

RULES = [*(rule for _, rule in _PRIORITY_RULES), _PRAISE_RULE, _COMPLAINT_RULE]


def _texts(path: Path, column: str) -> list[str]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as file:
        return [row[column] for row in csv.DictReader(file)]


@pytest.fixture(scope="module")
def lines() -> list[str]:
    texts = _texts(LABELLED, "text") + _texts(BILIBILI, "content")
    to_simplified = ScriptConverter().to_simplified
    return list(dict.fromkeys(to_simplified(text.lower()) for text in texts))


@pytest.mark.parametrize("rule", RULES)
def test_no_match_is_skipped(rule: _Rule, lines: list[str]) -> None:
    skipped = [line for line in lines if rule._trigger.isdisjoint(line)]

    assert [line for line in skipped if rule._chinese.search(line)] == []
