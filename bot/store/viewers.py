"""Viewers: who they are on Twitch, their language and whether they want the post-show whisper."""

import logging
from dataclasses import dataclass

from bot.store.db import Database

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Viewer:
    login: str
    user_id: str | None
    lang: str | None
    lines: int
    notify: bool


class ViewerRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def seen(
        self,
        login: str,
        user_id: str,
        display_name: str,
        t: float,
        lang: str | None = None,
        evidence: float = 0.0,
        line: bool = True,
    ) -> None:
        """Record that a viewer spoke (or gave); `evidence` is how much the line says of `lang`.

        The viewer's language is the one with the most evidence over everything they wrote, so
        one short `ok` does not turn a Chinese-speaking viewer's replies into English.
        """
        async with self.db.transaction() as tx:
            await tx.execute(
                """
                INSERT INTO viewers (login, user_id, display_name, first_seen, last_seen, lines)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (login) DO UPDATE SET
                    user_id = COALESCE(excluded.user_id, viewers.user_id),
                    display_name = excluded.display_name,
                    last_seen = excluded.last_seen,
                    lines = viewers.lines + excluded.lines
                """,
                (login, user_id or None, display_name, t, t, int(line)),
            )
            if lang is None or evidence <= 0:
                return

            await tx.execute(
                """
                INSERT INTO viewer_languages (login, lang, evidence) VALUES (?, ?, ?)
                ON CONFLICT (login, lang) DO UPDATE SET
                    evidence = viewer_languages.evidence + excluded.evidence
                """,
                (login, lang, evidence),
            )
            await tx.execute(
                """
                UPDATE viewers SET lang = (
                    SELECT lang FROM viewer_languages WHERE login = ?
                    ORDER BY evidence DESC, lang LIMIT 1
                ) WHERE login = ?
                """,
                (login, login),
            )

    async def get(self, login: str) -> Viewer | None:
        row = await self.db.fetchone(
            "SELECT login, user_id, lang, lines, notify FROM viewers WHERE login = ?", (login,)
        )
        if row is None:
            return None
        return Viewer(row["login"], row["user_id"], row["lang"], row["lines"], bool(row["notify"]))

    async def set_notify(self, login: str, on: bool, t: float) -> None:
        await self.db.execute(
            """
            INSERT INTO viewers (login, first_seen, last_seen, notify) VALUES (?, ?, ?, ?)
            ON CONFLICT (login) DO UPDATE SET notify = excluded.notify
            """,
            (login, t, t, int(on)),
        )

    async def opted_in(self, seen_since: float = 0.0) -> list[str]:
        """Viewers who want the post-show whisper and were here since `seen_since`."""
        rows = await self.db.fetchall(
            "SELECT login FROM viewers WHERE notify = 1 AND last_seen >= ?"
            " ORDER BY first_seen, login",
            (seen_since,),
        )
        return [row["login"] for row in rows]

    async def count(self) -> int:
        row = await self.db.fetchone("SELECT COUNT(*) AS n FROM viewers")
        return int(row["n"]) if row else 0

    async def with_picks(self) -> int:
        """Viewers who have a shopping list: at least one pick given."""
        row = await self.db.fetchone("SELECT COUNT(DISTINCT login) AS n FROM recommendations")
        return int(row["n"]) if row else 0

    async def logins(self) -> list[str]:
        rows = await self.db.fetchall("SELECT login FROM viewers ORDER BY login")
        return [row["login"] for row in rows]
