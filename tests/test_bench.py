"""`livepicks bench analyze`: the helpers around the timing (no speed is asserted here)."""

import json
import logging
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.text_tools import TextToolError
from bot.text_tools.bench import (
    BenchResult,
    Measured,
    format_result,
    peak_mb,
    rate,
    run_bench,
    run_measured,
    targets,
)
from bot.text_tools.bench_phases import main as phase_main
from bot.text_tools.chat_log import distinct_lines, read_chat_lines

logger = logging.getLogger(__name__)

CATALOG = Path(__file__).resolve().parents[1] / "examples" / "catalog.toml"


def _result(**changes: float) -> BenchResult:
    values: dict[str, float] = {
        "lines": 41_581,
        "distinct": 16_967,
        "naive_lines": 3_000,
        "naive_rate": 1_500.0,
        "naive_mb": 500.0,
        "naive_startup_s": 2.5,
        "ours_rate": 60_000.0,
        "ours_mb": 90.0,
        "distinct_rate": 30_000.0,
        "distinct_mb": 85.0,
        "startup_s": 0.5,
        "bot_mb": 120.0,
    }
    values.update(changes)
    return BenchResult(**values)  # type: ignore[arg-type]


@pytest.fixture
def chat_log(tmp_path: Path) -> Path:
    path = tmp_path / "chat.csv"
    path.write_text(
        "date,time,room_id,user,content\n"
        "d,t,1,u1,哈哈哈\nd,t,1,u2,已拍\nd,t,1,u3,哈哈哈\nd,t,1,u4,\n",
        encoding="utf-8",
    )
    return path


def test_rate_and_memory_units() -> None:
    assert rate({"lines": 300, "seconds": 1.5}) == 200.0
    assert rate({"lines": 300, "seconds": 0}) == 0.0
    assert peak_mb(204_800) == 200.0


def test_targets_met() -> None:
    result = _result()

    assert result.ratio == 40.0
    assert result.distinct_ratio == 20.0
    assert [met for _, _, met in targets(result)] == [True, True, True, True]


def test_targets_missed() -> None:
    result = _result(ours_rate=30_000.0, distinct_rate=20_000.0, bot_mb=200.0, startup_s=1.5)

    assert [met for _, _, met in targets(result)] == [False, False, False, False]
    assert format_result(result, Path("chat.csv")).count("NOT MET") == 4


def test_the_table_says_what_was_sampled() -> None:
    text = format_result(_result(), Path("chat.csv"))

    assert "chat.csv: 41,581 lines, 16,967 distinct" in text
    assert "first 3,000 lines" in text
    assert "ratio ours/naive: 40.0x (all lines), 20.0x (distinct lines, no cache)" in text
    assert "running bot" in text and "120 MB" in text


def test_chat_lines(chat_log: Path) -> None:
    lines = read_chat_lines(chat_log)

    assert lines == ["哈哈哈", "已拍", "哈哈哈", ""]
    assert distinct_lines(lines) == ["哈哈哈", "已拍", ""]


def test_a_log_without_content_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")

    with pytest.raises(TextToolError, match="no 'content' column"):
        read_chat_lines(path)


def test_a_missing_log_exits_2_with_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(TextToolError, match="chat log not found"):
        run_bench(Path("no-such-log.csv"))

    assert main(["bench", "analyze", "--data", "no-such-log.csv"]) == 2
    assert "give one with --data" in capsys.readouterr().err


def test_a_child_reports_its_own_peak_memory() -> None:
    measured = run_measured([sys.executable, "-c", "print('noise'); print('{\"lines\": 3}')"])

    assert measured.output == {"lines": 3}
    assert measured.peak_mb > 1
    assert Measured("", 1.0).output == {}


def test_a_failing_child_is_reported() -> None:
    with pytest.raises(TextToolError, match="failed"):
        run_measured([sys.executable, "-c", "raise SystemExit(3)"])


def test_the_distinct_phase_reads_each_line_once(
    chat_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert phase_main(["distinct", str(chat_log), str(CATALOG)]) == 0

    output = json.loads(capsys.readouterr().out)
    assert output["lines"] == 3
    assert output["seconds"] >= 0
