"""Checks that the bundled catalog and show transcripts are complete and well formed."""

import json
import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import opencc
import pytest

from bot.catalog import Catalog

logger = logging.getLogger(__name__)

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SHOW = EXAMPLES / "show.jsonl"
SHOW_SCRIPT = EXAMPLES / "show_script.jsonl"
TRANSCRIPTS = [SHOW, SHOW_SCRIPT]

TAGS = {
    "保濕",
    "美白",
    "抗老",
    "控油",
    "敏感肌",
    "防曬",
    "平價",
    "精品",
    "口紅",
    "底妝",
    "眼妝",
    "香氛",
    "手機",
    "耳機",
    "充電",
    "遊戲",
    "零食",
    "甜",
    "辣",
    "健康",
    "咖啡",
    "廚房",
    "收納",
    "清潔",
}
CATEGORIES = {"skincare", "makeup", "electronics", "snacks", "home"}
BADGES = {"broadcaster", "moderator", "vip", "subscriber"}
STAFF_BADGES = {"broadcaster", "moderator"}
MOD_COMMANDS = (
    "!quiz start",
    "!quiz stop",
    "!vote open",
    "!vote close",
    "!draw",
    "!game",
    "!lineup",
    "!show end",
)

REQUIRED_FIELDS: dict[str, dict[str, type]] = {
    "chat": {"user": str, "text": str},
    "cheer": {"user": str, "bits": int, "text": str},
    "sub_gift": {"user": str, "count": int, "tier": str},
    "redemption": {"user": str, "reward": str, "cost": int, "input": str},
    "raid": {"user": str, "viewers": int},
}

SIMPLIFIED_TO_TRADITIONAL = opencc.OpenCC("s2t")
TRADITIONAL_TO_SIMPLIFIED = opencc.OpenCC("t2s")


def load_events(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def is_staff(event: dict[str, Any]) -> bool:
    return bool(STAFF_BADGES & set(event.get("badges", [])))


def chats(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [event for event in events if event["type"] == "chat"]


def senders(events: Iterable[dict[str, Any]], command: str) -> set[str]:
    return {
        event["user"]
        for event in chats(events)
        if event["text"].strip().startswith(command) and not is_staff(event)
    }


def staff_said(events: Iterable[dict[str, Any]], command: str) -> bool:
    return any(
        event["text"].strip().startswith(command) and is_staff(event) for event in chats(events)
    )


def is_simplified(alias: str) -> bool:
    return SIMPLIFIED_TO_TRADITIONAL.convert(alias) != alias


def is_english(alias: str) -> bool:
    return re.search(r"[A-Za-z]", alias) is not None


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return Catalog.load(EXAMPLES / "catalog.toml")


def test_catalog_has_enough_products_in_the_five_categories(catalog: Catalog) -> None:
    assert len(catalog) >= 25
    assert set(catalog.categories) == CATEGORIES

    ids = [product.id for product in catalog]
    assert len(ids) == len(set(ids))


def test_catalog_tags_come_from_the_vocabulary(catalog: Catalog) -> None:
    for product in catalog:
        assert product.tags, product.id
        assert set(product.tags) <= TAGS, product.id


def test_every_product_has_a_simplified_or_english_alias(catalog: Catalog) -> None:
    for product in catalog:
        assert any(is_simplified(a) or is_english(a) for a in product.aliases), product.id

        if TRADITIONAL_TO_SIMPLIFIED.convert(product.name) != product.name:
            assert any(is_simplified(alias) for alias in product.aliases), product.id


def test_catalog_keeps_the_names_that_are_hard_to_tokenise(catalog: Catalog) -> None:
    names = [name for product in catalog for name in product.names]

    assert "iPhone 15 Pro" in names
    assert "蘭蔻·小黑瓶" in names
    assert any("Estée" in name for name in names)
    assert any(re.search(r"[A-Za-z]+-[A-Za-z0-9]+", name) for name in names)
    assert any("口紅" in product.aliases for product in catalog if product.category == "makeup")


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda path: path.name)
def test_transcript_lines_are_well_formed(path: Path) -> None:
    previous_t = 0.0

    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        event = json.loads(line)
        where = f"{path.name}:{number}"

        t = event["t"]
        assert isinstance(t, int | float) and not isinstance(t, bool), where
        assert t >= previous_t, where
        previous_t = t

        fields = REQUIRED_FIELDS.get(event["type"])
        assert fields is not None, where
        for name, kind in fields.items():
            assert isinstance(event.get(name), kind), f"{where}: {name}"
        assert set(event.get("badges", [])) <= BADGES, where


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda path: path.name)
def test_transcript_has_every_scene(path: Path) -> None:
    events = load_events(path)
    types = {event["type"] for event in events}

    for command in ("!lineup", "!quiz start skincare", "!vote open", "!vote close"):
        assert staff_said(events, command), command
    for command in ("!draw open", "!draw close", "!draw pick 2"):
        assert staff_said(events, command), command

    assert len(senders(events, "!picks")) >= 15
    assert senders(events, "!notify on")
    assert senders(events, "!list")
    assert senders(events, "!join")
    assert any(senders(events, command) for command in MOD_COMMANDS)
    assert {"cheer", "sub_gift", "redemption", "raid"} <= types

    last = events[-1]
    assert last["text"] == "!show end"
    assert "broadcaster" in last["badges"]


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda path: path.name)
def test_lineup_names_catalog_products(path: Path, catalog: Catalog) -> None:
    for event in chats(load_events(path)):
        if event["text"].startswith("!lineup"):
            for product_id in event["text"].split()[1:]:
                assert catalog.get(product_id), product_id


def test_example_show_is_a_full_two_hour_show() -> None:
    events = load_events(SHOW)
    viewers = {event["user"] for event in events if not is_staff(event)}
    texts = [event["text"].strip() for event in chats(events)]

    assert 400 <= len(events) <= 700
    assert 7000 <= events[-1]["t"] <= 7300
    assert 25 <= len(viewers) <= 40
    assert len(senders(events, "!notify on")) >= 10
    assert senders(events, "!notify off")
    assert any(text.startswith("!top") for text in texts)

    for bad in ("!vote", "!vote 99", "!quiz start nosuchbank", "!draw pick abc"):
        assert bad in texts, bad
    # Twitch trims blank messages, so an "empty" line in real chat is a zero-width space.
    assert any(not text.replace("\u200b", "") for text in texts)


def test_show_script_spans_the_log_and_fills_the_whisper_budget() -> None:
    events = load_events(SHOW_SCRIPT)

    assert 120 <= len(events) <= 200
    assert 14_000 <= events[-1]["t"] <= 16_000
    assert len(senders(events, "!notify on")) >= 50
