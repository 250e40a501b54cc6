"""Personal picks for one viewer, recorded with their arm and reason, and buys credited back."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from bot.catalog import Catalog, Product
from bot.config import RecommendSettings
from bot.profiles import Profile, Profiles
from bot.recommend.arms import assign_arm
from bot.recommend.cointerest import LIKE_SCORE, CoInterest, CoSuggestion
from bot.recommend.reasons import explain
from bot.recommend.scoring import ARM_MIXES, CO, score_products
from bot.signals import LiveWeights, known_products
from bot.store.db import Database
from bot.store.picks import ConversionRecord, PickStore, RecommendationRecord
from bot.store.taste import TasteStore

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Pick:
    product: Product
    score: float
    reason: str
    arm: str


# Affinity a complained-about product needs before it may be recommended again: more than
# one kind word.
WARMED_AGAIN = 1.5


def _allowed(product: Product, profile: Profile, excluded: set[str]) -> bool:
    if product.id in excluded or product.id in profile.bought:
        return False

    # Never push what the viewer said they dislike: a product they feel negative about is out,
    # and a complaint holds until they have clearly warmed to the product again.
    affinity = profile.products.get(product.id, 0.0)
    if affinity < 0:
        return False
    return product.id not in profile.complained or affinity >= WARMED_AGAIN


class Recommender:
    """Picks per viewer: rule filter, then content, co-interest and live weights by arm."""

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        weights: LiveWeights,
        profiles: Profiles,
        settings: RecommendSettings,
    ) -> None:
        unknown = [arm for arm in settings.arms if arm not in ARM_MIXES]
        if unknown or not settings.arms:
            raise ValueError(
                f"[recommend] arms must be among {', '.join(ARM_MIXES)}, not {unknown}"
            )

        self.catalog = catalog
        self.weights = weights
        self.profiles = profiles
        self.settings = settings
        self._store = PickStore(db)
        self._co_interest = CoInterest(TasteStore(db), weights.clock)

    def arm_for(self, login: str) -> str:
        return assign_arm(login, self.settings.arms)

    async def picks(
        self, login: str, lang: str, t: float, exclude: Iterable[str] = ()
    ) -> list[Pick]:
        """Up to settings.picks distinct products for the viewer, best first, each recorded."""
        login = login.strip().lower()
        if not login:
            return []

        arm = self.arm_for(login)
        mix = ARM_MIXES[arm]
        profile = await self.profiles.profile(login)

        excluded = set(exclude)
        candidates = [product for product in self.catalog if _allowed(product, profile, excluded)]
        co_suggestions = await self._co_suggestions(profile) if mix[CO] > 0 else {}

        live_weights = {product.id: self.weights.weight(product.id) for product in candidates}
        scored = score_products(candidates, profile, live_weights, co_suggestions, mix)
        position = {stat.id: index for index, stat in enumerate(self.weights.ranking())}
        scored.sort(key=lambda item: (-item.total, position.get(item.product.id, 0)))

        picks = [
            Pick(item.product, item.total, explain(item, profile, self.catalog, lang), arm)
            for item in scored[: self.settings.picks]
        ]
        await self._store.record_picks(
            [
                RecommendationRecord(t, login, pick.product.id, arm, rank, pick.reason)
                for rank, pick in enumerate(picks, 1)
            ]
        )

        logger.debug("picks for %s (%s): %d", login, arm, len(picks))
        return picks

    async def _co_suggestions(self, profile: Profile) -> dict[str, CoSuggestion]:
        likes = {
            product_id: score
            for product_id, score in profile.products.items()
            if score >= LIKE_SCORE and product_id not in profile.complained
        }
        if not likes:
            return {}

        await self._co_interest.refresh(self.profiles.product_changes)
        return self._co_interest.suggest(likes)

    async def conversion(
        self, login: str, product_ids: Iterable[str], t: float
    ) -> list[ConversionRecord]:
        """Credit a buy to the arm of the latest pick of each product; returns the new rows."""
        login = login.strip().lower()
        product_ids = known_products(self.catalog, product_ids, limit=len(self.catalog))
        if not login or not product_ids:
            return []

        recorded = await self._store.record_conversions(
            login, product_ids, t, unpicked_arm=self.arm_for(login)
        )

        logger.debug("buy by %s credited to %d picks", login, len(recorded))
        return recorded
