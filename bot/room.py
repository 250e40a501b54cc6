"""One channel's show: every part of the core wired together, fed by the cogs."""

import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass, replace
from typing import Any

from bot.catalog import Catalog
from bot.clock import Clock
from bot.config import Settings
from bot.events import ChatLine, Gift
from bot.followup.links import ListLinks
from bot.followup.lists import ShoppingLists
from bot.followup.pushes import PushScheduler
from bot.gameplay import GameDesk
from bot.i18n import render
from bot.messages import ROOM_MESSAGES
from bot.pacing import Outbox
from bot.profiles import Profiles
from bot.recommend import Recommender
from bot.recommend.reasons import reason as reason_line
from bot.signals import LiveWeights
from bot.store.asked import record_asked
from bot.store.db import Database
from bot.store.events import EventLog
from bot.store.viewers import ViewerRepository
from bot.text import Analysis, Analyzer

logger = logging.getLogger(__name__)

SendChat = Callable[[str, str | None], Awaitable[bool]]
SendWhisper = Callable[[str, str], Awaitable[bool]]


@dataclass
class Senders:
    chat: SendChat | None = None
    whisper: SendWhisper | None = None


async def open_room(
    opened: AsyncExitStack,
    settings: Settings,
    catalog: Catalog,
    db: Database,
    clock: Clock,
    *,
    signing_key: bytes,
    virtual: bool,
) -> "ShowRoom":
    """A started room whose closing is left to `opened`, for the live run and the rehearsal."""
    room = ShowRoom(
        settings,
        catalog,
        db,
        clock,
        signing_key=signing_key,
        public_url=settings.web.public_url,
        virtual=virtual,
    )
    opened.push_async_callback(room.close)
    await room.start()
    return room


