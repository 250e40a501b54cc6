"""What the bot hears, as plain records the core understands without twitchio."""

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatLine:
    message_id: str
    login: str
    user_id: str
    display_name: str
    text: str
    is_moderator: bool = False
    is_broadcaster: bool = False


@dataclass(frozen=True)
class Gift:
    """A cheer, gifted subs, a channel-point redemption or a raid."""

    message_id: str
    login: str
    user_id: str
    kind: str
    amount: int
    detail: str = ""
