"""Faults found with the example catalog and the labelled chat, each with the right reading."""

import logging

import pytest

from bot.catalog import Catalog, Product
from bot.text import Analyzer

logger = logging.getLogger(__name__)


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        # buying, in Taiwan, Hong Kong and mainland words
        ("已結帳 等出貨中", "buy"),
        ("剛結完帳", "buy"),
        ("付完款了", "buy"),
        ("已經付款囉", "buy"),
        ("剛剛下訂了dyson", "buy"),
        ("我訂了兩組收納箱", "buy"),
        ("搶到了！！", "buy"),
        ("下單成功🎉", "buy"),
        ("秒拍", "buy"),
        ("買咗XM5", "buy"),
        ("啱啱落咗單", "buy"),
        ("俾咗錢喇", "buy"),
        ("checked out already", "buy"),
        ("1號 2號 都要", "buy"),
        ("兩個都要", "buy"),
        ("我要3號", "buy"),
        ("3號+1", "buy"),
        ("我要3號連結", "ask_link"),
        ("都要哭了", "chatter"),
        ("2號三瓶", "buy"),
        ("全部都買了", "buy"),
        ("我要睡了", "chatter"),
        ("上次買了一支 很好用", "praise"),
        ("3CE眼影盤 bought it last time 超好看", "praise"),
        # asking the price
        ("幾錢呀", "ask_price"),
        ("小黑瓶幾多錢", "ask_price"),
        ("有冇折", "ask_price"),
        ("滿減怎麼算", "ask_price"),
        ("any discount code?", "ask_price"),
        ("SK-II青春露的價錢是？", "ask_price"),
        ("庫存還有多少", "ask_stock"),
        ("口紅色號是多少", "question"),
        # objecting to it
        ("貴森森", "price_objection"),
        ("這價格不太划算", "price_objection"),
        ("比某寶貴多了", "price_objection"),
        ("官網都比這便宜", "price_objection"),
        ("學生買不起", "price_objection"),
        ("咁貴㗎", "price_objection"),
        ("貴到痴線", "price_objection"),
        ("唔抵", "price_objection"),
        ("出面平好多", "price_objection"),
        ("？？？太扯了吧這價錢", "price_objection"),
        ("not worth it tbh", "price_objection"),
        ("這個一點都不便宜", "price_objection"),
        ("唔平喎", "price_objection"),
        ("官網便宜好多", "price_objection"),
        ("這價錢我要吃土了", "price_objection"),
        ("誰買誰冤大頭", "price_objection"),
        ("不便宜但是很好用", "praise"),
        # asking for a discount
        ("有冇得減", "ask_price"),
        ("有冇得平啲", "ask_price"),
        ("有折扣嗎", "ask_price"),
        # stock
        ("安耐曬剩幾組", "ask_stock"),
        ("完售了嗎", "ask_stock"),
        ("又沒搶到", "ask_stock"),
        ("仲有冇貨", "ask_stock"),
        ("冇貨喇?", "ask_stock"),
        ("幾時再有貨", "ask_stock"),
        ("邊度買得到", "ask_link"),
        # questions about a product
        ("這支是霧面還是滋潤的", "question"),
        ("電鍋是幾人份的", "question"),
        ("幾天會到貨", "question"),
        ("衛龍辣條辣不辣", "question"),
        ("敏感肌用唔用得", "question"),
        ("青春露係咪正貨", "question"),
        ("呢個價錢包唔包運費", "question"),
        ("does the b5 cream work on eczema", "question"),
        # praise, negated complaints included
        ("安耐曬擦起來不黏 推", "praise"),
        ("Dyson吸力真的很強", "praise"),
        ("好靚呀", "praise"),
        ("鳳梨酥好好食", "praise"),
        ("抵買", "praise"),
        ("性價比很高", "praise"),
        ("不算貴", "praise"),
        ("不會過敏 敏感肌可以放心", "praise"),
        ("Double Wear is my holy grail", "praise"),
        ("你特別棒", "praise"),
        ("小棕瓶不會不好用", "praise"),
        ("沒有不喜歡", "praise"),
        ("這個價真的佛心", "praise"),
        ("這款保濕真的神了", "praise"),
        ("美白精華用了有效", "praise"),
        ("呢支唇膏幾好", "praise"),
        # complaints, negated praise included
        ("不是很滿意", "complaint"),
        ("沒有想像中好用", "complaint"),
        ("沒有很好吃", "complaint"),
        ("唔好用 用完爆痘", "complaint"),
        ("泡芙收到都碎了", "complaint"),
        ("寄錯顏色了啦", "complaint"),
        ("發貨太慢了", "complaint"),
        ("客服都不回訊息", "complaint"),
        ("粉底液氧化好嚴重", "complaint"),
        ("this is not good", "complaint"),
        ("still waiting on my order", "complaint"),
        ("詐騙哈哈哈哈", "complaint"),
        ("小棕瓶唔係好啱我，太油啦", "complaint"),
        ("唔鍾意呢個味", "complaint"),
        ("麻麻地", "complaint"),
        ("用完皮膚太乾", "complaint"),
        ("好喔 又寄錯了 真是太棒了👏", "complaint"),
        ("好棒喔 又壞了", "complaint"),
        ("私訊兩天都沒回 好棒棒", "complaint"),
        ("貨仲未到", "complaint"),
        ("試用完唔推", "complaint"),
        ("顯色度零分", "complaint"),
        ("冰河霜唔係幾啱我", "complaint"),
        ("口紅顏色好普通", "complaint"),
        ("他說普通話", "chatter"),
        ("主播今天有精神了", "chatter"),
        ("有效期到幾時", "question"),
        # chatter
        ("good night all", "chatter"),
        ("主播晚上好", "chatter"),
        ("姐姐怎麼還不回來", "chatter"),
    ],
)
def test_intent(example_analyzer: Analyzer, line: str, intent: str) -> None:
    assert example_analyzer.analyze(line).intent == intent


