"""A small catalog and chat-line stand-ins shared by the weights, profile and picks tests."""

from dataclasses import dataclass

from bot.catalog import Catalog, Product

START = 1_700_000_000.0

ROWS = (
    ("serum", "小棕瓶精華", "保養", ("保濕", "抗老")),
    ("cream", "保濕面霜", "保養", ("保濕", "敏感肌")),
    ("toner", "清爽化妝水", "保養", ("控油", "清爽")),
    ("lipstick", "絲絨口紅", "彩妝", ("顯白", "霧面")),
    ("cushion", "氣墊粉餅", "彩妝", ("遮瑕", "保濕")),
    ("mascara", "纖長睫毛膏", "彩妝", ("防水",)),
    ("nuts", "綜合堅果", "零食", ("健康", "低糖")),
    ("jerky", "豬肉乾", "零食", ("鹹香",)),
)


@dataclass(frozen=True)
class Line:
    """What the analyser gives for a chat line, as far as weights and profiles read it."""

    products: tuple[str, ...]
    sentiment: float = 0.0
    intent: str = "chatter"


def make_catalog(*extra: tuple[str, str, str, tuple[str, ...]]) -> Catalog:
    return Catalog(
        [
            Product(pid, name, (), category, tags, 100.0, f"https://shop.example/{pid}")
            for pid, name, category, tags in (*ROWS, *extra)
        ]
    )
