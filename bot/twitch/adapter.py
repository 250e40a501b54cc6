"""The twitchio bot: loads the cogs, subscribes to channel events, sends what the core says."""

import asyncio
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

import twitchio
from twitchio import eventsub
from twitchio.ext import commands

from bot.activity import Activity
from bot.errors import UserFacingError
from bot.i18n import render
from bot.twitch.tokens import TokenFile

if TYPE_CHECKING:
    from bot.room import ShowRoom

logger = logging.getLogger(__name__)

COG_MODULES = (
    "cogs.chat",
    "cogs.picks",
    "cogs.quiz",
    "cogs.vote",
    "cogs.draw",
    "cogs.show",
    "cogs.gifts",
)

BOT_SCOPES = ("user:read:chat", "user:write:chat", "user:bot", "user:manage:whispers")
BROADCASTER_SCOPES = (
    "channel:bot",
    "bits:read",
    "channel:read:subscriptions",
    "channel:read:redemptions",
)

RECENT_EVENT_IDS = 20_000


class SubscriptionError(RuntimeError):
    """Twitch refused an event subscription, usually because an account is not authorised."""


class RecentIds:
    """The last N ids seen, to drop repeated deliveries without growing forever."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._ids: OrderedDict[str, None] = OrderedDict()

    def seen(self, item: str) -> bool:
        if item in self._ids:
            return True
        self._ids[item] = None
        if len(self._ids) > self.size:
            self._ids.popitem(last=False)
        return False


MESSAGES = {
    "zh-Hant": {
        "denied": "@{login} 這個指令只有主持人和管理員可以用喔 🙏",
        "usage": "@{login} 用法：{usage}",
        "failed": "@{login} 出了點小問題，請稍後再試一次 🙇",
    },
    "zh-Hans": {
        "denied": "@{login} 这个指令只有主播和房管可以用哦 🙏",
        "usage": "@{login} 用法：{usage}",
        "failed": "@{login} 出了点小问题，请稍后再试一次 🙇",
    },
    "en": {
        "denied": "@{login} sorry, only the host and moderators can use that command 🙏",
        "usage": "@{login} usage: {usage}",
        "failed": "@{login} something went wrong, please try again in a moment 🙇",
    },
}


def fold_command(text: str, prefixes: tuple[str, ...]) -> str:
    """Full-width letters, digits, spaces and prefix made plain; other punctuation is kept.

    Chinese keyboards type `！ｐｉｃｋｓ　ｏｎ`; a question mark in a vote's question (`哪個？`)
    stays as the moderator typed it.
    """
    for prefix in prefixes[1:]:
        if text.startswith(prefix):
            text = prefixes[0] + text[len(prefix) :]
            break
    return text.translate(FULL_WIDTH_ALNUM)


# Full-width digits and Latin letters, and the ideographic space, to their ASCII forms.
FULL_WIDTH_ALNUM = {
    code: code - 0xFEE0
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
} | {0x3000: 0x20}


class FoldedContext(commands.Context):  # type: ignore[type-arg]
    """Reads commands typed in full width (`！ｐｉｃｋｓ`), as Chinese keyboards type them."""

    async def prepare(self) -> None:
        payload = self.payload
        if not isinstance(payload, twitchio.ChatMessage) or not payload.text:
            await super().prepare()
            return

        original = payload.text
        payload.text = fold_command(original, self.bot.room.settings.twitch.prefixes)
        try:
            await super().prepare()
        finally:
            payload.text = original


class LivepicksBot(commands.Bot):
    """One bot for one channel; the core (`room`) does the work, the cogs parse and reply."""

    def __init__(
        self,
        room: "ShowRoom",
        *,
        client_id: str,
        client_secret: str,
        bot_id: str,
        owner_id: str,
        activity: Activity,
        seed_tokens: list[tuple[str, str]] | None = None,
        token_file: TokenFile | None = None,
        authorizing: bool = False,
    ) -> None:
        super().__init__(
            client_id=client_id,
            client_secret=client_secret,
            bot_id=bot_id,
            owner_id=owner_id,
            prefix=list(room.settings.twitch.prefixes),
            case_insensitive=True,
        )
        self.room = room
        self.activity = activity
        self._seed_tokens = seed_tokens or []
        self._token_file = token_file
        self.authorizing = authorizing
        self._tokens_loaded = False
        self._denied: dict[str, float] = {}
        self._recent_events = RecentIds(RECENT_EVENT_IDS)

    async def setup_hook(self) -> None:
        for module in COG_MODULES:
            await self.load_module(module)

        await self._subscribe()
        self.room.attach_sender(self.send_chat, self.send_whisper)
        logger.info("bot ready for channel %s", self.room.settings.twitch.channel)

    async def _subscribe(self) -> None:
        broadcaster = self.owner_id
        assert broadcaster is not None and self.bot_id is not None

        as_bot = (
            eventsub.ChatMessageSubscription(broadcaster_user_id=broadcaster, user_id=self.bot_id),
            eventsub.ChatNotificationSubscription(
                broadcaster_user_id=broadcaster, user_id=self.bot_id
            ),
        )
        as_broadcaster = (
            eventsub.ChannelCheerSubscription(broadcaster_user_id=broadcaster),
            eventsub.ChannelSubscriptionGiftSubscription(broadcaster_user_id=broadcaster),
            eventsub.ChannelPointsRedeemAddSubscription(broadcaster_user_id=broadcaster),
            eventsub.ChannelRaidSubscription(to_broadcaster_user_id=broadcaster),
        )
        missing: list[str] = []
        for payload in as_bot:
            if not await self._try_subscribe(payload, as_bot=True, token_for=None):
                missing.append(str(payload.type))
        for payload in as_broadcaster:
            if not await self._try_subscribe(payload, as_bot=False, token_for=broadcaster):
                missing.append(str(payload.type))

        if missing and not self.authorizing:
            raise SubscriptionError(
                f"could not subscribe to {', '.join(missing)}: authorise the bot and the "
                "channel accounts with `livepicks run --authorize` (see README)"
            )
        if missing:
            logger.warning(
                "not yet subscribed to %s; sign in both accounts, then restart", ", ".join(missing)
            )

    async def _try_subscribe(
        self, payload: eventsub.SubscriptionPayload, *, as_bot: bool, token_for: str | None
    ) -> bool:
        try:
            await self.subscribe_websocket(payload, as_bot=as_bot, token_for=token_for)
        except Exception as error:
            logger.warning("subscription %s failed: %s", str(payload.type), error)
            return False
        return True

    def dispatch(self, event: str, payload: Any | None = None) -> None:
        metadata = getattr(payload, "_metadata", None)
        message_id = metadata.get("message_id") if isinstance(metadata, dict) else None
        if message_id and self._recent_events.seen(message_id):
            # EventSub delivers at least once; a command must not run twice.
            logger.debug("event %s delivered again; ignored", message_id)
        elif self.activity.record_dispatches:
            # A rehearsal waits for every handler, so it needs the tasks twitchio starts.
            before = asyncio.all_tasks()
            super().dispatch(event, payload)
            for task in asyncio.all_tasks() - before:
                self.activity.track(task)
        else:
            super().dispatch(event, payload)

        if message_id:
            self.activity.mark_dispatched(message_id)

    def get_context(self, payload: Any, *, cls: Any = None) -> commands.Context:  # type: ignore[type-arg]
        return super().get_context(payload, cls=cls or FoldedContext)

    async def load_tokens(self, path: str | None = None) -> None:
        for access, refresh in self._seed_tokens:
            await self.add_token(access, refresh)

        if self._token_file is not None:
            saved = self._token_file.load().values()
            for entry in saved:
                try:
                    await self.add_token(entry["access"], entry["refresh"])
                except Exception:
                    logger.warning("a saved token was refused; authorise the account again")
        self._tokens_loaded = True

    async def add_token(self, token: str, refresh: str) -> Any:
        validated = await super().add_token(token, refresh)
        # Saved at once, not only on a clean shutdown, so a crash never loses a sign-in.
        if self._token_file is not None and self._tokens_loaded:
            await self.save_tokens()
        return validated

    async def save_tokens(self, path: str | None = None) -> None:
        if self._token_file is None:
            return
        saved = {
            user_id: {"access": data["token"], "refresh": data["refresh"]}
            for user_id, data in self.tokens.items()
        }
        self._token_file.save(saved)

    async def send_chat(self, text: str, reply_to: str | None) -> bool:
        assert self.owner_id is not None and self.bot_id is not None
        broadcaster = self.create_partialuser(self.owner_id)
        try:
            response = await broadcaster.send_message(
                sender=self.bot_id,
                message=text,
                token_for=self.bot_id,
                reply_to_message_id=reply_to,
            )
        except twitchio.HTTPException as error:
            logger.warning("chat message refused by Twitch (%s)", error.status)
            return False
        except twitchio.MessageRejectedError as error:
            logger.warning("chat message dropped by Twitch: %s", error)
            return False

        if not response.sent:
            logger.warning("chat message dropped by Twitch: %s", response.dropped_message)
        return response.sent

    async def send_whisper(self, user_id: str, text: str) -> bool:
        assert self.bot_id is not None
        sender = self.create_partialuser(self.bot_id)
        try:
            await sender.send_whisper(to_user=user_id, message=text)
        except twitchio.HTTPException as error:
            logger.warning("whisper refused by Twitch (%s)", error.status)
            return False
        return True

    async def event_command_error(self, payload: commands.CommandErrorPayload) -> None:
        context = payload.context
        error = payload.exception
        login = context.chatter.name or ""
        lang = await self.room.viewer_lang(login)

        if isinstance(error, commands.CommandNotFound | commands.CommandOnCooldown):
            return

        if isinstance(error, commands.GuardFailure):
            if self._first_denial(login):
                await self.room.outbox.reply(login, render(MESSAGES, "denied", lang, login=login))
            return

        if isinstance(error, commands.CommandInvokeError) and isinstance(
            error.original, UserFacingError
        ):
            await self.room.outbox.reply(login, error.original.reply)
            return

        if isinstance(error, commands.ArgumentError | commands.ConversionError):
            usage = (
                (context.command.help or "").strip().splitlines()[-1:] if context.command else []
            )
            if usage:
                text = render(MESSAGES, "usage", lang, login=login, usage=usage[0])
                await self.room.outbox.reply(login, text)
            return

        logger.error("command %s failed", context.command, exc_info=error)
        await self.room.outbox.reply(login, render(MESSAGES, "failed", lang, login=login))

    def _first_denial(self, login: str) -> bool:
        """A viewer who tries moderator commands is told no once, not on every try."""
        now = self.room.clock.now()
        last = self._denied.get(login)
        if last is not None and now - last < self.room.settings.pacing.denial_cooldown_s:
            return False
        self._denied[login] = now
        return True
