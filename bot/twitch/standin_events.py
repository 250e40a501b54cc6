"""EventSub frames the stand-in sends, with every key twitchio 3.3 reads (nullable ones null)."""

import hashlib
import itertools
import json
import logging
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from bot.twitch.transcript import TranscriptEvent

logger = logging.getLogger(__name__)

Payload = dict[str, Any]
Notification = tuple[str, Payload]

CHAT_MESSAGE = "channel.chat.message"
CHAT_NOTIFICATION = "channel.chat.notification"
CHEER = "channel.cheer"
SUBSCRIPTION_GIFT = "channel.subscription.gift"
REDEMPTION_ADD = "channel.channel_points_custom_reward_redemption.add"
RAID = "channel.raid"
EVENT_TYPES = frozenset(
    {CHAT_MESSAGE, CHAT_NOTIFICATION, CHEER, SUBSCRIPTION_GIFT, REDEMPTION_ADD, RAID}
)

# set_id -> (id, info), as Twitch sends them for a first-month subscriber and the others.
_BADGE_VERSIONS = {
    "broadcaster": ("1", ""),
    "moderator": ("1", ""),
    "vip": ("1", ""),
    "subscriber": ("0", "1"),
}
_TIER_NAMES = {"1000": "Tier 1", "2000": "Tier 2", "3000": "Tier 3"}
_NAME_COLOURS = (
    "#FF0000",
    "#0000FF",
    "#008000",
    "#B22222",
    "#FF7F50",
    "#9ACD32",
    "#FF4500",
    "#2E8B57",
    "#DAA520",
    "#D2691E",
    "#5F9EA0",
    "#1E90FF",
    "#FF69B4",
    "#8A2BE2",
    "#00FF7F",
)
_NOTICE_DETAILS = (
    "sub",
    "resub",
    "sub_gift",
    "community_sub_gift",
    "gift_paid_upgrade",
    "prime_paid_upgrade",
    "raid",
    "unraid",
    "pay_it_forward",
    "announcement",
    "bits_badge_tier",
    "charity_donation",
    "modiversary",
    "watch_streak",
    "shared_chat_sub",
    "shared_chat_resub",
    "shared_chat_sub_gift",
    "shared_chat_community_sub_gift",
    "shared_chat_gift_paid_upgrade",
    "shared_chat_prime_paid_upgrade",
    "shared_chat_raid",
    "shared_chat_pay_it_forward",
    "shared_chat_announcement",
    "shared_chat_modiversary",
)
_NOT_SHARED_CHAT = {
    "source_broadcaster_user_id": None,
    "source_broadcaster_user_login": None,
    "source_broadcaster_user_name": None,
    "source_message_id": None,
    "source_badges": None,
    "is_source_only": None,
}
_REWARD_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "livepicks/standin/reward")


def numeric_user_id(login: str) -> str:
    """A 12-digit id that is the same for a login in every run and process."""
    digest = hashlib.sha256(login.encode("utf-8")).digest()
    return str(100_000_000_000 + int.from_bytes(digest[:8], "big") % 900_000_000_000)


def reward_id(title: str) -> str:
    """The custom reward id the stand-in uses for a reward title (stable, UUID-shaped)."""
    return str(uuid.uuid5(_REWARD_NAMESPACE, title))


def iso_timestamp(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=UTC).isoformat(timespec="microseconds")[:-6] + "Z"


def to_json(frame: Payload) -> str:
    return json.dumps(frame, ensure_ascii=False, separators=(",", ":"))


