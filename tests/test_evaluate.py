"""`livepicks evaluate`: accuracies by intent, sentiment sign, products and script."""

import logging
import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.text import Analysis
from bot.text_tools import TextToolError
from bot.text_tools.evaluate import evaluate, sentiment_sign
from bot.text_tools.labelled import LabelledLine, read_labelled

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]

TINY = """text,intent,sentiment,script,products
小棕瓶多少錢,ask_price,neu,zh-Hant,anr-serum
太貴了,price_objection,neg,zh-Hant,
已拍,buy,pos,zh-Hans,
好用吗,praise,pos,zh-Hans,
love it,praise,pos,en,
"""


class _Readings:
    """An analyser stand-in that answers from a table."""

    def __init__(self, table: dict[str, tuple[str, float, tuple[str, ...], str | None]]) -> None:
        self._table = table

    def analyze(self, text: str) -> Analysis:
        intent, sentiment, products, lang = self._table[text]
        return Analysis(text, text, (), products, intent, sentiment, lang)


def _line(text: str, intent: str, sentiment: str, script: str | None) -> LabelledLine:
    return LabelledLine(text, intent, sentiment, script, ())


def test_accuracies_are_counted_by_intent_script_and_label() -> None:
    lines = [
        _line("a", "buy", "pos", "zh-Hant"),
        _line("b", "buy", "neu", "zh-Hant"),
        _line("c", "praise", "pos", "zh-Hans"),
        _line("d", "complaint", "neg", "en"),
    ]
    readings = _Readings(
        {
            "a": ("buy", 0.5, (), None),
            "b": ("chatter", 0.05, (), None),
            "c": ("praise", 0.02, (), None),
            "d": ("chatter", -0.6, (), None),
        }
    )

    evaluation = evaluate(readings, lines)  # type: ignore[arg-type]

    assert (evaluation.intent().correct, evaluation.intent().total) == (2, 4)
    assert evaluation.intent(intent="buy").accuracy == 0.5
    assert evaluation.intent("zh-Hans").accuracy == 1.0
    assert evaluation.intent("en").accuracy == 0.0
    assert evaluation.sentiment().accuracy == 0.75
    assert evaluation.sentiment(label="pos").accuracy == 0.5
    assert evaluation.predicted_count("chatter") == 2
    assert evaluation.scripts == ["zh-Hant", "zh-Hans", "en"]
    confusions = evaluation.confusions(5)
    assert [(c.label, c.predicted, c.count, c.example) for c in confusions] == [
        ("buy", "chatter", 1, "b"),
        ("complaint", "chatter", 1, "d"),
    ]


def test_script_is_derived_when_the_column_is_missing() -> None:
    lines = [_line("x", "chatter", "neu", None), _line("y", "chatter", "neu", None)]
    readings = _Readings({"x": ("chatter", 0.0, (), "zh-Hant"), "y": ("chatter", 0.0, (), None)})

    evaluation = evaluate(readings, lines)  # type: ignore[arg-type]

    assert evaluation.scripts == ["zh-Hant", "undecided"]


@pytest.mark.parametrize(
    ("value", "sign"), [(0.5, "pos"), (0.1, "pos"), (0.09, "neu"), (-0.09, "neu"), (-0.1, "neg")]
)
def test_sentiment_sign(value: float, sign: str) -> None:
    assert sentiment_sign(value) == sign


def test_the_command_prints_the_accuracies(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    labelled = tmp_path / "tiny.csv"
    labelled.write_text(TINY, encoding="utf-8")

    code = main(["evaluate", str(labelled)])

    report = capsys.readouterr().out
    assert code == 0
    assert "5 labelled lines" in report
    # 好用吗 asks; it is a question about a product, not praise: 4 of 5 right.
    assert re.search(r"^  intent +80\.0% \(4/5\)", report, re.MULTILINE)
    assert re.search(r"^  products +100\.0% \(5/5\)", report, re.MULTILINE)
    assert "praise -> question: 1  好用吗" in report


def test_missing_columns_and_bad_labels_are_reported(tmp_path: Path) -> None:
    no_intent = tmp_path / "a.csv"
    no_intent.write_text("text,sentiment\nx,pos\n", encoding="utf-8")
    bad_label = tmp_path / "b.csv"
    bad_label.write_text("text,intent,sentiment\nx,buy,happy\n", encoding="utf-8")

    with pytest.raises(TextToolError, match="missing columns: intent"):
        read_labelled(no_intent)
    with pytest.raises(TextToolError, match="row 2: sentiment 'happy'"):
        read_labelled(bad_label)


def test_a_missing_file_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["evaluate", "no-such-file.csv"]) == 2
    assert "labelled file not found" in capsys.readouterr().err
