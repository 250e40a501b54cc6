"""Tests for turning Bilibili and Douyu chat logs into show transcripts."""

import csv
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.transcript_import import TranscriptImportError, import_chat_log

logger = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BILIBILI_LOG = SHARED_DATA / "zh_live_danmaku_bilibili_live.csv"

BILIBILI_HEADER = ["date", "time", "room_id", "user", "content"]
DOUYU_HEADER = ["timestamp", "user", "content", "user_level", "room_id"]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def write_script(path: Path, events: list[dict[str, Any]]) -> Path:
    lines = [json.dumps(event, ensure_ascii=False) for event in events]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_bilibili_rows_become_chat_lines_in_show_seconds(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "7", "U_Alpha", "  主播晚上好  "],
            ["2024.05.01", "20:00:05", "7", "u_beta", "小棕瓶多少錢"],
            ["2024.05.01", "20:01:00", "7", "u_alpha", "已拍"],
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out)

    assert read_lines(out) == [
        {"t": 0, "type": "chat", "user": "u_alpha", "text": "主播晚上好"},
        {"t": 5, "type": "chat", "user": "u_beta", "text": "小棕瓶多少錢"},
        {"t": 60, "type": "chat", "user": "u_alpha", "text": "已拍"},
    ]
    assert report.rows_read == 3
    assert report.lines_written == 3
    assert report.log_lines == 3
    assert report.span_seconds == 60
    assert report.formats == ("bilibili",)


def test_douyu_rows_keep_fractions_of_a_second(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "d.csv",
        DOUYU_HEADER,
        [
            ["2024-05-01T20:00:00.250000", "u_one", " 好耶 ", "8", "99"],
            ["2024-05-01T20:00:02.000000", "u_two", "3號連結", "12", "99"],
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out)

    lines = read_lines(out)
    assert [line["t"] for line in lines] == [0, 1.75]
    assert lines[0]["text"] == "好耶"
    assert report.formats == ("douyu",)


def test_empty_time_takes_the_previous_rows_time(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "", "5", "u_first", "還沒有時間"],
            ["2024.05.01", "20:00:00", "5", "u_a", "一"],
            ["2024.05.01", "20:00:09", "5", "u_b", "二"],
            ["2024.05.01", "", "5", "u_c", "三"],
            ["2024.05.01", "", "5", "u_d", "四"],
        ],
    )
    out = tmp_path / "t.jsonl"

    import_chat_log([log], out)

    assert [(line["user"], line["t"]) for line in read_lines(out)] == [
        ("u_first", 0),
        ("u_a", 0),
        ("u_b", 9),
        ("u_c", 9),
        ("u_d", 9),
    ]


def test_room_filter_keeps_one_room_and_counts_the_rest(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "1", "u_a", "一號房"],
            ["2024.05.01", "20:00:10", "2", "u_b", "二號房"],
            ["2024.05.01", "20:00:30", "2", "u_c", "還是二號房"],
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out, room="2")

    assert [(line["user"], line["t"]) for line in read_lines(out)] == [("u_b", 0), ("u_c", 20)]
    assert report.skipped_room == 1


def test_limit_caps_the_log_lines(tmp_path: Path) -> None:
    rows = [["2024.05.01", f"20:00:{second:02d}", "1", f"u_{second}", "hi"] for second in range(9)]
    log = write_csv(tmp_path / "b.csv", BILIBILI_HEADER, rows)
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out, limit=4)

    assert len(read_lines(out)) == 4
    assert report.rows_read == 4

    with pytest.raises(TranscriptImportError):
        import_chat_log([log], out, limit=0)


