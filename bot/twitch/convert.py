"""twitchio payloads turned into the core's plain records."""

import logging

import twitchio

from bot.events import ChatLine, Gift

logger = logging.getLogger(__name__)


def event_id(payload: object, fallback: str) -> str:
    """EventSub's message id, the same on a redelivery, so the core can take each event once."""
    metadata = getattr(payload, "_metadata", None)
    if isinstance(metadata, dict) and metadata.get("message_id"):
        return str(metadata["message_id"])
    return fallback


def chat_line(message: twitchio.ChatMessage) -> ChatLine:
    chatter = message.chatter
    return ChatLine(
        message_id=event_id(message, message.id),
        login=(chatter.name or "").lower(),
        user_id=str(chatter.id),
        display_name=chatter.display_name or chatter.name or "",
        text=message.text or "",
        is_moderator=chatter.moderator,
        is_broadcaster=chatter.broadcaster,
    )


def cheer(payload: twitchio.ChannelCheer) -> Gift:
    user = payload.user
    return Gift(
        message_id=event_id(payload, ""),
        login=(user.name or "anonymous").lower() if user else "anonymous",
        user_id=str(user.id) if user else "",
        kind="bits",
        amount=payload.bits,
        detail=payload.message or "",
    )


def sub_gift(payload: twitchio.ChannelSubscriptionGift) -> Gift:
    user = payload.user
    return Gift(
        message_id=event_id(payload, ""),
        login=(user.name or "anonymous").lower() if user else "anonymous",
        user_id=str(user.id) if user else "",
        kind="sub_gift",
        amount=payload.total,
        detail=str(payload.tier),
    )


def redemption(payload: twitchio.ChannelPointsRedemptionAdd) -> Gift:
    user = payload.user
    return Gift(
        message_id=event_id(payload, payload.id),
        login=(user.name or "").lower(),
        user_id=str(user.id),
        kind="redemption",
        amount=payload.reward.cost,
        detail=f"{payload.reward.title}\n{payload.user_input or ''}".strip(),
    )


def raid(payload: twitchio.ChannelRaid) -> Gift:
    raider = payload.from_broadcaster
    return Gift(
        message_id=event_id(payload, ""),
        login=(raider.name or "").lower(),
        user_id=str(raider.id),
        kind="raid",
        amount=payload.viewer_count,
        detail="",
    )
