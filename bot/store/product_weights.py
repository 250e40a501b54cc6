"""Product weight rows: all loaded at start, one product's state upserted on each change."""

import logging
from collections.abc import Sequence
from typing import NamedTuple

from bot.store.db import Database

logger = logging.getLogger(__name__)

_SELECT_ALL = """
SELECT product_id, weight, updated_at, mentions, sentiment_sum, sentiment_count, votes, gifts
FROM product_weights
"""

_UPSERT = """
INSERT INTO product_weights (
    product_id, weight, updated_at, mentions, sentiment_sum, sentiment_count, votes, gifts
) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (product_id) DO UPDATE SET
    weight = excluded.weight,
    updated_at = excluded.updated_at,
    mentions = excluded.mentions,
    sentiment_sum = excluded.sentiment_sum,
    sentiment_count = excluded.sentiment_count,
    votes = excluded.votes,
    gifts = excluded.gifts
"""


class ProductWeightRecord(NamedTuple):
    product_id: str
    weight: float
    updated_at: float
    mentions: int
    sentiment_sum: float
    sentiment_count: int
    votes: int
    gifts: float


class ProductWeightStore:
    """Reads and writes `product_weights`; each save is the whole state of the products given."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load_all(self) -> list[ProductWeightRecord]:
        rows = await self._db.fetchall(_SELECT_ALL)
        return [ProductWeightRecord(*row) for row in rows]

    async def save(self, records: Sequence[ProductWeightRecord]) -> None:
        if records:
            await self._db.executemany(_UPSERT, records)
