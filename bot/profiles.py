"""What each viewer told us and did: affinity for products, tags and categories, and segments."""

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from bot.catalog import Catalog
from bot.clock import Clock
from bot.signals import ChatAnalysis, clamp, known_products
from bot.store.db import Database
from bot.store.taste import AffinityRecord, MarkRecord, TasteStore, ViewerCounts

logger = logging.getLogger(__name__)

PRODUCT = "product"
TAG = "tag"
CATEGORY = "category"

BOUGHT = "bought"
COMPLAINED = "complained"
MARKS_BY_INTENT = {"buy": BOUGHT, "complaint": COMPLAINED}

SOURCE_QUIZ = "quiz"
SOURCE_VOTE = "vote"
SOURCE_GIFT = "gift"
CHAT_SOURCE_PREFIX = "chat:"

# How one chat line moves the viewer's affinity for a product it names, by intent.
CHAT_PULL = {
    "buy": 2.0,
    "ask_link": 1.5,
    "praise": 1.5,
    "ask_price": 1.0,
    "ask_stock": 1.0,
    "question": 0.8,
    "chatter": 0.5,
    "price_objection": -0.3,
    "complaint": -1.5,
}
DEFAULT_CHAT_PULL = 0.5
SENTIMENT_PULL = 0.5
# An objection to the price says nothing about taste, so it stays on the product.
PRICE_ONLY_INTENTS = frozenset({"price_objection"})

# A product's tags and category learn this share of what the product did.
TAG_SHARE = 0.5
TASTE_PULL = 1.5
GIFT_PULL = 1.0

# One event moves one score at most LINE_CAP, and a score saturates at SCORE_CAP, so a viewer
# repeating a line stops adding anything and nobody's single line outweighs a real history.
LINE_CAP = 2.0
SCORE_CAP = 10.0
MAX_TAGS_PER_ANSWER = 5

SEGMENTS = ("new", "chatter", "player", "gifter", "buyer")


@dataclass(frozen=True)
class Profile:
    """A viewer's taste and activity; scores run from -SCORE_CAP to SCORE_CAP."""

    login: str
    products: Mapping[str, float]
    tags: Mapping[str, float]
    categories: Mapping[str, float]
    # (kind, key) -> the latest source that raised the score, e.g. "quiz" or "chat:ask_link".
    sources: Mapping[tuple[str, str], str]
    bought: frozenset[str]
    complained: frozenset[str]
    lines: int
    quiz_answers: int
    votes: int
    gifts: int
    gift_amount: float
    first_seen: float | None
    last_seen: float | None

    @property
    def has_taste(self) -> bool:
        """Whether anything positive is known about what the viewer likes."""
        scores = (*self.products.values(), *self.tags.values(), *self.categories.values())
        return any(score > 0 for score in scores)

    def source(self, kind: str, key: str) -> str | None:
        return self.sources.get((kind, key))


