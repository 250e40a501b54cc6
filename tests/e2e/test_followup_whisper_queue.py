"""Queued post-show whispers across shows on one database: oldest first, once each, no starving."""

import math
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.rehearsal import RehearsalResult
from tests.e2e.lines import chat

Rehearse = Callable[..., RehearsalResult]
VIEWERS = [f"w{number:02d}" for number in range(60)]
WHISPERS_A_DAY = 40
LONG_SHOW_END_S = 100.0


def show_ending_at(end_s: float, opt_in: bool) -> list[dict]:
    """Every viewer comes to the show: the first opts in, later ones only say hello.

    A standing opt-in brings a viewer a whisper only after shows they come to.
    """
    text = "!notify on" if opt_in else "哈囉 我又來了"
    lines = [chat(1 + n * 0.25, login, text) for n, login in enumerate(VIEWERS)]
    lines.append(chat(end_s, "host", "!show end", ["broadcaster"]))
    return lines


def whispered(result: RehearsalResult) -> list[str]:
    return [m["to"] for m in result.sent if m["kind"] == "whisper"]


@pytest.mark.parametrize(
    ("later_show_end_s", "shape"), [(30.0, "shorter"), (LONG_SHOW_END_S, "as long")]
)
def test_queued_viewers_go_first_and_nobody_is_whispered_twice_for_a_show(
    rehearse_lines: Rehearse, tmp_path: Path, later_show_end_s: float, shape: str
) -> None:
    db_path = tmp_path / "shared.db"

    day_one = rehearse_lines(show_ending_at(LONG_SHOW_END_S, opt_in=True), db_path=db_path)
    day_two = rehearse_lines(show_ending_at(later_show_end_s, opt_in=False), db_path=db_path)
    day_three = rehearse_lines(show_ending_at(later_show_end_s, opt_in=False), db_path=db_path)
    days = [whispered(day) for day in (day_one, day_two, day_three)]

    # Nobody is whispered twice in a day, so never twice for one show.
    assert all(max(Counter(day).values()) == 1 for day in days), shape
    assert days[0] == VIEWERS[:40]
    assert days[1] == VIEWERS[40:] + VIEWERS[:20]
    assert days[2] == VIEWERS[20:60]
    assert day_two.summary["pushes"]["queued"] == 20
    assert day_three.summary["pushes"]["queued"] == 20

    # Every viewer opted in for a show hears from it within ceil(60 / 40) = 2 days.
    days_to_reach_all = math.ceil(len(VIEWERS) / WHISPERS_A_DAY)
    for first_day in range(len(days) - days_to_reach_all + 1):
        reached = set().union(*days[first_day : first_day + days_to_reach_all])
        assert reached == set(VIEWERS), (shape, first_day)


def test_overdue_whispers_go_out_when_a_later_rehearsal_starts(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "shared.db"
    five_hours = 5 * 3600.0
    first = rehearse_lines(show_ending_at(five_hours, opt_in=True), db_path=db_path)

    # A day on, a short rehearsal ends before yesterday's whispers are 24 hours old.
    short = rehearse_lines([chat(0, "w00", "hi")], db_path=db_path)
    # Another day on, the queue is overdue when the bot starts, and goes out at once.
    later = rehearse_lines([chat(0, "w00", "hi again")], db_path=db_path)

    assert whispered(first) == VIEWERS[:40]
    assert whispered(short) == []
    assert short.summary["pushes"]["queued"] == 20
    assert whispered(later) == VIEWERS[40:]
    assert all(m["t"] < 10 for m in later.sent if m["kind"] == "whisper")
    assert later.summary["pushes"] == {"scheduled": 0, "sent": 60, "queued": 0, "failed": 0}
