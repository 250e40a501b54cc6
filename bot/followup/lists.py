"""Each viewer's shopping list: the products picked for them, and the post-show whisper text."""

import logging
from dataclasses import dataclass

from bot.catalog import Catalog, Product
from bot.i18n import DEFAULT_LANGUAGE, render
from bot.store.db import Database
from bot.store.followup import FollowupStore

logger = logging.getLogger(__name__)

MAX_ITEMS = 10
NAMES_IN_WHISPER = 3
NAME_CHARS = 40
WHISPER_CHARS = 499

TEMPLATES = {
    "zh-Hant": {
        "with_items": "謝謝收看！你的購物清單：{names}。完整清單：{url}",
        "empty": "謝謝收看！你的購物清單在這裡：{url}",
        "more": "{names}等 {count} 件",
        "separator": "、",
    },
    "zh-Hans": {
        "with_items": "谢谢收看！你的购物清单：{names}。完整清单：{url}",
        "empty": "谢谢收看！你的购物清单在这里：{url}",
        "more": "{names}等 {count} 件",
        "separator": "、",
    },
    "en": {
        "with_items": "Thanks for watching! Your shopping list: {names}. Full list: {url}",
        "empty": "Thanks for watching! Your shopping list is here: {url}",
        "more": "{names} and {extra} more",
        "separator": ", ",
    },
}


@dataclass(frozen=True)
class ListItem:
    product: Product
    reason: str
    arm: str
    t: float


def _shorten(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: max(1, limit - 1)] + "…"


class ShoppingLists:
    """Lists built from the recommendations table: every pick a viewer got, newest first."""

    def __init__(self, db: Database, catalog: Catalog) -> None:
        self.store = FollowupStore(db)
        self.catalog = catalog

    async def items(self, login: str) -> list[ListItem]:
        """Up to ten products, most recently picked first, each once, unknown products skipped."""
        items: list[ListItem] = []
        seen: set[str] = set()
        for pick in await self.store.recommendations(login):
            product = self.catalog.get(pick.product_id)
            if product is None or product.id in seen:
                continue

            seen.add(product.id)
            items.append(ListItem(product, pick.reason, pick.arm, pick.t))
            if len(items) == MAX_ITEMS:
                break
        return items

    async def language(self, login: str) -> str:
        lang = await self.store.viewer_language(login)
        return lang if lang in TEMPLATES else DEFAULT_LANGUAGE

    async def message_for(self, login: str, lang: str, url: str) -> str:
        """The post-show whisper: thanks, up to 3 product names and the link, under 500 chars."""
        items = await self.items(login)
        if not items:
            return render(TEMPLATES, "empty", lang, url=url)

        # The link must survive whole, so the names give way when the message runs long.
        room = WHISPER_CHARS - len(render(TEMPLATES, "with_items", lang, names="", url=url))
        name_chars = NAME_CHARS
        while True:
            names = self._names(items, lang, name_chars)
            if len(names) <= room or name_chars <= 1:
                break
            name_chars = max(1, name_chars // 2)
        return render(TEMPLATES, "with_items", lang, names=names[: max(0, room)], url=url)

    async def message_for_viewer(self, login: str, url: str) -> str:
        """The whisper in the viewer's stored language; what PushScheduler's message_for wants."""
        return await self.message_for(login, await self.language(login), url)

    def _names(self, items: list[ListItem], lang: str, name_chars: int) -> str:
        separator = render(TEMPLATES, "separator", lang)
        shown = items[:NAMES_IN_WHISPER]
        names = separator.join(
            _shorten(item.product.display_name(lang), name_chars) for item in shown
        )

        extra = len(items) - len(shown)
        if extra:
            names = render(TEMPLATES, "more", lang, names=names, count=len(items), extra=extra)
        return names
