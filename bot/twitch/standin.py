"""A loopback Twitch on 127.0.0.1 that plays a show transcript to an unmodified twitchio bot."""

import asyncio
import contextlib
import itertools
import logging
import math
import uuid
from collections.abc import Awaitable, Callable, Iterable, Sequence

import twitchio.eventsub.websockets as twitchio_websockets
from aiohttp import WSMsgType, web
from twitchio.http import Route

from bot.clock import VirtualClock
from bot.twitch.standin_events import (
    NotificationBuilder,
    Payload,
    UserDirectory,
    iso_timestamp,
    keepalive_frame,
    notification_frame,
    welcome_frame,
)
from bot.twitch.standin_helix import (
    BOT_SCOPES,
    BROADCASTER_SCOPES,
    STAT_KEYS,
    HelixRoutes,
    SentMessage,
)
from bot.twitch.transcript import TranscriptEvent

logger = logging.getLogger(__name__)

PROGRESS_EVERY = 1000
# Twitch closes a socket with 4003 when it is unused; twitchio then does not reconnect, which is
# what we want when the stand-in goes away before the bot does.
CLOSE_CODE_UNUSED = 4003
CLOSE_CODE_INBOUND = 4001


def _keepalive_timeout(raw: str | None) -> int:
    try:
        seconds = int(raw or 10)
    except ValueError:
        seconds = 10
    return max(10, min(seconds, 600))


def _condition_matches(subscription: Payload, event: Payload) -> bool:
    # A condition key the event does not carry (the reading user_id of chat types) filters nothing.
    for key, wanted in subscription["condition"].items():
        if not wanted:
            continue

        if key == "reward_id":
            actual = event.get("reward", {}).get("id")
        else:
            actual = event.get(key, wanted)
        if actual != wanted:
            return False
    return True


