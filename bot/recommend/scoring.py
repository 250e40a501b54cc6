"""Scores for candidate products: each part normalised to the viewer, mixed by the arm."""

import logging
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.catalog import Product
from bot.profiles import Profile
from bot.recommend.cointerest import CoSuggestion

logger = logging.getLogger(__name__)

DIRECT = "direct"
CONTENT = "content"
CO = "co"
LIVE = "live"
PARTS = (DIRECT, CONTENT, CO, LIVE)

# A category says less about taste than a tag the viewer chose.
CATEGORY_SHARE = 0.5

# How each arm mixes the parts. "blend" uses everything; "content" leans on what the viewer
# told us; "popular" is the control that ignores the viewer.
ARM_MIXES: dict[str, Mapping[str, float]] = {
    "blend": {DIRECT: 0.25, CONTENT: 0.25, CO: 0.25, LIVE: 0.25},
    "content": {DIRECT: 0.35, CONTENT: 0.55, CO: 0.0, LIVE: 0.10},
    "popular": {DIRECT: 0.0, CONTENT: 0.0, CO: 0.0, LIVE: 1.0},
}


@dataclass(frozen=True)
class Scored:
    product: Product
    total: float
    parts: Mapping[str, float]
    live_weight: float
    co_anchor: str | None

    @property
    def strongest_part(self) -> str | None:
        """The part that did most for this product, or None if nothing did."""
        part, value = max(self.parts.items(), key=lambda item: item[1])
        return part if value > 0 else None


def content_match(profile: Profile, product: Product) -> float:
    """Tag affinity over the product's tags (cosine-like), plus a share of the category."""
    tag_sum = sum(profile.tags.get(tag, 0.0) for tag in product.tags)
    tag_match = tag_sum / math.sqrt(len(product.tags)) if product.tags else 0.0
    return tag_match + CATEGORY_SHARE * profile.categories.get(product.category, 0.0)


def _normalised(raw: Mapping[str, float]) -> dict[str, float]:
    # Per viewer, so one enthusiastic viewer and one quiet one both get a full range.
    largest = max((abs(value) for value in raw.values()), default=0.0)
    if largest == 0:
        return dict.fromkeys(raw, 0.0)
    return {key: value / largest for key, value in raw.items()}


def score_products(
    candidates: Sequence[Product],
    profile: Profile,
    live_weights: Mapping[str, float],
    co_suggestions: Mapping[str, CoSuggestion],
    mix: Mapping[str, float],
) -> list[Scored]:
    """Every candidate with its total and parts, in candidate order."""
    raw = {
        DIRECT: {p.id: profile.products.get(p.id, 0.0) for p in candidates},
        CONTENT: {p.id: content_match(profile, p) for p in candidates},
        CO: {
            p.id: co_suggestions[p.id].score if p.id in co_suggestions else 0.0 for p in candidates
        },
        LIVE: {p.id: live_weights.get(p.id, 0.0) for p in candidates},
    }
    normalised = {part: _normalised(values) for part, values in raw.items()}

    scored: list[Scored] = []
    for product in candidates:
        parts = {part: mix.get(part, 0.0) * normalised[part][product.id] for part in PARTS}
        suggestion = co_suggestions.get(product.id)
        scored.append(
            Scored(
                product=product,
                total=sum(parts.values()),
                parts=parts,
                live_weight=raw[LIVE][product.id],
                co_anchor=suggestion.anchor if suggestion is not None else None,
            )
        )
    return scored
