"""Shopping lists from recommendations and the post-show whisper text."""

from pathlib import Path

import pytest

from bot.catalog import Catalog, Product
from bot.followup.lists import ShoppingLists
from bot.store.db import Database

URL = "https://shop.example/l/TOKEN"


def product(product_id: str, name: str) -> Product:
    return Product(product_id, name, (), "beauty", (), 100.0, f"https://shop.example/{product_id}")


CATALOG = Catalog([product(f"p{n}", f"商品{n}") for n in range(1, 16)])


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "livepicks.db")
    yield database
    await database.close()


async def recommend(db: Database, login: str, picks: list[tuple[float, str, str]]) -> None:
    await db.executemany(
        "INSERT INTO recommendations (t, login, product_id, arm, rank, reason) "
        "VALUES (?, ?, ?, ?, 1, ?)",
        [(t, login, product_id, arm, f"reason {product_id}") for t, product_id, arm in picks],
    )


async def test_items_are_newest_first_deduplicated_and_known(db: Database) -> None:
    await recommend(
        db,
        "alice",
        [(1, "p1", "blend"), (2, "p2", "content"), (3, "gone", "blend"), (4, "p1", "content")],
    )
    await recommend(db, "bob", [(5, "p9", "blend")])

    items = await ShoppingLists(db, CATALOG).items("alice")

    assert [item.product.id for item in items] == ["p1", "p2"]
    assert items[0].arm == "content"
    assert items[0].reason == "reason p1"


async def test_items_stop_at_ten(db: Database) -> None:
    await recommend(db, "alice", [(n, f"p{n}", "blend") for n in range(1, 16)])

    items = await ShoppingLists(db, CATALOG).items("alice")

    assert [item.product.id for item in items] == [f"p{n}" for n in range(15, 5, -1)]


async def test_whisper_names_three_products_and_the_link(db: Database) -> None:
    await recommend(db, "alice", [(n, f"p{n}", "blend") for n in range(1, 6)])
    lists = ShoppingLists(db, CATALOG)

    zh = await lists.message_for("alice", "zh-Hant", URL)
    en = await lists.message_for("alice", "en", URL)

    assert "商品5、商品4、商品3" in zh and "商品2" not in zh and URL in zh
    assert zh.startswith("謝謝收看")
    assert en.startswith("Thanks for watching") and "and 2 more" in en and URL in en


async def test_whisper_stays_under_500_chars_with_the_link_whole(db: Database) -> None:
    catalog = Catalog([product(f"p{n}", "長" * 400) for n in range(1, 4)])
    await recommend(db, "alice", [(n, f"p{n}", "blend") for n in range(1, 4)])

    text = await ShoppingLists(db, catalog).message_for("alice", "zh-Hans", URL)

    assert len(text) < 500
    assert text.endswith(URL)


async def test_whisper_for_an_empty_list_still_gives_the_link(db: Database) -> None:
    text = await ShoppingLists(db, CATALOG).message_for("nobody", "en", URL)

    assert text == f"Thanks for watching! Your shopping list is here: {URL}"


async def test_whisper_uses_the_viewers_stored_language(db: Database) -> None:
    await db.execute(
        "INSERT INTO viewers (login, lang, first_seen, last_seen) VALUES ('amy', 'en', 0, 0)"
    )

    text = await ShoppingLists(db, CATALOG).message_for_viewer("amy", URL)

    assert text.startswith("Thanks for watching")
