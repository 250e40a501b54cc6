"""Products on sale: ids, names in both scripts, aliases, tags, price and link."""

import logging
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.i18n import in_script

logger = logging.getLogger(__name__)

PRODUCT_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,47}$")


def _reads_as_english(text: str) -> bool:
    letters = [char for char in text if char.isalpha()]
    return bool(letters) and all(char.isascii() or "À" <= char <= "ɏ" for char in letters)


class CatalogError(ValueError):
    """The catalog file is malformed; the message names the file, product and field."""


@dataclass(frozen=True)
class Product:
    id: str
    name: str
    aliases: tuple[str, ...]
    category: str
    tags: tuple[str, ...]
    price: float
    url: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)

    def display_name(self, lang: str | None) -> str:
        """The name a reader of `lang` knows: an English alias for English, else their script."""
        if lang == "en":
            english = [name for name in self.names if _reads_as_english(name)]
            # The fullest English name, not a nickname like "XM5".
            return max(english, key=len) if english else self.name
        return in_script(self.name, lang)


class Catalog:
    """The products of a show, in line-up order (catalog order unless a moderator sets one)."""

    def __init__(
        self,
        products: list[Product],
        category_labels: dict[str, tuple[str, ...]] | None = None,
        english_tags: dict[str, str] | None = None,
    ) -> None:
        self.products = products
        self.by_id = {product.id: product for product in products}
        self.category_labels = category_labels or {}
        self.english_tags = english_tags or {}

    def tag_label(self, tag: str, lang: str | None) -> str:
        """A tag as the reader would say it: its English name for English, else their script."""
        if lang == "en":
            return self.english_tags.get(tag, tag)
        return in_script(tag, lang)

    def __len__(self) -> int:
        return len(self.products)

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self.products)

    def get(self, product_id: str) -> Product | None:
        return self.by_id.get(product_id)

    @property
    def categories(self) -> list[str]:
        return sorted({product.category for product in self.products})

    @classmethod
    def load(cls, path: Path) -> "Catalog":
        try:
            raw = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CatalogError(f"catalog not found: {path}") from error
        except (OSError, UnicodeDecodeError) as error:
            raise CatalogError(f"cannot read catalog {path}: {error}") from error
        except tomllib.TOMLDecodeError as error:
            raise CatalogError(f"{path}: not valid TOML: {error}") from error

        entries = raw.get("products")
        if not isinstance(entries, list) or not entries:
            raise CatalogError(f"{path}: needs at least one [[products]] table")

        products = [_product(path, index, entry) for index, entry in enumerate(entries, 1)]
        seen: set[str] = set()
        for product in products:
            if product.id in seen:
                raise CatalogError(f"{path}: product id {product.id!r} appears twice")
            seen.add(product.id)
        return cls(
            products,
            _category_labels(path, raw.get("categories", {}), products),
            _english_tags(path, raw.get("tags_en", {})),
        )


def _text(path: Path, where: str, entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise CatalogError(f"{path}: {where}: {key!r} must be a non-empty string")
    return value.strip()


def _texts(path: Path, where: str, entry: dict[str, Any], key: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise CatalogError(f"{path}: {where}: {key!r} must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _product(path: Path, index: int, entry: Any) -> Product:
    where = f"product #{index}"
    if not isinstance(entry, dict):
        raise CatalogError(f"{path}: {where} must be a table")

    product_id = _text(path, where, entry, "id")
    if not PRODUCT_ID.match(product_id):
        raise CatalogError(
            f"{path}: {where}: id {product_id!r} must be lower-case letters, digits, - or _"
        )
    where = f"product {product_id!r}"

    price = entry.get("price")
    if (
        isinstance(price, bool)
        or not isinstance(price, int | float)
        or not math.isfinite(price)
        or price < 0
    ):
        raise CatalogError(f"{path}: {where}: 'price' must be a number of 0 or more")

    url = _text(path, where, entry, "url")
    if not url.startswith(("https://", "http://")):
        raise CatalogError(f"{path}: {where}: 'url' must start with https://")

    unknown = set(entry) - {"id", "name", "aliases", "category", "tags", "price", "url"}
    if unknown:
        raise CatalogError(f"{path}: {where}: unknown fields {', '.join(sorted(unknown))}")

    return Product(
        id=product_id,
        name=_text(path, where, entry, "name"),
        aliases=_texts(path, where, entry, "aliases"),
        category=_text(path, where, entry, "category"),
        tags=_texts(path, where, entry, "tags"),
        price=float(price),
        url=url,
    )


def _category_labels(path: Path, raw: Any, products: list[Product]) -> dict[str, tuple[str, ...]]:
    """Optional `[categories]`: words viewers use for each category (`skincare = ["保養"]`)."""
    if not isinstance(raw, dict):
        raise CatalogError(f"{path}: [categories] must be a table of category = [words]")

    known = {product.category for product in products}
    labels: dict[str, tuple[str, ...]] = {}
    for category in raw:
        if category not in known:
            raise CatalogError(f"{path}: [categories] names {category!r}, which no product has")
        labels[category] = _texts(path, "[categories]", raw, category)
    return labels


def _english_tags(path: Path, raw: Any) -> dict[str, str]:
    """Optional `[tags_en]`: an English name for each tag (`"保濕" = "hydrating"`)."""
    if not isinstance(raw, dict) or not all(
        isinstance(value, str) and value.strip() for value in raw.values()
    ):
        raise CatalogError(f'{path}: [tags_en] must be a table of tag = "english name"')
    return {tag: value.strip() for tag, value in raw.items()}