@dataclass
class _Viewer:
    login: str
    first_t: float | None = None
    last_t: float | None = None
    lines: int = 0
    quiz_answers: int = 0
    votes: int = 0
    gifts: int = 0
    gift_amount: float = 0.0
    scores: dict[tuple[str, str], float] = field(default_factory=dict)
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    marks: set[tuple[str, str]] = field(default_factory=set)

    def seen(self, t: float) -> None:
        self.first_t = t if self.first_t is None else min(self.first_t, t)
        self.last_t = t if self.last_t is None else max(self.last_t, t)

    def counts(self) -> ViewerCounts:
        first_t = self.first_t if self.first_t is not None else 0.0
        return ViewerCounts(
            login=self.login,
            first_t=first_t,
            last_t=self.last_t if self.last_t is not None else first_t,
            lines=self.lines,
            quiz_answers=self.quiz_answers,
            votes=self.votes,
            gifts=self.gifts,
            gift_amount=self.gift_amount,
        )

    def apply(self, changes: Mapping[tuple[str, str], float], source: str) -> list[AffinityRecord]:
        records: list[AffinityRecord] = []
        for key, change in changes.items():
            change = clamp(change, -LINE_CAP, LINE_CAP)
            score = clamp(self.scores.get(key, 0.0) + change, -SCORE_CAP, SCORE_CAP)
            self.scores[key] = score
            if change > 0 or key not in self.sources:
                self.sources[key] = source
            records.append(AffinityRecord(self.login, key[0], key[1], score, self.sources[key]))
        return records

    def mark(self, product_id: str, mark: str, t: float) -> list[MarkRecord]:
        if (product_id, mark) in self.marks:
            return []
        self.marks.add((product_id, mark))
        return [MarkRecord(self.login, product_id, mark, t)]

    def profile(self) -> Profile:
        def scores_of(kind: str) -> dict[str, float]:
            return {key: score for (k, key), score in self.scores.items() if k == kind}

        return Profile(
            login=self.login,
            products=scores_of(PRODUCT),
            tags=scores_of(TAG),
            categories=scores_of(CATEGORY),
            sources=dict(self.sources),
            bought=frozenset(p for p, mark in self.marks if mark == BOUGHT),
            complained=frozenset(p for p, mark in self.marks if mark == COMPLAINED),
            lines=self.lines,
            quiz_answers=self.quiz_answers,
            votes=self.votes,
            gifts=self.gifts,
            gift_amount=self.gift_amount,
            first_seen=self.first_t,
            last_seen=self.last_t,
        )


def chat_pull(intent: str, sentiment: float) -> float:
    base = CHAT_PULL.get(intent, DEFAULT_CHAT_PULL)
    return base + SENTIMENT_PULL * clamp(sentiment, -1.0, 1.0)


def segment(profile: Profile) -> str:
    """One of SEGMENTS, the strongest thing the viewer has done."""
    if profile.bought:
        return "buyer"
    if profile.gifts:
        return "gifter"
    if profile.quiz_answers or profile.votes:
        return "player"
    if profile.lines:
        return "chatter"
    return "new"


def _normal_login(login: str) -> str:
    return login.strip().lower()


