"""Personal picks: filters, content match, co-interest, cold start, reasons, records, buys."""

import logging
from dataclasses import dataclass

import pytest

from bot.catalog import Catalog
from bot.clock import VirtualClock
from bot.config import RecommendSettings, SignalSettings
from bot.profiles import Profiles
from bot.recommend import Recommender
from bot.signals import LiveWeights
from bot.store.db import Database
from tests.taste_fixtures import START, Line, make_catalog

logger = logging.getLogger(__name__)


@dataclass
class Shop:
    db: Database
    clock: VirtualClock
    catalog: Catalog
    weights: LiveWeights
    profiles: Profiles

    def recommender(self, *arms: str) -> Recommender:
        settings = RecommendSettings(arms=arms or ("blend", "content"), picks=3)
        return Recommender(self.db, self.catalog, self.weights, self.profiles, settings)

    async def heat(self, *product_ids: str) -> None:
        """Make products hot in chat, the first hottest."""
        for rank, product_id in enumerate(product_ids):
            for number in range(len(product_ids) - rank):
                await self.weights.on_chat(f"crowd{number}", Line((product_id,)), START)


@pytest.fixture
async def shop(tmp_path):
    db = await Database.open(tmp_path / "show.db")
    clock = VirtualClock(START)
    catalog = make_catalog(("tea", "烏龍茶包", "零食", ("回甘",)))
    weights = LiveWeights(db, catalog, clock, SignalSettings())
    await weights.load()
    yield Shop(db, clock, catalog, weights, Profiles(db, catalog, clock))
    await db.close()


def ids(picks) -> list[str]:
    return [pick.product.id for pick in picks]


async def test_picks_are_three_distinct_catalog_products(shop):
    await shop.profiles.record_chat("amy", Line(("serum",), 0.5, "ask_price"), START)
    recommender = shop.recommender()

    picks = await recommender.picks("amy", "zh-Hant", START)

    assert len(picks) == 3
    assert len(set(ids(picks))) == 3
    assert all(shop.catalog.get(pick.product.id) == pick.product for pick in picks)
    assert all(pick.arm == recommender.arm_for("amy") for pick in picks)
    assert [pick.score for pick in picks] == sorted((pick.score for pick in picks), reverse=True)


@pytest.mark.parametrize(
    ("lang", "reason"),
    [
        ("zh-Hant", "你在聊天室問過它"),
        ("zh-Hans", "你在聊天室问过它"),
        ("en", "you asked about it in chat"),
    ],
)
async def test_the_reason_is_in_the_viewer_language(shop, lang, reason):
    await shop.profiles.record_chat("amy", Line(("serum",), 0.5, "ask_link"), START)

    picks = await shop.recommender("content").picks("amy", lang, START)

    assert picks[0].product.id == "serum"
    assert picks[0].reason == reason


@pytest.mark.parametrize(
    ("source", "lang", "reason"),
    [
        ("quiz", "zh-Hant", "你的測驗答案偏好保濕"),
        ("quiz", "zh-Hans", "你的测验答案偏好保湿"),
        ("vote", "zh-Hant", "跟你投票的偏好相符（保濕）"),
        ("vote", "en", "matches what you voted for (保濕)"),
    ],
)
async def test_the_content_arm_follows_the_profile_tags(shop, source, lang, reason):
    await shop.heat("lipstick", "jerky")
    await shop.profiles.record_taste("amy", ["保濕"], source)

    picks = await shop.recommender("content").picks("amy", lang, START)

    assert set(ids(picks)) == {"serum", "cream", "cushion"}
    assert {pick.reason for pick in picks} == {reason}


@pytest.mark.parametrize("arm", ["blend", "content"])
async def test_a_viewer_with_no_history_gets_the_hottest_products(shop, arm):
    await shop.heat("jerky", "mascara", "toner", "tea")

    picks = await shop.recommender(arm).picks("newbie", "zh-Hant", START)
    english = await shop.recommender(arm).picks("newbie", "en", START)

    assert ids(picks) == ["jerky", "mascara", "toner"]
    assert {pick.reason for pick in picks} == {"聊天室現在最熱門"}
    assert {pick.reason for pick in english} == {"hot in chat right now"}


async def test_with_a_quiet_room_the_line_up_comes_first(shop):
    picks = await shop.recommender().picks("newbie", "en", START)

    assert ids(picks) == ["serum", "cream", "toner"]
    assert {pick.reason for pick in picks} == {"a good place to start"}


@pytest.mark.parametrize("arm", ["blend", "content"])
async def test_excluded_bought_and_complained_products_are_skipped(shop, arm):
    await shop.heat("serum", "toner", "cushion", "cream")
    await shop.profiles.record_chat("amy", Line(("cream",), 0.6, "praise"), START)
    await shop.profiles.record_chat("amy", Line(("serum",), -0.7, "complaint"), START)
    await shop.profiles.record_chat("amy", Line(("toner",), 0.4, "buy"), START)

    picks = await shop.recommender(arm).picks("amy", "zh-Hant", START, exclude=["cushion"])

    assert len(picks) == 3
    assert not {"serum", "toner", "cushion"} & set(ids(picks))
    assert picks[0].product.id == "cream"
    assert picks[0].reason == "你在聊天室誇過它"


