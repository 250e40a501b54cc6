"""What a line wants, by phrase rules in priority order: buying first, chatter last."""

import logging
import re
from collections.abc import Iterable

from bot.text.numerals import CHINESE_NUMERAL_CHARS
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
# An opinion phrase counts the other way only when the line's sentiment clearly says so:
# the weakest negated cue comes to 0.2, model noise alone stays below it on most lines.
NEGATED_OPINION = 0.2

_NUMBER = rf"\d{{1,3}}|[{CHINESE_NUMERAL_CHARS}]{{1,3}}"
_EN_START = r"(?<![a-z'])"
_EN_END = r"(?![a-z])"

# Each rule is a Chinese pattern and an English one; the English one only runs on lines
# with Latin letters. 买了 and 拍了 are not purchases in 不买了, 谁买了, 买了吗, 拍了拍 or
# 上次买了; Cantonese forms (买咗, 落单, 有冇货, 几钱) are in the same rules, after t2s.
_BUY = (
    r"已拍|已经拍|拍下了|秒拍|已下单|已经下单|下单了|下单成功|已下标|下标了|已下订|下订了"
    r"|已经?付款|付完款|付款(?:了|完成|成功)|已经?结完?[帐账]|结完[帐账]|[帐账]结好|结[帐账](?:了|完成|成功)"
    r"|已买|已购|已入|入手了|扣1|冲了|(?<![没不])抢到(?![吗么没])"
    r"|(?<![不别没谁要想])(?<!上次)(?<!之前)(?<!以前)买了(?![吗么没?])"
    r"|(?<![不别没谁要想拍])(?<!上次)(?<!之前)(?<!以前)拍了(?![拍吗么没?])"
    r"|(?<![不别没])订了(?![吗么没?])|买咗|落咗单|(?<![点])落单(?:喇|啦|了)|[俾畀]咗钱|付咗款"
    r"|(?:两个|两款|两支|两瓶|两件|全部|通通|统统|都)要(?=$|[\s,.!~。]|了|啦|喇|呀|啊)"
    r"|全部都?买(?=$|[\s,.!~。]|了|啦|喇)"
    rf"|号\s?(?:{_NUMBER})\s?[瓶支个件组盒包套罐条](?![吗么?])"
    rf"|我[也都]?要\s?(?:{_NUMBER})\s?号(?![色码线]|\s?(?:链接|连结|链结))"
    r"|号\s?(?:\+1(?!\d)|我[也都]?要(?=$|[\s,.!~。]|了|啦|喇))",
    r"(?<!not )(?<!never )(?<!n't )(?<!you )"
    rf"{_EN_START}(?:bought|ordered|purchased|copped){_EN_END}(?! (?:it|one|this) (?:last|before))"
    rf"|{_EN_START}(?:got|grabbed|getting) (?:one|it|two|mine){_EN_END}"
    rf"|{_EN_START}checked out{_EN_END}(?! (?:the|this|that|her|his|their))",
)
_ASK_LINK = (
    r"链接|连结|链结|网址|哪里买|哪儿买|在哪买|在哪里买|怎么买|哪里下单|怎么下单|怎么拍"
    r"|边度买|边度有得买|点买",
    rf"{_EN_START}(?:links?|url){_EN_END}|where (?:can i|do i|to) (?:buy|get|order)",
)
# 多少 alone asks the price, unless it follows a shade, a size or a stock word.
_ASK_PRICE = (
    r"多少钱|多少米|几块|几元|啥价|什么价|(?<!这)(?<!这个)价[格钱]是?(?:多少|呢|$|\?)"
    r"|售价|(?<![号码量])(?<!号是)(?<!码是)(?<!量是)(?<!还有)(?<!还剩)多少(?=$|\?|呢|啊|呀)"
    r"|有(?:什么)?优惠|打折吗|有折扣|满减|几钱|几多钱|有冇(?:折|优惠)"
    r"|有(?:冇|没有?)?得[减平]|减唔减价|可唔可以[减平]|折扣[吗呢]",
    rf"{_EN_START}how much{_EN_END}|what'?s the price|{_EN_START}price(?:\s*\?|$| pls| please)"
    rf"|^price|{_EN_START}costs?\s*\?|(?:any|got|is there an?|have an?) (?:discount|coupon|promo)",
)
_PRICE_OBJECTION = (
    r"(?<!不)太贵|好贵|(?<![不没])贵了|有点贵|(?<!不)贵死|贵森森|贵到|咁贵|不值|唔值|唔抵|抢钱|割韭菜"
    r"|便宜点|便宜一点|能便宜|再便宜|买不起|买不下手|不(?:太|怎么|是很)?划算|冤大头|吃土"
    r"|便宜(?:一半|很多|好多|超多)"
    r"|(?<![并没])(?:不便宜|唔平(?![衡安静]))(?!\s?(?:但|可是|不过))"
    r"|(?<!不)比[^,.!?\s]{1,6}贵|比这里?便宜|没有(?:比较|更)?便宜|出面[^,.!?\s]{0,4}平"
    r"|(?:价格|价钱|价位)[^,.!?]{0,3}(?:太|好|有点|也太)(?:高|扯|夸张|离谱)"
    r"|(?:太|好|也太)(?:扯|夸张|离谱)[^,.!?]{0,5}(?:价格|价钱|价位)",
    rf"too expensive|{_EN_START}(?:overpriced|pricey|rip ?off|cheaper){_EN_END}"
    rf"|(?<!not )(?<!not so )(?<!not that ){_EN_START}expensive{_EN_END}"
    rf"|{_EN_START}(?:not|isn'?t|ain'?t) worth{_EN_END}",
)
_ASK_STOCK = (
    r"还有货|有货吗|有货没|有没有货|有现货|现货吗|没货|补货|售罄|卖完|完售|断货|缺货|库存|抢光|抢完|还有吗"
    r"|还有没有|还剩|剩(?:几|多少)|没抢到|抢不到|有冇货|仲有冇|仲有(?:吗|未)|冇货"
    r"|(?:几时|什么时候)(?:再|会)?有货",
    rf"sold out|in stock|out of stock|{_EN_START}(?:restock|any left){_EN_END}",
)
_PRAISE = (
    r"好用|好看|好美|好香|好闻|好吃|好食|好棒|好强|很强|超强|(?<!求)推荐(?!一下|个|下|什么|吗)|推推|大推"
    r"|爱了|爱死|超爱|好爱|最爱|太爱|喜欢|绝了|绝绝子|漂亮|精致|质感|值得|划算|超值|实惠|抵买|好抵"
    r"|显白|种草|回购|不错|满意|完美|赞|棒|靓(?!仔|女)|好正|超正|必备|性价比(?:很|超|好|挺)?高|服帖|持妆"
    r"|没得说|停不下来|(?<!\S)推(?=$|[\s!~])|不(?:算|会|太|是很)?(?:贵|差)(?![不了])|钟意|几好|佛心|(?<!精)神了"
    r"|有效(?!期|日)",
    rf"{_EN_START}(?:great|love|loving|amazing|awesome|nice|beautiful|gorgeous|perfect"
    rf"|recommend(?:ed)?|best|cute|pretty|addictive|holy grail|yyds){_EN_END}"
    rf"|{_EN_START}good{_EN_END}(?! (?:night|morning|evening|afternoon|luck|bye))",
)
_COMPLAINT = (
    r"坏了|坏掉|坏的|退货|退款|假货|假的|不好用|难用|过敏|烂了|烂咗|烂掉|破了|漏了|掉色|起球|质量差|质量不好"
    r"|差评|发错|寄错|送错|没收到|还没到|缺件|失望|后悔|上当|骗|坑|垃圾|辣鸡|不推|难看|难闻"
    r"|碎了|碎掉|断了|容易断|[太好很超]差|[太好很超]慢|怪味|异味|氧化|晕染|脱妆|爆痘|闷痘|紧绷"
    r"|[很好太超]扯|踩雷|翻车|智商税|不回(?:复|覆|消息|讯息|信息|私信|应)"
    r"|唔(?:系|系几|系好|太)?啱|麻麻[地哋]|一般般|太[油腻甜咸]|太干(?!净)|油腻|食唔得|用唔得|唔推|劝退|零分"
    r"|[很好]普通(?!话)|没回(?=$|[\s,.!~。]|复|覆|消息|讯息|信息|私信|应)|未到货|仲未到",
    rf"{_EN_START}(?:broken|refund|fake|scam|damaged|terrible|worst|awful|disappointed"
    rf"|disappointing|garbage|trash|flakes|flaking|smudges?){_EN_END}|doesn'?t work|not working"
    r"|never arrived|still waiting|wrong (?:item|colou?r|size|one)",
)
_LATIN = re.compile("[a-z]")
_HAN_CHAR = re.compile("[\u3400-\u9fff]")
# Look-arounds (none nest parentheses here) and negated classes: their characters need not
# be in a matching line.
_NOT_REQUIRED = re.compile(r"\(\?<?[!=][^()]*\)|\[\^[^\]]*\]")
_NEGATOR = re.compile(
    r"[不没别未无非唔冇]|(?<![a-z])(?:not|no|never|dont|doesnt|isnt)(?![a-z])|n't"
)


