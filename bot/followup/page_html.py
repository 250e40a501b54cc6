"""The HTML of a list page: small, self-contained, escaped, in the viewer's language."""

import base64
import hashlib
import logging
from html import escape
from urllib.parse import quote

from bot.followup.lists import ListItem
from bot.i18n import DEFAULT_LANGUAGE, render

logger = logging.getLogger(__name__)

STYLE = (
    "body{font-family:system-ui,sans-serif;margin:0 auto;max-width:36rem;padding:1rem;"
    "line-height:1.5;color:#222;background:#fafafa}"
    "ol{padding:0;list-style:none}"
    "li{margin:0 0 1rem;padding:.8rem;border-radius:.5rem;background:#fff;"
    "box-shadow:0 1px 3px #0002}"
    "h2{font-size:1.05rem;margin:0}"
    ".price{font-weight:bold}"
    ".reason{color:#555;margin:.2rem 0 .6rem}"
    "a{display:inline-block;padding:.5rem 1rem;border-radius:.4rem;background:#6441a5;"
    "color:#fff;text-decoration:none}"
)

_STYLE_HASH = base64.b64encode(hashlib.sha256(STYLE.encode("utf-8")).digest()).decode("ascii")

# Nothing loads but the one inline stylesheet above, named by its hash.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src 'sha256-{_STYLE_HASH}'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)

TEMPLATES = {
    "zh-Hant": {
        "title": "你的購物清單",
        "intro": "直播中為你挑選的商品：",
        "price": "售價 {price}",
        "open": "查看商品",
        "empty": "清單還是空的，下次直播輸入 !picks 試試看。",
        "missing_title": "找不到這份清單",
        "missing": "這個連結無效。請在直播聊天室輸入 !list 取得你的連結。",
    },
    "zh-Hans": {
        "title": "你的购物清单",
        "intro": "直播中为你挑选的商品：",
        "price": "售价 {price}",
        "open": "查看商品",
        "empty": "清单还是空的，下次直播输入 !picks 试试看。",
        "missing_title": "找不到这份清单",
        "missing": "这个链接无效。请在直播聊天室输入 !list 获取你的链接。",
    },
    "en": {
        "title": "Your shopping list",
        "intro": "Picked for you during the show:",
        "price": "Price {price}",
        "open": "View product",
        "empty": "Your list is empty for now: try !picks in the next show.",
        "missing_title": "List not found",
        "missing": "This link is not valid. Type !list in the stream chat to get yours.",
    },
}


def page_language(lang: str | None) -> str:
    return lang if lang in TEMPLATES else DEFAULT_LANGUAGE


def _price(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"


def _document(lang: str, title: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        f'<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}</body>\n</html>\n"
    )


def _item(lang: str, token: str, item: ListItem) -> str:
    product = item.product
    # Relative, so the page still works when served under a path prefix.
    href = f"../go/{quote(token, safe='')}/{quote(product.id, safe='')}"
    price = render(TEMPLATES, "price", lang, price=_price(product.price))
    return (
        f"<li><h2>{escape(product.display_name(lang))}</h2>\n"
        f'<div class="price">{escape(price)}</div>\n'
        f'<p class="reason">{escape(item.reason)}</p>\n'
        f'<a href="{escape(href)}" rel="noopener noreferrer">'
        f"{escape(render(TEMPLATES, 'open', lang))}</a></li>\n"
    )


def list_page(lang: str | None, token: str, items: list[ListItem]) -> str:
    lang = page_language(lang)
    title = render(TEMPLATES, "title", lang)
    if items:
        entries = "".join(_item(lang, token, item) for item in items)
        content = f"<p>{escape(render(TEMPLATES, 'intro', lang))}</p>\n<ol>\n{entries}</ol>\n"
    else:
        content = f"<p>{escape(render(TEMPLATES, 'empty', lang))}</p>\n"
    return _document(lang, title, f"<h1>{escape(title)}</h1>\n{content}")


def missing_page(lang: str | None) -> str:
    lang = page_language(lang)
    title = render(TEMPLATES, "missing_title", lang)
    body = f"<h1>{escape(title)}</h1>\n<p>{escape(render(TEMPLATES, 'missing', lang))}</p>\n"
    return _document(lang, title, body)
