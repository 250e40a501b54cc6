"""The Twitch stand-in against a real, unmodified twitchio commands.Bot."""

import asyncio
import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import aiohttp
import pytest
import twitchio
import twitchio.eventsub.websockets as twitchio_websockets
from twitchio import eventsub
from twitchio.ext import commands
from twitchio.http import Route

from bot.activity import Activity
from bot.clock import VirtualClock
from bot.twitch.standin import StandIn
from bot.twitch.standin_helix import SentMessage
from bot.twitch.transcript import TranscriptEvent, parse_transcript

logger = logging.getLogger(__name__)

SHOW_START = 1_700_000_000.0
CHANNEL = "host"
BOT_LOGIN = "livepicks_bot"
ALL_TYPES = {
    "channel.chat.message",
    "channel.chat.notification",
    "channel.cheer",
    "channel.subscription.gift",
    "channel.channel_points_custom_reward_redemption.add",
    "channel.raid",
}


class PingCommands(commands.Component):
    def __init__(self, bot: "RecordingBot") -> None:
        self.bot = bot

    @commands.command()
    async def ping(self, ctx: commands.Context) -> None:
        try:
            await ctx.reply("pong")
        except twitchio.MessageRejectedError as error:
            self.bot.rejected.append(error.code)

    @commands.command()
    async def hello(self, ctx: commands.Context) -> None:
        try:
            await ctx.send("hello chat")
        except twitchio.HTTPException as error:
            self.bot.failed_statuses.append(error.status)

    @commands.command()
    async def burst(self, ctx: commands.Context) -> None:
        for number in range(25):
            try:
                await ctx.send(f"line {number}")
            except twitchio.HTTPException as error:
                self.bot.failed_statuses.append(error.status)


class RecordingBot(commands.Bot):
    """A minimal bot that subscribes to the six event types and records what it is given."""

    def __init__(self, standin: StandIn, activity: Activity) -> None:
        super().__init__(
            client_id=standin.client_id,
            client_secret=standin.client_secret,
            bot_id=standin.user_id(BOT_LOGIN),
            owner_id=standin.user_id(CHANNEL),
            prefix="!",
        )
        self.standin = standin
        self.activity = activity
        self.received: dict[str, list[Any]] = {}
        self.rejected: list[str | None] = []
        self.failed_statuses: list[int] = []

    async def load_tokens(self, path: str | None = None) -> None:
        for access, refresh in self.standin.tokens():
            await self.add_token(access, refresh)

    async def save_tokens(self, path: str | None = None) -> None:
        return None

    async def setup_hook(self) -> None:
        broadcaster, me = self.owner_id, self.bot_id
        await self.subscribe_websocket(
            eventsub.ChatMessageSubscription(broadcaster_user_id=broadcaster, user_id=me)
        )
        await self.subscribe_websocket(
            eventsub.ChatNotificationSubscription(broadcaster_user_id=broadcaster, user_id=me)
        )
        await self.subscribe_websocket(
            eventsub.ChannelCheerSubscription(broadcaster_user_id=broadcaster),
            token_for=broadcaster,
        )
        await self.subscribe_websocket(
            eventsub.ChannelSubscriptionGiftSubscription(broadcaster_user_id=broadcaster),
            token_for=broadcaster,
        )
        await self.subscribe_websocket(
            eventsub.ChannelPointsRedeemAddSubscription(broadcaster_user_id=broadcaster),
            token_for=broadcaster,
        )
        await self.subscribe_websocket(
            eventsub.ChannelRaidSubscription(to_broadcaster_user_id=broadcaster)
        )
        await self.add_component(PingCommands(self))

    def dispatch(self, event: str, payload: Any | None = None) -> None:
        # twitchio starts listener tasks without keeping them; keep them so settle() sees them.
        before = asyncio.all_tasks()
        super().dispatch(event, payload)
        for task in asyncio.all_tasks() - before:
            self.activity.track(task)

        metadata = getattr(payload, "metadata", None)
        if metadata is not None:
            self.activity.mark_dispatched(metadata.message_id)

    def _record(self, name: str, payload: Any) -> None:
        self.received.setdefault(name, []).append(payload)

    async def event_message(self, payload: twitchio.ChatMessage) -> None:
        self._record("message", payload)
        await super().event_message(payload)

    async def event_cheer(self, payload: twitchio.ChannelCheer) -> None:
        self._record("cheer", payload)

    async def event_subscription_gift(self, payload: twitchio.ChannelSubscriptionGift) -> None:
        self._record("subscription_gift", payload)

    async def event_chat_notification(self, payload: twitchio.ChatNotification) -> None:
        self._record("chat_notification", payload)

    async def event_raid(self, payload: twitchio.ChannelRaid) -> None:
        self._record("raid", payload)

    async def event_custom_redemption_add(
        self, payload: twitchio.ChannelPointsRedemptionAdd
    ) -> None:
        self._record("redemption", payload)
        await self.user.send_whisper(
            to_user=payload.user, message=f"thanks for {payload.reward.title}"
        )
        await super().event_custom_redemption_add(payload)


