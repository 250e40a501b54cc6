"""The database connection: WAL, one writer, immediate transactions, schema on open."""

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager, suppress
from contextvars import ContextVar
from importlib import resources
from pathlib import Path
from typing import Any

import aiosqlite

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1


class StoreError(RuntimeError):
    """The database cannot be opened or used; the message says which file and why."""


class Database:
    """One connection for the process, so writes never race each other for the lock.

    Every write runs in `BEGIN IMMEDIATE`, which takes the write lock before reading, so a
    read-then-write transaction cannot fail half way with "database is locked".
    """

    def __init__(self, connection: aiosqlite.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        self._write_lock = asyncio.Lock()
        self._current: ContextVar[tuple[asyncio.Task[Any] | None, Transaction] | None] = (
            ContextVar(f"transaction-{id(self)}", default=None)
        )

    @classmethod
    async def open(cls, path: Path) -> "Database":
        path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(path, isolation_level=None)
        connection.row_factory = aiosqlite.Row
        database = cls(connection, path)
        try:
            await connection.execute("PRAGMA journal_mode=WAL")
            await connection.execute("PRAGMA synchronous=NORMAL")
            await connection.execute("PRAGMA foreign_keys=ON")
            await connection.execute("PRAGMA busy_timeout=5000")
            await database._apply_schema()
        except sqlite3.DatabaseError as error:
            await connection.close()
            raise StoreError(f"{path} is not a usable livepicks database: {error}") from error
        logger.info("database open: %s", path)
        return database

    async def _apply_schema(self) -> None:
        schema_files = sorted(
            entry
            for entry in resources.files("bot.store").joinpath("schema").iterdir()
            if entry.name.endswith(".sql")
        )
        async with self.transaction() as connection:
            for entry in schema_files:
                await connection.executescript_in_transaction(entry.read_text(encoding="utf-8"))
            await connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator["Transaction"]:
        """Several writes that land together or not at all.

        A transaction opened inside another in the same task joins it, so one chat line's
        writes, made by several repositories, commit once.
        """
        current = self._current.get()
        # Tasks and timers copy the context they were made in; only the owner may join.
        if current is not None and current[0] is asyncio.current_task():
            yield current[1]
            return

        async with self._write_lock:
            transaction = Transaction(self.connection)
            token = self._current.set((asyncio.current_task(), transaction))
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
                yield transaction
                await self.connection.execute("COMMIT")
            except BaseException:
                # A cancelled await still runs on aiosqlite's thread, in order; roll back after
                # it so the shared connection is never left inside a transaction.
                await asyncio.shield(self._rollback())
                raise
            finally:
                self._current.reset(token)

    async def _rollback(self) -> None:
        with suppress(sqlite3.OperationalError):
            await self.connection.execute("ROLLBACK")

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """One write in its own transaction; returns the last row id."""
        async with self.transaction() as connection:
            cursor = await connection.execute(sql, params)
            return cursor.lastrowid or 0

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        async with self.transaction() as connection:
            await connection.executemany(sql, rows)

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self.connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self.connection.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def close(self) -> None:
        await self.connection.close()
        logger.info("database closed: %s", self.path)


class Transaction:
    """The connection inside a transaction; statements run in order and commit together."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Cursor:
        return await self._connection.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> aiosqlite.Cursor:
        return await self._connection.executemany(sql, rows)

    async def fetchone(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Row | None:
        async with self._connection.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[aiosqlite.Row]:
        async with self._connection.execute(sql, params) as cursor:
            return list(await cursor.fetchall())

    async def executescript_in_transaction(self, script: str) -> None:
        """Run a schema file's statements one by one (executescript would commit)."""
        statement = ""
        for line in script.splitlines(keepends=True):
            statement += line
            if sqlite3.complete_statement(statement):
                await self._connection.execute(statement)
                statement = ""
        if statement.strip() and not all(
            part.strip().startswith("--") or not part.strip() for part in statement.splitlines()
        ):
            raise sqlite3.OperationalError(f"incomplete statement in schema: {statement[:80]}")