@pytest.mark.parametrize(
    ("line", "low", "high"),
    [
        ("又賣完了 QQ", -1.0, -0.2),
        ("加我qq", -0.1, 1.0),
        ("主播晚上好", -0.2, 0.2),
        ("特別開心", 0.2, 1.0),
        ("唔好用", -1.0, -0.2),
        ("XM5跟AirPods哪個降噪比較好", 0.0, 0.3),
        ("Switch OLED 跟舊版差在哪", -0.1, 0.1),
        # Cantonese negation and so-so words
        ("小棕瓶唔係好啱我，太油啦", -1.0, -0.2),
        ("辣條好辣 唔食得辣", -1.0, 0.09),
        ("唔鍾意", -1.0, -0.2),
        ("一般般", -1.0, -0.2),
        ("唔得", -1.0, -0.2),
        ("我麻麻說好用", 0.2, 1.0),
        ("啱啱落咗單", 0.0, 1.0),
        ("唔得閒", -0.09, 1.0),
        # asked about, not said: A-不-A before or across the phrase
        ("Kiehl's冰河霜油肌會不會太油", -0.09, 0.09),
        ("敏感肌用唔用得", -0.09, 0.09),
        ("呢隻色啱唔啱黃皮", -0.09, 0.09),
        # two negations agree
        ("小棕瓶不會不好用", 0.2, 1.0),
        ("不是不好", 0.1, 1.0),
        ("沒有不喜歡", 0.1, 1.0),
        # praise beside a complaint is irony, unless a `but` comes between
        ("好喔 又寄錯了 真是太棒了👏", -1.0, -0.5),
        ("broken again. just great", -1.0, -0.5),
        ("寄錯了 但是客服很好", -0.5, 0.5),
        ("1號 2號 都要", 0.1, 1.0),
    ],
)
def test_sentiment(example_analyzer: Analyzer, line: str, low: float, high: float) -> None:
    assert low <= example_analyzer.analyze(line).sentiment <= high


@pytest.mark.parametrize(
    ("line", "tokens"),
    [
        ("too expensive", ("too", "expensive")),
        ("WH-1000XM5 降噪好強", ("wh-1000xm5", "降噪", "好", "强")),
        ("kiehl's", ("kiehl's",)),
    ],
)
def test_latin_words_stay_whole(
    example_analyzer: Analyzer, line: str, tokens: tuple[str, ...]
) -> None:
    assert example_analyzer.analyze(line).tokens == tokens


@pytest.mark.parametrize(
    ("line", "products"),
    [
        ("第二個的連結", ("lancome-genifique",)),
        ("第3个链接", ("sk2-essence",)),
        ("我要當第一個", ()),
        ("le creuset", ("le-creuset-pot",)),
        ("ysl新色", ("ysl-slim",)),
        ("sony", ()),
        # a minus sign takes the number away
        ("-1號連結", ()),
        ("−1號", ()),
        ("-#2", ()),
        ("1號 2號 都要", ("anr-serum", "lancome-genifique")),
        # a nickname inside a longer everyday word is not a mention
        ("小辣椒炒肉好好吃", ()),
        ("抹布女", ()),
        ("氣墊船", ()),
        ("核子彈頭", ()),
        ("小辣椒好顯白", ("mac-chili",)),
        ("用抹布擦桌子", ("3m-cloth",)),
        ("小金條唇膏", ("ysl-slim",)),
    ],
)
def test_products(example_analyzer: Analyzer, line: str, products: tuple[str, ...]) -> None:
    assert example_analyzer.analyze(line).products == products


def test_a_brand_shared_by_two_products_names_neither() -> None:
    def product(product_id: str, name: str) -> Product:
        return Product(
            product_id, name, (), "makeup", (), 1.0, f"https://shop.example/{product_id}"
        )

    analyzer = Analyzer(
        Catalog(
            [
                product("slim", "YSL 小金條唇膏"),
                product("cushion", "YSL 氣墊"),
                product("pot", "Le Creuset 鑄鐵鍋"),
            ]
        )
    )

    assert analyzer.analyze("ysl").products == ()
    assert analyzer.analyze("le creuset").products == ("pot",)


def test_a_short_nickname_does_not_count_inside_a_dictionary_word() -> None:
    def product(product_id: str, name: str, *aliases: str) -> Product:
        return Product(
            product_id, name, aliases, "home", (), 1.0, f"https://shop.example/{product_id}"
        )

    analyzer = Analyzer(
        Catalog(
            [
                product("cooker", "大同電鍋", "電鍋"),
                product("nuts", "每日堅果", "堅果"),
                product("sofa", "充氣沙發", "氣墊沙發", "氣墊"),
            ]
        )
    )

    assert analyzer.analyze("電鍋爐").products == ()
    assert analyzer.analyze("堅果殼").products == ()
    assert analyzer.analyze("氣墊床").products == ()
    assert analyzer.analyze("電鍋煮飯").products == ("cooker",)
    assert analyzer.analyze("堅果 好吃").products == ("nuts",)
    assert analyzer.analyze("氣墊沙發").products == ("sofa",)
