"""The raw record of the show: events taken once, chat lines as read, gifts as received."""

import json
import logging

from bot.store.db import Database

logger = logging.getLogger(__name__)


class EventLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def first_time(self, message_id: str, kind: str, t: float) -> bool:
        """True the first time a message id is seen; EventSub may deliver an event twice."""
        if not message_id:
            return True
        async with self.db.transaction() as tx:
            cursor = await tx.execute(
                "INSERT OR IGNORE INTO processed_events (message_id, kind, t) VALUES (?, ?, ?)",
                (message_id, kind, t),
            )
            return cursor.rowcount == 1

    async def chat_line(
        self,
        t: float,
        login: str,
        text: str,
        intent: str,
        sentiment: float,
        products: tuple[str, ...],
    ) -> None:
        await self.db.execute(
            "INSERT INTO chat_lines (t, login, text, intent, sentiment, products)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (t, login, text, intent, sentiment, json.dumps(list(products))),
        )

    async def gift(self, t: float, login: str, kind: str, amount: int, detail: str) -> None:
        await self.db.execute(
            "INSERT INTO gifts (t, login, kind, amount, detail) VALUES (?, ?, ?, ?, ?)",
            (t, login, kind, amount, detail),
        )

    async def gift_totals(self) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT kind, SUM(amount) AS total FROM gifts GROUP BY kind ORDER BY kind"
        )
        return {row["kind"]: int(row["total"]) for row in rows}

    async def chat_count(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) AS n FROM chat_lines")
        return int(row["n"]) if row else 0