class _Rule:
    """A Chinese and an English pattern for one intent.

    Every branch of a Chinese pattern holds a Han character outside its look-arounds and
    negated classes, so a line sharing none of those cannot match: a set test spares the
    regex most lines.
    """

    def __init__(self, patterns: tuple[str, str]) -> None:
        self._chinese = re.compile(patterns[0])
        required = _NOT_REQUIRED.sub("", patterns[0])
        self._trigger = frozenset(_HAN_CHAR.findall(required))
        self._english = re.compile(patterns[1])

    def matches(self, text: str, latin: bool) -> bool:
        if not self._trigger.isdisjoint(text) and self._chinese.search(text):
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
    "到货", "出货", "寄", "物流", "色", "正货", "插头",
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

    def classify(
        self,
        text: str,
        products: tuple[str, ...],
        sentiment: float,
        asks: bool | None = None,
    ) -> str:
        """`asks`: whether the line asks something, when the caller already knows."""
        if not text:
            return "chatter"

        latin = _LATIN.search(text) is not None
        for intent, rule in _PRIORITY_RULES:
            if rule.matches(text, latin):
                return intent

        if asks is None:
            asks = asks_something(text)
        if asks and (products or self._product_words.search(text)):
            return "question"

        praises = _PRAISE_RULE.matches(text, latin)
        complains = _COMPLAINT_RULE.matches(text, latin)
        # A praise phrase in a clearly negative line with a negator was negated (不是很满意,
        # 没有想像中好用), and a complaint phrase in a clearly positive one too (不会过敏);
        # without a negator the other sentiment comes from elsewhere (诈骗哈哈哈).
        negated = _NEGATOR.search(text) is not None
        if praises and not complains:
            return "complaint" if negated and sentiment <= -NEGATED_OPINION else "praise"
        if complains and not praises:
            return "praise" if negated and sentiment >= NEGATED_OPINION else "complaint"

        if sentiment > 0 and (praises or (products and sentiment >= PRAISE_THRESHOLD)):
            return "praise"
        if sentiment < 0 and (complains or (products and sentiment <= COMPLAINT_THRESHOLD)):
            return "complaint"
        return "chatter"
