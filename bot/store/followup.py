"""Follow-up storage: list link tokens, list clicks, the whisper log and post-show pushes."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.store.db import Database

logger = logging.getLogger(__name__)

DAY_S = 86_400.0

# Whisper log rows older than this are never read again.
WHISPER_LOG_KEEP_S = 2 * DAY_S

# SQLite allows more, but small chunks keep each statement cheap.
LOGIN_CHUNK = 500


@dataclass(frozen=True)
class Recommendation:
    product_id: str
    arm: str
    reason: str
    t: float


@dataclass(frozen=True)
class WhisperUsage:
    """Whispers within the rolling windows at `now`."""

    now: float
    last_by_recipient: dict[str, float]
    recent_sends: list[float]


@dataclass(frozen=True)
class DuePush:
    id: int
    login: str
    opted_in: bool


class FollowupStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    # Recommendations and viewers, written by others and read here.

    async def recommendations(self, login: str, limit: int = 500) -> list[Recommendation]:
        """The viewer's picks, most recent first."""
        rows = await self.db.fetchall(
            """
            SELECT product_id, arm, reason, t FROM recommendations
            WHERE login = ? ORDER BY t DESC, id DESC LIMIT ?
            """,
            (login, limit),
        )
        return [Recommendation(r["product_id"], r["arm"], r["reason"], r["t"]) for r in rows]

    async def latest_arm(self, login: str, product_id: str) -> str | None:
        row = await self.db.fetchone(
            """
            SELECT arm FROM recommendations WHERE login = ? AND product_id = ?
            ORDER BY t DESC, id DESC LIMIT 1
            """,
            (login, product_id),
        )
        return None if row is None else row["arm"]

    async def viewer_language(self, login: str) -> str | None:
        row = await self.db.fetchone("SELECT lang FROM viewers WHERE login = ?", (login,))
        return None if row is None else row["lang"]

    async def opted_in(self, logins: Sequence[str]) -> list[str]:
        """Those of `logins` who asked for the post-show whisper, in the order given."""
        wanted: set[str] = set()
        for start in range(0, len(logins), LOGIN_CHUNK):
            chunk = list(logins[start : start + LOGIN_CHUNK])
            marks = ", ".join("?" * len(chunk))
            rows = await self.db.fetchall(
                f"SELECT login FROM viewers WHERE notify = 1 AND login IN ({marks})", chunk
            )
            wanted.update(row["login"] for row in rows)
        return [login for login in logins if login in wanted]

    # List link tokens.

    async def login_for_digest(self, digest: str, key_id: str) -> str | None:
        row = await self.db.fetchone(
            "SELECT login FROM list_links WHERE digest = ? AND key_id = ?", (digest, key_id)
        )
        return None if row is None else row["login"]

    async def unlinked_logins(self, key_id: str) -> list[str]:
        """Viewers with no stored token digest for the signing key `key_id` yet."""
        rows = await self.db.fetchall(
            """
            SELECT v.login FROM viewers v WHERE NOT EXISTS (
                SELECT 1 FROM list_links l WHERE l.login = v.login AND l.key_id = ?
            )
            """,
            (key_id,),
        )
        return [row["login"] for row in rows]

    async def save_links(self, rows: Sequence[tuple[str, str, str]]) -> None:
        """Store (digest, key_id, login) rows."""
        await self.db.executemany(
            "INSERT OR IGNORE INTO list_links (digest, key_id, login) VALUES (?, ?, ?)", rows
        )

    # Clicks.

    async def record_click(self, t: float, login: str, product_id: str, arm: str) -> None:
        await self.db.execute(
            "INSERT INTO list_clicks (t, login, product_id, arm) VALUES (?, ?, ?, ?)",
            (t, login, product_id, arm),
        )

    async def clicks_by_arm(self) -> dict[str, int]:
        rows = await self.db.fetchall(
            "SELECT arm, COUNT(*) AS n FROM list_clicks GROUP BY arm ORDER BY arm"
        )
        return {row["arm"]: row["n"] for row in rows}

    # The whisper log.

    async def whisper_usage(self, now: float) -> WhisperUsage:
        rows = await self.db.fetchall(
            "SELECT login, t FROM whisper_log WHERE t > ? ORDER BY t, id", (now - DAY_S,)
        )
        return _usage(now, [(row["login"], row["t"]) for row in rows])

    async def book_whisper(
        self, login: str, now: float, decide: Callable[[WhisperUsage], float | None]
    ) -> float | None:
        """Ask `decide` how long to wait; when it says 0, log the whisper in the same transaction.

        Reading the log and writing to it in one immediate transaction means two senders can
        never both take the last slot.
        """
        async with self.db.transaction() as tx:
            rows = await tx.fetchall(
                "SELECT login, t FROM whisper_log WHERE t > ? ORDER BY t, id", (now - DAY_S,)
            )
            wait = decide(_usage(now, [(row["login"], row["t"]) for row in rows]))

            if wait == 0:
                await tx.execute("INSERT INTO whisper_log (t, login) VALUES (?, ?)", (now, login))
                await tx.execute(
                    "DELETE FROM whisper_log WHERE t < ?", (now - WHISPER_LOG_KEEP_S,)
                )
            return wait

    # Post-show pushes.

    async def add_pushes(
        self, show_key: str, logins: Sequence[str], due_at: float, now: float
    ) -> int:
        """Schedule a push per login; returns how many are new.

        A login gets none if it already has one for this show, or one still pending (scheduled
        or queued) from an earlier show: that one keeps its place in line and stands for both.
        """
        added = 0
        async with self.db.transaction() as tx:
            for login in logins:
                cursor = await tx.execute(
                    """
                    INSERT OR IGNORE INTO pushes (show_key, login, status, due_at, created_at)
                    VALUES (?, ?, 'scheduled', ?, ?)
                    """,
                    (show_key, login, due_at, now),
                )
                added += cursor.rowcount
        return added

    async def last_sent(self, logins: Sequence[str]) -> dict[str, tuple[float, float, int]]:
        """When each of `logins` was last sent a post-show whisper; those never sent are absent.

        Each is (finished_at, due_at, id) of that push, which sorts in the order of sending.
        """
        sent: dict[str, tuple[float, float, int]] = {}
        for start in range(0, len(logins), LOGIN_CHUNK):
            chunk = list(logins[start : start + LOGIN_CHUNK])
            marks = ", ".join("?" * len(chunk))
            rows = await self.db.fetchall(
                f"""
                SELECT login, finished_at, due_at, id FROM (
                    SELECT login, finished_at, due_at, id, ROW_NUMBER() OVER (
                        PARTITION BY login ORDER BY finished_at DESC, due_at DESC, id DESC
                    ) AS latest
                    FROM pushes
                    WHERE status = 'sent' AND finished_at IS NOT NULL AND login IN ({marks})
                )
                WHERE latest = 1
                """,
                chunk,
            )
            sent.update(
                (row["login"], (row["finished_at"], row["due_at"], row["id"])) for row in rows
            )
        return sent

    async def due_pushes(self, now: float) -> list[DuePush]:
        """Pending pushes due by `now`, the longest waiting first."""
        rows = await self.db.fetchall(
            """
            SELECT p.id, p.login, COALESCE(v.notify, 0) AS notify
            FROM pushes p LEFT JOIN viewers v ON v.login = p.login
            WHERE p.status IN ('scheduled', 'queued') AND p.due_at <= ?
            ORDER BY p.due_at, p.id
            """,
            (now,),
        )
        return [DuePush(row["id"], row["login"], bool(row["notify"])) for row in rows]

    async def next_due_after(self, now: float) -> float | None:
        row = await self.db.fetchone(
            """
            SELECT MIN(due_at) AS due FROM pushes
            WHERE status IN ('scheduled', 'queued') AND due_at > ?
            """,
            (now,),
        )
        return None if row is None else row["due"]

    async def earliest_pending(self) -> float | None:
        row = await self.db.fetchone(
            "SELECT MIN(due_at) AS due FROM pushes WHERE status IN ('scheduled', 'queued')"
        )
        return None if row is None else row["due"]

    async def claim_push(self, push_id: int) -> bool:
        """Mark a pending push 'sending'; False if something else already took it."""
        async with self.db.transaction() as tx:
            cursor = await tx.execute(
                """
                UPDATE pushes SET status = 'sending', attempts = attempts + 1
                WHERE id = ? AND status IN ('scheduled', 'queued')
                """,
                (push_id,),
            )
            return cursor.rowcount == 1

    async def finish_push(self, push_id: int, status: str, now: float, note: str = "") -> None:
        await self.db.execute(
            "UPDATE pushes SET status = ?, finished_at = ?, note = ? WHERE id = ?",
            (status, now, note, push_id),
        )

    async def cancel_push(self, push_id: int, now: float, note: str) -> None:
        await self.db.execute(
            """
            UPDATE pushes SET status = 'cancelled', finished_at = ?, note = ?
            WHERE id = ? AND status IN ('scheduled', 'queued')
            """,
            (now, note, push_id),
        )

    async def queue_pushes(self, push_ids: Sequence[int]) -> None:
        await self.db.executemany(
            "UPDATE pushes SET status = 'queued' WHERE id = ? AND status = 'scheduled'",
            [(push_id,) for push_id in push_ids],
        )

    async def settle_interrupted(self, now: float) -> list[int]:
        """Pushes left 'sending' by a crash: Twitch may have delivered them, so never resend.

        They are marked 'sent' with a note that the outcome is unknown; returns their ids.
        """
        async with self.db.transaction() as tx:
            rows = await tx.fetchall("SELECT id FROM pushes WHERE status = 'sending' ORDER BY id")
            await tx.execute(
                """
                UPDATE pushes SET status = 'sent', finished_at = ?,
                    note = 'outcome unknown: interrupted while sending'
                WHERE status = 'sending'
                """,
                (now,),
            )
        return [row["id"] for row in rows]

    async def push_counts(self) -> dict[str, int]:
        rows = await self.db.fetchall("SELECT status, COUNT(*) AS n FROM pushes GROUP BY status")
        return {row["status"]: row["n"] for row in rows}


def _usage(now: float, sends: list[tuple[str, float]]) -> WhisperUsage:
    last_by_recipient: dict[str, float] = {}
    for login, t in sends:
        last_by_recipient[login] = max(t, last_by_recipient.get(login, t))

    recent_sends = [t for _, t in sends if t > now - 60.0]
    return WhisperUsage(now, last_by_recipient, recent_sends)
