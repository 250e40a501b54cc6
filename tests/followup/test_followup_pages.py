"""The list page app served in-process on 127.0.0.1: escaping, language, 404s and clicks."""

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.catalog import Catalog, Product
from bot.clock import VirtualClock
from bot.followup.links import ListLinks
from bot.followup.lists import ShoppingLists
from bot.followup.pages import clicks_by_arm, make_list_app
from bot.followup.server import start_list_server
from bot.store.db import Database

KEY = b"page-test-signing-key-0123456789"
START = 1_772_366_400.0

CATALOG = Catalog(
    [
        Product("lip", "<b>Lip</b> & Co", (), "beauty", (), 1280.0, "https://shop.example/lip"),
        Product("cream", "雅詩蘭黛小棕瓶", (), "beauty", (), 2999.5, "https://shop.example/c"),
        Product("other", "Other", (), "beauty", (), 10.0, "https://shop.example/other"),
    ]
)


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "livepicks.db")
    await database.executemany(
        "INSERT INTO viewers (login, lang, first_seen, last_seen) VALUES (?, ?, 0, 0)",
        [("amy", "en"), ("mei", None)],
    )
    await database.executemany(
        "INSERT INTO recommendations (t, login, product_id, arm, rank, reason) "
        "VALUES (?, ?, ?, ?, 1, ?)",
        [
            (1.0, "amy", "cream", "content", "you asked <about> skin"),
            (2.0, "amy", "lip", "blend", "popular in chat <script>alert(1)</script>"),
            (3.0, "mei", "cream", "blend", "聊天室熱門"),
        ],
    )
    yield database
    await database.close()


@pytest.fixture
def links() -> ListLinks:
    return ListLinks(KEY, "http://127.0.0.1")


@pytest.fixture
async def client(db: Database, links: ListLinks) -> AsyncIterator[TestClient]:
    app = make_list_app(db, CATALOG, links, ShoppingLists(db, CATALOG), VirtualClock(START))
    async with TestClient(TestServer(app, host="127.0.0.1", port=0)) as test_client:
        yield test_client


async def test_page_lists_products_escaped_in_the_viewers_language(
    client: TestClient, links: ListLinks
) -> None:
    response = await client.get(f"/l/{links.token_for('amy')}")
    html = await response.text()

    assert response.status == 200
    assert response.content_type == "text/html" and response.charset == "utf-8"
    assert '<html lang="en">' in html
    assert 'name="viewport"' in html
    assert "&lt;b&gt;Lip&lt;/b&gt; &amp; Co" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Price 1,280" in html and "Price 2,999.50" in html
    assert html.index("Lip") < html.index("雅詩蘭黛小棕瓶")
    assert "Other" not in html
    assert f"../go/{links.token_for('amy')}/lip" in html
    assert "http" not in html.split("<body>")[0].replace("http-equiv", "")


async def test_page_defaults_to_traditional_chinese(client: TestClient, links: ListLinks) -> None:
    html = await (await client.get(f"/l/{links.token_for('mei')}")).text()

    assert '<html lang="zh-Hant">' in html
    assert "你的購物清單" in html and "售價 3,000" not in html and "售價 2,999.50" in html


async def test_security_headers(client: TestClient, links: ListLinks) -> None:
    response = await client.get(f"/l/{links.token_for('amy')}")

    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp


async def test_bad_tokens_get_a_short_404(client: TestClient, links: ListLinks) -> None:
    token = links.token_for("amy")
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")
    other_key = ListLinks(b"another-signing-key-0123456789ab", "x").token_for("amy")

    for bad in (altered, "nope", other_key, links.token_for("stranger")):
        response = await client.get(f"/l/{bad}", headers={"Accept-Language": "en-GB,en"})
        assert response.status == 404
        assert "List not found" in await response.text()
        assert response.headers["Referrer-Policy"] == "no-referrer"


async def test_click_records_the_arm_and_redirects(
    client: TestClient, db: Database, links: ListLinks
) -> None:
    token = links.token_for("amy")

    response = await client.get(f"/go/{token}/lip", allow_redirects=False)

    assert response.status == 302
    assert response.headers["Location"] == "https://shop.example/lip"
    rows = await db.fetchall("SELECT t, login, product_id, arm FROM list_clicks")
    assert [tuple(row) for row in rows] == [(START, "amy", "lip", "blend")]

    await client.get(f"/go/{token}/cream", allow_redirects=False)
    assert await clicks_by_arm(db) == {"blend": 1, "content": 1}


async def test_click_404s(client: TestClient, db: Database, links: ListLinks) -> None:
    token = links.token_for("amy")

    assert (await client.get(f"/go/{token}/missing", allow_redirects=False)).status == 404
    assert (await client.get(f"/go/{token}/other", allow_redirects=False)).status == 404
    assert (await client.get("/go/forged/lip", allow_redirects=False)).status == 404
    assert await clicks_by_arm(db) == {}


async def test_healthz(client: TestClient) -> None:
    response = await client.get("/healthz")

    assert response.status == 200
    assert await response.text() == "ok"


async def test_served_pages_keep_tokens_out_of_the_access_log(
    db: Database, links: ListLinks, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_list_app(db, CATALOG, links, ShoppingLists(db, CATALOG), VirtualClock(START))
    runner = await start_list_server(app, "127.0.0.1", 0)
    host, port = runner.addresses[0][:2]
    token = links.token_for("amy")

    caplog.set_level(logging.DEBUG)
    try:
        async with (
            aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session,
            session.get(f"http://{host}:{port}/l/{token}") as response,
        ):
            assert response.status == 200
    finally:
        await runner.cleanup()

    assert host == "127.0.0.1"
    assert "/l/{token}" in caplog.text
    assert token not in caplog.text