class UserDirectory:
    """Logins the stand-in has seen and the numeric ids it gave them."""

    def __init__(self) -> None:
        self.image_base = ""
        self._logins_by_id: dict[str, str] = {}

    def id_for(self, login: str) -> str:
        user_id = numeric_user_id(login)
        known = self._logins_by_id.setdefault(user_id, login)
        if known != login:
            logger.warning("logins %s and %s share the stand-in user id %s", known, login, user_id)
        return user_id

    def login_for(self, user_id: str) -> str | None:
        return self._logins_by_id.get(user_id)

    def image_url(self, login: str) -> str:
        return f"{self.image_base}/profile-images/{login}.png"

    def fields(self, prefix: str, login: str) -> dict[str, str]:
        """The `<prefix>_id`, `_login` and `_name` trio Twitch puts in its payloads."""
        return {
            f"{prefix}_id": self.id_for(login),
            f"{prefix}_login": login,
            f"{prefix}_name": login,
        }


def _badge(set_id: str) -> Payload:
    badge_id, info = _BADGE_VERSIONS[set_id]
    return {"set_id": set_id, "id": badge_id, "info": info}


def _name_colour(login: str) -> str:
    return _NAME_COLOURS[int(numeric_user_id(login)) % len(_NAME_COLOURS)]


