"""The list pages: each viewer's list, click-through to a product, and a health check."""

import logging

from aiohttp import web

from bot.catalog import Catalog
from bot.clock import Clock
from bot.followup.links import ListLinks
from bot.followup.lists import ShoppingLists
from bot.followup.page_html import CONTENT_SECURITY_POLICY, list_page, missing_page
from bot.store.db import Database
from bot.store.followup import FollowupStore

logger = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    # The token is in the page's address: the shop must not see it in a Referer.
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def _language_from_header(request: web.Request) -> str | None:
    for part in request.headers.get("Accept-Language", "").lower().split(","):
        tag = part.split(";")[0].strip()
        if tag.startswith("en"):
            return "en"
        if tag in ("zh-cn", "zh-sg", "zh-hans") or tag.startswith("zh-hans"):
            return "zh-Hans"
        if tag.startswith("zh"):
            return "zh-Hant"
    return None


def _html(text: str, status: int = 200) -> web.Response:
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


async def _add_security_headers(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.update(SECURITY_HEADERS)


class ListPages:
    """Request handlers; a viewer only ever reaches their own list, through their token."""

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        links: ListLinks,
        lists: ShoppingLists,
        clock: Clock,
    ) -> None:
        self.db = db
        self.store = FollowupStore(db)
        self.catalog = catalog
        self.links = links
        self.lists = lists
        self.clock = clock

    async def show_list(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        login = await self.links.login_for(token, self.db)
        if login is None:
            return _html(missing_page(_language_from_header(request)), status=404)

        items = await self.lists.items(login)
        lang = await self.store.viewer_language(login)
        logger.debug("list page for %s: %d products", login, len(items))
        return _html(list_page(lang, token, items))

    async def go(self, request: web.Request) -> web.Response:
        login = await self.links.login_for(request.match_info["token"], self.db)
        product = self.catalog.get(request.match_info["product_id"])
        if login is None or product is None:
            return _html(missing_page(_language_from_header(request)), status=404)

        # Only products picked for this viewer, so every click belongs to an arm.
        arm = await self.store.latest_arm(login, product.id)
        if arm is None:
            return _html(missing_page(_language_from_header(request)), status=404)

        await self.store.record_click(self.clock.now(), login, product.id, arm)
        logger.debug("list click: %s -> %s (arm %s)", login, product.id, arm)
        return web.Response(status=302, headers={"Location": product.url})

    async def health(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")


def make_list_app(
    db: Database, catalog: Catalog, links: ListLinks, lists: ShoppingLists, clock: Clock
) -> web.Application:
    pages = ListPages(db, catalog, links, lists, clock)
    app = web.Application()
    app.router.add_get("/l/{token}", pages.show_list)
    app.router.add_get("/go/{token}/{product_id}", pages.go)
    app.router.add_get("/healthz", pages.health)
    app.on_response_prepare.append(_add_security_headers)
    return app


async def clicks_by_arm(db: Database) -> dict[str, int]:
    """Clicks from list pages through to products, per recommendation arm."""
    return await FollowupStore(db).clicks_by_arm()