@dataclass
class Rehearsal:
    clock: VirtualClock
    standin: StandIn
    bot: RecordingBot
    progress: list[tuple[int, int]] = field(default_factory=list)

    async def play(self, *lines: str) -> None:
        events = parse_transcript(lines, "test")
        await self.standin.play(events, lambda done, total: self.progress.append((done, total)))


@pytest.fixture
async def rehearsal() -> AsyncIterator[Rehearsal]:
    clock = VirtualClock(SHOW_START)
    activity = Activity(record_dispatches=True)

    async def settle(message_id: str) -> None:
        await activity.wait_dispatched(message_id, limit_s=5)
        await activity.settle()

    standin = StandIn(
        clock, channel=CHANNEL, bot_login=BOT_LOGIN, settle=settle, settle_idle=activity.settle
    )
    await standin.start()
    standin.point_twitchio_here()
    bot = RecordingBot(standin, activity)
    running = asyncio.create_task(bot.start(with_adapter=False, save_tokens=False))
    try:
        await standin.wait_subscribed(ALL_TYPES, limit_s=10)
        yield Rehearsal(clock, standin, bot)
    finally:
        try:
            await bot.close()
            await asyncio.wait_for(asyncio.gather(running, return_exceptions=True), 5)
        finally:
            await standin.close()
            standin.restore_twitchio()


def _line(t: float, event_type: str, user: str, **fields: Any) -> str:
    return json.dumps({"t": t, "type": event_type, "user": user, **fields}, ensure_ascii=False)


async def test_every_event_type_reaches_the_bot_with_its_fields(rehearsal: Rehearsal) -> None:
    await rehearsal.play(
        _line(1, "chat", "Mod_Mia", text="歡迎大家", badges=["moderator"]),
        _line(2, "chat", "viewer1", text="口紅多少錢"),
        _line(3, "chat", CHANNEL, text="今天的第一款"),
        _line(4, "chat", "vip_val", text="+1", badges=["vip", "subscriber"]),
        _line(5, "cheer", "carol", bits=100, text="Cheer100 支持"),
        _line(6, "cheer", "quiet", bits=50),
        _line(7, "sub_gift", "dan", count=5, tier="2000"),
        _line(8, "redemption", "erin", reward="幫我挑", cost=500, input="乾性肌膚"),
        _line(9, "raid", "frank", viewers=42),
    )
    received = rehearsal.bot.received

    messages = [(m.chatter.name, m.text, m.chatter.moderator) for m in received["message"]]
    assert messages == [
        ("mod_mia", "歡迎大家", True),
        ("viewer1", "口紅多少錢", False),
        (CHANNEL, "今天的第一款", True),
        ("vip_val", "+1", False),
        ("carol", "Cheer100 支持", False),
    ]
    host_line, vip_line, cheer_line = received["message"][2:5]
    assert host_line.chatter.broadcaster
    assert vip_line.chatter.vip and vip_line.chatter.subscriber
    assert cheer_line.cheer is not None and cheer_line.cheer.bits == 100
    assert received["message"][0].cheer is None

    assert [(c.user.name, c.bits, c.message) for c in received["cheer"]] == [
        ("carol", 100, "Cheer100 支持"),
        ("quiet", 50, ""),
    ]
    (gift,) = received["subscription_gift"]
    assert (gift.user.name, gift.total, gift.tier) == ("dan", 5, "2000")

    community, raid_notice = received["chat_notification"]
    assert community.notice_type == "community_sub_gift"
    assert community.community_sub_gift.total == 5
    assert raid_notice.notice_type == "raid" and raid_notice.raid.viewer_count == 42

    (redemption,) = received["redemption"]
    assert (redemption.user.name, redemption.reward.title, redemption.user_input) == (
        "erin",
        "幫我挑",
        "乾性肌膚",
    )
    assert redemption.reward.cost == 500

    (raid,) = received["raid"]
    assert (raid.from_broadcaster.name, raid.to_broadcaster.name, raid.viewer_count) == (
        "frank",
        CHANNEL,
        42,
    )

    assert rehearsal.standin.stats["events_played"] == 9
    assert rehearsal.standin.stats["notifications_sent"] == 12
    assert rehearsal.standin.stats["notifications_undelivered"] == 0
    assert rehearsal.progress == [(9, 9)]