class NotificationBuilder:
    """Turns a transcript event into the EventSub events Twitch would send for it, in order."""

    def __init__(self, directory: UserDirectory, channel: str) -> None:
        self._directory = directory
        self._channel = channel
        self._chat_ids = itertools.count(1)
        self._redemption_ids = itertools.count(1)
        self._community_gift_ids = itertools.count(1)
        self._gifts_by_login: Counter[str] = Counter()
        self._builders: dict[str, Callable[[TranscriptEvent, str], list[Notification]]] = {
            "chat": self._chat,
            "cheer": self._cheer,
            "sub_gift": self._sub_gift,
            "redemption": self._redemption,
            "raid": self._raid,
        }

    def build(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        return self._builders[event.type](event, timestamp)

    def _broadcaster(self) -> dict[str, str]:
        return self._directory.fields("broadcaster_user", self._channel)

    def _badges(self, login: str, badges: tuple[str, ...]) -> list[Payload]:
        if login == self._channel and "broadcaster" not in badges:
            badges = ("broadcaster", *badges)
        return [_badge(set_id) for set_id in badges]

    def _chat_message(
        self, login: str, text: str, badges: tuple[str, ...], bits: int | None
    ) -> Payload:
        fragment = {
            "type": "text",
            "text": text,
            "cheermote": None,
            "emote": None,
            "mention": None,
        }
        return {
            **self._broadcaster(),
            **self._directory.fields("chatter_user", login),
            "message_id": f"msg-{next(self._chat_ids):06d}",
            "message": {"text": text, "fragments": [fragment]},
            "message_type": "text",
            "color": _name_colour(login),
            "badges": self._badges(login, badges),
            "cheer": {"bits": bits} if bits else None,
            "reply": None,
            "channel_points_custom_reward_id": None,
            "channel_points_animation_id": None,
            **_NOT_SHARED_CHAT,
        }

    def _chat_notification(
        self, login: str, notice_type: str, system_message: str, detail: Payload
    ) -> Payload:
        return {
            **self._broadcaster(),
            **self._directory.fields("chatter_user", login),
            "chatter_is_anonymous": False,
            "color": _name_colour(login),
            "badges": self._badges(login, ()),
            "system_message": system_message,
            "message_id": f"msg-{next(self._chat_ids):06d}",
            "message": {"text": "", "fragments": []},
            "notice_type": notice_type,
            **dict.fromkeys(_NOTICE_DETAILS),
            notice_type: detail,
            **_NOT_SHARED_CHAT,
        }

    def _chat(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        return [(CHAT_MESSAGE, self._chat_message(event.user, event.text, event.badges, None))]

    def _cheer(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        cheer = {
            **self._broadcaster(),
            **self._directory.fields("user", event.user),
            "is_anonymous": False,
            "message": event.text,
            "bits": event.bits,
        }
        notifications: list[Notification] = [(CHEER, cheer)]

        if event.text.strip():
            message = self._chat_message(event.user, event.text, event.badges, event.bits)
            notifications.append((CHAT_MESSAGE, message))
        return notifications

    def _sub_gift(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        self._gifts_by_login[event.user] += event.count
        cumulative = self._gifts_by_login[event.user]

        gift = {
            **self._broadcaster(),
            **self._directory.fields("user", event.user),
            "total": event.count,
            "tier": event.tier,
            "cumulative_total": cumulative,
            "is_anonymous": False,
        }
        detail = {
            "id": str(next(self._community_gift_ids)),
            "total": event.count,
            "sub_tier": event.tier,
            "cumulative_total": cumulative,
        }
        system_message = (
            f"{event.user} is gifting {event.count} {_TIER_NAMES[event.tier]} Subs to "
            f"{self._channel}'s community! They've gifted a total of {cumulative} in the channel!"
        )
        notice = self._chat_notification(event.user, "community_sub_gift", system_message, detail)
        return [(SUBSCRIPTION_GIFT, gift), (CHAT_NOTIFICATION, notice)]

    def _redemption(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        reward = {"id": reward_id(event.reward), "title": event.reward, "cost": event.cost}
        redemption = {
            "id": f"redemption-{next(self._redemption_ids):06d}",
            **self._broadcaster(),
            **self._directory.fields("user", event.user),
            "user_input": event.input,
            "status": "unfulfilled",
            "reward": {**reward, "prompt": ""},
            "redeemed_at": timestamp,
        }
        return [(REDEMPTION_ADD, redemption)]

    def _raid(self, event: TranscriptEvent, timestamp: str) -> list[Notification]:
        raid = {
            **self._directory.fields("from_broadcaster_user", event.user),
            **self._directory.fields("to_broadcaster_user", self._channel),
            "viewers": event.viewers,
        }
        detail = {
            **self._directory.fields("user", event.user),
            "viewer_count": event.viewers,
            "profile_image_url": self._directory.image_url(event.user),
        }
        system_message = f"{event.viewers} raiders from {event.user} have joined!"
        notice = self._chat_notification(event.user, "raid", system_message, detail)
        return [(RAID, raid), (CHAT_NOTIFICATION, notice)]


def subscription_record(
    subscription_id: str,
    subscription_type: str,
    version: str,
    condition: Payload,
    session_id: str,
    created_at: str,
) -> Payload:
    """A subscription as Helix returns it and as notifications repeat it."""
    return {
        "id": subscription_id,
        "status": "enabled",
        "type": subscription_type,
        "version": version,
        "condition": condition,
        "created_at": created_at,
        "transport": {"method": "websocket", "session_id": session_id, "connected_at": created_at},
        "cost": 0,
    }


def welcome_frame(session_id: str, keepalive_timeout_s: int, timestamp: str) -> str:
    session = {
        "id": session_id,
        "status": "connected",
        "keepalive_timeout_seconds": keepalive_timeout_s,
        "reconnect_url": None,
        "connected_at": timestamp,
    }
    metadata = {
        "message_id": f"welcome-{session_id}",
        "message_type": "session_welcome",
        "message_timestamp": timestamp,
    }
    return to_json({"metadata": metadata, "payload": {"session": session}})


def keepalive_frame(message_id: str, timestamp: str) -> str:
    metadata = {
        "message_id": message_id,
        "message_type": "session_keepalive",
        "message_timestamp": timestamp,
    }
    return to_json({"metadata": metadata, "payload": {}})


def notification_frame(
    message_id: str, subscription: Payload, event: Payload, timestamp: str
) -> str:
    metadata = {
        "message_id": message_id,
        "message_type": "notification",
        "message_timestamp": timestamp,
        "subscription_type": subscription["type"],
        "subscription_version": subscription["version"],
    }
    notified = {key: subscription[key] for key in ("id", "status", "type", "version", "cost")}
    transport = {"method": "websocket", "session_id": subscription["transport"]["session_id"]}
    notified.update(
        condition=subscription["condition"],
        transport=transport,
        created_at=subscription["created_at"],
    )
    return to_json({"metadata": metadata, "payload": {"subscription": notified, "event": event}})
