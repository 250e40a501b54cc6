"""What a line wants, by phrase rules in priority order: buying first, chatter last."""

import logging
import re
from collections.abc import Iterable

from bot.text.questions import asks_something

logger = logging.getLogger(__name__)

# Priority order: the first rule that matches wins. A purchase outranks everything
# (`已拍 求链接` is a buyer); asking for the link outranks asking the price; a price
# question outranks an objection, so `多少钱 太贵了吧` counts as asking.
INTENTS: tuple[str, ...] = (
    "buy",
    "ask_link",
    "ask_price",
    "price_objection",
    "ask_stock",
    "question",
    "praise",
    "complaint",
    "chatter",
)

# A clear positive or negative line about a mentioned product counts as praise or a
# complaint even without one of the phrases below.
PRAISE_THRESHOLD = 0.5
COMPLAINT_THRESHOLD = -0.5

_EN_START = r"(?<![a-z'])"
_EN_END = r"(?![a-z])"

# Each rule is a Chinese pattern and an English one; the English one only runs on lines
# with Latin letters. 买了 and 拍了 are not purchases in 不买了, 谁买了, 买了吗 or 拍了拍.
_BUY = (
    r"已拍|已经拍|拍下了|已下单|已经下单|下单了|已下标|下标了|已付款|付款了|已买|已购|已入|入手了|扣1"
    r"|(?<![不别没谁要想])买了(?![吗么没?])|(?<![不别没谁要想拍])拍了(?![拍吗么没?])",
    r"(?<!not )(?<!never )(?<!n't )(?<!you )"
    rf"{_EN_START}(?:bought|ordered|purchased|copped){_EN_END}"
    rf"|{_EN_START}(?:got|grabbed|getting) (?:one|it|two|mine){_EN_END}",
)
_ASK_LINK = (
    r"链接|连结|链结|网址|哪里买|哪儿买|在哪买|在哪里买|怎么买|哪里下单|怎么下单|怎么拍",
    rf"{_EN_START}(?:links?|url){_EN_END}|where (?:can i|do i|to) (?:buy|get|order)",
)
_ASK_PRICE = (
    r"多少钱|多少米|几块|几元|啥价|什么价|价格(?:多少|是多少|呢|$|\?)|价钱|售价|多少(?=$|\?|呢|啊|呀)"
    r"|有(?:什么)?优惠|打折吗|有折扣",
    rf"{_EN_START}how much{_EN_END}|what'?s the price|{_EN_START}price(?:\s*\?|$| pls| please)"
    rf"|^price|{_EN_START}costs?\s*\?",
)
_PRICE_OBJECTION = (
    r"(?<!不)太贵|好贵|(?<![不没])贵了|有点贵|(?<!不)贵死|不值|抢钱|割韭菜|便宜点|便宜一点|能便宜|再便宜",
    rf"too expensive|{_EN_START}(?:overpriced|pricey|rip ?off|cheaper){_EN_END}"
    rf"|(?<!not )(?<!not so )(?<!not that ){_EN_START}expensive{_EN_END}",
)
_ASK_STOCK = (
    r"还有货|有货吗|有货没|有没有货|有现货|现货吗|没货|补货|售罄|卖完|断货|缺货|库存|抢光|抢完|还有吗"
    r"|还有没有|还剩",
    rf"sold out|in stock|out of stock|{_EN_START}(?:restock|any left){_EN_END}",
)
_PRAISE = (
    r"好用|好看|好美|好香|好吃|好棒|(?<!求)推荐(?!一下|个|下|什么|吗)|爱了|爱死|喜欢|绝了|绝绝子|漂亮"
    r"|精致|质感|值得|划算|超值|实惠|显白|种草|回购|不错|满意|完美|赞|棒|yyds",
    rf"{_EN_START}(?:great|love|loving|amazing|awesome|nice|beautiful|gorgeous|perfect"
    rf"|recommend(?:ed)?|best|cute|pretty){_EN_END}",
)
_COMPLAINT = (
    r"坏了|退货|退款|假货|假的|不好用|难用|过敏|烂了|破了|漏了|掉色|起球|质量差|质量不好|差评|发错"
    r"|没收到|还没到|缺件|失望|后悔|上当|骗|坑|垃圾|辣鸡|不推荐|难看|难闻",
    rf"{_EN_START}(?:broken|refund|fake|scam|damaged|terrible|worst|awful|disappointed"
    rf"|disappointing|garbage|trash){_EN_END}|doesn'?t work|not working|never arrived",
)
_LATIN = re.compile("[a-z]")


