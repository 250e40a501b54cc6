"""Pick rows: every recommendation given, and buys credited to the arm that picked them."""

import logging
from collections.abc import Sequence
from typing import NamedTuple

from bot.store.db import Database

logger = logging.getLogger(__name__)

_INSERT_RECOMMENDATION = """
INSERT INTO recommendations (t, login, product_id, arm, rank, reason) VALUES (?, ?, ?, ?, ?, ?)
"""

_SELECT_LATEST_RECOMMENDATION = """
SELECT id, arm FROM recommendations
WHERE login = ? AND product_id = ? AND t <= ?
ORDER BY t DESC, id DESC LIMIT 1
"""

_INSERT_CONVERSION = """
INSERT INTO conversions (t, login, product_id, arm, recommendation_id) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (login, product_id, recommendation_id) DO NOTHING
"""


class RecommendationRecord(NamedTuple):
    t: float
    login: str
    product_id: str
    arm: str
    rank: int
    reason: str


class ConversionRecord(NamedTuple):
    t: float
    login: str
    product_id: str
    arm: str
    recommendation_id: int

    @property
    def recommended(self) -> bool:
        return self.recommendation_id != 0


class PickStore:
    """Writes `recommendations` (a table other parts read) and `conversions`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def record_picks(self, records: Sequence[RecommendationRecord]) -> None:
        if records:
            await self._db.executemany(_INSERT_RECOMMENDATION, records)

    async def record_conversions(
        self, login: str, product_ids: Sequence[str], t: float, unpicked_arm: str
    ) -> list[ConversionRecord]:
        """Credit each buy to the latest pick of that product for this viewer.

        A product never picked for the viewer is credited to `unpicked_arm` with
        recommendation id 0. A buy already credited to the same pick is not counted again;
        only the new rows are returned.
        """
        recorded: list[ConversionRecord] = []
        async with self._db.transaction() as transaction:
            for product_id in product_ids:
                latest = await transaction.fetchone(
                    _SELECT_LATEST_RECOMMENDATION, (login, product_id, t)
                )
                record = ConversionRecord(
                    t=t,
                    login=login,
                    product_id=product_id,
                    arm=latest[1] if latest is not None else unpicked_arm,
                    recommendation_id=latest[0] if latest is not None else 0,
                )

                cursor = await transaction.execute(_INSERT_CONVERSION, record)
                if cursor.rowcount == 1:
                    recorded.append(record)
        return recorded
