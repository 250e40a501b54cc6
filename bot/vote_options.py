"""What a vote option means for products: the catalog products and tags its words name."""

import logging
from dataclasses import dataclass

from bot.catalog import Catalog
from bot.text import Analyzer

logger = logging.getLogger(__name__)

CATEGORY_TAGS = 4


@dataclass(frozen=True)
class OptionMeaning:
    product_ids: tuple[str, ...]
    tags: tuple[str, ...]


def _fold(text: str, analyzer: Analyzer) -> str:
    return analyzer.analyze(text).normalised.replace(" ", "")


def option_meaning(option: str, catalog: Catalog, analyzer: Analyzer) -> OptionMeaning:
    """Products named in the option, products of a category it names, and tags it names."""
    folded = _fold(option, analyzer)
    products = list(analyzer.analyze(option).products)

    for category, labels in catalog.category_labels.items():
        if any(_fold(label, analyzer) in folded for label in labels):
            products.extend(p.id for p in catalog if p.category == category)

    tags: list[str] = []
    all_tags = dict.fromkeys(tag for product in catalog for tag in product.tags)
    tags.extend(tag for tag in all_tags if _fold(tag, analyzer) in folded)
    if not tags and products:
        counts: dict[str, int] = {}
        for product_id in products:
            for tag in catalog.by_id[product_id].tags:
                counts[tag] = counts.get(tag, 0) + 1
        ranked = sorted(counts, key=lambda tag: (-counts[tag], tag))
        tags.extend(ranked[:CATEGORY_TAGS])

    return OptionMeaning(tuple(dict.fromkeys(products)), tuple(dict.fromkeys(tags)))
