"""Signed list links: unguessable tokens, forged tokens refused, the token-to-viewer lookup."""

import base64
import hashlib
import hmac
from pathlib import Path

import pytest

from bot.followup.links import ListLinks
from bot.store.db import Database

KEY = b"k" * 32
OTHER_KEY = b"q" * 32


@pytest.fixture
async def db(tmp_path: Path):
    database = await Database.open(tmp_path / "livepicks.db")
    yield database
    await database.close()


async def add_viewer(db: Database, login: str) -> None:
    await db.execute(
        "INSERT INTO viewers (login, first_seen, last_seen) VALUES (?, 0, 0)", (login,)
    )


def test_token_has_at_least_128_bits_and_is_url_safe() -> None:
    token = ListLinks(KEY, "https://shop.example").token_for("alice")

    raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
    assert len(raw) * 8 >= 128
    assert all(c.isalnum() or c in "-_" for c in token)


def test_token_is_not_derivable_from_the_login_or_another_token() -> None:
    links = ListLinks(KEY, "https://shop.example")
    alice, bob = links.token_for("alice"), links.token_for("bob")

    keyless_guesses = {
        base64.urlsafe_b64encode(hashlib.sha256(b"bob").digest()[:24]).decode(),
        base64.urlsafe_b64encode(hmac.new(b"", b"bob", hashlib.sha256).digest()[:24]).decode(),
        base64.urlsafe_b64encode(
            hmac.new(alice.encode(), b"bob", "sha256").digest()[:24]
        ).decode(),
        alice.replace("alice", "bob"),
    }
    assert bob not in keyless_guesses
    assert sum(a == b for a, b in zip(alice, links.token_for("alicf"), strict=True)) < 8


def test_different_key_gives_different_token() -> None:
    first = ListLinks(KEY, "https://shop.example")
    second = ListLinks(OTHER_KEY, "https://shop.example")

    assert first.token_for("alice") != second.token_for("alice")
    assert first.key_id != second.key_id


def test_url_for_joins_public_url_and_token() -> None:
    links = ListLinks(KEY, "https://shop.example/live/")

    assert links.url_for("alice") == "https://shop.example/live/l/" + links.token_for("alice")


def test_short_key_is_refused() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        ListLinks(b"short", "https://shop.example")


async def test_login_for_finds_viewers_added_after_the_first_lookup(db: Database) -> None:
    links = ListLinks(KEY, "https://shop.example")
    await add_viewer(db, "alice")
    assert await links.login_for(links.token_for("alice"), db) == "alice"

    await add_viewer(db, "bob")
    assert await links.login_for(links.token_for("bob"), db) == "bob"


async def test_forged_and_altered_tokens_are_rejected(db: Database) -> None:
    links = ListLinks(KEY, "https://shop.example")
    await add_viewer(db, "alice")
    token = links.token_for("alice")
    altered = token[:-1] + ("A" if token[-1] != "A" else "B")

    assert await links.login_for(altered, db) is None
    assert await links.login_for("A" * 32, db) is None
    assert await links.login_for(token[:-1], db) is None
    assert await links.login_for(token + "A", db) is None
    assert await links.login_for("../../etc/passwd", db) is None
    assert await links.login_for(ListLinks(OTHER_KEY, "x").token_for("alice"), db) is None


async def test_a_new_key_relinks_every_viewer(db: Database) -> None:
    await add_viewer(db, "alice")
    old = ListLinks(KEY, "https://shop.example")
    assert await old.login_for(old.token_for("alice"), db) == "alice"

    new = ListLinks(OTHER_KEY, "https://shop.example")
    assert await new.login_for(new.token_for("alice"), db) == "alice"
    assert await new.login_for(old.token_for("alice"), db) is None


async def test_database_holds_token_digests_not_tokens(db: Database) -> None:
    links = ListLinks(KEY, "https://shop.example")
    await add_viewer(db, "alice")
    token = links.token_for("alice")
    await links.login_for(token, db)

    rows = await db.fetchall("SELECT digest, key_id, login FROM list_links")
    assert len(rows) == 1
    assert token not in {rows[0]["digest"], rows[0]["key_id"]}