class Profiles:
    """Viewer profiles kept in memory once touched, written through on every event.

    A viewer's rows are read from the database the first time they appear in a run, so a
    second show on the same database carries on from the first.
    """

    def __init__(self, db: Database, catalog: Catalog, clock: Clock) -> None:
        self.catalog = catalog
        self.clock = clock
        self._store = TasteStore(db)
        self._viewers: dict[str, _Viewer] = {}
        self._load_lock = asyncio.Lock()
        self._vocabulary = {tag for product in catalog for tag in product.tags}
        self._categories = set(catalog.categories)
        self.product_changes = 0

    async def record_chat(self, login: str, analysis: ChatAnalysis, t: float) -> None:
        viewer = await self._viewer(login)
        if viewer is None:
            return

        viewer.seen(t)
        viewer.lines += 1
        product_ids = known_products(self.catalog, analysis.products)
        pull = chat_pull(analysis.intent, analysis.sentiment)
        changes = self._product_changes(
            product_ids, pull, with_taste=analysis.intent not in PRICE_ONLY_INTENTS
        )
        records = viewer.apply(changes, CHAT_SOURCE_PREFIX + analysis.intent)

        marks: list[MarkRecord] = []
        mark = MARKS_BY_INTENT.get(analysis.intent)
        if mark is not None:
            for product_id in product_ids:
                marks += viewer.mark(product_id, mark, t)

        logger.debug("chat from %s touched %d products", viewer.login, len(product_ids))
        await self._save(viewer, records, marks)

    async def record_taste(
        self,
        login: str,
        tags: Iterable[str],
        source: str,
        strength: float = 1.0,
        product_ids: Iterable[str] = (),
        t: float | None = None,
    ) -> None:
        """A quiz, vote or survey answer: tags (from the catalog's vocabulary) and products.

        Answers are private: they are stored, never logged.
        """
        viewer = await self._viewer(login)
        if viewer is None:
            return

        viewer.seen(self.clock.now() if t is None else t)
        if source == SOURCE_QUIZ:
            viewer.quiz_answers += 1
        elif source == SOURCE_VOTE:
            viewer.votes += 1

        pull = TASTE_PULL * clamp(strength, -1.0, 2.0)
        changes = self._product_changes(
            known_products(self.catalog, product_ids), pull, with_taste=True
        )
        for tag in self._clean_tags(tags):
            if tag in self._vocabulary:
                changes[(TAG, tag)] = changes.get((TAG, tag), 0.0) + pull
            if tag in self._categories:
                changes[(CATEGORY, tag)] = changes.get((CATEGORY, tag), 0.0) + pull

        records = viewer.apply(changes, source)
        await self._save(viewer, records, [])

    async def record_gift(
        self,
        login: str,
        kind: str,
        amount: float,
        product_ids: Iterable[str] = (),
        t: float | None = None,
    ) -> None:
        """Cheer bits, gifted subs or a redemption, with the products it was for, if any."""
        viewer = await self._viewer(login)
        if viewer is None:
            return

        viewer.seen(self.clock.now() if t is None else t)
        viewer.gifts += 1
        viewer.gift_amount += max(0.0, amount)
        changes = self._product_changes(
            known_products(self.catalog, product_ids), GIFT_PULL, with_taste=True
        )
        records = viewer.apply(changes, SOURCE_GIFT)

        logger.debug("gift from %s: %s", viewer.login, kind)
        await self._save(viewer, records, [])

    async def profile(self, login: str) -> Profile:
        viewer = await self._viewer(login)
        if viewer is None:
            return _Viewer(login="").profile()
        return viewer.profile()

    def segment(self, profile: Profile) -> str:
        return segment(profile)

    def _product_changes(
        self, product_ids: list[str], pull: float, with_taste: bool
    ) -> dict[tuple[str, str], float]:
        # Summed first and capped once in apply(), so three products sharing a tag in one
        # line move that tag no more than one product would.
        changes: dict[tuple[str, str], float] = {}
        for product_id in product_ids:
            product = self.catalog.by_id[product_id]
            changes[(PRODUCT, product_id)] = pull
            if not with_taste:
                continue
            for key in [(TAG, tag) for tag in product.tags] + [(CATEGORY, product.category)]:
                changes[key] = changes.get(key, 0.0) + pull * TAG_SHARE
        return changes

    @staticmethod
    def _clean_tags(tags: Iterable[str]) -> list[str]:
        if isinstance(tags, str):
            tags = [tags]

        cleaned: list[str] = []
        for tag in tags:
            tag = tag.strip() if isinstance(tag, str) else ""
            if tag and tag not in cleaned:
                cleaned.append(tag)
        return cleaned[:MAX_TAGS_PER_ANSWER]

    async def _viewer(self, login: str) -> _Viewer | None:
        login = _normal_login(login)
        if not login:
            return None

        viewer = self._viewers.get(login)
        if viewer is not None:
            return viewer

        async with self._load_lock:
            viewer = self._viewers.get(login)
            if viewer is None:
                viewer = await self._load(login)
                self._viewers[login] = viewer
        return viewer

    async def _load(self, login: str) -> _Viewer:
        stored = await self._store.load_viewer(login)
        viewer = _Viewer(login=login)
        if stored.counts is not None:
            viewer.first_t = stored.counts.first_t
            viewer.last_t = stored.counts.last_t
            viewer.lines = stored.counts.lines
            viewer.quiz_answers = stored.counts.quiz_answers
            viewer.votes = stored.counts.votes
            viewer.gifts = stored.counts.gifts
            viewer.gift_amount = stored.counts.gift_amount
        for record in stored.affinities:
            viewer.scores[(record.kind, record.key)] = record.score
            viewer.sources[(record.kind, record.key)] = record.source
        viewer.marks = {(mark.product_id, mark.mark) for mark in stored.marks}
        return viewer

    async def _save(
        self, viewer: _Viewer, records: list[AffinityRecord], marks: list[MarkRecord]
    ) -> None:
        if any(record.kind == PRODUCT for record in records):
            self.product_changes += 1
        await self._store.save_viewer(viewer.counts(), records, marks)
