"""The issue's checklist, read with the example catalog: names, scripts, links, sentiment."""

import logging

import pytest

from bot.catalog import Catalog
from bot.text import Analyzer

logger = logging.getLogger(__name__)


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


@pytest.mark.parametrize(
    ("line", "products"),
    [
        ("iPhone 15 Pro 多少錢", ("iphone-15-pro",)),
        ("iphone15pro", ("iphone-15-pro",)),
        ("IPHONE 15-PRO", ("iphone-15-pro",)),
        ("蘭蔻·小黑瓶", ("lancome-genifique",)),
        ("兰蔻小黑瓶", ("lancome-genifique",)),
        ("Estée Lauder Double Wear", ("dw-foundation",)),
        ("ESTEE LAUDER advanced night repair", ("anr-serum",)),
        ("SK-II 青春露", ("sk2-essence",)),
        ("sk2神仙水", ("sk2-essence",)),
        ("WH-1000XM5 降噪", ("sony-xm5",)),
        ("M·A·C 子彈頭", ("mac-chili",)),
        ("AirPods Pro 2 有現貨嗎", ("airpods-pro-2",)),
        ("Kiehl's Ultra Facial Cream", ("kiehls-cream",)),
        ("口紅色號", ("ysl-slim",)),
        ("askiing", ()),
        ("Le Creuset 兩個人用夠嗎", ("le-creuset-pot",)),
        ("ordered the Jo Malone", ("jomalone-pear",)),
    ],
)
def test_catalog_names(example_analyzer: Analyzer, line: str, products: tuple[str, ...]) -> None:
    assert example_analyzer.analyze(line).products == products


def test_lipstick_shade_stays_two_words(example_analyzer: Analyzer) -> None:
    assert example_analyzer.analyze("口紅色號").tokens == ("口红", "色号")


@pytest.mark.parametrize(
    ("hant", "hans"),
    [
        ("已下單 小棕瓶兩瓶", "已下单 小棕瓶两瓶"),
        ("求小黑瓶連結", "求小黑瓶链接"),
        ("電鍋多少錢", "电锅多少钱"),
        ("戴森吸塵器太貴了", "戴森吸尘器太贵了"),
        ("辣條還有貨嗎", "辣条还有货吗"),
        ("氣墊適合乾肌嗎", "气垫适合干肌吗"),
        ("這支口紅好顯白", "这支口红好显白"),
        ("收到的泡芙都碎了", "收到的泡芙都碎了"),
        ("沒有想像中好用", "没有想像中好用"),
        ("鳳梨酥不會太甜 很好吃", "凤梨酥不会太甜 很好吃"),
    ],
)
def test_both_scripts_agree(example_analyzer: Analyzer, hant: str, hans: str) -> None:
    traditional = example_analyzer.analyze(hant)
    simplified = example_analyzer.analyze(hans)

    assert traditional.products == simplified.products
    assert traditional.intent == simplified.intent
    assert _sign(traditional.sentiment) == _sign(simplified.sentiment)


@pytest.mark.parametrize(
    ("line", "product"),
    [("1號連結", "switch-oled"), ("#2", "dyson-v12"), ("link 3", "anr-serum")],
)
def test_numbered_links_follow_the_lineup(
    example_catalog: Catalog, line: str, product: str
) -> None:
    analyzer = Analyzer(example_catalog)
    analyzer.set_lineup(["switch-oled", "dyson-v12", "anr-serum"])

    assert analyzer.analyze(line).products == (product,)


@pytest.mark.parametrize(
    ("line", "sign"),
    [
        ("不是很滿意", -1),
        ("唔好用", -1),
        ("不貴啊", 1),
        ("好", 1),
        ("讚", 1),
        ("😍", 1),
        ("[大哭]", -1),
        ("love it", 1),
        ("this is not good", -1),
        ("小棕瓶 so good 😍", 1),
        ("@someone", 0),
        ("。。。", 0),
        ("", 0),
    ],
)
def test_sentiment_sign(example_analyzer: Analyzer, line: str, sign: int) -> None:
    assert _sign(example_analyzer.analyze(line).sentiment) == sign
