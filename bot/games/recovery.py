"""After a restart: games a crash left open are marked abandoned, never resumed half way."""

import logging

from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)

# A game abandoned this recently belongs to the show still on air, so chat is told it ended;
# an older one (yesterday's show) is only logged.
SAME_SHOW_S = 3 * 3600.0


async def abandon_unfinished(db: Database, now: float) -> list[store.AbandonedGame]:
    """Mark quiz runs left 'running' and votes and draws left 'open' as 'abandoned'.

    They are not resumed: the open question's answers, the ballots and the entries lived only
    in the old process, and its timers died with it, so carrying on would announce results
    nobody could check. A quiz keeps the scores of the questions that closed before the crash.
    """
    abandoned = await store.abandon_unfinished(db, now=now)
    for game in abandoned:
        logger.warning(
            "%s %d was left open by the last run (started %.0f s ago); closed as abandoned",
            game.kind,
            game.id,
            now - game.started_at,
        )
    return abandoned


def same_show(abandoned: list[store.AbandonedGame], now: float) -> list[str]:
    """The kinds of game ('quiz', 'vote', 'draw') cut short in the show still on air."""
    kinds = (game.kind for game in abandoned if now - game.started_at <= SAME_SHOW_S)
    return list(dict.fromkeys(kinds))
