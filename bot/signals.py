"""Live product weights from chat mentions, sentiment, votes and gifts, decaying with time."""

import logging
import math
from collections.abc import Iterable
from dataclasses import astuple, dataclass
from typing import Protocol

from bot.catalog import Catalog
from bot.clock import Clock
from bot.config import SignalSettings
from bot.store.db import Database
from bot.store.product_weights import ProductWeightRecord, ProductWeightStore

logger = logging.getLogger(__name__)

# How much one mention moves a product's weight, by what the line was doing.
MENTION_PULL = {
    "buy": 2.0,
    "ask_link": 1.6,
    "praise": 1.4,
    "ask_price": 1.0,
    "ask_stock": 1.0,
    "question": 0.8,
    "chatter": 0.6,
    "price_objection": -0.2,
    "complaint": -0.4,
}
DEFAULT_PULL = 0.6
SENTIMENT_PULL = 0.5
# A complaint is still attention: it may pull a product down, but only a little.
LOWEST_PULL = -0.5

# A line naming the whole line-up is noise, not interest in each product.
MAX_PRODUCTS_PER_LINE = 3

# Within this window the same viewer naming the same product again adds only what goes beyond
# what they already gave it (chatter, then "bought it"), so repeating a line adds nothing.
REPEAT_WINDOW_S = 60.0


class ChatAnalysis(Protocol):
    """What the chat analyser says about one line (bot/text), taken by duck typing."""

    @property
    def products(self) -> tuple[str, ...]: ...

    @property
    def sentiment(self) -> float: ...

    @property
    def intent(self) -> str: ...


@dataclass(frozen=True)
class ProductStat:
    id: str
    weight: float
    mentions: int
    sentiment: float
    votes: int
    gifts: float


@dataclass(slots=True)
class _Credit:
    """What one viewer has given one product in the current repeat window."""

    since: float
    high: float = 0.0
    low: float = 0.0

    def uncredited(self, pull: float) -> float:
        if pull > self.high:
            extra, self.high = pull - self.high, pull
            return extra
        if pull < self.low:
            extra, self.low = pull - self.low, pull
            return extra
        return 0.0


@dataclass(slots=True)
class _ProductState:
    weight: float = 0.0
    updated_at: float = 0.0
    mentions: int = 0
    sentiment_sum: float = 0.0
    sentiment_count: int = 0
    votes: int = 0
    gifts: float = 0.0

    def weight_at(self, t: float, half_life_s: float) -> float:
        return self.weight * decay(t - self.updated_at, half_life_s)

    def add(self, amount: float, t: float, half_life_s: float) -> None:
        # An event older than the last update adds what it would be worth by now.
        reference = max(t, self.updated_at)
        current = self.weight_at(reference, half_life_s)
        added = amount * decay(reference - t, half_life_s)
        self.weight = max(0.0, current + added)
        self.updated_at = reference


def decay(elapsed_s: float, half_life_s: float) -> float:
    """The share of a weight left after `elapsed_s` (never more than all of it)."""
    return 0.5 ** (max(0.0, elapsed_s) / half_life_s)


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def known_products(
    catalog: Catalog, product_ids: Iterable[str], limit: int = MAX_PRODUCTS_PER_LINE
) -> list[str]:
    """Distinct catalog ids from `product_ids`, in order, at most `limit` of them."""
    known: list[str] = []
    for product_id in product_ids:
        if product_id in catalog.by_id and product_id not in known:
            known.append(product_id)
        if len(known) == limit:
            break
    return known


def mention_pull(intent: str, sentiment: float) -> float:
    """One mention's effect before mention_weight: intent first, sentiment second."""
    base = MENTION_PULL.get(intent, DEFAULT_PULL)
    return max(LOWEST_PULL, base + SENTIMENT_PULL * clamp(sentiment, -1.0, 1.0))


