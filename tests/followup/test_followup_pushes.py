"""Post-show pushes on a virtual clock: the delay, the whisper budget, restarts and failures."""

import asyncio
import logging
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.clock import Clock, VirtualClock, WallClock
from bot.config import FollowupSettings
from bot.followup.pushes import PushScheduler
from bot.store.db import Database

START = 1_772_366_400.0
DELAY_S = 600.0
DAY = 86_400.0
SETTINGS = FollowupSettings(delay_minutes=10.0)


class Outbox:
    """A stand-in for Twitch's whisper endpoint that notes the clock time of each call."""

    def __init__(self, clock: Clock, answer: Callable[[str], bool] = lambda login: True) -> None:
        self.clock = clock
        self.answer = answer
        self.sent: list[tuple[float, str, str]] = []
        self.arrived = asyncio.Event()

    async def send(self, login: str, text: str) -> bool:
        self.sent.append((self.clock.now(), login, text))
        self.arrived.set()
        return self.answer(login)

    async def wait_for(self, count: int) -> None:
        while len(self.sent) < count:
            self.arrived.clear()
            await self.arrived.wait()

    @property
    def logins(self) -> list[str]:
        return [login for _, login, _ in self.sent]


async def message(login: str) -> str:
    return f"list for {login}"


async def add_viewers(db: Database, logins: list[str], notify: bool = True) -> None:
    await db.executemany(
        "INSERT INTO viewers (login, first_seen, last_seen, notify) VALUES (?, 0, 0, ?)",
        [(login, int(notify)) for login in logins],
    )


async def started(
    db: Database, clock: Clock, outbox: Outbox, settings: FollowupSettings = SETTINGS
) -> PushScheduler:
    pushes = PushScheduler(
        db, clock, settings, send_whisper=outbox.send, message_for=message, virtual=True
    )
    await pushes.start()
    return pushes


def viewers(count: int) -> list[str]:
    return [f"viewer{n:02d}" for n in range(count)]


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "livepicks.db")
    yield database
    await database.close()


async def test_nothing_is_sent_before_the_delay(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, ["a", "b", "c"])
    await add_viewers(db, ["quiet"], notify=False)
    pushes = await started(db, clock, outbox)

    assert await pushes.schedule_show_end(["a", "b", "quiet", "c", "a", "stranger"]) == 3
    await clock.advance_to(START + DELAY_S - 1)
    assert outbox.sent == []
    assert await pushes.summary() == {"scheduled": 3, "sent": 0, "queued": 0, "failed": 0}

    await clock.advance_to(START + DELAY_S + 1)
    assert outbox.sent == [(START + DELAY_S, login, f"list for {login}") for login in "abc"]
    assert await pushes.summary() == {"scheduled": 0, "sent": 3, "queued": 0, "failed": 0}
    await pushes.shutdown()


async def test_forty_a_day_the_rest_after_24_hours(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, viewers(45))
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(viewers(45))

    await clock.advance_to(START + DELAY_S + 3600)
    assert outbox.logins == viewers(40)
    assert await pushes.summary() == {"scheduled": 0, "sent": 40, "queued": 5, "failed": 0}

    await clock.advance_to(START + DELAY_S + DAY + 60)
    assert outbox.logins == viewers(45)
    assert await pushes.summary() == {"scheduled": 0, "sent": 45, "queued": 0, "failed": 0}

    first_send = outbox.sent[0][0]
    assert all(t >= first_send + DAY for t, _, _ in outbox.sent[40:])
    await pushes.shutdown()


async def test_no_more_than_three_whispers_in_any_second(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, viewers(30))
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(viewers(30))

    await clock.advance_to(START + DELAY_S + 60)

    times = [t for t, _, _ in outbox.sent]
    assert len(times) == 30
    assert times == sorted(times)
    assert all(times[n + 3] - times[n] >= 1.0 - 1e-9 for n in range(len(times) - 3))
    assert times[-1] - times[0] < 12
    await pushes.shutdown()


async def test_a_restart_neither_loses_nor_resends(tmp_path: Path) -> None:
    path = tmp_path / "livepicks.db"
    clock = VirtualClock(START)
    first_outbox = Outbox(clock)
    db = await Database.open(path)
    await add_viewers(db, viewers(45))
    pushes = await started(db, clock, first_outbox)
    await pushes.schedule_show_end(viewers(45))
    await clock.advance_to(START + DELAY_S + 3600)
    await pushes.shutdown()
    await db.close()

    clock = VirtualClock(START + DELAY_S + 3600)
    second_outbox = Outbox(clock)
    db = await Database.open(path)
    try:
        pushes = await started(db, clock, second_outbox)
        assert await pushes.schedule_show_end(viewers(45)) == 0
        await clock.advance_to(START + DELAY_S + DAY + 60)

        assert first_outbox.logins == viewers(40)
        assert second_outbox.logins == viewers(45)[40:]
        assert (await pushes.summary())["sent"] == 45
        await pushes.shutdown()
    finally:
        await db.close()


