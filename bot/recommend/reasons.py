"""Why a product was picked, as one short line in the viewer's language."""

import logging

from bot.catalog import Catalog, Product
from bot.i18n import Templates, in_script, render
from bot.profiles import CATEGORY, PRODUCT, TAG, Profile
from bot.recommend.scoring import CATEGORY_SHARE, CO, CONTENT, DIRECT, Scored

logger = logging.getLogger(__name__)

TEMPLATES: Templates = {
    "zh-Hant": {
        "asked": "你在聊天室問過它",
        "praised": "你在聊天室誇過它",
        "mentioned": "你在聊天室提過它",
        "voted_product": "你在投票選過它",
        "quiz_product": "你的測驗答案選了它",
        "gifted": "你用小奇點或點數支持過它",
        "liked_product": "你說過喜歡它",
        "quiz_tag": "你的測驗答案偏好{tag}",
        "vote_tag": "跟你投票的偏好相符（{tag}）",
        "liked_tag": "你常關注{tag}的商品",
        "category": "你常逛{category}類的商品",
        "co": "喜歡{anchor}的觀眾也在看",
        "hot": "聊天室現在最熱門",
        "lineup": "可以先從這款看起",
    },
    "zh-Hans": {
        "asked": "你在聊天室问过它",
        "praised": "你在聊天室夸过它",
        "mentioned": "你在聊天室提过它",
        "voted_product": "你在投票选过它",
        "quiz_product": "你的测验答案选了它",
        "gifted": "你用 Bits 或积分支持过它",
        "liked_product": "你说过喜欢它",
        "quiz_tag": "你的测验答案偏好{tag}",
        "vote_tag": "跟你投票的偏好相符（{tag}）",
        "liked_tag": "你常关注{tag}的商品",
        "category": "你常逛{category}类的商品",
        "co": "喜欢{anchor}的观众也在看",
        "hot": "聊天室现在最热门",
        "lineup": "可以先从这款看起",
    },
    "en": {
        "asked": "you asked about it in chat",
        "praised": "you praised it in chat",
        "mentioned": "you mentioned it in chat",
        "voted_product": "you voted for it",
        "quiz_product": "your quiz answers picked it",
        "gifted": "you backed it with bits or points",
        "liked_product": "you said you like it",
        "quiz_tag": "your quiz answers lean to {tag}",
        "vote_tag": "matches what you voted for ({tag})",
        "liked_tag": "you often go for {tag}",
        "category": "you often shop {category}",
        "co": "viewers who like {anchor} are looking at it too",
        "hot": "hot in chat right now",
        "lineup": "a good place to start",
    },
}

_ASKING_INTENTS = frozenset({"ask_link", "ask_price", "ask_stock", "question"})
_PRAISING_INTENTS = frozenset({"praise", "buy"})


def category_label(catalog: Catalog, category: str, lang: str) -> str:
    """A category as the reader would say it, from the catalog's `[categories]` words."""
    labels = catalog.category_labels.get(category, ())
    if lang == "en":
        english = [label for label in labels if label.isascii()]
        return english[0] if english else category
    chinese = [label for label in labels if not label.isascii()]
    return in_script(chinese[0], lang) if chinese else category


def product_reason_key(source: str | None) -> str:
    """The reason for a product the viewer showed interest in themselves, by its source."""
    if source is None:
        return "liked_product"

    kind, _, detail = source.partition(":")
    if kind == "chat":
        if detail in _ASKING_INTENTS:
            return "asked"
        return "praised" if detail in _PRAISING_INTENTS else "mentioned"
    return {"vote": "voted_product", "quiz": "quiz_product", "gift": "gifted"}.get(
        kind, "liked_product"
    )


def taste_reason_key(source: str | None, is_category: bool) -> str:
    """The reason for a product matching a liked tag or category, by the taste's source."""
    if source == "quiz":
        return "quiz_tag"
    if source == "vote":
        return "vote_tag"
    return "category" if is_category else "liked_tag"


def reason(key: str, lang: str, **values: str) -> str:
    """The reason line, with catalog words shown in the viewer's script."""
    localised = {name: in_script(value, lang) for name, value in values.items()}
    return render(TEMPLATES, key, lang, **localised)


def explain(scored: Scored, profile: Profile, catalog: Catalog, lang: str) -> str:
    """Name the evidence behind the part that did most for this pick."""
    product = scored.product
    strongest = scored.strongest_part

    # The viewer's own words about this very product are the most concrete evidence, even
    # when its tags, which learned from those words, add up to more.
    if scored.parts[DIRECT] > 0:
        return reason(product_reason_key(profile.source(PRODUCT, product.id)), lang)

    if strongest == CONTENT:
        kind, key = _best_taste(profile, product)
        key_name = taste_reason_key(profile.source(kind, key), is_category=kind == CATEGORY)
        if kind == CATEGORY:
            return reason(key_name, lang, category=category_label(catalog, key, lang))
        return reason(key_name, lang, tag=catalog.tag_label(key, lang))

    if strongest == CO and scored.co_anchor is not None:
        anchor = catalog.get(scored.co_anchor)
        if anchor is not None:
            return reason("co", lang, anchor=anchor.display_name(lang))

    return reason("hot" if is_hot(scored) else "lineup", lang)


# "Hot right now" must be true: about one warm mention within the last half-life, not a
# faint trace of yesterday's chat.
HOT_MIN_WEIGHT = 0.5


def is_hot(scored: Scored) -> bool:
    return scored.live_weight >= HOT_MIN_WEIGHT


def _best_taste(profile: Profile, product: Product) -> tuple[str, str]:
    """The liked tag or category of `product` that the viewer likes most."""
    options = [(profile.tags.get(tag, 0.0), TAG, tag) for tag in product.tags]
    category_score = profile.categories.get(product.category, 0.0)
    options.append((category_score * CATEGORY_SHARE, CATEGORY, product.category))
    _, kind, key = max(options, key=lambda option: option[0])
    return kind, key
