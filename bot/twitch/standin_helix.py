"""The stand-in's OAuth and Helix routes: tokens, users, EventSub subscriptions, chat, whispers."""

import asyncio
import itertools
import json
import logging
import secrets
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from http import HTTPStatus
from typing import Literal

from aiohttp import web

from bot.clock import VirtualClock
from bot.twitch.standin_events import Payload, UserDirectory, iso_timestamp, subscription_record

logger = logging.getLogger(__name__)

BOT_SCOPES = ("user:read:chat", "user:write:chat", "user:bot", "user:manage:whispers")
BROADCASTER_SCOPES = (
    "channel:bot",
    "bits:read",
    "channel:read:subscriptions",
    "channel:read:redemptions",
)
STAT_KEYS = (
    "events_played",
    "notifications_sent",
    "notifications_undelivered",
    "chat_sent",
    "chat_rate_limited",
    "chat_duplicate_dropped",
    "whispers_sent",
    "unknown_routes",
)

# twitchio refreshes a user token at once when it has an hour or less left.
USER_TOKEN_LIFETIME_S = 4 * 3600
APP_TOKEN_LIFETIME_S = 60 * 24 * 3600
CHAT_WINDOW_S = 30.0
CHAT_MAX_LENGTH = 500
WHISPER_MAX_LENGTH = 10_000
USERS_PER_REQUEST = 100

# Types whose condition names a user who must have authorised the token, as Twitch requires.
_AUTHORISING_CONDITION_KEY = {
    "channel.chat.message": "user_id",
    "channel.chat.notification": "user_id",
    "channel.cheer": "broadcaster_user_id",
    "channel.subscription.gift": "broadcaster_user_id",
    "channel.channel_points_custom_reward_redemption.add": "broadcaster_user_id",
}
_DUPLICATE_DROP = {
    "code": "msg_duplicate",
    "message": "Your message is identical to one you sent less than 30 seconds ago.",
}


@dataclass(frozen=True)
class SentMessage:
    """Something the bot sent: `t` is show seconds when the stand-in received it."""

    t: float
    kind: Literal["chat", "whisper"]
    to: str | None
    text: str


@dataclass(frozen=True)
class IssuedToken:
    login: str | None
    user_id: str | None
    scopes: tuple[str, ...]


def twitch_error(status: int, message: str) -> web.Response:
    body = {"error": HTTPStatus(status).phrase, "status": status, "message": message}
    return web.json_response(body, status=status)


class TokenBook:
    """The client credentials and the tokens the stand-in issued."""

    def __init__(self) -> None:
        self.client_id = secrets.token_hex(15)
        self.client_secret = secrets.token_hex(15)
        self._by_access: dict[str, IssuedToken] = {}
        self._by_refresh: dict[str, IssuedToken] = {}

    def issue_app(self) -> str:
        access = secrets.token_hex(15)
        self._by_access[access] = IssuedToken(None, None, ())
        return access

    def issue_user(self, login: str, user_id: str, scopes: tuple[str, ...]) -> tuple[str, str]:
        access, refresh = secrets.token_hex(15), secrets.token_hex(25)
        issued = IssuedToken(login, user_id, scopes)
        self._by_access[access] = issued
        self._by_refresh[refresh] = issued
        return access, refresh

    def refresh(self, refresh: str) -> tuple[str, IssuedToken] | None:
        issued = self._by_refresh.get(refresh)
        if issued is None:
            return None

        access = secrets.token_hex(15)
        self._by_access[access] = issued
        return access, issued

    def lookup(self, access: str) -> IssuedToken | None:
        return self._by_access.get(access)