class ShowRoom:
    """Everything the bot knows and does for one channel; the cogs only parse and reply."""

    def __init__(
        self,
        settings: Settings,
        catalog: Catalog,
        db: Database,
        clock: Clock,
        *,
        signing_key: bytes,
        public_url: str,
        virtual: bool,
    ) -> None:
        self.settings = settings
        self.catalog = catalog
        self.db = db
        self.clock = clock
        self.virtual = virtual
        self.senders = Senders()
        self.lang = settings.show.language

        self.events = EventLog(db)
        self.viewers = ViewerRepository(db)
        self.analyzer = Analyzer(catalog)
        self.weights = LiveWeights(db, catalog, clock, settings.signals)
        self.profiles = Profiles(db, catalog, clock)
        self.recommender = Recommender(
            db, catalog, self.weights, self.profiles, settings.recommend
        )
        self.links = ListLinks(signing_key, public_url)
        self.lists = ShoppingLists(db, catalog)
        self.outbox = Outbox(
            clock,
            self._send_chat,
            per_30s=settings.pacing.chat_per_30s,
            max_chars=settings.pacing.max_message_chars,
        )
        self.pushes = PushScheduler(
            db,
            clock,
            settings.followup,
            send_whisper=self._send_whisper,
            message_for=self._push_message,
            virtual=virtual,
        )
        self.games = GameDesk(self)
        self.lineup: list[str] = [product.id for product in catalog]
        self.on_show = self.lineup[0]
        self.on_show_since: float | None = None
        self.show_ended = False
        self.started_at = clock.now()

    async def start(self) -> None:
        """Load what earlier shows stored and pick up unfinished work."""
        self.started_at = self.clock.now()
        await self.weights.load()
        await self.games.start()
        await self.pushes.start()
        await self._restore_lineup()
        logger.info(
            "show room ready: %d products, %d viewers known",
            len(self.catalog),
            await self.viewers.count(),
        )

    def _show_began(self) -> float:
        return min(self.started_at, self.clock.now() - SHOW_LOOKBACK_S)

    async def close(self) -> None:
        await self.games.shutdown()
        await self.pushes.shutdown()

    def attach_sender(self, chat: SendChat, whisper: SendWhisper) -> None:
        self.senders = Senders(chat, whisper)

    async def _send_chat(self, text: str, reply_to: str | None) -> bool:
        if self.senders.chat is None:
            logger.warning("no chat sender attached; message not sent")
            return False
        return await self.senders.chat(text, reply_to)

    async def _send_whisper(self, login: str, text: str) -> bool:
        viewer = await self.viewers.get(login)
        if self.senders.whisper is None or viewer is None or not viewer.user_id:
            logger.warning("cannot whisper %s: no sender or no Twitch id known", login)
            return False
        return await self.senders.whisper(viewer.user_id, text)

    async def _push_message(self, login: str) -> str:
        lang = await self.viewer_lang(login)
        return await self.lists.message_for(login, lang, self.links.url_for(login))

    async def viewer_lang(self, login: str) -> str:
        viewer = await self.viewers.get(login)
        return viewer.lang if viewer is not None and viewer.lang else self.lang

    def say(self, key: str, lang: str | None, **values: Any) -> str:
        return render(ROOM_MESSAGES, key, lang or self.lang, **values)

    async def on_chat(self, line: ChatLine) -> None:
        now = self.clock.now()
        text = line.text.strip()
        is_command = text.startswith(self.settings.twitch.prefixes)
        if not is_command and not line.is_broadcaster:
            # First, before anything waits: quiz answers then count in the order they arrived.
            await self.games.on_chat(line.login, text)
        # One transaction per line: its writes land together, and commit once.
        async with self.db.transaction():
            await self._record_chat(line, text, is_command, now)

    async def _record_chat(self, line: ChatLine, text: str, is_command: bool, now: float) -> None:
        if not await self.events.first_time(line.message_id, "chat", now):
            return

        analysis = None if is_command else self.analyzer.analyze(text)
        lang, evidence = (None, 0.0) if analysis is None else self._language_of(analysis, text)
        await self.viewers.seen(line.login, line.user_id, line.display_name, now, lang, evidence)
        if analysis is None:
            return

        await self.events.chat_line(
            now, line.login, text, analysis.intent, analysis.sentiment, analysis.products
        )
        if line.is_broadcaster and analysis.products:
            self.on_show, self.on_show_since = analysis.products[0], now
        if line.is_moderator or line.is_broadcaster:
            # The host's pitch and the moderators' answers are the shop talking, not the
            # audience's interest; only the host's says what is on show now.
            return

        analysis = self._about_the_product_on_show(analysis, now)

        await self.weights.on_chat(line.login, analysis, now)
        await self.profiles.record_chat(line.login, analysis, now)
        if analysis.intent == "buy" and analysis.products:
            await self.recommender.conversion(line.login, analysis.products, now)
        if analysis.intent in ASKING_INTENTS and analysis.products:
            # Asking for the link is asking for the list: the product goes on it.
            reason = reason_line("asked", await self.viewer_lang(line.login))
            await record_asked(self.db, now, line.login, analysis.products, reason)

    async def on_gift(self, gift: Gift) -> None:
        now = self.clock.now()
        async with self.db.transaction():
            if not await self._record_gift(gift, now):
                return

        # A thank-you is a reply: when chat is busy it merges with others and may wait.
        await self.outbox.reply(gift.login, await self._thanks(gift))

    def _about_the_product_on_show(self, analysis: Analysis, now: float) -> Analysis:
        """`已拍` or `求連結` with no product named means the one the host is showing."""
        pitched_recently = (
            self.on_show_since is not None and now - self.on_show_since <= ON_SHOW_FOR_S
        )
        if analysis.products or analysis.intent not in ON_SHOW_INTENTS or not pitched_recently:
            return analysis
        return replace(analysis, products=(self.on_show,))

    def _language_of(self, analysis: Analysis, text: str) -> tuple[str | None, float]:
        """The line's language and how much it says: Han characters weigh more than letters.

        A Han line in characters both scripts share still says "Chinese": it counts for the
        channel's Chinese script. A word or two of Latin letters (`B`, `ok`) says nothing.
        """
        han = sum(1 for char in text if "\u4e00" <= char <= "\u9fff")
        latin = sum(1 for char in text if char.isascii() and char.isalpha())
        if analysis.lang == "en":
            evidence = latin if latin >= MIN_ENGLISH_LETTERS else 0
            return "en", float(min(evidence, LANGUAGE_EVIDENCE_CAP))

        lang = analysis.lang
        if lang is None and han:
            lang = self.lang if self.lang.startswith("zh") else "zh-Hant"
        return lang, float(min(han * HAN_WEIGHT, LANGUAGE_EVIDENCE_CAP))

    async def _thanks(self, gift: Gift) -> str:
        key = f"thanks_{gift.kind}"
        if gift.kind == "raid" and gift.amount <= 1:
            key = "thanks_raid_alone"
        reward = gift.detail.split("\n", 1)[0][:40]
        lang = await self.viewer_lang(gift.login)
        return self.say(key, lang, amount=gift.amount, reward=reward)

    async def _record_gift(self, gift: Gift, now: float) -> bool:
        if not await self.events.first_time(gift.message_id, gift.kind, now):
            return False

        await self.viewers.seen(gift.login, gift.user_id, gift.login, now, line=False)
        await self.events.gift(now, gift.login, gift.kind, gift.amount, gift.detail)
        named = self.analyzer.analyze(gift.detail).products if gift.detail else ()
        toward = named or (self.on_show,)
        await self.profiles.record_gift(gift.login, gift.kind, gift.amount, named)
        await self.weights.on_gift(toward, gift_units(gift))
        return True

    async def picks_reply(self, login: str) -> str:
        lang = await self.viewer_lang(login)
        picks = await self.recommender.picks(login, lang, self.clock.now())
        if not picks:
            return self.say("no_picks", lang)

        url = self.links.url_for(login)
        room_for_text = self.settings.pacing.max_message_chars - len(f"@{login} ")
        for name_chars, with_reasons in FITTINGS:
            listed = ("; " if lang == "en" else "；").join(
                f"{rank}) {shorten(pick.product.display_name(lang), name_chars)}"
                + (f" — {pick.reason}" if with_reasons else "")
                for rank, pick in enumerate(picks, 1)
            )
            reply = self.say("picks", lang, picks=listed, url=url)
            if len(reply) <= room_for_text:
                break
        # The link is the point of the reply: whatever is cut, it is kept whole.
        return reply

    async def list_reply(self, login: str) -> str:
        lang = await self.viewer_lang(login)
        return self.say("list", lang, url=self.links.url_for(login))

    async def notify_reply(self, login: str, choice: str) -> str:
        lang = await self.viewer_lang(login)
        wanted = choice.strip().lower()
        if wanted not in ("on", "off", "開", "开", "關", "关"):
            return self.say("notify_usage", lang)

        on = wanted in ("on", "開", "开")
        await self.viewers.set_notify(login, on, self.clock.now())
        if on and self.show_ended:
            # Hosts say "type !notify on" as they sign off: those viewers get tonight's list too.
            await self.pushes.schedule_show_end([login])
            return self.say("notify_on_after_show", lang)
        return self.say("notify_on" if on else "notify_off", lang)

    async def help_reply(self, login: str, is_moderator: bool) -> str:
        lang = await self.viewer_lang(login)
        return self.say("help_mod" if is_moderator else "help", lang)

    async def set_lineup(self, login: str, spec: str) -> str:
        lang = await self.viewer_lang(login)
        wanted = [part.strip().lower() for part in spec.replace(",", " ").split() if part.strip()]
        unknown = [product_id for product_id in wanted if self.catalog.get(product_id) is None]
        if not wanted:
            return self.say("lineup_usage", lang)
        if unknown:
            return self.say("lineup_bad", lang, unknown=" ".join(unknown)[:120])

        self.lineup = list(dict.fromkeys(wanted))
        self.analyzer.set_lineup(self.lineup)
        await self.db.execute(
            "INSERT OR REPLACE INTO settings (scope, key, value) VALUES ('channel', 'lineup', ?)",
            (" ".join(self.lineup),),
        )
        names = "、".join(
            f"{number}) {shorten(self.catalog.by_id[product_id].display_name(lang), 16)}"
            for number, product_id in enumerate(self.lineup[:LINEUP_SHOWN], 1)
        )
        if len(self.lineup) > LINEUP_SHOWN:
            names += " …"
        return self.say("lineup_set", lang, count=len(self.lineup), names=names)

    async def _restore_lineup(self) -> None:
        row = await self.db.fetchone(
            "SELECT value FROM settings WHERE scope = 'channel' AND key = 'lineup'"
        )
        if row is None:
            return
        saved = [
            product_id for product_id in row["value"].split() if product_id in self.catalog.by_id
        ]
        if saved:
            self.lineup = saved
            self.analyzer.set_lineup(saved)

    async def show_status(self, login: str) -> str:
        lang = await self.viewer_lang(login)
        top = self.weights.ranking()[:3]
        names = "、".join(self.catalog.by_id[stat.id].display_name(lang) for stat in top) or "-"
        return self.say("status", lang, viewers=await self.viewers.count(), top=names)

    async def show_end(self, login: str) -> str:
        lang = await self.viewer_lang(login)
        if self.show_ended:
            return self.say("show_already_ended", lang)

        self.show_ended = True
        await self.games.end_all()
        # A standing opt-in counts for the shows the viewer comes to, not for every show after.
        opted_in = await self.viewers.opted_in(seen_since=self._show_began())
        await self._fill_empty_lists(opted_in)
        await self.pushes.schedule_show_end(opted_in)
        # Viewers still waiting from an earlier show keep their place and get this list too.
        scheduled = len(opted_in)
        await self.outbox.announce(self.say("show_end", self.lang))
        logger.info("show ended: %d post-show whispers scheduled", scheduled)
        return self.say(
            "show_end_mod",
            lang,
            count=scheduled,
            minutes=int(self.settings.followup.delay_minutes),
            per_day=self.settings.followup.whisper_new_per_day,
        )

    async def _fill_empty_lists(self, logins: list[str]) -> None:
        """A viewer who opted in but never asked for picks still gets a list worth opening."""
        now = self.clock.now()
        for login in logins:
            if not await self.lists.items(login):
                await self.recommender.picks(login, await self.viewer_lang(login), now)

    async def summary(self) -> dict[str, Any]:
        ranking = self.weights.ranking()
        return {
            "products": [
                {
                    "id": stat.id,
                    "name": self.catalog.by_id[stat.id].name,
                    "weight": round(stat.weight, 4),
                    "mentions": stat.mentions,
                    "sentiment": round(stat.sentiment, 4),
                }
                for stat in ranking
            ],
            "quizzes": await self.games.quiz_summary(),
            "votes": await self.games.vote_summary(),
            "draws": await self.games.draw_summary(),
            "viewers": await self.viewers.count(),
            "chat_lines": await self.events.chat_count(),
            "gifts": await self.events.gift_totals(),
            "lists": await self.viewers.with_picks(),
            "pushes": await self.pushes.summary(),
            "outbox": dict(self.outbox.stats),
        }


LANGUAGE_EVIDENCE_CAP = 12
ASKING_INTENTS = frozenset({"ask_link", "ask_price", "ask_stock", "question"})
HAN_WEIGHT = 3
MIN_ENGLISH_LETTERS = 3
LINEUP_SHOWN = 15
# A show's viewers: those seen since the bot started, or at least within this long.
SHOW_LOOKBACK_S = 6 * 3600
# Intents that, without a product named, are about what the host is showing.
ON_SHOW_INTENTS = frozenset({"buy", "ask_link", "ask_price", "ask_stock", "price_objection"})
ON_SHOW_FOR_S = 600.0


# Ways to make a picks reply fit one message, tried in order: long names and reasons go first.
FITTINGS = ((80, True), (24, True), (24, False), (12, False))


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def gift_units(gift: Gift) -> float:
    """Gifts on one scale: 100 bits, one gifted sub, 1,000 channel points or 10 raiders."""
    if gift.kind == "bits":
        return gift.amount / 100
    if gift.kind == "sub_gift":
        return float(gift.amount)
    if gift.kind == "redemption":
        return gift.amount / 1000
    return gift.amount / 10
