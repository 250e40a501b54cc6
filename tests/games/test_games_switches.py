"""Game switches: default on, persisted per channel, surviving a database reopen."""

from pathlib import Path

import pytest

from bot.games.switches import GameSwitches, UnknownGameError
from bot.store import games as store
from bot.store.db import Database


async def test_switches_persist_across_reopening(tmp_path: Path) -> None:
    path = tmp_path / "games.db"
    db = await Database.open(path)
    switches = await GameSwitches.load(db, lang="zh-Hant")
    assert all(switches.is_on(game) for game in ("quiz", "vote", "draw"))

    assert await switches.set("vote", False) == "已關閉：投票。"
    assert await switches.set("抽獎", False) == "已關閉：抽獎。"
    assert not switches.is_on("vote")
    await db.close()

    db = await Database.open(path)
    try:
        reloaded = await GameSwitches.load(db, lang="en")
        assert reloaded.is_on("quiz")
        assert not reloaded.is_on("poll")
        assert not reloaded.is_on("draw")
        assert reloaded.describe() == "Games: quiz on | vote off | draw off"
        assert await store.load_game_switches(db) == {"vote": "off", "draw": "off"}

        assert await reloaded.set(None, True) == "Switched on: quiz, vote, draw."
        assert await store.load_game_switches(db) == {"quiz": "on", "vote": "on", "draw": "on"}
    finally:
        await db.close()


async def test_switching_everything_off(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "games.db")
    try:
        switches = await GameSwitches.load(db, lang="zh-Hans")

        assert await switches.set(None, False) == "已关闭：问答、投票、抽奖。"
        assert not any(switches.is_on(game) for game in ("quiz", "vote", "draw"))
        assert (await GameSwitches.load(db)).describe() == "遊戲開關：問答 關｜投票 關｜抽獎 關"
    finally:
        await db.close()


async def test_unknown_game_names_the_choices(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "games.db")
    try:
        switches = await GameSwitches.load(db, lang="en")

        with pytest.raises(UnknownGameError, match="There is no game called 'bingo'"):
            await switches.set("bingo", True)
        with pytest.raises(UnknownGameError, match="quiz, vote, draw"):
            switches.is_on("bingo")
    finally:
        await db.close()