async def test_event_metadata_follows_the_virtual_clock(rehearsal: Rehearsal) -> None:
    await rehearsal.play(
        _line(12.5, "chat", "viewer1", text="hi"), _line(90, "raid", "frank", viewers=3)
    )

    (message,) = rehearsal.bot.received["message"]
    assert re.fullmatch(r"ev-[0-9a-f]{12}-000001", message.metadata.message_id)
    assert message.timestamp == datetime.fromtimestamp(SHOW_START + 12.5, tz=UTC)

    (raid,) = rehearsal.bot.received["raid"]
    assert raid.timestamp == datetime.fromtimestamp(SHOW_START + 90, tz=UTC)
    assert rehearsal.clock.show_seconds == 90


async def test_ping_reply_and_redemption_whisper_are_recorded(rehearsal: Rehearsal) -> None:
    await rehearsal.play(
        _line(3, "chat", "viewer1", text="!ping"),
        _line(8, "redemption", "erin", reward="幫我挑", cost=500),
        _line(20, "chat", "viewer2", text="!hello"),
    )

    assert rehearsal.standin.sent == [
        SentMessage(t=3.0, kind="chat", to="viewer1", text="pong"),
        SentMessage(t=8.0, kind="whisper", to="erin", text="thanks for 幫我挑"),
        SentMessage(t=20.0, kind="chat", to=None, text="hello chat"),
    ]
    assert rehearsal.standin.stats["chat_sent"] == 2
    assert rehearsal.standin.stats["whispers_sent"] == 1


async def test_more_than_twenty_messages_in_thirty_show_seconds_get_429(
    rehearsal: Rehearsal,
) -> None:
    await rehearsal.play(_line(100, "chat", "viewer1", text="!burst"))

    chat = [sent for sent in rehearsal.standin.sent if sent.kind == "chat"]
    assert [sent.text for sent in chat] == [f"line {number}" for number in range(20)]
    assert rehearsal.bot.failed_statuses == [429] * 5
    assert rehearsal.standin.stats["chat_rate_limited"] == 5

    await rehearsal.play(_line(129, "chat", "viewer2", text="!hello"))
    assert rehearsal.bot.failed_statuses == [429] * 6
    assert rehearsal.standin.stats["chat_rate_limited"] == 6
    assert rehearsal.standin.sent[-1].text == "line 19"

    await rehearsal.play(_line(130, "chat", "viewer2", text="!hello"))
    assert rehearsal.standin.sent[-1] == SentMessage(
        t=130.0, kind="chat", to=None, text="hello chat"
    )