async def test_co_interest_suggests_what_similar_viewers_liked(shop):
    for login in ("ann", "bob", "cid"):
        await shop.profiles.record_chat(login, Line(("nuts",), 0.5, "ask_link"), START)
        await shop.profiles.record_chat(login, Line(("lipstick",), 0.7, "praise"), START)
    await shop.profiles.record_chat("dan", Line(("nuts",), 0.5, "ask_price"), START)

    picks = await shop.recommender("blend").picks("dan", "zh-Hant", START)

    by_id = {pick.product.id: pick for pick in picks}
    assert "lipstick" in by_id
    assert by_id["lipstick"].reason == "喜歡綜合堅果的觀眾也在看"
    assert by_id["nuts"].reason == "你在聊天室問過它"


async def test_co_interest_is_rebuilt_only_after_its_refresh_time(shop):
    recommender = shop.recommender("blend")
    await shop.profiles.record_chat("dan", Line(("nuts",), 0.5, "ask_price"), START)
    before = await recommender.picks("dan", "en", START)

    for login in ("ann", "bob"):
        await shop.profiles.record_chat(login, Line(("nuts", "mascara"), 0.7, "praise"), START)
    cached = await recommender.picks("dan", "en", START)
    await shop.clock.advance_to(START + 60)
    rebuilt = await recommender.picks("dan", "en", START + 60)

    assert "mascara" not in ids(before) + ids(cached)
    assert "mascara" in ids(rebuilt)


async def test_every_pick_is_written_to_recommendations(shop):
    await shop.profiles.record_chat("amy", Line(("serum",), 0.5, "ask_link"), START)
    recommender = shop.recommender()

    picks = await recommender.picks("Amy", "en", START + 5)

    rows = await shop.db.fetchall(
        "SELECT t, login, product_id, arm, rank, reason FROM recommendations ORDER BY rank"
    )
    assert [tuple(row) for row in rows] == [
        (START + 5, "amy", pick.product.id, recommender.arm_for("amy"), rank, pick.reason)
        for rank, pick in enumerate(picks, 1)
    ]


async def test_fewer_picks_when_little_is_left(shop):
    keep = {"nuts", "tea"}
    exclude = [product.id for product in shop.catalog if product.id not in keep]

    picks = await shop.recommender().picks("amy", "en", START, exclude=exclude)

    assert set(ids(picks)) == keep


async def test_a_buy_is_credited_to_the_latest_pick_and_only_once(shop):
    recommender = shop.recommender("blend", "content")
    await shop.recommender("content").picks("amy", "en", START)
    latest = await recommender.picks("amy", "en", START + 10)
    picked = latest[0].product.id
    unpicked = next(p.id for p in shop.catalog if p.id not in ids(latest))

    recorded = await recommender.conversion("amy", [picked, unpicked, "nope"], START + 20)
    again = await recommender.conversion("amy", [picked], START + 30)

    arm = recommender.arm_for("amy")
    assert [(r.product_id, r.arm, r.recommended) for r in recorded] == [
        (picked, arm, True),
        (unpicked, arm, False),
    ]
    assert again == []
    rows = await shop.db.fetchall("SELECT product_id, recommendation_id FROM conversions")
    latest_row = await shop.db.fetchone(
        "SELECT id FROM recommendations WHERE product_id = ? ORDER BY id DESC LIMIT 1", (picked,)
    )
    assert sorted(tuple(row) for row in rows) == sorted(
        [(picked, latest_row["id"]), (unpicked, 0)]
    )


async def test_an_unknown_arm_is_refused(shop):
    with pytest.raises(ValueError, match="arms"):
        shop.recommender("blend", "magic")


async def test_a_faint_trace_of_old_chat_is_not_called_hot(shop):
    await shop.heat("jerky")
    await shop.clock.advance_to(START + 86400)

    picks = await shop.recommender("blend").picks("newbie", "zh-Hant", START + 86400)

    assert "聊天室現在最熱門" not in {pick.reason for pick in picks}


async def test_a_product_the_viewer_dislikes_is_never_picked(shop):
    await shop.heat("serum", "cream", "toner", "cushion")
    await shop.profiles.record_chat("amy", Line(("serum",), 0.8, "praise"), START)
    await shop.profiles.record_chat("amy", Line(("serum",), -0.5, "complaint"), START + 60)
    await shop.profiles.record_chat("amy", Line(("cream",), -0.4, "price_objection"), START + 90)

    picks = await shop.recommender("blend").picks("amy", "zh-Hant", START + 120)

    assert "serum" not in ids(picks)
    assert "cream" not in ids(picks)