class _Rule:
    """A Chinese and an English pattern for one intent."""

    def __init__(self, patterns: tuple[str, str]) -> None:
        self._chinese = re.compile(patterns[0])
        self._english = re.compile(patterns[1])

    def matches(self, text: str, latin: bool) -> bool:
        if self._chinese.search(text):
            return True
        return latin and self._english.search(text) is not None


_PRIORITY_RULES: tuple[tuple[str, _Rule], ...] = (
    ("buy", _Rule(_BUY)),
    ("ask_link", _Rule(_ASK_LINK)),
    ("ask_price", _Rule(_ASK_PRICE)),
    ("price_objection", _Rule(_PRICE_OBJECTION)),
    ("ask_stock", _Rule(_ASK_STOCK)),
)
_PRAISE_RULE = _Rule(_PRAISE)
_COMPLAINT_RULE = _Rule(_COMPLAINT)

# Words that make a question a question about the goods: aspects, service, and the
# pointing words viewers use for the product on camera.
PRODUCT_WORDS: tuple[str, ...] = (
    "质量", "效果", "颜色", "色号", "尺码", "码数", "尺寸", "大小", "味道", "气味", "香味",
    "材质", "面料", "成分", "保质期", "有效期", "包装", "发货", "快递", "运费", "包邮", "退货",
    "退款", "售后", "保修", "质保", "正品", "赠品", "容量", "用法", "敏感肌", "油皮", "干皮",
    "混油", "肤质", "孕妇", "好用", "好看", "持久", "保湿", "显白", "掉色", "过敏", "脱妆",
    "防水", "续航", "内存", "电池", "宝贝", "产品", "商品", "东西", "这个", "这款", "那个",
    "那款", "这件", "这支", "这瓶", "这套", "用过", "试过", "size", "color", "colour", "shade",
    "quality", "shipping", "ship", "delivery", "warranty", "material", "ingredients", "skin",
    "battery", "storage", "product", "item", "this one", "this", "it",
)  # fmt: skip


def _word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    alternatives = []
    for word in sorted(set(words), key=len, reverse=True):
        escaped = re.escape(word)
        alternatives.append(f"{_EN_START}{escaped}{_EN_END}" if word.isascii() else escaped)
    return re.compile("|".join(alternatives))


class IntentClassifier:
    """Phrase rules over the normalised Simplified line plus English; see INTENTS."""

    def __init__(self, catalog_words: Iterable[str] = ()) -> None:
        """`catalog_words`: normalised categories and tags, as product words for questions."""
        self._product_words = _word_pattern([*PRODUCT_WORDS, *catalog_words])

    def classify(self, text: str, products: tuple[str, ...], sentiment: float) -> str:
        if not text:
            return "chatter"

        latin = _LATIN.search(text) is not None
        for intent, rule in _PRIORITY_RULES:
            if rule.matches(text, latin):
                return intent

        if asks_something(text) and (products or self._product_words.search(text)):
            return "question"

        if sentiment > 0 and (
            (products and sentiment >= PRAISE_THRESHOLD) or _PRAISE_RULE.matches(text, latin)
        ):
            return "praise"
        if sentiment < 0 and (
            (products and sentiment <= COMPLAINT_THRESHOLD) or _COMPLAINT_RULE.matches(text, latin)
        ):
            return "complaint"
        return "chatter"