async def test_the_same_text_within_thirty_show_seconds_is_dropped(rehearsal: Rehearsal) -> None:
    await rehearsal.play(
        _line(10, "chat", "viewer1", text="!ping"),
        _line(25, "chat", "viewer2", text="!ping"),
        _line(41, "chat", "viewer3", text="!ping"),
    )

    assert [(sent.t, sent.to) for sent in rehearsal.standin.sent] == [
        (10.0, "viewer1"),
        (41.0, "viewer3"),
    ]
    assert rehearsal.bot.rejected == ["msg_duplicate"]
    assert rehearsal.standin.stats["chat_duplicate_dropped"] == 1


async def test_bad_transcript_lines_are_skipped_and_the_rest_plays(
    rehearsal: Rehearsal, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="bot.twitch.transcript"):
        await rehearsal.play(
            _line(1, "chat", "viewer1", text="first"),
            "{not json",
            _line(2, "dance", "viewer1"),
            _line(3, "cheer", "viewer1", bits=0),
            _line(4, "chat", "viewer2", text="second"),
        )

    texts = [message.text for message in rehearsal.bot.received["message"]]
    assert texts == ["first", "second"]
    warnings = [
        record.getMessage() for record in caplog.records if record.levelno == logging.WARNING
    ]
    assert len(warnings) == 3
    assert all(warning.startswith("test line ") for warning in warnings)


async def test_events_nobody_subscribed_to_are_counted_not_sent() -> None:
    clock = VirtualClock(SHOW_START)
    standin = StandIn(clock, channel=CHANNEL, bot_login=BOT_LOGIN)
    await standin.start()
    progress: list[tuple[int, int]] = []
    try:
        events = [
            TranscriptEvent(t=float(n), type="chat", user="v", text=f"x{n}") for n in range(2500)
        ]
        await standin.play(events, lambda done, total: progress.append((done, total)))
    finally:
        await standin.close()

    assert standin.stats["events_played"] == 2500
    assert standin.stats["notifications_undelivered"] == 2500
    assert standin.stats["notifications_sent"] == 0
    assert progress == [(1000, 2500), (2000, 2500), (2500, 2500)]
    assert clock.show_seconds == 2499


async def test_user_ids_are_stable_numbers() -> None:
    standin = StandIn(VirtualClock(SHOW_START), channel="Host", bot_login=BOT_LOGIN)

    assert standin.user_id("host") == standin.user_id("HOST")
    assert standin.user_id("host") == "616630083372"
    assert standin.user_id("host") != standin.user_id(BOT_LOGIN)
    assert len(standin.tokens()) == 2


async def test_twitchio_globals_are_pointed_and_restored() -> None:
    original = (Route.BASE, Route.ID_BASE, twitchio_websockets.WSS)
    standin = StandIn(VirtualClock(SHOW_START), channel=CHANNEL, bot_login=BOT_LOGIN)
    await standin.start()
    try:
        standin.point_twitchio_here()
        pointed = (Route.BASE, Route.ID_BASE, twitchio_websockets.WSS)
    finally:
        standin.restore_twitchio()
        await standin.close()

    base = standin.base_url
    assert pointed == (f"{base}/helix/", f"{base}/", base.replace("http", "ws", 1) + "/ws")
    restored = (Route.BASE, Route.ID_BASE, twitchio_websockets.WSS)
    assert restored == original


@pytest.fixture
async def bare_standin() -> AsyncIterator[StandIn]:
    standin = StandIn(
        VirtualClock(SHOW_START), channel=CHANNEL, bot_login=BOT_LOGIN, keepalive_s=0.05
    )
    await standin.start()
    try:
        yield standin
    finally:
        await standin.close()


