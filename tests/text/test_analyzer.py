"""The whole reading of a line: both scripts agree, lang, robustness, cache, real chat."""

import csv
import dataclasses
import logging
import random
import time
from pathlib import Path

import jieba
import pytest

from bot.catalog import Catalog, Product
from bot.text import INTENTS, Analysis, Analyzer

logger = logging.getLogger(__name__)

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
BILIBILI = SHARED_DATA / "zh_live_danmaku_bilibili_live.csv"


def _product(product_id: str, name: str, *aliases: str, category: str = "美妝") -> Product:
    return Product(
        id=product_id,
        name=name,
        aliases=aliases,
        category=category,
        tags=(),
        price=100.0,
        url=f"https://shop.example/{product_id}",
    )


CATALOG = Catalog(
    [
        _product("lipstick", "口紅", "唇膏"),
        _product("serum", "蘭蔻·小黑瓶", "小黑瓶"),
        _product("estee", "雅詩蘭黛小棕瓶", "小棕瓶"),
        _product("kettle", "電熱水壺", category="家電"),
    ]
)


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer(CATALOG)


SCRIPT_PAIRS = [
    ("這支口紅好好看", "这支口红好好看"),
    ("小黑瓶還有貨嗎", "小黑瓶还有货吗"),
    ("小棕瓶多少錢", "小棕瓶多少钱"),
    ("電熱水壺太貴了", "电热水壶太贵了"),
    ("已經下單了口紅", "已经下单了口红"),
    ("求小黑瓶連結", "求小黑瓶连结"),
    ("3號連結", "3号连结"),
    ("雅詩蘭黛小棕瓶會過敏嗎", "雅诗兰黛小棕瓶会过敏吗"),
    ("口紅壞了要退貨", "口红坏了要退货"),
    ("不是很滿意", "不是很满意"),
    ("質量不差", "质量不差"),
    ("包裝好精緻喔", "包装好精致喔"),
    ("沒有想像中好用", "没有想像中好用"),
    ("這個電熱水壺適合送禮嗎", "这个电热水壶适合送礼吗"),
]


def _sign(value: float) -> int:
    return (value > 0) - (value < 0)


@pytest.mark.parametrize(("traditional", "simplified"), SCRIPT_PAIRS)
def test_both_scripts_read_the_same(analyzer: Analyzer, traditional: str, simplified: str) -> None:
    hant = analyzer.analyze(traditional)
    hans = analyzer.analyze(simplified)

    assert hant.normalised == hans.normalised
    assert hant.products == hans.products
    assert hant.intent == hans.intent
    assert _sign(hant.sentiment) == _sign(hans.sentiment)
    assert hant.lang == "zh-Hant"
    assert hans.lang in ("zh-Hans", None)


@pytest.mark.parametrize(("taiwan", "mainland"), [("3號連結", "3号链接"), ("求連結", "求链接")])
def test_taiwan_and_mainland_words_for_link(
    analyzer: Analyzer, taiwan: str, mainland: str
) -> None:
    assert analyzer.analyze(taiwan).products == analyzer.analyze(mainland).products
    assert analyzer.analyze(taiwan).intent == analyzer.analyze(mainland).intent == "ask_link"


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("這支口紅好好看", "zh-Hant"),
        ("这支口红好好看", "zh-Hans"),
        ("好的", None),
        ("love it", "en"),
        ("LINK PLS", "en"),
        ("666", None),
        ("😍😍", None),
        ("@viewer 這個好", "zh-Hant"),
        ("@這個頻道 love it", "en"),
        ("", None),
    ],
)
def test_lang(analyzer: Analyzer, line: str, lang: str | None) -> None:
    assert analyzer.analyze(line).lang == lang


def test_normalised_text(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("@Viewer_1  ＬＯＶＥ　這支口紅！！[大哭] 😍")

    assert analysis.text == "@Viewer_1  ＬＯＶＥ　這支口紅！！[大哭] 😍"
    assert analysis.normalised == "love 这支口红!!"
    assert analysis.tokens == ("love", "这", "支", "口红")


def test_tokens_use_a_private_dictionary(analyzer: Analyzer) -> None:
    assert analyzer.analyze("電熱水壺").tokens == ("电热水壶",)
    assert "电热水壶" not in jieba.dt.FREQ


def test_analysis_is_frozen(analyzer: Analyzer) -> None:
    analysis = analyzer.analyze("口紅")
    assert isinstance(analysis, Analysis)
    with pytest.raises(dataclasses.FrozenInstanceError):
        analysis.intent = "buy"  # type: ignore[misc]


def test_repeated_lines_come_from_the_cache(analyzer: Analyzer) -> None:
    assert analyzer.analyze("口紅好看") is analyzer.analyze("口紅好看")


@pytest.mark.parametrize("line", ["", " ", "\n\t", "[大哭]", "[doge]", "😍", "@someone", "。。。"])
def test_lines_with_nothing_to_read(analyzer: Analyzer, line: str) -> None:
    analysis = analyzer.analyze(line)

    assert analysis.normalised in ("", "。。。")
    assert analysis.products == ()
    assert analysis.intent == "chatter"
    assert analysis.lang is None


def test_a_2000_character_line(analyzer: Analyzer) -> None:
    line = ("口紅好看但是太貴了 love it 666 😍 [大哭] @someone 3號連結 " * 60)[:2000]

    analysis = analyzer.analyze(line)

    assert analysis.products == ("lipstick", "estee")
    assert analysis.intent in INTENTS
    assert -1.0 <= analysis.sentiment <= 1.0


def test_never_raises_on_odd_text(analyzer: Analyzer) -> None:
    chooser = random.Random(11)
    pieces = ["口紅", "號", "#", "@", "[", "]", ":", "\ud800", "\x00", "\u200d", "é", "Ⅱ", "？"]
    pieces += ["👍🏻", "❤️", " ", "\n", "link", "3", "十", "不", "好", "a" * 30, "\uffff"]
    for _ in range(500):
        line = "".join(chooser.choice(pieces) for _ in range(chooser.randint(0, 30)))
        analysis = analyzer.analyze(line)
        assert analysis.intent in INTENTS
        assert -1.0 <= analysis.sentiment <= 1.0


@pytest.mark.skipif(not BILIBILI.is_file(), reason="shared chat sample not present")
def test_real_chat_throughput(analyzer: Analyzer) -> None:
    with BILIBILI.open(encoding="utf-8", newline="") as file:
        lines = [row["content"] for row in csv.DictReader(file)]
    distinct = list(dict.fromkeys(lines))

    fresh = Analyzer(CATALOG, cache_size=0)
    started = time.perf_counter()
    for line in distinct:
        fresh.analyze(line)
    distinct_rate = len(distinct) / (time.perf_counter() - started)

    started = time.perf_counter()
    results = [analyzer.analyze(line) for line in lines]
    all_rate = len(lines) / (time.perf_counter() - started)

    print(f"\n{len(distinct)} distinct lines uncached: {distinct_rate:,.0f}/s")
    print(f"{len(lines)} lines with the cache: {all_rate:,.0f}/s")
    assert all(result.intent in INTENTS for result in results)
