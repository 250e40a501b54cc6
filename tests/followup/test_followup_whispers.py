"""The whisper budget: distinct recipients a day, whispers a second and a minute, restarts."""

from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.config import FollowupSettings
from bot.followup.whispers import WhisperBudget
from bot.store.db import Database

START = 1_772_366_400.0
DAY = 86_400.0


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "livepicks.db")
    yield database
    await database.close()


async def test_three_a_second_then_a_wait(db: Database) -> None:
    budget = WhisperBudget(db, VirtualClock(START), FollowupSettings())

    waits = [await budget.reserve(f"v{n}") for n in range(4)]

    assert waits[:3] == [0, 0, 0]
    assert waits[3] == pytest.approx(1.0, abs=0.002)


async def test_a_minute_allows_the_configured_number(db: Database) -> None:
    clock = VirtualClock(START)
    budget = WhisperBudget(db, clock, FollowupSettings(whisper_per_minute=5))

    for n in range(5):
        assert await budget.reserve(f"v{n}") == 0
        await clock.advance_to(clock.now() + 1.0)

    wait = await budget.reserve("v5")
    assert wait == pytest.approx(55.0, abs=0.002)


async def test_distinct_recipients_per_rolling_day(db: Database) -> None:
    clock = VirtualClock(START)
    budget = WhisperBudget(db, clock, FollowupSettings())
    for n in range(40):
        assert await budget.reserve(f"v{n}") == 0
        await clock.advance_to(clock.now() + 1.0)

    assert await budget.reserve("newcomer") is None
    assert await budget.reserve("v7") == 0
    assert await budget.next_new_slot_at() == pytest.approx(START + DAY, abs=0.002)

    await clock.advance_to(START + DAY + 0.5)
    assert await budget.reserve("newcomer") == 0
    assert await budget.reserve("another") is None


async def test_the_budget_survives_a_restart(tmp_path: Path) -> None:
    clock = VirtualClock(START)
    first = await Database.open(tmp_path / "livepicks.db")
    budget = WhisperBudget(first, clock, FollowupSettings(whisper_new_per_day=2))
    assert await budget.reserve("a") == 0
    assert await budget.reserve("b") == 0
    await first.close()

    second = await Database.open(tmp_path / "livepicks.db")
    try:
        budget = WhisperBudget(second, clock, FollowupSettings(whisper_new_per_day=2))
        assert await budget.reserve("c") is None
    finally:
        await second.close()


async def test_no_daily_budget_never_frees(db: Database) -> None:
    budget = WhisperBudget(db, VirtualClock(START), FollowupSettings(whisper_new_per_day=0))

    assert await budget.reserve("a") is None
    assert await budget.next_new_slot_at() is None