async def test_a_restart_before_the_delay_still_sends_once(tmp_path: Path) -> None:
    path = tmp_path / "livepicks.db"
    clock = VirtualClock(START)
    db = await Database.open(path)
    await add_viewers(db, ["a", "b"])
    pushes = await started(db, clock, Outbox(clock))
    await pushes.schedule_show_end(["a", "b"])
    await clock.advance_to(START + 60)
    await pushes.shutdown()
    await db.close()

    clock = VirtualClock(START + 60)
    outbox = Outbox(clock)
    db = await Database.open(path)
    try:
        pushes = await started(db, clock, outbox)
        await clock.advance_to(START + DELAY_S - 1)
        assert outbox.sent == []

        await clock.advance_to(START + 2 * DAY)
        assert outbox.logins == ["a", "b"]
        assert outbox.sent[0][0] == START + DELAY_S
        await pushes.shutdown()
    finally:
        await db.close()


async def test_a_push_cut_off_while_sending_is_not_resent(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = VirtualClock(START)
    await add_viewers(db, ["a", "b"])
    pushes = await started(db, clock, Outbox(clock))
    await pushes.schedule_show_end(["a", "b"])
    await pushes.shutdown()
    await db.execute("UPDATE pushes SET status = 'sending', attempts = 1 WHERE login = 'a'")

    outbox = Outbox(clock)
    with caplog.at_level(logging.WARNING, logger="bot.followup.pushes"):
        pushes = await started(db, clock, outbox)
    await clock.advance_to(START + DELAY_S + 10)

    assert outbox.logins == ["b"]
    assert "cut off while sending" in caplog.text
    row = await db.fetchone("SELECT status, note FROM pushes WHERE login = 'a'")
    assert row is not None and row["status"] == "sent" and "unknown" in row["note"]
    await pushes.shutdown()


async def test_refused_or_broken_sends_are_marked_failed(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    clock = VirtualClock(START)
    caplog.set_level(logging.DEBUG)

    def answer(login: str) -> bool:
        if login == "broken":
            raise ConnectionError("https://example.invalid/l/secret")
        return login != "refused"

    outbox = Outbox(clock, answer)
    await add_viewers(db, ["refused", "broken", "fine"])
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(["refused", "broken", "fine"])

    await clock.advance_to(START + DELAY_S + 10)

    assert await pushes.summary() == {"scheduled": 0, "sent": 1, "queued": 0, "failed": 2}
    rows = await db.fetchall("SELECT login, status, attempts, note FROM pushes ORDER BY id")
    assert [(r["login"], r["status"], r["attempts"]) for r in rows] == [
        ("refused", "failed", 1),
        ("broken", "failed", 1),
        ("fine", "sent", 1),
    ]
    assert rows[1]["note"] == "error: ConnectionError"
    assert "secret" not in caplog.text and "list for" not in caplog.text

    await clock.advance_to(START + 3 * DAY)
    assert len(outbox.sent) == 3
    await pushes.shutdown()


async def test_one_push_per_show_and_one_waiting_per_viewer(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, ["a"])
    pushes = await started(db, clock, outbox)

    assert await pushes.schedule_show_end(["a"]) == 1
    assert await pushes.schedule_show_end(["a"]) == 0
    assert await pushes.schedule_show_end(["a"], show_key="late-show") == 0
    await clock.advance_to(START + DAY)
    assert outbox.logins == ["a"]

    assert await pushes.schedule_show_end(["a"], show_key="next-show") == 1
    await clock.advance_to(START + 2 * DAY)
    assert outbox.logins == ["a", "a"]
    await pushes.shutdown()


async def test_a_new_show_queues_behind_the_viewers_still_waiting(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, viewers(60))
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(viewers(60), show_key="day-1")
    await clock.advance_to(START + DELAY_S + 3600)
    assert outbox.logins == viewers(40)

    # A shorter show the next day: its pushes fall due before yesterday's slots free.
    await clock.advance_to(START + DAY - 300)
    assert await pushes.schedule_show_end(viewers(60), show_key="day-2") == 40
    await clock.advance_to(START + DAY + DELAY_S - 1)
    assert outbox.logins == viewers(40)

    await clock.advance_to(START + DAY + DELAY_S + 3600)
    assert outbox.logins[40:] == viewers(60)[40:] + viewers(20)
    assert await pushes.summary() == {"scheduled": 0, "sent": 80, "queued": 20, "failed": 0}

    await clock.advance_to(START + 2 * DAY + DELAY_S + 3600)
    assert outbox.logins[80:] == viewers(40)[20:]
    await pushes.shutdown()


async def test_viewers_whispered_today_do_not_jump_the_queue(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, ["a", "b", "c"])
    pushes = await started(db, clock, outbox, FollowupSettings(whisper_new_per_day=2))
    await pushes.schedule_show_end(["a", "b", "c"], show_key="show")
    await clock.advance_to(START + DELAY_S + 60)
    assert outbox.logins == ["a", "b"]

    assert await pushes.schedule_show_end(["c", "b", "a"], show_key="encore") == 2
    await clock.advance_to(START + DAY)
    assert outbox.logins == ["a", "b"]

    await clock.advance_to(START + DAY + DELAY_S + 60)
    assert outbox.logins == ["a", "b", "c", "a"]
    await pushes.shutdown()


async def test_pending_pushes_from_before_the_rule_are_merged_on_open(tmp_path: Path) -> None:
    path = tmp_path / "livepicks.db"
    db = await Database.open(path)
    await db.execute("DROP INDEX pushes_one_pending_per_viewer")
    await db.executemany(
        "INSERT INTO pushes (show_key, login, status, due_at, created_at) VALUES (?, ?, ?, ?, 0)",
        [
            ("day-2", "a", "scheduled", START + DAY),
            ("day-1", "a", "queued", START),
            ("day-1", "b", "sent", START),
            ("day-2", "b", "scheduled", START + DAY),
        ],
    )
    await db.close()

    db = await Database.open(path)
    try:
        rows = await db.fetchall("SELECT show_key, login, status FROM pushes ORDER BY id")
        assert [tuple(row) for row in rows] == [
            ("day-2", "a", "cancelled"),
            ("day-1", "a", "queued"),
            ("day-1", "b", "sent"),
            ("day-2", "b", "scheduled"),
        ]
        with pytest.raises(sqlite3.IntegrityError):
            await db.execute(
                "UPDATE pushes SET status = 'queued' WHERE show_key = 'day-2' AND login = 'a'"
            )
    finally:
        await db.close()


async def test_opting_out_before_the_send_cancels(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, ["a", "b"])
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(["a", "b"])
    await db.execute("UPDATE viewers SET notify = 0 WHERE login = 'a'")

    await clock.advance_to(START + DELAY_S + 10)

    assert outbox.logins == ["b"]
    assert (await pushes.summary())["cancelled"] == 1
    await pushes.shutdown()


async def test_shutdown_leaves_nothing_to_fire(db: Database) -> None:
    clock = VirtualClock(START)
    outbox = Outbox(clock)
    await add_viewers(db, ["a"])
    pushes = await started(db, clock, outbox)
    await pushes.schedule_show_end(["a"])

    await pushes.shutdown()
    await clock.advance_to(START + DAY)

    assert outbox.sent == []
    assert clock.next_due() is None


async def test_the_same_show_gives_the_same_result(tmp_path: Path) -> None:
    async def replay(path: Path) -> list[tuple[float, str, str]]:
        clock = VirtualClock(START)
        outbox = Outbox(clock, lambda login: not login.endswith("7"))
        db = await Database.open(path)
        try:
            await add_viewers(db, viewers(45))
            pushes = await started(db, clock, outbox)
            await pushes.schedule_show_end(viewers(45))
            await clock.advance_to(START + DELAY_S + 1800)
            await pushes.schedule_show_end(viewers(45)[::-1], show_key="encore")
            await clock.advance_to(START + 3 * DAY)
            await pushes.shutdown()
        finally:
            await db.close()
        return outbox.sent

    first = await replay(tmp_path / "first.db")
    second = await replay(tmp_path / "second.db")

    assert first == second
    assert len(first) == 85
    assert max(Counter(login for _, login, _ in first).values()) == 2


async def test_live_mode_runs_on_the_wall_clock(db: Database) -> None:
    clock = WallClock()
    outbox = Outbox(clock)
    await add_viewers(db, ["a", "b", "c", "d"])
    settings = FollowupSettings(delay_minutes=0.002)
    pushes = PushScheduler(
        db, clock, settings, send_whisper=outbox.send, message_for=message, virtual=False
    )
    await pushes.start()
    await pushes.schedule_show_end(["a", "b", "c", "d"])

    async with asyncio.timeout(5):
        await outbox.wait_for(4)

    await pushes.shutdown()
    times = [t for t, _, _ in outbox.sent]
    assert outbox.logins == ["a", "b", "c", "d"]
    assert times[3] - times[0] >= 1.0 - 1e-3
    assert (await pushes.summary())["sent"] == 4
    clock.cancel_all()
