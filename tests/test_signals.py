"""Live product weights: decay, mention direction, votes, gifts, ranking and persistence."""

import logging

import pytest

from bot.clock import VirtualClock
from bot.config import SignalSettings
from bot.signals import LiveWeights
from bot.store.db import Database
from tests.taste_fixtures import START, Line, make_catalog

logger = logging.getLogger(__name__)

SETTINGS = SignalSettings(half_life_s=900.0, mention_weight=1.0, vote_weight=2.0, gift_weight=0.5)


@pytest.fixture
async def db(tmp_path):
    database = await Database.open(tmp_path / "show.db")
    yield database
    await database.close()


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(START)


@pytest.fixture
async def weights(db, clock) -> LiveWeights:
    live = LiveWeights(db, make_catalog(), clock, SETTINGS)
    await live.load()
    return live


async def test_weight_halves_every_half_life(weights, clock):
    await weights.on_chat("amy", Line(("serum",)), START)
    fresh = weights.weight("serum")

    await clock.advance_to(START + 900)
    assert weights.weight("serum") == pytest.approx(fresh / 2)

    await clock.advance_to(START + 2700)
    assert weights.weight("serum") == pytest.approx(fresh / 8)


async def test_new_mentions_add_to_the_decayed_weight(weights, clock):
    await weights.on_chat("amy", Line(("serum",)), START)
    fresh = weights.weight("serum")

    await clock.advance_to(START + 900)
    await weights.on_chat("ben", Line(("serum",)), START + 900)

    assert weights.weight("serum") == pytest.approx(fresh * 1.5)


async def test_positive_mentions_outweigh_negative_ones(weights):
    await weights.on_chat("amy", Line(("serum",), sentiment=0.8), START)
    await weights.on_chat("amy", Line(("cream",), sentiment=-0.8), START)

    assert weights.weight("serum") > weights.weight("cream") > 0


async def test_buying_intent_pushes_up_more_than_chatter(weights):
    await weights.on_chat("amy", Line(("serum",), intent="buy"), START)
    await weights.on_chat("amy", Line(("toner",), intent="ask_link"), START)
    await weights.on_chat("amy", Line(("cream",), intent="chatter"), START)

    assert weights.weight("serum") > weights.weight("toner") > weights.weight("cream")


async def test_complaint_pushes_down_a_little_and_still_counts(weights):
    for login in ("amy", "ben", "cat"):
        await weights.on_chat(login, Line(("lipstick",), 0.5, "praise"), START)
    before = weights.weight("lipstick")

    await weights.on_chat("dan", Line(("lipstick",), -0.9, "complaint"), START)

    after = weights.weight("lipstick")
    assert before - 1.0 < after < before
    stat = next(stat for stat in weights.ranking() if stat.id == "lipstick")
    assert stat.mentions == 4
    assert stat.sentiment == pytest.approx((0.5 * 3 - 0.9) / 4)


async def test_votes_and_gifts_raise_weight(weights):
    await weights.on_vote(["lipstick", "mascara"], votes=3)
    await weights.on_gift(["nuts"], amount=100)

    assert weights.weight("lipstick") == pytest.approx(3 * SETTINGS.vote_weight)
    assert weights.weight("mascara") == pytest.approx(3 * SETTINGS.vote_weight)
    assert 0 < weights.weight("nuts") < 100 * SETTINGS.gift_weight
    stats = {stat.id: stat for stat in weights.ranking()}
    assert stats["lipstick"].votes == 3
    assert stats["nuts"].gifts == 100


async def test_unknown_products_and_empty_events_are_ignored(weights):
    await weights.on_chat("amy", Line(("no-such-thing",), 1.0, "buy"), START)
    await weights.on_vote(["no-such-thing"], votes=5)
    await weights.on_vote(["serum"], votes=0)
    await weights.on_gift(["serum"], amount=0)

    assert all(stat.weight == 0 and stat.mentions == 0 for stat in weights.ranking())


async def test_one_viewer_repeating_counts_once_per_window(weights):
    for second in range(50):
        await weights.on_chat("spammer", Line(("jerky",), 1.0, "buy"), START + second)
    once = weights.weight("jerky")
    for login in ("amy", "ben", "cat", "dan", "eve"):
        await weights.on_chat(login, Line(("nuts",), 0.5, "praise"), START + 50)

    assert weights.weight("nuts") > weights.weight("jerky")
    stats = {stat.id: stat for stat in weights.ranking()}
    assert stats["jerky"].mentions == 1
    assert stats["nuts"].mentions == 5
    assert once == pytest.approx(SETTINGS.mention_weight * 2.5 * 0.5 ** (49 / 900))


async def test_a_viewer_moving_from_chatter_to_buying_adds_the_difference(weights):
    await weights.on_chat("amy", Line(("serum",), 0.0, "chatter"), START)
    await weights.on_chat("amy", Line(("serum",), 0.0, "buy"), START)

    assert weights.weight("serum") == pytest.approx(2.0)


async def test_ranking_is_by_weight_with_line_up_order_for_ties(weights):
    await weights.on_chat("amy", Line(("jerky",), 0.5, "praise"), START)
    await weights.on_chat("amy", Line(("toner",), 0.0, "chatter"), START)

    ranking = [stat.id for stat in weights.ranking()]

    assert ranking[:2] == ["jerky", "toner"]
    assert ranking[2:] == ["serum", "cream", "lipstick", "cushion", "mascara", "nuts"]


async def test_weights_are_the_same_after_reopening(tmp_path, clock):
    path = tmp_path / "show.db"
    first = await Database.open(path)
    weights = LiveWeights(first, make_catalog(), clock, SETTINGS)
    await weights.load()
    await weights.on_chat("amy", Line(("serum", "cream"), 0.6, "praise"), START)
    await weights.on_chat("ben", Line(("cream",), -0.4, "complaint"), START + 10)
    await weights.on_vote(["lipstick"], votes=2, t=START + 20)
    await weights.on_gift(["nuts"], amount=500, t=START + 30)
    await clock.advance_to(START + 100)
    before = weights.ranking()
    await first.close()

    second = await Database.open(path)
    reloaded = LiveWeights(second, make_catalog(), clock, SETTINGS)
    await reloaded.load()
    after = reloaded.ranking()
    await second.close()

    assert after == before
