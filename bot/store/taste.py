"""Viewer taste rows: counts, affinities and marks, read per viewer and written per event."""

import logging
from collections.abc import Sequence
from typing import NamedTuple

from bot.store.db import Database

logger = logging.getLogger(__name__)

_SELECT_COUNTS = """
SELECT login, first_t, last_t, lines, quiz_answers, votes, gifts, gift_amount
FROM taste_viewers WHERE login = ?
"""

_SELECT_AFFINITIES = "SELECT login, kind, key, score, source FROM taste_affinity WHERE login = ?"

_SELECT_MARKS = "SELECT login, product_id, mark, t FROM taste_marks WHERE login = ?"

_SELECT_LIKED_PRODUCTS = """
SELECT login, key, score FROM taste_affinity
WHERE kind = 'product' AND score >= ?
ORDER BY login, score DESC
"""

_UPSERT_COUNTS = """
INSERT INTO taste_viewers (login, first_t, last_t, lines, quiz_answers, votes, gifts, gift_amount)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (login) DO UPDATE SET
    first_t = excluded.first_t,
    last_t = excluded.last_t,
    lines = excluded.lines,
    quiz_answers = excluded.quiz_answers,
    votes = excluded.votes,
    gifts = excluded.gifts,
    gift_amount = excluded.gift_amount
"""

_UPSERT_AFFINITY = """
INSERT INTO taste_affinity (login, kind, key, score, source) VALUES (?, ?, ?, ?, ?)
ON CONFLICT (login, kind, key) DO UPDATE SET
    score = excluded.score,
    source = excluded.source
"""

_INSERT_MARK = """
INSERT INTO taste_marks (login, product_id, mark, t) VALUES (?, ?, ?, ?)
ON CONFLICT (login, product_id, mark) DO NOTHING
"""


class ViewerCounts(NamedTuple):
    login: str
    first_t: float
    last_t: float
    lines: int
    quiz_answers: int
    votes: int
    gifts: int
    gift_amount: float


class AffinityRecord(NamedTuple):
    login: str
    kind: str
    key: str
    score: float
    source: str


class MarkRecord(NamedTuple):
    login: str
    product_id: str
    mark: str
    t: float


class StoredViewer(NamedTuple):
    counts: ViewerCounts | None
    affinities: list[AffinityRecord]
    marks: list[MarkRecord]


class TasteStore:
    """Reads and writes `taste_viewers`, `taste_affinity` and `taste_marks`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def load_viewer(self, login: str) -> StoredViewer:
        counts = await self._db.fetchone(_SELECT_COUNTS, (login,))
        affinities = await self._db.fetchall(_SELECT_AFFINITIES, (login,))
        marks = await self._db.fetchall(_SELECT_MARKS, (login,))
        return StoredViewer(
            counts=ViewerCounts(*counts) if counts is not None else None,
            affinities=[AffinityRecord(*row) for row in affinities],
            marks=[MarkRecord(*row) for row in marks],
        )

    async def save_viewer(
        self,
        counts: ViewerCounts,
        affinities: Sequence[AffinityRecord] = (),
        marks: Sequence[MarkRecord] = (),
    ) -> None:
        """One event's changes to one viewer, landing together."""
        async with self._db.transaction() as transaction:
            await transaction.execute(_UPSERT_COUNTS, counts)
            if affinities:
                await transaction.executemany(_UPSERT_AFFINITY, affinities)
            if marks:
                await transaction.executemany(_INSERT_MARK, marks)

    async def liked_products(self, min_score: float) -> list[tuple[str, str, float]]:
        """(login, product id, score) for every product a viewer likes, by viewer."""
        rows = await self._db.fetchall(_SELECT_LIKED_PRODUCTS, (min_score,))
        return [(row[0], row[1], row[2]) for row in rows]
