"""Draw audits: every round picked again from the stored entries and seeds, and compared."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.games.audit import DrawNotFoundError, audit_draw, audit_draw_file
from bot.games.draw import DrawSession
from bot.store.db import Database

T0 = 1_700_000_000.0


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "games.db")
    yield database
    await database.close()


async def picked_draw(db: Database) -> tuple[int, list[str]]:
    async def say(text: str) -> None:
        pass

    draw = DrawSession("Lip kit", VirtualClock(T0), db, lang="en", say=say)
    draw_id = await draw.open()
    for number in range(30):
        draw.enter(f"viewer{number:02d}")
    winners = await draw.pick(2, seed=99) + await draw.pick(1)
    return draw_id, winners


async def test_an_honest_draw_replays_round_by_round(db: Database) -> None:
    draw_id, winners = await picked_draw(db)

    audit = await audit_draw(db, draw_id)

    assert audit.matches
    assert audit.winners == winners
    assert audit.rounds[0].seed == "99"
    assert len(audit.entries) == 30
    report = audit.describe()
    assert "round 1: seed 99, 2 asked" in report
    assert report.endswith("replay matches the record")


async def test_a_changed_record_is_caught(db: Database) -> None:
    draw_id, winners = await picked_draw(db)
    await db.execute(
        "UPDATE draw_entries SET login = 'cheater' WHERE draw_id = ? AND login = ?",
        (draw_id, winners[0]),
    )

    audit = await audit_draw(db, draw_id)

    assert not audit.matches
    assert "DOES NOT match" in audit.describe()


async def test_unknown_draw(db: Database) -> None:
    with pytest.raises(DrawNotFoundError):
        await audit_draw(db, 404)


def test_a_missing_database_file_is_not_created(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        audit_draw_file(tmp_path / "nope.db", 1)

    assert not (tmp_path / "nope.db").exists()
