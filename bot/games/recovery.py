"""After a restart: games a crash left open are marked abandoned, never resumed half way."""

import logging

from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)


async def abandon_unfinished(db: Database, now: float | None = None) -> int:
    """Mark quiz runs left 'running' and votes and draws left 'open' as 'abandoned'.

    Their timers and in-memory answers died with the old process, so finishing them would
    announce results nobody could check. Returns how many were marked.
    """
    counts = await store.abandon_unfinished(db, now=now)
    total = sum(counts.values())
    if total:
        logger.warning(
            "abandoned games left open by the last run: %d quiz, %d vote, %d draw",
            counts["quiz"],
            counts["vote"],
            counts["draw"],
        )
    return total
