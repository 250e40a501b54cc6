"""Product mentions: names in both scripts, awkward names, numbered links, the line-up."""

import logging

import pytest

from bot.catalog import Catalog, Product
from bot.text import Analyzer

logger = logging.getLogger(__name__)


def _product(product_id: str, name: str, *aliases: str) -> Product:
    return Product(
        id=product_id,
        name=name,
        aliases=aliases,
        category="美妝",
        tags=(),
        price=100.0,
        url=f"https://shop.example/{product_id}",
    )


CATALOG = Catalog(
    [
        _product("lipstick", "口紅", "唇膏"),
        _product("iphone", "iPhone 15 Pro", "蘋果15"),
        _product("serum", "蘭蔻·小黑瓶", "小黑瓶"),
        _product("eye-cream", "小黑瓶眼霜"),
        _product("estee", "Estée Lauder 小棕瓶", "雅詩蘭黛小棕瓶", "Estée Lauder"),
        _product("skii", "SK-II 神仙水", "SK-II"),
    ]
)


@pytest.fixture
def analyzer() -> Analyzer:
    return Analyzer(CATALOG)


@pytest.fixture(scope="module")
def shared() -> Analyzer:
    return Analyzer(CATALOG)


@pytest.mark.parametrize(
    "line",
    [
        "iPhone 15 Pro 好用嗎",
        "iphone15pro",
        "IPHONE 15-PRO有貨嗎",
        "想要 iphone 15 pro!",
        "苹果15",
    ],
)
def test_name_with_spaces(shared: Analyzer, line: str) -> None:
    assert shared.analyze(line).products == ("iphone",)


@pytest.mark.parametrize(
    "line", ["蘭蔻·小黑瓶", "兰蔻·小黑瓶", "兰蔻小黑瓶好用", "蘭蔻 小黑瓶", "小黑瓶"]
)
def test_name_with_middle_dot(shared: Analyzer, line: str) -> None:
    assert shared.analyze(line).products == ("serum",)


@pytest.mark.parametrize(
    "line",
    [
        "Estée Lauder好用",
        "estee lauder is great",
        "ESTÉE LAUDER",
        "雅诗兰黛小棕瓶",
        "Estee Lauder 小棕瓶",
    ],
)
def test_name_with_accents_in_any_spelling(shared: Analyzer, line: str) -> None:
    assert shared.analyze(line).products == ("estee",)


@pytest.mark.parametrize(
    "line", ["SK-II", "sk-ii神仙水", "skii 好用", "SK II", "ＳＫ－Ⅱ", "i love sk-ii"]
)
def test_name_with_hyphen(shared: Analyzer, line: str) -> None:
    assert shared.analyze(line).products == ("skii",)


@pytest.mark.parametrize("line", ["askiing", "skiing is fun", "iphone 150"])
def test_latin_names_need_word_boundaries(shared: Analyzer, line: str) -> None:
    assert shared.analyze(line).products == ()


def test_longest_name_wins(shared: Analyzer) -> None:
    assert shared.analyze("小黑瓶眼霜好用嗎").products == ("eye-cream",)


def test_first_mention_order_without_duplicates(shared: Analyzer) -> None:
    line = "sk-ii神仙水和口紅哪個好？SK-II還是口紅"
    assert shared.analyze(line).products == ("skii", "lipstick")


def test_product_word_is_kept_whole(shared: Analyzer) -> None:
    for line in ("口紅色號", "口红色号"):
        analysis = shared.analyze(line)
        assert "口红" in analysis.tokens
        assert "红色" not in analysis.tokens
        assert analysis.products == ("lipstick",)


@pytest.mark.parametrize(
    ("line", "product"),
    [
        ("3號連結", "serum"),
        ("3号链接", "serum"),
        ("2号", "iphone"),
        ("#3", "serum"),
        ("link 3", "serum"),
        ("link #2 pls", "iphone"),
        ("三號", "serum"),
        ("3號", "serum"),
        ("十號", None),
        ("第四款", "eye-cream"),
        ("１號連結", "lipstick"),
        ("9号链接", None),
        ("0号", None),
        ("#12", None),
        ("12月3号发货吗", None),
        ("3号色好看", None),
        ("第一个!", None),
    ],
)
def test_numbered_links_with_catalog_order(
    shared: Analyzer, line: str, product: str | None
) -> None:
    expected = (product,) if product else ()
    assert shared.analyze(line).products == expected


def test_numbered_links_follow_the_lineup(analyzer: Analyzer) -> None:
    assert analyzer.analyze("1號連結").products == ("lipstick",)

    analyzer.set_lineup(["skii", "estee"])

    assert analyzer.analyze("1號連結").products == ("skii",)
    assert analyzer.analyze("2号").products == ("estee",)
    assert analyzer.analyze("3號連結").products == ()


def test_lineup_rejects_unknown_ids(analyzer: Analyzer) -> None:
    with pytest.raises(ValueError, match="nope"):
        analyzer.set_lineup(["skii", "nope"])


def test_names_and_numbers_together_in_order(shared: Analyzer) -> None:
    assert shared.analyze("#2 跟口紅 哪個好").products == ("iphone", "lipstick")
    assert shared.analyze("口紅 還是 2號").products == ("lipstick", "iphone")
    assert shared.analyze("2號 就是 iphone 15 pro").products == ("iphone",)


def test_mentions_and_emotes_are_not_products(shared: Analyzer) -> None:
    assert shared.analyze("@口紅小姐 你好").products == ()
    assert shared.analyze("[口紅]").products == ()
