"""A whole show replayed offline: the real bot and cogs against the Twitch stand-in."""

import asyncio
import json
import logging
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.activity import Activity
from bot.catalog import Catalog
from bot.clock import VirtualClock
from bot.config import Settings, signing_key
from bot.followup.pages import make_list_app
from bot.followup.server import start_list_server
from bot.room import ShowRoom, open_room
from bot.store.db import Database
from bot.twitch.adapter import LivepicksBot
from bot.twitch.cooldown import ShowClockCooldown
from bot.twitch.standin import StandIn
from bot.twitch.transcript import TranscriptEvent, load_transcript

logger = logging.getLogger(__name__)

# 2026-01-05 12:00 UTC, 20:00 in Taipei: a fixed start keeps every replay identical.
FIRST_SHOW_START = 1767614400.0
DAY_S = 86400.0
# Only meaningful for pages served by the rehearsal itself on 127.0.0.1; live runs need a real key.
REHEARSAL_SIGNING_KEY = b"livepicks-rehearsal-only"
SUBSCRIPTION_TYPES = {
    "channel.chat.message",
    "channel.chat.notification",
    "channel.cheer",
    "channel.subscription.gift",
    "channel.channel_points_custom_reward_redemption.add",
    "channel.raid",
}
AFTER_SHOW_MARGIN_S = 3600.0


@dataclass
class RehearsalResult:
    summary: dict[str, Any]
    sent: list[dict[str, Any]]
    wall_s: float
    events: int


async def rehearse(
    transcript: Path,
    settings: Settings,
    catalog: Catalog,
    db_path: Path,
    out_dir: Path,
    progress: Callable[[int, int, float], None] | None = None,
    *,
    redeliver_every: int = 0,
    burst: bool = False,
) -> RehearsalResult:
    """Play a transcript through the stand-in to the real bot; write sent.jsonl, summary.json.

    `burst` sends each show second's events without waiting for the bot between them.
    """
    events = load_transcript(transcript)
    link_key = _signing_key()
    started = time.perf_counter()

    # Everything opened is closed again whatever fails, or a stray thread keeps the process up.
    async with AsyncExitStack() as opened:
        db = await Database.open(db_path)
        opened.push_async_callback(db.close)
        clock = VirtualClock(await _show_start(db))
        ShowClockCooldown.clock = clock
        activity = Activity(record_dispatches=True)
        room = await open_room(
            opened, settings, catalog, db, clock, signing_key=link_key, virtual=True
        )
        standin = StandIn(
            clock,
            channel=settings.twitch.channel,
            bot_login=settings.twitch.bot_login,
            settle=lambda message_id: _settle(activity, message_id),
            settle_idle=activity.settle,
            chat_limit_per_30s=settings.pacing.chat_per_30s,
            redeliver_every=redeliver_every,
        )
        pages = await _serve_pages(room, settings)
        if pages is not None:
            opened.push_async_callback(pages.cleanup)

        await standin.start()
        opened.push_async_callback(standin.close)
        standin.register_users(await room.viewers.logins())
        standin.point_twitchio_here()
        opened.callback(standin.restore_twitchio)
        opened.push_async_callback(activity.cancel_all)
        bot = LivepicksBot(
            room,
            client_id=standin.client_id,
            client_secret=standin.client_secret,
            bot_id=standin.user_id(settings.twitch.bot_login),
            owner_id=standin.user_id(settings.twitch.channel),
            activity=activity,
            seed_tokens=standin.tokens(),
        )
        bot_task = asyncio.create_task(
            bot.start(with_adapter=False, load_tokens=True, save_tokens=False)
        )
        opened.push_async_callback(_stop_bot, bot, bot_task)
        await _wait_ready(standin, bot_task)

        def on_progress(done: int, total: int) -> None:
            if progress is not None:
                progress(done, total, clock.show_seconds)

        await standin.play(events, on_progress, burst=burst)
        await _run_after_show(clock, activity, settings)
        await activity.settle()

        summary = await room.summary()
        summary["show"] = _show_facts(events, standin, clock)
        await _remember_show_end(db, clock.now())

    sent = [
        {"t": round(message.t, 3), "kind": message.kind, "to": message.to, "text": message.text}
        for message in standin.sent
    ]
    _write_outputs(out_dir, sent, summary)
    return RehearsalResult(summary, sent, time.perf_counter() - started, len(events))


async def _stop_bot(bot: LivepicksBot, bot_task: asyncio.Task[None]) -> None:
    await bot.close()
    await asyncio.gather(bot_task, return_exceptions=True)


async def _settle(activity: Activity, message_id: str) -> None:
    try:
        await activity.wait_dispatched(message_id)
    except TimeoutError:
        logger.warning("the bot did not take event %s; continuing", message_id)
    await activity.settle()


async def _wait_ready(standin: StandIn, bot_task: asyncio.Task[None]) -> None:
    waiting = asyncio.create_task(standin.wait_subscribed(SUBSCRIPTION_TYPES))
    done, _ = await asyncio.wait({waiting, bot_task}, return_when=asyncio.FIRST_COMPLETED)
    if bot_task in done:
        waiting.cancel()
        bot_task.result()
        raise RuntimeError("the bot stopped before it subscribed to the channel's events")
    waiting.result()


async def _run_after_show(clock: VirtualClock, activity: Activity, settings: Settings) -> None:
    """Let the post-show work due soon after the last event happen: today's whispers."""
    horizon = clock.now() + settings.followup.delay_minutes * 60 + AFTER_SHOW_MARGIN_S
    await clock.advance_to(horizon, activity.settle)


async def _show_start(db: Database) -> float:
    """The first rehearsal on a database starts at a fixed time; each later one a day on."""
    row = await db.fetchone(
        "SELECT value FROM settings WHERE scope = 'global' AND key = 'rehearsal.last_end'"
    )
    if row is None:
        return FIRST_SHOW_START
    last_end = float(row["value"])
    days_after_first = (last_end - FIRST_SHOW_START) // DAY_S + 1
    return FIRST_SHOW_START + days_after_first * DAY_S


async def _remember_show_end(db: Database, now: float) -> None:
    await db.execute(
        "INSERT OR REPLACE INTO settings (scope, key, value)"
        " VALUES ('global', 'rehearsal.last_end', ?)",
        (repr(now),),
    )


def _signing_key() -> bytes:
    return signing_key() or REHEARSAL_SIGNING_KEY


async def _serve_pages(room: ShowRoom, settings: Settings) -> web.AppRunner | None:
    app = make_list_app(room.db, room.catalog, room.links, room.lists, room.clock)
    try:
        return await start_list_server(app, "127.0.0.1", settings.web.port)
    except OSError:
        logger.warning(
            "port %d is busy; list pages are not served during this rehearsal", settings.web.port
        )
        return None


def _show_facts(events: list[TranscriptEvent], standin: StandIn, clock: VirtualClock) -> dict:
    return {
        "events": len(events),
        "show_seconds": round(events[-1].t, 3) if events else 0.0,
        "ended_at_show_seconds": round(clock.show_seconds, 3),
        "standin": dict(standin.stats),
    }


def _write_outputs(out_dir: Path, sent: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    with (out_dir / "sent.jsonl").open("w", encoding="utf-8") as handle:
        for message in sent:
            handle.write(json.dumps(message, ensure_ascii=False) + "\n")
    (out_dir / "summary.json").write_text(
        json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
