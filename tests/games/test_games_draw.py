"""Lucky draws: one entry each, seeded picks recorded so anyone can replay them."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.games.audit import audit_draw
from bot.games.draw import DrawSession, pick_winners
from bot.store import games as store
from bot.store.db import Database

T0 = 1_700_000_000.0


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "games.db")
    yield database
    await database.close()


async def open_draw(db: Database, lines: list[str], logins: list[str]) -> DrawSession:
    async def say(text: str) -> None:
        lines.append(text)

    draw = DrawSession("Lip kit", VirtualClock(T0), db, lang="en", say=say)
    await draw.open()
    for login in logins:
        draw.enter(login)
    return draw


async def test_one_entry_per_viewer(db: Database) -> None:
    lines: list[str] = []
    draw = await open_draw(db, lines, [])

    assert draw.enter("Alice")
    assert not draw.enter("alice")
    assert draw.enter("bob")
    await draw.close()
    assert not draw.enter("carol")

    assert draw.entries == ["alice", "bob"]
    assert lines == [
        "Lucky draw: Lip kit! Type !join to enter, once per viewer.",
        "Entries closed: 2 viewers are in the draw!",
    ]
    assert draw.draw_id is not None
    assert await store.draw_entries(db, draw.draw_id) == ["alice", "bob"]


async def test_seeded_pick_replays_the_same_winners(db: Database) -> None:
    logins = [f"viewer{number}" for number in range(50)]
    first = await open_draw(db, [], logins)
    second = await open_draw(db, [], logins)

    winners = await first.pick(3, seed=20240601)

    assert winners == await second.pick(3, seed=20240601)
    assert winners == pick_winners(logins, 3, 20240601)
    assert len(set(winners)) == 3
    assert first.draw_id is not None
    assert (await audit_draw(db, first.draw_id)).winners == winners


async def test_later_rounds_never_repeat_a_winner(db: Database) -> None:
    lines: list[str] = []
    draw = await open_draw(db, lines, ["a", "b", "c", "d", "e"])

    first = await draw.pick(2, seed=1)
    rest = await draw.pick(10, seed=2)
    nobody = await draw.pick(1, seed=3)

    assert len(first) == 2
    assert sorted(first + rest) == ["a", "b", "c", "d", "e"]
    assert nobody == []
    assert lines[-1] == f"Draw #{draw.draw_id} has nobody left to pick, see you next time!"
    assert draw.draw_id is not None
    assert (await audit_draw(db, draw.draw_id)).winners == first + rest


async def test_default_seed_is_recorded_and_replays(db: Database) -> None:
    lines: list[str] = []
    draw = await open_draw(db, lines, [f"v{number}" for number in range(20)])

    winners = await draw.pick(2)

    assert draw.draw_id is not None
    picks = await store.draw_picks(db, draw.draw_id)
    assert len(picks) == 1
    assert picks[0].winners == tuple(winners)
    assert f"seed {picks[0].seed}" in lines[-1]
    assert "@" + winners[0] in lines[-1]
    assert (await audit_draw(db, draw.draw_id)).winners == winners


async def test_more_winners_than_entries(db: Database) -> None:
    draw = await open_draw(db, [], ["solo", "duo"])

    winners = await draw.pick(5, seed=7)

    assert sorted(winners) == ["duo", "solo"]


async def test_pick_needs_an_open_draw_and_a_count(db: Database) -> None:
    draw = await open_draw(db, [], ["a"])

    with pytest.raises(ValueError):
        await draw.pick(0)

    async def say(text: str) -> None:
        pass

    unopened = DrawSession("x", VirtualClock(T0), db, lang="en", say=say)
    with pytest.raises(RuntimeError):
        await unopened.pick(1)


async def test_shutdown_keeps_the_entries_of_an_open_draw(db: Database) -> None:
    lines: list[str] = []
    draw = await open_draw(db, lines, ["ann", "bo"])

    await draw.interrupt()

    assert not draw.enter("cy")
    assert len(lines) == 1
    assert draw.draw_id is not None
    row = await store.draw_row(db, draw.draw_id)
    assert row is not None
    assert row["status"] == "abandoned"
    assert await store.draw_entries(db, draw.draw_id) == ["ann", "bo"]


async def test_a_picked_draw_is_not_touched_by_shutdown(db: Database) -> None:
    draw = await open_draw(db, [], ["ann", "bo"])
    await draw.pick(1, seed=5)

    await draw.interrupt()

    assert draw.draw_id is not None
    row = await store.draw_row(db, draw.draw_id)
    assert row is not None
    assert row["status"] == "closed"


@pytest.mark.parametrize(
    ("lang", "announcement"),
    [
        ("zh-Hant", "抽獎開始！輸入 !join 參加，每人一次。"),
        ("zh-Hans", "抽奖开始！输入 !join 参加，每人一次。"),
        ("en", "Lucky draw! Type !join to enter, once per viewer."),
    ],
)
async def test_a_draw_without_a_title(db: Database, lang: str, announcement: str) -> None:
    lines: list[str] = []

    async def say(text: str) -> None:
        lines.append(text)

    draw = DrawSession("", VirtualClock(T0), db, lang=lang, say=say)
    await draw.open()

    assert lines == [announcement]
    assert not draw.closed
    await draw.close()
    assert draw.closed
