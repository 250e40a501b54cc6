"""The database: transactions commit together, roll back together, survive cancellation."""

import asyncio
from pathlib import Path

import pytest

from bot.store.db import Database


async def test_transaction_rolls_back_on_error(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")

    with pytest.raises(RuntimeError):
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO processed_events VALUES ('x', 'chat', 1.0)")
            raise RuntimeError("boom")

    assert await db.fetchall("SELECT * FROM processed_events") == []
    await db.execute("INSERT INTO processed_events VALUES ('y', 'chat', 2.0)")
    assert len(await db.fetchall("SELECT * FROM processed_events")) == 1
    await db.close()


async def test_cancelled_writer_leaves_connection_usable(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")

    async def slow_writer() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO processed_events VALUES ('x', 'chat', 1.0)")
            await asyncio.sleep(10)

    task = asyncio.create_task(slow_writer())
    await asyncio.sleep(0.05)
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    await db.execute("INSERT INTO processed_events VALUES ('y', 'chat', 2.0)")
    rows = await db.fetchall("SELECT message_id FROM processed_events")
    assert [row["message_id"] for row in rows] == ["y"]
    await db.close()


async def test_data_survives_reopen(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")
    await db.execute("INSERT INTO processed_events VALUES ('x', 'chat', 1.0)")
    await db.close()

    reopened = await Database.open(tmp_path / "a.db")
    assert len(await reopened.fetchall("SELECT * FROM processed_events")) == 1
    await reopened.close()


async def test_a_transaction_inside_another_joins_it(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")

    with pytest.raises(RuntimeError):
        async with db.transaction():
            await db.execute("INSERT INTO processed_events VALUES ('x', 'chat', 1.0)")
            await db.execute("INSERT INTO processed_events VALUES ('y', 'chat', 1.0)")
            raise RuntimeError("the line failed half way")

    assert await db.fetchall("SELECT * FROM processed_events") == []
    await db.close()


async def test_a_task_started_inside_a_transaction_does_not_join_it(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")

    async with db.transaction():
        await db.execute("INSERT INTO processed_events VALUES ('x', 'chat', 1.0)")
        other = asyncio.create_task(
            db.execute("INSERT INTO processed_events VALUES ('y', 'chat', 2.0)")
        )
        await asyncio.sleep(0.05)
        assert not other.done()

    await other
    assert len(await db.fetchall("SELECT * FROM processed_events")) == 2
    await db.close()


async def test_schema_comments_may_hold_semicolons(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "a.db")

    async with db.transaction() as tx:
        await tx.executescript_in_transaction(
            "-- one; two\nCREATE TABLE t (a TEXT);\n"
            "-- three; four\nINSERT INTO t VALUES ('x;y');\n"
        )

    assert [row["a"] for row in await db.fetchall("SELECT a FROM t")] == ["x;y"]
    await db.close()
