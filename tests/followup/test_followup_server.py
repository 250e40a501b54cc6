"""The list server's access log: one line for any request, malformed ones too, never a token."""

import asyncio
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.catalog import Catalog, Product
from bot.clock import VirtualClock
from bot.followup.links import ListLinks
from bot.followup.lists import ShoppingLists
from bot.followup.pages import make_list_app
from bot.followup.server import start_list_server
from bot.store.db import Database

KEY = b"server-test-signing-key-01234567"
START = 1_772_366_400.0
CATALOG = Catalog(
    [Product("lip", "Lip", (), "beauty", (), 1280.0, "https://shop.example/lip")],
)
TOKEN = ListLinks(KEY, "http://127.0.0.1").token_for("amy")

MALFORMED_REQUESTS = [
    f"GET /l/{TOKEN}{'x' * 100_000} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http at all\r\n\r\n",
    f"GET /l/{TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon in this header\r\n\r\n".encode(),
    f"G<T /l/{TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    f"GET /l/{TOKEN} HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n".encode(),
    f"GET /l/{TOKEN} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -5\r\n\r\n".encode(),
    f"{TOKEN} / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode(),
]


async def _send_raw(host: str, port: int, request: bytes) -> bytes:
    async with asyncio.timeout(5):
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(request)
            await writer.drain()
            return await reader.read(4096)
        finally:
            writer.close()
            await writer.wait_closed()


@pytest.fixture
async def server(tmp_path: Path) -> AsyncIterator[tuple[str, int]]:
    db = await Database.open(tmp_path / "livepicks.db")
    await db.execute(
        "INSERT INTO viewers (login, lang, first_seen, last_seen) VALUES ('amy', 'en', 0, 0)"
    )
    links = ListLinks(KEY, "http://127.0.0.1")
    app = make_list_app(db, CATALOG, links, ShoppingLists(db, CATALOG), VirtualClock(START))
    runner: web.AppRunner = await start_list_server(app, "127.0.0.1", 0)
    try:
        host, port = runner.addresses[0][:2]
        assert host == "127.0.0.1"
        yield host, port
    finally:
        await runner.cleanup()
        await db.close()


async def test_malformed_requests_are_logged_without_tracebacks_or_tokens(
    server: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    host, port = server
    caplog.set_level(logging.DEBUG)

    answers = [await _send_raw(host, port, request) for request in MALFORMED_REQUESTS]

    assert all(answer.startswith(b"HTTP/1.") for answer in answers)
    assert not [record for record in caplog.records if record.exc_info]
    assert "Traceback" not in caplog.text and "AssertionError" not in caplog.text
    access = [record for record in caplog.records if record.name == "aiohttp.access"]
    assert len(access) == len(MALFORMED_REQUESTS)
    assert all(" unmatched " in record.getMessage() for record in access)
    assert TOKEN not in caplog.text


async def test_ordinary_requests_are_logged_by_route(
    server: tuple[str, int], caplog: pytest.LogCaptureFixture
) -> None:
    host, port = server
    caplog.set_level(logging.DEBUG)

    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        for path in (f"/l/{TOKEN}", f"/l/{TOKEN}?q={TOKEN}", "/no/such/page"):
            async with session.get(f"http://{host}:{port}{path}") as response:
                await response.read()

    lines = [r.getMessage() for r in caplog.records if r.name == "aiohttp.access"]
    assert lines[0].startswith("GET /l/{token} 200 ")
    assert lines[1].startswith("GET /l/{token} 200 ")
    assert lines[2].startswith("GET unmatched 404 ")
    assert TOKEN not in caplog.text


async def test_a_broken_handler_still_logs_its_traceback(caplog: pytest.LogCaptureFixture) -> None:
    async def broken(request: web.Request) -> web.Response:
        raise RuntimeError("handler bug")

    app = web.Application()
    app.router.add_get("/broken", broken)
    runner = await start_list_server(app, "127.0.0.1", 0)
    host, port = runner.addresses[0][:2]
    caplog.set_level(logging.DEBUG)
    try:
        answer = await _send_raw(host, port, b"GET /broken HTTP/1.1\r\nHost: x\r\n\r\n")
    finally:
        await runner.cleanup()

    assert answer.startswith(b"HTTP/1.1 500")
    errors = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(errors) == 1 and errors[0].exc_info is not None
    assert "GET /broken 500 " in caplog.text
