"""Co-interest: products liked by the same viewers, from stored affinities, rebuilt sparingly."""

import asyncio
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations, groupby

from bot.clock import Clock
from bot.store.taste import TasteStore

logger = logging.getLogger(__name__)

# A viewer "likes" a product from about one clearly positive mention up.
LIKE_SCORE = 0.5
# Only a viewer's strongest likes count, so the pair count per viewer stays small.
MAX_LIKES_PER_VIEWER = 20
NEIGHBOURS_KEPT = 20
REFRESH_S = 30.0


@dataclass(frozen=True)
class CoSuggestion:
    score: float
    anchor: str


Neighbours = dict[str, list[tuple[str, float]]]


def build_neighbours(likes: Iterable[tuple[str, str, float]]) -> Neighbours:
    """Item-item cosine over viewers: pairs liked together / sqrt(likes of each).

    `likes` are (login, product id, score) rows grouped by login, strongest first. Each viewer
    counts once per pair however much they chatted, so one loud viewer cannot make a pair.
    """
    liked_by = Counter[str]()
    pairs = Counter[tuple[str, str]]()
    for _, rows in groupby(likes, key=lambda row: row[0]):
        products = sorted({row[1] for row in list(rows)[:MAX_LIKES_PER_VIEWER]})
        liked_by.update(products)
        pairs.update(combinations(products, 2))

    neighbours: Neighbours = {}
    for (first, second), together in pairs.items():
        similarity = together / math.sqrt(liked_by[first] * liked_by[second])
        neighbours.setdefault(first, []).append((second, similarity))
        neighbours.setdefault(second, []).append((first, similarity))

    for product_id, similar in neighbours.items():
        similar.sort(key=lambda item: (-item[1], item[0]))
        neighbours[product_id] = similar[:NEIGHBOURS_KEPT]
    return neighbours


class CoInterest:
    """Item-item neighbours, rebuilt at most every `refresh_s` and only when likes changed."""

    def __init__(self, store: TasteStore, clock: Clock, refresh_s: float = REFRESH_S) -> None:
        self._store = store
        self._clock = clock
        self._refresh_s = refresh_s
        self._neighbours: Neighbours = {}
        self._built_at: float | None = None
        self._built_version: int | None = None
        self._lock = asyncio.Lock()

    async def refresh(self, version: int) -> None:
        """Rebuild if the likes changed (`version` moved) and the last build is old enough."""
        async with self._lock:
            now = self._clock.now()
            if self._built_at is not None and (
                version == self._built_version or now - self._built_at < self._refresh_s
            ):
                return

            self._neighbours = build_neighbours(await self._store.liked_products(LIKE_SCORE))
            self._built_at = now
            self._built_version = version
            logger.debug("co-interest rebuilt for %d products", len(self._neighbours))

    def suggest(self, likes: Mapping[str, float]) -> dict[str, CoSuggestion]:
        """Products near what the viewer likes, each with the liked product that led there."""
        totals: dict[str, float] = {}
        anchors: dict[str, tuple[float, str]] = {}
        for liked, strength in likes.items():
            for product_id, similarity in self._neighbours.get(liked, ()):
                share = strength * similarity
                totals[product_id] = totals.get(product_id, 0.0) + share
                if share > anchors.get(product_id, (0.0, ""))[0]:
                    anchors[product_id] = (share, liked)

        return {
            product_id: CoSuggestion(score=total, anchor=anchors[product_id][1])
            for product_id, total in totals.items()
        }