def _headers(standin: StandIn, token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Client-Id": standin.client_id}


async def test_oauth_and_validate_speak_twitch(bare_standin: StandIn) -> None:
    base = bare_standin.base_url
    (bot_token, bot_refresh), _ = bare_standin.tokens()
    async with aiohttp.ClientSession() as session:
        credentials = {"client_id": bare_standin.client_id, "client_secret": "wrong"}
        async with session.post(
            f"{base}/oauth2/token", params={**credentials, "grant_type": "client_credentials"}
        ) as response:
            assert response.status == 403

        credentials["client_secret"] = bare_standin.client_secret
        refresh = {**credentials, "grant_type": "refresh_token", "refresh_token": bot_refresh}
        async with session.post(f"{base}/oauth2/token", params=refresh) as response:
            new_token = (await response.json())["access_token"]

        async with session.get(
            f"{base}/oauth2/validate", headers={"Authorization": f"OAuth {new_token}"}
        ) as response:
            validated = await response.json()

        async with session.get(
            f"{base}/oauth2/validate", headers={"Authorization": "OAuth nope"}
        ) as response:
            assert response.status == 401

    assert new_token != bot_token
    assert validated["login"] == BOT_LOGIN
    assert validated["user_id"] == bare_standin.user_id(BOT_LOGIN)
    assert validated["expires_in"] > 3600
    assert "user:write:chat" in validated["scopes"]


async def test_helix_checks_tokens_and_warns_about_unknown_routes(
    bare_standin: StandIn, caplog: pytest.LogCaptureFixture
) -> None:
    base = bare_standin.base_url
    (bot_token, _), _ = bare_standin.tokens()
    async with aiohttp.ClientSession() as session:
        async with session.get(
            f"{base}/helix/users",
            params={"login": "Viewer9"},
            headers=_headers(bare_standin, "forged"),
        ) as response:
            assert response.status == 401

        async with session.get(
            f"{base}/helix/users",
            params={"login": "Viewer9"},
            headers=_headers(bare_standin, bot_token),
        ) as response:
            (user,) = (await response.json())["data"]

        with caplog.at_level(logging.WARNING, logger="bot.twitch.standin_helix"):
            async with session.get(
                f"{base}/helix/streams", headers=_headers(bare_standin, bot_token)
            ) as response:
                assert response.status == 404
                assert (await response.json())["status"] == 404

    assert user["id"] == bare_standin.user_id("viewer9") and user["login"] == "viewer9"
    assert bare_standin.stats["unknown_routes"] == 1
    assert any("GET /helix/streams" in record.getMessage() for record in caplog.records)


async def test_websocket_welcomes_keeps_alive_and_delivers_to_the_right_session(
    bare_standin: StandIn,
) -> None:
    base = bare_standin.base_url
    (bot_token, _), (host_token, _) = bare_standin.tokens()
    host_id = bare_standin.user_id(CHANNEL)
    ws_url = base.replace("http://", "ws://") + "/ws?keepalive_timeout_seconds=12"
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as socket:
        welcome = await socket.receive_json(timeout=2)
        session_id = welcome["payload"]["session"]["id"]
        keepalive = await socket.receive_json(timeout=2)

        request = {
            "type": "channel.cheer",
            "version": "1",
            "condition": {"broadcaster_user_id": host_id},
            "transport": {"method": "websocket", "session_id": session_id},
        }
        url = f"{base}/helix/eventsub/subscriptions"
        async with session.post(
            url, json=request, headers=_headers(bare_standin, bot_token)
        ) as response:
            assert response.status == 403
        async with session.post(
            url, json=request, headers=_headers(bare_standin, host_token)
        ) as response:
            assert response.status == 202
            created = await response.json()

        await bare_standin.wait_subscribed({"channel.cheer"}, limit_s=2)
        await bare_standin.play([TranscriptEvent(t=5, type="cheer", user="carol", bits=10)])
        frame = await socket.receive_json(timeout=2)
        while frame["metadata"]["message_type"] == "session_keepalive":
            frame = await socket.receive_json(timeout=2)

    assert welcome["payload"]["session"]["keepalive_timeout_seconds"] == 12
    assert welcome["payload"]["session"]["reconnect_url"] is None
    assert keepalive["metadata"]["message_type"] == "session_keepalive"
    assert created["data"][0]["status"] == "enabled"
    assert created["data"][0]["transport"]["session_id"] == session_id
    assert frame["metadata"]["subscription_type"] == "channel.cheer"
    assert frame["payload"]["subscription"]["id"] == created["data"][0]["id"]
    assert frame["payload"]["event"]["bits"] == 10
    assert frame["payload"]["event"]["user_login"] == "carol"
