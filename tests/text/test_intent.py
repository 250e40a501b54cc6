"""Intent rules in priority order, in Traditional, Simplified and English."""

import logging

import pytest

from bot.catalog import Catalog, Product
from bot.text import INTENTS, Analyzer

logger = logging.getLogger(__name__)

CATALOG = Catalog(
    [
        Product(
            id="lipstick",
            name="口紅",
            aliases=(),
            category="彩妝",
            tags=("霧面",),
            price=199.0,
            url="https://shop.example/lipstick",
        ),
        Product(
            id="serum",
            name="小黑瓶",
            aliases=(),
            category="護膚",
            tags=(),
            price=899.0,
            url="https://shop.example/serum",
        ),
    ]
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CATALOG)


def test_intents_in_priority_order() -> None:
    assert INTENTS == (
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


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("已拍", "buy"),
        ("已下單", "buy"),
        ("下单了", "buy"),
        ("拍了兩支", "buy"),
        ("剛買了口紅", "buy"),
        ("入手了", "buy"),
        ("扣1", "buy"),
        ("just bought it", "buy"),
        ("ordered!", "buy"),
        ("求連結", "ask_link"),
        ("上链接", "ask_link"),
        ("3號連結", "ask_link"),
        ("link?", "ask_link"),
        ("link pls", "ask_link"),
        ("哪裡買", "ask_link"),
        ("多少錢", "ask_price"),
        ("價格？", "ask_price"),
        ("口紅幾塊", "ask_price"),
        ("小黑瓶多少", "ask_price"),
        ("how much is it", "ask_price"),
        ("price?", "ask_price"),
        ("太貴了", "price_objection"),
        ("好贵", "price_objection"),
        ("有點貴", "price_objection"),
        ("价格太贵了", "price_objection"),
        ("too expensive", "price_objection"),
        ("so overpriced", "price_objection"),
        ("還有貨嗎", "ask_stock"),
        ("有货吗", "ask_stock"),
        ("没货了", "ask_stock"),
        ("什麼時候補貨", "ask_stock"),
        ("售罄了", "ask_stock"),
        ("sold out?", "ask_stock"),
        ("is it in stock", "ask_stock"),
        ("口紅適合黃皮嗎", "question"),
        ("小黑瓶怎麼用", "question"),
        ("這個會過敏嗎", "question"),
        ("霧面的持久嗎", "question"),
        ("does it come in red?", "question"),
        ("口紅好好看", "praise"),
        ("爱了爱了", "praise"),
        ("推薦小黑瓶", "praise"),
        ("love it", "praise"),
        ("this is great", "praise"),
        ("小黑瓶😍😍", "praise"),
        ("口紅壞了", "complaint"),
        ("我要退貨", "complaint"),
        ("假货吧", "complaint"),
        ("用了過敏", "complaint"),
        ("不好用", "complaint"),
        ("broken on arrival", "complaint"),
        ("total scam", "complaint"),
        ("小黑瓶👎👎", "complaint"),
        ("主播晚上好", "chatter"),
        ("來晚了，小遊戲是什麼？", "chatter"),
        ("？？？", "chatter"),
        ("666", "chatter"),
        ("", "chatter"),
        ("[doge]", "chatter"),
    ],
)
def test_intent(analyzer: Analyzer, line: str, intent: str) -> None:
    assert analyzer.analyze(line).intent == intent


@pytest.mark.parametrize(
    ("line", "intent"),
    [
        ("已拍 求連結", "buy"),
        ("求連結 多少錢", "ask_link"),
        ("多少錢 太貴了吧", "ask_price"),
        ("太貴了 還有貨嗎", "price_objection"),
        ("還有貨嗎 好用嗎", "ask_stock"),
        ("口紅好看嗎 好喜歡", "question"),
    ],
)
def test_priority_between_rules(analyzer: Analyzer, line: str, intent: str) -> None:
    assert analyzer.analyze(line).intent == intent


@pytest.mark.parametrize(
    "line", ["不買了", "誰買了", "買了嗎", "拍了拍主播", "haven't ordered yet", "have you ordered"]
)
def test_look_alikes_are_not_purchases(analyzer: Analyzer, line: str) -> None:
    assert analyzer.analyze(line).intent != "buy"


@pytest.mark.parametrize("line", ["不貴", "不太貴", "not expensive"])
def test_negated_price_words_are_not_objections(analyzer: Analyzer, line: str) -> None:
    assert analyzer.analyze(line).intent != "price_objection"


def test_negated_complaint_word_is_not_a_complaint(analyzer: Analyzer) -> None:
    assert analyzer.analyze("用了不過敏").intent != "complaint"


def test_a_question_needs_something_to_be_about(analyzer: Analyzer) -> None:
    assert analyzer.analyze("你吃飯了嗎").intent == "chatter"
    assert analyzer.analyze("口紅呢？").intent == "question"
