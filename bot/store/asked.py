"""Products a viewer asked about in chat, put on their list beside the bot's picks."""

import logging
from collections.abc import Iterable

from bot.store.db import Database

logger = logging.getLogger(__name__)

# Not an A/B arm: these are on the list because the viewer asked, so clicks and buys that
# follow are counted apart from the strategies being compared.
ASKED_ARM = "asked"
ASKED_RANK = 0
# Asking again about the same product within this long adds no second row.
REPEAT_WINDOW_S = 3600.0


async def record_asked(
    db: Database, t: float, login: str, product_ids: Iterable[str], reason: str
) -> None:
    async with db.transaction() as tx:
        for product_id in product_ids:
            recent = await tx.fetchone(
                "SELECT 1 FROM recommendations WHERE login = ? AND product_id = ? AND arm = ?"
                " AND t > ?",
                (login, product_id, ASKED_ARM, t - REPEAT_WINDOW_S),
            )
            if recent is not None:
                continue
            await tx.execute(
                "INSERT INTO recommendations (t, login, product_id, arm, rank, reason)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (t, login, product_id, ASKED_ARM, ASKED_RANK, reason),
            )