def test_script_merges_by_time_with_log_lines_first_at_a_tie(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "1", "u_a", "開始"],
            ["2024.05.01", "20:00:10", "1", "u_b", "十秒"],
            ["2024.05.01", "20:00:20", "1", "u_c", "二十秒"],
        ],
    )
    script = write_script(
        tmp_path / "s.jsonl",
        [
            {"t": 5, "type": "chat", "user": "host", "text": "1號連結", "badges": ["broadcaster"]},
            {"t": 10, "type": "cheer", "user": "fan", "bits": 100, "text": "Cheer100"},
            {"t": 30, "type": "chat", "user": "host", "text": "!show end"},
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out, script=script)

    lines = read_lines(out)
    assert [(line["t"], line.get("text")) for line in lines] == [
        (0, "開始"),
        (5, "1號連結"),
        (10, "十秒"),
        (10, "Cheer100"),
        (20, "二十秒"),
        (30, "!show end"),
    ]
    assert lines[1]["badges"] == ["broadcaster"]
    assert lines[3]["bits"] == 100
    assert report.script_events == 3
    assert report.lines_written == 6
    assert report.span_seconds == 30


def test_fit_script_stretches_the_script_over_the_log(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "1", "u_a", "開始"],
            ["2024.05.01", "21:00:00", "1", "u_b", "一小時"],
        ],
    )
    script = write_script(
        tmp_path / "s.jsonl",
        [
            {"t": 10, "type": "chat", "user": "mod", "text": "!lineup a b"},
            {"t": 55, "type": "chat", "user": "host", "text": "中場"},
            {"t": 100, "type": "chat", "user": "host", "text": "!show end"},
        ],
    )
    out = tmp_path / "t.jsonl"

    import_chat_log([log], out, script=script, fit_script=True)

    lines = read_lines(out)
    assert [(line["t"], line["text"]) for line in lines] == [
        (0, "開始"),
        (0, "!lineup a b"),
        (1800, "中場"),
        (3600, "一小時"),
        (3600, "!show end"),
    ]


def test_bad_rows_are_skipped_and_counted(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "1", "u_a", "好"],
            ["2024.05.01", "20:00:01", "1", "u_b"],
            ["2024.05.01", "25:61:00", "1", "u_c", "壞時間"],
            ["2024.05.01", "20:00:02", "1", "", "沒有人"],
            ["2024.05.01", "20:00:03", "1", "u_d", "   "],
            ["2024.05.01", "20:00:04", "1", "u_e", "也好", "extra"],
            ["2024.05.01", "20:00:05", "1", "u_f", "最後"],
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out)

    assert [line["user"] for line in read_lines(out)] == ["u_a", "u_f"]
    assert report.rows_read == 7
    assert report.skipped_bad == 4
    assert report.skipped_empty == 1


def test_concatenated_rooms_are_sorted_by_time(tmp_path: Path) -> None:
    log = write_csv(
        tmp_path / "b.csv",
        BILIBILI_HEADER,
        [
            ["2024.05.01", "20:00:00", "1", "u_a", "一號房開始"],
            ["2024.05.01", "20:10:00", "1", "u_a", "一號房結束"],
            ["2024.05.01", "20:05:00", "2", "u_b", "二號房"],
        ],
    )
    out = tmp_path / "t.jsonl"

    report = import_chat_log([log], out)

    assert [line["t"] for line in read_lines(out)] == [0, 300, 600]
    assert report.out_of_order == 1


def test_unknown_header_and_broken_script_raise(tmp_path: Path) -> None:
    log = write_csv(tmp_path / "x.csv", ["when", "who", "what"], [["1", "a", "b"]])
    good = write_csv(
        tmp_path / "b.csv", BILIBILI_HEADER, [["2024.05.01", "20:00:00", "1", "u", "x"]]
    )
    backwards = tmp_path / "s.jsonl"
    backwards.write_text('{"t": 5, "type": "chat"}\n{"t": 1, "type": "chat"}\n', encoding="utf-8")
    out = tmp_path / "t.jsonl"

    with pytest.raises(TranscriptImportError, match="unknown chat log header"):
        import_chat_log([log], out)
    with pytest.raises(TranscriptImportError, match="backwards"):
        import_chat_log([good], out, script=backwards)
    assert not out.exists()


@pytest.mark.skipif(not BILIBILI_LOG.exists(), reason="shared chat data not present")
def test_real_bilibili_log_with_the_example_script(tmp_path: Path) -> None:
    out = tmp_path / "show.jsonl"

    report = import_chat_log(
        [BILIBILI_LOG], out, script=REPO / "examples" / "show_script.jsonl", fit_script=True
    )

    assert report.rows_read == 41_581
    assert report.skipped_bad == 0
    assert 4 * 3600 <= report.span_seconds <= 4.5 * 3600
    assert report.lines_written == report.log_lines + report.script_events

    with out.open(encoding="utf-8") as stream:
        times = [json.loads(line)["t"] for line in stream]
    assert times == sorted(times)

    last = json.loads(out.read_text(encoding="utf-8").splitlines()[-1])
    assert last["text"] == "!show end"
