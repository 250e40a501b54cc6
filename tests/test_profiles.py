"""Viewer profiles: chat, quiz, vote and gift evidence, cleaning, segments and persistence."""

import logging

import pytest

from bot.clock import VirtualClock
from bot.profiles import LINE_CAP, SCORE_CAP, Profiles
from bot.store.db import Database
from tests.taste_fixtures import START, Line, make_catalog

logger = logging.getLogger(__name__)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "show.db")
    yield database
    await database.close()


@pytest.fixture
def profiles(db) -> Profiles:
    return Profiles(db, make_catalog(), VirtualClock(START))


async def test_a_stranger_has_an_empty_profile(profiles):
    profile = await profiles.profile("nobody")

    assert not profile.has_taste
    assert profile.lines == 0
    assert profiles.segment(profile) == "new"


async def test_chat_builds_product_tag_and_category_affinity(profiles):
    await profiles.record_chat("Amy", Line(("serum",), 0.6, "ask_link"), START)

    profile = await profiles.profile("amy")
    assert profile.products["serum"] > 0
    assert profile.tags["保濕"] > 0
    assert profile.tags["抗老"] > 0
    assert profile.categories["保養"] > 0
    assert profile.tags["保濕"] < profile.products["serum"]
    assert profile.source("product", "serum") == "chat:ask_link"
    assert profile.lines == 1
    assert profiles.segment(profile) == "chatter"


async def test_a_complaint_lowers_affinity_and_is_remembered(profiles):
    await profiles.record_chat("amy", Line(("lipstick",), 0.5, "praise"), START)
    liked = (await profiles.profile("amy")).products["lipstick"]

    await profiles.record_chat("amy", Line(("lipstick",), -0.8, "complaint"), START + 5)

    profile = await profiles.profile("amy")
    assert profile.products["lipstick"] < liked
    assert profile.products["lipstick"] < 0
    assert profile.tags["霧面"] < 0.75
    assert profile.complained == {"lipstick"}
    assert profile.source("product", "lipstick") == "chat:praise"


async def test_a_price_objection_stays_on_the_product(profiles):
    await profiles.record_chat("amy", Line(("nuts",), -0.2, "price_objection"), START)

    profile = await profiles.profile("amy")
    assert profile.products["nuts"] < 0
    assert "健康" not in profile.tags
    assert not profile.complained


async def test_saying_bought_makes_a_buyer(profiles):
    await profiles.record_chat("amy", Line(("cream",), 0.3, "buy"), START)

    profile = await profiles.profile("amy")
    assert profile.bought == {"cream"}
    assert profiles.segment(profile) == "buyer"


async def test_quiz_answers_keep_only_known_tags(profiles):
    await profiles.record_taste("amy", ["保濕", " 保濕 ", "", "   ", "火箭燃料", "零食"], "quiz")

    profile = await profiles.profile("amy")
    assert set(profile.tags) == {"保濕"}
    assert set(profile.categories) == {"零食"}
    assert profile.source("tag", "保濕") == "quiz"
    assert profile.quiz_answers == 1
    assert profiles.segment(profile) == "player"


async def test_vote_answers_count_as_votes_with_their_products(profiles):
    await profiles.record_taste("amy", ["顯白"], "vote", product_ids=["lipstick", "nope"])

    profile = await profiles.profile("amy")
    assert profile.votes == 1
    assert set(profile.products) == {"lipstick"}
    assert profile.source("tag", "顯白") == "vote"


async def test_gifts_count_and_support_named_products(profiles):
    await profiles.record_gift("amy", "bits", 500, product_ids=["mascara"])
    await profiles.record_gift("amy", "sub_gift", 5)

    profile = await profiles.profile("amy")
    assert profile.gifts == 2
    assert profile.gift_amount == 505
    assert profile.products["mascara"] > 0
    assert profile.source("product", "mascara") == "gift"
    assert profiles.segment(profile) == "gifter"


async def test_unknown_products_and_empty_logins_are_ignored(profiles):
    await profiles.record_chat("amy", Line(("no-such-thing",), 1.0, "buy"), START)
    await profiles.record_chat("  ", Line(("serum",), 1.0, "buy"), START)

    profile = await profiles.profile("amy")
    assert not profile.products
    assert not profile.bought
    assert profile.lines == 1


async def test_one_line_and_one_viewer_are_capped(profiles):
    await profiles.record_chat("amy", Line(("serum", "cream", "cushion"), 1.0, "buy"), START)
    one_line = await profiles.profile("amy")
    assert one_line.tags["保濕"] == pytest.approx(LINE_CAP)

    for second in range(100):
        await profiles.record_chat("amy", Line(("serum",), 1.0, "praise"), START + second)

    spammed = await profiles.profile("amy")
    assert spammed.products["serum"] == SCORE_CAP
    assert spammed.lines == 101


async def test_profiles_are_the_same_after_reopening(tmp_path):
    path = tmp_path / "show.db"
    catalog = make_catalog()
    clock = VirtualClock(START)

    first = await Database.open(path)
    profiles = Profiles(first, catalog, clock)
    await profiles.record_chat("amy", Line(("serum",), 0.5, "praise"), START)
    await profiles.record_chat("amy", Line(("lipstick",), -0.5, "complaint"), START + 1)
    await profiles.record_chat("amy", Line(("cream",), 0.2, "buy"), START + 2)
    await profiles.record_taste("amy", ["低糖"], "quiz", t=START + 3)
    await profiles.record_gift("amy", "bits", 100, ["nuts"], t=START + 4)
    before = await profiles.profile("amy")
    await first.close()

    second = await Database.open(path)
    after = await Profiles(second, catalog, clock).profile("amy")
    await second.close()

    assert after == before
    assert after.first_seen == START
    assert after.last_seen == START + 4