class StandIn:
    """Twitch as twitchio sees it: OAuth, the Helix routes it calls, and the EventSub websocket.

    `play()` sends each transcript event at its show time on the virtual clock and, when `settle`
    is given, waits for the bot to finish with it, so a replay is deterministic. With
    `burst=True` it sends every event of a show second without waiting and settles only at the
    second's end, so the bot's handlers run concurrently as they do live. What the bot sends
    back is kept in `sent`.
    """

    def __init__(
        self,
        clock: VirtualClock,
        *,
        channel: str,
        bot_login: str,
        settle: Callable[[str], Awaitable[None]] | None = None,
        settle_idle: Callable[[], Awaitable[None]] | None = None,
        chat_limit_per_30s: int = 20,
        keepalive_s: float = 5.0,
        redeliver_every: int = 0,
    ) -> None:
        self.channel = channel.lower()
        self.bot_login = bot_login.lower()
        self.base_url = ""
        self.stats: dict[str, int] = dict.fromkeys(STAT_KEYS, 0)
        self._clock = clock
        self._settle = settle
        self._settle_idle = settle_idle
        self._keepalive_s = keepalive_s
        # EventSub delivers at least once: every Nth notification is sent twice, same id.
        self._redeliver_every = redeliver_every
        self._directory = UserDirectory()
        self._builder = NotificationBuilder(self._directory, self.channel)
        self._sessions: dict[str, web.WebSocketResponse] = {}
        self._helix = HelixRoutes(
            clock,
            self._directory,
            channel=self.channel,
            chat_limit_per_30s=chat_limit_per_30s,
            stats=self.stats,
            session_open=self._sessions.__contains__,
        )
        self.sent: list[SentMessage] = self._helix.sent
        self.client_id = self._helix.tokens.client_id
        self.client_secret = self._helix.tokens.client_secret
        self._user_tokens = self._issue_user_tokens()
        self._runner: web.AppRunner | None = None
        self._keepalive_tasks: set[asyncio.Task[None]] = set()
        self._session_numbers = itertools.count(1)
        self._message_numbers = itertools.count(1)
        # Twitch's ids are unique forever; a rehearsal on a used database must not repeat them.
        self._run_tag = uuid.uuid4().hex[:12]
        self._keepalive_numbers = itertools.count(1)
        self._saved_twitchio: tuple[str, str, str] | None = None

    def _issue_user_tokens(self) -> list[tuple[str, str]]:
        issue = self._helix.tokens.issue_user
        tokens = [issue(self.bot_login, self.user_id(self.bot_login), BOT_SCOPES)]
        if self.channel != self.bot_login:
            tokens.append(issue(self.channel, self.user_id(self.channel), BROADCASTER_SCOPES))
        return tokens

    def user_id(self, login: str) -> str:
        return self._directory.id_for(login.lower())

    def register_users(self, logins: Iterable[str]) -> None:
        """Users Twitch already knows, such as viewers of earlier shows the bot may whisper."""
        for login in logins:
            self._directory.id_for(login.lower())

    def tokens(self) -> list[tuple[str, str]]:
        """(access, refresh) user tokens for the bot account and the broadcaster."""
        return list(self._user_tokens)

    async def start(self) -> None:
        app = web.Application()
        self._helix.add_routes(app)
        app.router.add_get("/ws", self._websocket)
        self._helix.add_fallback(app)

        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()

        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}"
        self._directory.image_base = self.base_url
        logger.info("Twitch stand-in listening on %s", self.base_url)

    def point_twitchio_here(self) -> None:
        """Send twitchio's Helix, OAuth and EventSub traffic to this stand-in (process-wide)."""
        if not self.base_url:
            raise RuntimeError("start() the stand-in before pointing twitchio at it")

        if self._saved_twitchio is None:
            self._saved_twitchio = (Route.BASE, Route.ID_BASE, twitchio_websockets.WSS)
        Route.BASE = f"{self.base_url}/helix/"
        Route.ID_BASE = f"{self.base_url}/"
        twitchio_websockets.WSS = self.base_url.replace("http://", "ws://", 1) + "/ws"

    def restore_twitchio(self) -> None:
        if self._saved_twitchio is None:
            return

        Route.BASE, Route.ID_BASE, twitchio_websockets.WSS = self._saved_twitchio
        self._saved_twitchio = None

    def _missing_types(self, types: set[str]) -> set[str]:
        live = {
            subscription["type"]
            for subscription in self._helix.subscriptions.values()
            if subscription["status"] == "enabled"
        }
        return types - live

    async def wait_subscribed(self, types: set[str], limit_s: float = 15) -> None:
        """Wait until the bot has a live subscription for every type in `types`."""
        try:
            async with asyncio.timeout(limit_s):
                while self._missing_types(types):
                    self._helix.subscriptions_changed.clear()
                    await self._helix.subscriptions_changed.wait()
        except TimeoutError:
            missing = ", ".join(sorted(self._missing_types(types)))
            raise TimeoutError(f"the bot did not subscribe to {missing} in {limit_s} s") from None

    async def play(
        self,
        events: Iterable[TranscriptEvent],
        progress: Callable[[int, int], None] | None = None,
        *,
        burst: bool = False,
    ) -> None:
        """Send each event at its show time, waiting for the bot to settle after each one.

        With `burst`, the events of one show second go out back to back and the bot settles
        once, when the second is over.
        """
        ordered: Sequence[TranscriptEvent] = (
            events if isinstance(events, Sequence) else list(events)
        )
        if burst:
            await self._play_bursts(ordered, progress)
            return

        total = len(ordered)
        for done, event in enumerate(ordered, start=1):
            await self._clock.advance_to(self._clock.start + event.t, self._settle_idle)

            delivered = await self._deliver(event)
            self.stats["events_played"] += 1
            for message_id in delivered:
                await self._settle_after(message_id)

            if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                progress(done, total)

    async def _play_bursts(
        self,
        ordered: Sequence[TranscriptEvent],
        progress: Callable[[int, int], None] | None,
    ) -> None:
        total = len(ordered)
        done = 0
        for _, second in itertools.groupby(ordered, key=lambda event: math.floor(event.t)):
            delivered: list[str] = []
            for position, event in enumerate(second):
                # Timers due before the second starts settle as usual; within it, nothing waits.
                settle = self._settle_idle if position == 0 else None
                await self._clock.advance_to(self._clock.start + event.t, settle)

                delivered.extend(await self._deliver(event))
                self.stats["events_played"] += 1
                done += 1
                if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
                    progress(done, total)

            for message_id in delivered:
                await self._settle_after(message_id)

    async def _settle_after(self, message_id: str) -> None:
        if self._settle is None:
            return

        try:
            await self._settle(message_id)
        except TimeoutError:
            logger.warning("the bot did not finish with %s in time; playing on", message_id)

    async def _deliver(self, event: TranscriptEvent) -> list[str]:
        timestamp = iso_timestamp(self._clock.now())
        delivered: list[str] = []
        for subscription_type, payload in self._builder.build(event, timestamp):
            subscriptions = [
                subscription
                for subscription in self._helix.live_subscriptions(subscription_type)
                if _condition_matches(subscription, payload)
            ]
            if not subscriptions:
                self.stats["notifications_undelivered"] += 1
                logger.debug("no subscription for %s (line %d)", subscription_type, event.line_no)
                continue

            if subscription_type == "channel.chat.message":
                self._helix.chat_authors[payload["message_id"]] = payload["chatter_user_login"]

            for subscription in subscriptions:
                number = next(self._message_numbers)
                message_id = f"ev-{self._run_tag}-{number:06d}"
                copies = 2 if self._redeliver_every and number % self._redeliver_every == 0 else 1
                for _ in range(copies):
                    if await self._send(subscription, payload, message_id, timestamp):
                        delivered.append(message_id)
        return delivered

    async def _send(
        self, subscription: Payload, event: Payload, message_id: str, timestamp: str
    ) -> bool:
        socket = self._sessions.get(subscription["transport"]["session_id"])
        if socket is None or socket.closed:
            self.stats["notifications_undelivered"] += 1
            return False

        try:
            await socket.send_str(notification_frame(message_id, subscription, event, timestamp))
        except ConnectionError:
            self.stats["notifications_undelivered"] += 1
            logger.debug("session closed before %s could be sent", message_id)
            return False

        self.stats["notifications_sent"] += 1
        return True

    async def _websocket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)

        session_id = f"standin-session-{next(self._session_numbers)}"
        keepalive_timeout = _keepalive_timeout(request.query.get("keepalive_timeout_seconds"))
        self._sessions[session_id] = socket
        await socket.send_str(
            welcome_frame(session_id, keepalive_timeout, iso_timestamp(self._clock.now()))
        )
        logger.debug("EventSub session %s opened", session_id)

        keepalive = asyncio.create_task(self._keep_alive(socket), name=f"keepalive {session_id}")
        self._keepalive_tasks.add(keepalive)
        keepalive.add_done_callback(self._keepalive_tasks.discard)
        try:
            async for message in socket:
                if message.type in (WSMsgType.TEXT, WSMsgType.BINARY):
                    # Twitch drops a client that sends anything on an EventSub socket.
                    await socket.close(
                        code=CLOSE_CODE_INBOUND, message=b"client sent inbound traffic"
                    )
        finally:
            keepalive.cancel()
            del self._sessions[session_id]
            self._helix.session_closed(session_id)
            logger.debug("EventSub session %s closed", session_id)
        return socket

    async def _keep_alive(self, socket: web.WebSocketResponse) -> None:
        while not socket.closed:
            await asyncio.sleep(self._keepalive_s)
            message_id = f"keepalive-{next(self._keepalive_numbers)}"
            try:
                await socket.send_str(
                    keepalive_frame(message_id, iso_timestamp(self._clock.now()))
                )
            except ConnectionError:
                return

    async def close(self) -> None:
        for socket in list(self._sessions.values()):
            with contextlib.suppress(ConnectionError):
                await socket.close(code=CLOSE_CODE_UNUSED, message=b"stand-in closing")

        for task in list(self._keepalive_tasks):
            task.cancel()
        await asyncio.gather(*self._keepalive_tasks, return_exceptions=True)

        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        logger.info("Twitch stand-in closed")
