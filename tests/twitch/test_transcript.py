"""Show transcripts: parsing, defaults, and bad lines skipped with a warning."""

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.twitch.transcript import (
    TranscriptError,
    TranscriptEvent,
    load_transcript,
    parse_transcript,
)

logger = logging.getLogger(__name__)


def _line(**fields: Any) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]


def test_every_type_becomes_an_event_with_its_fields() -> None:
    lines = [
        _line(t=1.5, type="chat", user="Viewer1", text="口紅多少", badges=["moderator", "vip"]),
        _line(t=2, type="cheer", user="carol", bits=100, text="Cheer100"),
        _line(t=3, type="sub_gift", user="dan", count=5, tier="3000"),
        _line(t=4, type="redemption", user="erin", reward="幫我挑", cost=500, input="乾性"),
        _line(t=5, type="raid", user="frank", viewers=0),
    ]

    events = parse_transcript(lines, "show.jsonl")

    assert events == [
        TranscriptEvent(
            t=1.5,
            type="chat",
            user="viewer1",
            text="口紅多少",
            badges=("moderator", "vip"),
            line_no=1,
        ),
        TranscriptEvent(t=2.0, type="cheer", user="carol", bits=100, text="Cheer100", line_no=2),
        TranscriptEvent(t=3.0, type="sub_gift", user="dan", count=5, tier="3000", line_no=3),
        TranscriptEvent(
            t=4.0,
            type="redemption",
            user="erin",
            reward="幫我挑",
            cost=500,
            input="乾性",
            line_no=4,
        ),
        TranscriptEvent(t=5.0, type="raid", user="frank", viewers=0, line_no=5),
    ]


def test_optional_fields_take_their_defaults() -> None:
    lines = [
        _line(t=7, type="chat", user="a", text="hi"),
        _line(type="cheer", user="b", bits=1),
        _line(type="sub_gift", user="c", count=1),
        _line(type="redemption", user="d", reward="r", cost=0),
    ]

    chat, cheer, gift, redemption = parse_transcript(lines, "show.jsonl")

    assert chat.badges == ()
    assert (cheer.t, cheer.text) == (7.0, "")
    assert (gift.t, gift.tier) == (7.0, "1000")
    assert (redemption.t, redemption.input) == (7.0, "")


def test_blank_lines_are_ignored_and_line_numbers_kept() -> None:
    lines = [
        "",
        _line(t=1, type="chat", user="a", text="x"),
        "   \n",
        _line(type="raid", user="b", viewers=3),
    ]

    events = parse_transcript(lines, "show.jsonl")

    assert [event.line_no for event in events] == [2, 4]


def test_time_going_backwards_is_clamped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    lines = [
        _line(t=10, type="chat", user="a", text="x"),
        _line(t=4, type="chat", user="b", text="y"),
        _line(t=12, type="chat", user="c", text="z"),
    ]

    with caplog.at_level(logging.WARNING, logger="bot.twitch.transcript"):
        events = parse_transcript(lines, "show.jsonl")

    assert [event.t for event in events] == [10.0, 10.0, 12.0]
    (warning,) = _warnings(caplog)
    assert warning.startswith("show.jsonl line 2:")


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{oops", "invalid JSON"),
        ("[1, 2]", "not a JSON object"),
        (_line(type="dance", user="a"), "unknown type 'dance'"),
        (_line(text="no type", user="a"), "unknown type None"),
        (_line(type="chat", text="hi"), "missing user"),
        (_line(type="chat", user="a b", text="hi"), "user must be a Twitch login"),
        (_line(type="chat", user="a"), "missing text"),
        (_line(type="chat", user="a", text="  "), "text is empty"),
        (_line(type="chat", user="a", text=5), "text must be a string"),
        (_line(type="chat", user="a", text="x", badges=["king"]), "badges must be"),
        (_line(type="chat", user="a", text="x", badges="moderator"), "badges must be"),
        (_line(t=-1, type="chat", user="a", text="x"), "t must be"),
        (_line(t="soon", type="chat", user="a", text="x"), "t must be"),
        (_line(type="cheer", user="a"), "missing bits"),
        (_line(type="cheer", user="a", bits=0), "bits must be"),
        (_line(type="cheer", user="a", bits="100"), "bits must be"),
        (_line(type="cheer", user="a", bits=True), "bits must be"),
        (_line(type="cheer", user="a", bits=1.5), "bits must be"),
        (_line(type="sub_gift", user="a", count=0), "count must be"),
        (_line(type="sub_gift", user="a", count=1, tier="4000"), "tier must be"),
        (_line(type="redemption", user="a", cost=5), "missing reward"),
        (_line(type="redemption", user="a", reward="r", cost=-5), "cost must be"),
        (_line(type="redemption", user="a", reward="r", cost=5, input=3), "input must be"),
        (_line(type="raid", user="a"), "missing viewers"),
        (_line(type="raid", user="a", viewers=-1), "viewers must be"),
    ],
)
def test_a_bad_line_is_skipped_with_a_warning_naming_it(
    line: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [
        _line(t=1, type="chat", user="a", text="ok"),
        line,
        _line(type="chat", user="b", text="ok"),
    ]

    with caplog.at_level(logging.WARNING, logger="bot.twitch.transcript"):
        events = parse_transcript(lines, "show.jsonl")

    assert [event.line_no for event in events] == [1, 3]
    (warning,) = _warnings(caplog)
    assert warning.startswith("show.jsonl line 2 skipped: ")
    assert reason in warning


def test_load_reads_a_file_and_skips_a_line_that_is_not_utf8(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "show.jsonl"
    good = _line(t=1, type="chat", user="a", text="好耶").encode("utf-8")
    path.write_bytes(
        b"\xef\xbb\xbf" + good + b"\r\n" + b'{"t": 2, "text": "\xff"}\n' + good + b"\n"
    )

    with caplog.at_level(logging.WARNING, logger="bot.twitch.transcript"):
        events = load_transcript(path)

    assert [(event.line_no, event.text) for event in events] == [(1, "好耶"), (3, "好耶")]
    (warning,) = _warnings(caplog)
    assert warning == f"{path} line 2 skipped: not UTF-8"


def test_load_raises_only_for_a_file_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match=r"missing\.jsonl"):
        load_transcript(tmp_path / "missing.jsonl")

    with pytest.raises(TranscriptError):
        load_transcript(tmp_path)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"t": 1e308, "type": "chat", "user": "a", "text": "hi"}', "t must be a number"),
        ('{"type": "cheer", "user": "a", "bits": 99999999999999999999}', "bits must be"),
        ('{"type": "sub_gift", "user": "a", "count": 5000}', "count must be"),
        ('{"type": "chat", "user": "<script>", "text": "hi"}', "Twitch login"),
        ('{"type": "raid", "user": "a", "viewers": -1}', "viewers must be"),
        ('{"type": "chat", "user": "a", "text": "' + "長" * 501 + '"}', "longer than Twitch"),
    ],
)
def test_values_outside_what_twitch_allows_are_skipped(
    line: str, reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    assert parse_transcript([line], "show.jsonl") == []
    assert reason in caplog.text