class LiveWeights:
    """How hot each product is in the room right now, kept in memory and written through."""

    def __init__(
        self, db: Database, catalog: Catalog, clock: Clock, settings: SignalSettings
    ) -> None:
        if settings.half_life_s <= 0:
            raise ValueError("[signals] half_life_s must be more than 0")

        self.catalog = catalog
        self.clock = clock
        self.settings = settings
        self._store = ProductWeightStore(db)
        self._states: dict[str, _ProductState] = {}
        self._credits: dict[tuple[str, str], _Credit] = {}
        self._forgotten_at = clock.now()

    async def load(self) -> None:
        """Take up the weights a previous run left, for products still in the catalog."""
        for record in await self._store.load_all():
            if record.product_id not in self.catalog.by_id:
                continue
            self._states[record.product_id] = _ProductState(
                weight=record.weight,
                updated_at=record.updated_at,
                mentions=record.mentions,
                sentiment_sum=record.sentiment_sum,
                sentiment_count=record.sentiment_count,
                votes=record.votes,
                gifts=record.gifts,
            )

        logger.info("live weights loaded for %d products", len(self._states))

    async def on_chat(self, login: str, analysis: ChatAnalysis, t: float) -> None:
        product_ids = known_products(self.catalog, analysis.products)
        if not product_ids:
            return

        sentiment = clamp(analysis.sentiment, -1.0, 1.0)
        pull = self.settings.mention_weight * mention_pull(analysis.intent, sentiment)
        for product_id in product_ids:
            state = self._state(product_id, t)
            credit, first_in_window = self._credit(login, product_id, t)
            state.add(credit.uncredited(pull), t, self.settings.half_life_s)
            if first_in_window:
                state.mentions += 1
                state.sentiment_sum += sentiment
                state.sentiment_count += 1

        logger.debug("chat from %s moved %d products", login, len(product_ids))
        await self._save(product_ids)

    async def on_vote(
        self, product_ids: Iterable[str], votes: int = 1, t: float | None = None
    ) -> None:
        """`votes` votes cast for each of `product_ids` (a vote option may cover several)."""
        product_ids = known_products(self.catalog, product_ids, limit=len(self.catalog))
        if votes <= 0 or not product_ids:
            return

        t = self.clock.now() if t is None else t
        for product_id in product_ids:
            state = self._state(product_id, t)
            state.add(self.settings.vote_weight * votes, t, self.settings.half_life_s)
            state.votes += votes

        await self._save(product_ids)

    async def on_gift(
        self, product_ids: Iterable[str], amount: float, t: float | None = None
    ) -> None:
        """A gift (bits, gifted subs, a redemption) toward the products on show."""
        product_ids = known_products(self.catalog, product_ids, limit=len(self.catalog))
        if amount <= 0 or not product_ids:
            return

        t = self.clock.now() if t is None else t
        # Bits run to thousands while gifted subs come in ones and fives: the logarithm keeps
        # one large cheer from burying what the whole chat is saying.
        pull = self.settings.gift_weight * math.log2(1.0 + amount)
        for product_id in product_ids:
            state = self._state(product_id, t)
            state.add(pull, t, self.settings.half_life_s)
            state.gifts += amount

        await self._save(product_ids)

    def weight(self, product_id: str) -> float:
        state = self._states.get(product_id)
        if state is None:
            return 0.0
        return state.weight_at(self.clock.now(), self.settings.half_life_s)

    def ranking(self) -> list[ProductStat]:
        """Every catalog product, hottest first; ties keep the line-up order."""
        stats = [self._stat(product.id) for product in self.catalog]
        return sorted(stats, key=lambda stat: -stat.weight)

    def _stat(self, product_id: str) -> ProductStat:
        state = self._states.get(product_id) or _ProductState()
        mean = state.sentiment_sum / state.sentiment_count if state.sentiment_count else 0.0
        return ProductStat(
            id=product_id,
            weight=self.weight(product_id),
            mentions=state.mentions,
            sentiment=mean,
            votes=state.votes,
            gifts=state.gifts,
        )

    def _state(self, product_id: str, t: float) -> _ProductState:
        state = self._states.get(product_id)
        if state is None:
            state = self._states[product_id] = _ProductState(updated_at=t)
        return state

    def _credit(self, login: str, product_id: str, t: float) -> tuple[_Credit, bool]:
        """This viewer's credit for this product in the current window, and if it is new."""
        key = (login, product_id)
        credit = self._credits.get(key)
        if credit is not None and 0 <= t - credit.since < REPEAT_WINDOW_S:
            return credit, False

        if t - self._forgotten_at >= REPEAT_WINDOW_S:
            self._forget_old_credits(t)
        credit = self._credits[key] = _Credit(since=t)
        return credit, True

    def _forget_old_credits(self, t: float) -> None:
        self._credits = {
            key: credit
            for key, credit in self._credits.items()
            if t - credit.since < REPEAT_WINDOW_S
        }
        self._forgotten_at = t

    async def _save(self, product_ids: list[str]) -> None:
        # Memory is updated before this await, so concurrent events never lose an update; the
        # rows written are whole states, so the last write always matches memory.
        records = [
            ProductWeightRecord(product_id, *astuple(self._states[product_id]))
            for product_id in product_ids
        ]
        await self._store.save(records)
