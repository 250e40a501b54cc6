"""Auditing a lucky draw: pick every round again from the stored entries and seeds, and compare."""

import asyncio
import logging
from dataclasses import dataclass
from pathlib import Path

from bot.games.draw import pick_winners
from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)


class DrawNotFoundError(LookupError):
    """No draw with that id in the database."""


@dataclass(frozen=True)
class RoundAudit:
    number: int
    seed: str
    requested: int
    recorded: tuple[str, ...]
    replayed: tuple[str, ...]

    @property
    def matches(self) -> bool:
        return self.recorded == self.replayed


@dataclass(frozen=True)
class DrawAudit:
    """A draw replayed: each round's recorded winners next to the winners its seed gives."""

    draw_id: int
    title: str
    status: str
    entries: tuple[str, ...]
    rounds: tuple[RoundAudit, ...]

    @property
    def matches(self) -> bool:
        return all(pick.matches for pick in self.rounds)

    @property
    def winners(self) -> list[str]:
        return [login for pick in self.rounds for login in pick.replayed]

    def describe(self) -> str:
        """A plain report for a terminal: entries, then each round's seed and winners."""
        lines = [
            f"draw {self.draw_id} ({self.status}): {len(self.entries)} entries, "
            f"{len(self.rounds)} rounds",
            "entries in order: " + (" ".join(self.entries) or "-"),
        ]
        for pick in self.rounds:
            verdict = "same" if pick.matches else "DIFFERENT from " + " ".join(pick.recorded)
            lines.append(
                f"round {pick.number}: seed {pick.seed}, {pick.requested} asked, winners "
                f"{' '.join(pick.replayed) or '-'} ({verdict})"
            )
        lines.append("replay matches the record" if self.matches else "replay DOES NOT match")
        return "\n".join(lines)


async def audit_draw(db: Database, draw_id: int) -> DrawAudit:
    """Replay every round of a draw with `random.Random(seed).sample` over the entries left.

    Round 1 draws from all entries in the order they came in; each later round from those not
    yet picked, in the same order, exactly as `DrawSession.pick` did.
    """
    row = await store.draw_row(db, draw_id)
    if row is None:
        raise DrawNotFoundError(f"no draw {draw_id} in {db.path}")

    entries = await store.draw_entries(db, draw_id)
    picked: list[str] = []
    rounds = []
    for pick in await store.draw_picks(db, draw_id):
        pool = [login for login in entries if login not in picked]
        replayed = tuple(pick_winners(pool, pick.requested, int(pick.seed)))
        picked.extend(replayed)
        rounds.append(RoundAudit(pick.round, pick.seed, pick.requested, pick.winners, replayed))

    audit = DrawAudit(draw_id, row["title"], row["status"], tuple(entries), tuple(rounds))
    if not audit.matches:
        logger.warning("draw %d: replayed winners differ from the record", draw_id)
    return audit


def audit_draw_file(db_path: Path, draw_id: int) -> DrawAudit:
    """`audit_draw` on a database file, such as a rehearsal's `livepicks.db`, for the CLI."""
    if not db_path.is_file():
        raise FileNotFoundError(f"{db_path}: database not found")
    return asyncio.run(_audit_file(db_path, draw_id))


async def _audit_file(db_path: Path, draw_id: int) -> DrawAudit:
    db = await Database.open(db_path)
    try:
        return await audit_draw(db, draw_id)
    finally:
        await db.close()