class ChatGate:
    """Twitch's chat limits, counted in show time: messages per 30 s and no repeat within 30 s."""

    def __init__(self, limit_per_window: int) -> None:
        self._limit = limit_per_window
        self._recent: deque[tuple[float, str]] = deque()
        self._last_sent_by_text: dict[str, float] = {}

    def verdict(self, text: str, now: float) -> Literal["ok", "rate_limited", "duplicate"]:
        while self._recent and self._recent[0][0] <= now - CHAT_WINDOW_S:
            sent_at, old_text = self._recent.popleft()
            if self._last_sent_by_text.get(old_text) == sent_at:
                del self._last_sent_by_text[old_text]

        if len(self._recent) >= self._limit:
            return "rate_limited"

        if text in self._last_sent_by_text:
            return "duplicate"
        return "ok"

    def record(self, text: str, now: float) -> None:
        self._recent.append((now, text))
        self._last_sent_by_text[text] = now


class HelixRoutes:
    """Serves what twitchio calls: OAuth, users, EventSub subscriptions, chat and whispers."""

    def __init__(
        self,
        clock: VirtualClock,
        directory: UserDirectory,
        *,
        channel: str,
        chat_limit_per_30s: int,
        stats: dict[str, int],
        session_open: Callable[[str], bool],
    ) -> None:
        self.tokens = TokenBook()
        self.sent: list[SentMessage] = []
        self.subscriptions: dict[str, Payload] = {}
        self.subscriptions_changed = asyncio.Event()
        self.chat_authors: dict[str, str] = {}
        self._clock = clock
        self._directory = directory
        self._channel_id = directory.id_for(channel)
        self._stats = stats
        self._session_open = session_open
        self._chat_gate = ChatGate(chat_limit_per_30s)
        self._subscription_ids = itertools.count(1)
        self._sent_ids = itertools.count(1)

    def add_routes(self, app: web.Application) -> None:
        app.router.add_post("/oauth2/token", self._token)
        app.router.add_get("/oauth2/validate", self._validate)
        app.router.add_get("/helix/users", self._users)
        app.router.add_post("/helix/eventsub/subscriptions", self._subscribe)
        app.router.add_get("/helix/eventsub/subscriptions", self._list_subscriptions)
        app.router.add_delete("/helix/eventsub/subscriptions", self._unsubscribe)
        app.router.add_post("/helix/chat/messages", self._chat_message)
        app.router.add_post("/helix/whispers", self._whisper)

    def add_fallback(self, app: web.Application) -> None:
        app.router.add_route("*", "/{tail:.*}", self._unknown)

    def live_subscriptions(self, subscription_type: str) -> list[Payload]:
        return [
            subscription
            for subscription in self.subscriptions.values()
            if subscription["type"] == subscription_type and subscription["status"] == "enabled"
        ]

    def session_closed(self, session_id: str) -> None:
        for subscription in self.subscriptions.values():
            if subscription["transport"]["session_id"] == session_id:
                subscription["status"] = "websocket_disconnected"
        self.subscriptions_changed.set()

    async def _unknown(self, request: web.Request) -> web.Response:
        self._stats["unknown_routes"] += 1
        logger.warning("stand-in has no route for %s %s", request.method, request.path)
        return twitch_error(404, f"stand-in has no route for {request.method} {request.path}")

    async def _token(self, request: web.Request) -> web.Response:
        params = {**request.query, **(await request.post())}
        if params.get("client_id") != self.tokens.client_id:
            return twitch_error(400, "invalid client")

        if params.get("client_secret") != self.tokens.client_secret:
            return twitch_error(403, "invalid client secret")

        grant_type = params.get("grant_type")
        if grant_type == "client_credentials":
            access = self.tokens.issue_app()
            body = {
                "access_token": access,
                "expires_in": APP_TOKEN_LIFETIME_S,
                "token_type": "bearer",
            }
            return web.json_response(body)

        if grant_type != "refresh_token":
            return twitch_error(400, f"unsupported grant_type {grant_type!r}")

        refresh = str(params.get("refresh_token", ""))
        refreshed = self.tokens.refresh(refresh)
        if refreshed is None:
            return twitch_error(400, "Invalid refresh token")

        access, issued = refreshed
        body = {
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": USER_TOKEN_LIFETIME_S,
            "scope": list(issued.scopes),
            "token_type": "bearer",
        }
        return web.json_response(body)

    async def _validate(self, request: web.Request) -> web.Response:
        header = request.headers.get("Authorization", "")
        access = header.removeprefix("OAuth ").removeprefix("Bearer ")
        issued = self.tokens.lookup(access)
        if issued is None:
            return twitch_error(401, "invalid access token")

        body: Payload = {"client_id": self.tokens.client_id, "scopes": list(issued.scopes)}
        if issued.login is None:
            body["expires_in"] = APP_TOKEN_LIFETIME_S
            return web.json_response(body)

        body.update(login=issued.login, user_id=issued.user_id, expires_in=USER_TOKEN_LIFETIME_S)
        return web.json_response(body)

    def _authorised(self, request: web.Request) -> IssuedToken | web.Response:
        header = request.headers.get("Authorization", "")
        if not header.startswith("Bearer "):
            return twitch_error(401, "OAuth token is missing")

        issued = self.tokens.lookup(header.removeprefix("Bearer "))
        if issued is None:
            return twitch_error(401, "Invalid OAuth token")

        if request.headers.get("Client-Id") != self.tokens.client_id:
            return twitch_error(401, "Client ID and OAuth token do not match")
        return issued

    async def _json_body(self, request: web.Request) -> Payload | None:
        try:
            body = await request.json()
        except (json.JSONDecodeError, UnicodeDecodeError):
            return None
        return body if isinstance(body, dict) else None

    def _user_record(self, login: str) -> Payload:
        return {
            "id": self._directory.id_for(login),
            "login": login,
            "display_name": login,
            "type": "",
            "broadcaster_type": "affiliate"
            if self._directory.id_for(login) == self._channel_id
            else "",
            "description": "",
            "profile_image_url": self._directory.image_url(login),
            "offline_image_url": "",
            "view_count": 0,
            "created_at": "2020-01-01T00:00:00Z",
        }

    async def _users(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        ids = request.query.getall("id", [])
        logins = [login.lower() for login in request.query.getall("login", [])]
        if len(ids) + len(logins) > USERS_PER_REQUEST:
            return twitch_error(
                400, "The request exceeds the maximum allowed number of id and/or login"
            )

        if not ids and not logins:
            if issued.login is None:
                return twitch_error(400, "Must provide an ID, Login or OAuth Token")
            logins = [issued.login]

        known = [login for user_id in ids if (login := self._directory.login_for(user_id))]
        found = list(dict.fromkeys(known + logins))
        return web.json_response({"data": [self._user_record(login) for login in found]})

    def _may_subscribe(
        self, issued: IssuedToken, subscription_type: str, condition: Payload
    ) -> web.Response | None:
        if issued.user_id is None:
            return twitch_error(400, "websocket transport requires a user access token")

        key = _AUTHORISING_CONDITION_KEY.get(subscription_type)
        if key is not None and condition.get(key) != issued.user_id:
            logger.warning(
                "stand-in refused %s: the token is not the %s's (%s)",
                subscription_type,
                key,
                condition.get(key),
            )
            return twitch_error(403, "subscription missing proper authorization")
        return None

    async def _subscribe(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        body = await self._json_body(request)
        if body is None or not isinstance(body.get("condition"), dict):
            return twitch_error(400, "body must be JSON with type, version, condition, transport")

        subscription_type, version = str(body.get("type")), str(body.get("version"))
        condition, transport = body["condition"], body.get("transport") or {}
        session_id = str(transport.get("session_id", ""))
        if transport.get("method") != "websocket" or not self._session_open(session_id):
            return twitch_error(
                400, "websocket transport session does not exist or has disconnected"
            )

        refused = self._may_subscribe(issued, subscription_type, condition)
        if refused is not None:
            return refused

        for existing in self.subscriptions.values():
            same = (existing["type"], existing["condition"], existing["status"])
            if same == (subscription_type, condition, "enabled"):
                return twitch_error(409, f"subscription already exists: id={existing['id']}")

        subscription_id = f"sub-{next(self._subscription_ids):04d}"
        created_at = iso_timestamp(self._clock.now())
        subscription = subscription_record(
            subscription_id, subscription_type, version, condition, session_id, created_at
        )
        self.subscriptions[subscription_id] = subscription
        self.subscriptions_changed.set()
        logger.debug("subscribed %s on session %s", subscription_type, session_id)

        return web.json_response(self._subscription_page([subscription]), status=202)

    def _subscription_page(self, subscriptions: list[Payload]) -> Payload:
        return {
            "data": subscriptions,
            "total": len(self.subscriptions),
            "total_cost": 0,
            "max_total_cost": 10,
        }

    async def _list_subscriptions(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        wanted = {
            key: request.query[name]
            for key, name in (("type", "type"), ("status", "status"), ("id", "subscription_id"))
            if name in request.query
        }
        found = [
            subscription
            for subscription in self.subscriptions.values()
            if all(subscription[key] == value for key, value in wanted.items())
        ]
        return web.json_response({**self._subscription_page(found), "pagination": {}})

    async def _unsubscribe(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        if self.subscriptions.pop(request.query.get("id", ""), None) is None:
            return twitch_error(404, "subscription not found")

        self.subscriptions_changed.set()
        return web.Response(status=204)

    async def _chat_message(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        body = await self._json_body(request)
        if body is None or not isinstance(body.get("message"), str) or not body["message"].strip():
            return twitch_error(400, "Missing required parameter message")

        text = body["message"].strip()
        if str(body.get("broadcaster_id")) != self._channel_id:
            logger.warning(
                "bot sent chat to broadcaster %s, not the show's channel",
                body.get("broadcaster_id"),
            )
            return twitch_error(400, "broadcaster_id is not the channel of this rehearsal")

        if issued.user_id is not None and str(body.get("sender_id")) != issued.user_id:
            return twitch_error(403, "The sender must match the user ID in the access token")

        if len(text) > CHAT_MAX_LENGTH:
            return twitch_error(400, f"The message is longer than {CHAT_MAX_LENGTH} characters")

        now = self._clock.show_seconds
        verdict = self._chat_gate.verdict(text, now)
        if verdict == "rate_limited":
            self._stats["chat_rate_limited"] += 1
            logger.debug("chat rate limit hit at t=%.3f", now)
            return twitch_error(429, "You are sending messages too quickly")

        if verdict == "duplicate":
            self._stats["chat_duplicate_dropped"] += 1
            dropped = {"message_id": "", "is_sent": False, "drop_reason": _DUPLICATE_DROP}
            return web.json_response({"data": [dropped]})

        self._chat_gate.record(text, now)
        to = self.chat_authors.get(str(body.get("reply_parent_message_id")))
        self.sent.append(SentMessage(t=now, kind="chat", to=to, text=text))
        self._stats["chat_sent"] += 1
        logger.debug("chat at t=%.3f to %s: %s", now, to, text)

        message_id = f"sent-{next(self._sent_ids):06d}"
        return web.json_response(
            {"data": [{"message_id": message_id, "is_sent": True, "drop_reason": None}]}
        )

    async def _whisper(self, request: web.Request) -> web.Response:
        issued = self._authorised(request)
        if isinstance(issued, web.Response):
            return issued

        if issued.user_id is None or request.query.get("from_user_id") != issued.user_id:
            return twitch_error(401, "from_user_id must match the user in the user access token")

        to = self._directory.login_for(request.query.get("to_user_id", ""))
        if to is None:
            return twitch_error(404, "The ID in to_user_id was not found")

        body = await self._json_body(request)
        text = body.get("message") if body is not None else None
        if not isinstance(text, str) or not text.strip() or len(text) > WHISPER_MAX_LENGTH:
            return twitch_error(400, "The message field is missing, empty or too long")

        now = self._clock.show_seconds
        self.sent.append(SentMessage(t=now, kind="whisper", to=to, text=text.strip()))
        self._stats["whispers_sent"] += 1
        logger.debug("whisper at t=%.3f to %s: %s", now, to, text)
        return web.Response(status=204)
