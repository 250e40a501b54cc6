"""Twitch's whisper limits: new recipients a day, whispers a second and a minute."""

import logging
import math

from bot.clock import Clock
from bot.config import FollowupSettings
from bot.store.db import Database
from bot.store.followup import DAY_S, FollowupStore, WhisperUsage

logger = logging.getLogger(__name__)


def _round_up_ms(seconds: float) -> float:
    # Whole milliseconds, so a wait never rounds down to a time when the window is still full.
    return math.ceil(seconds * 1000.0) / 1000.0


def _window_wait(sends: list[float], now: float, window_s: float, limit: int) -> float:
    """Seconds until fewer than `limit` of `sends` (ascending) fall within the last window."""
    inside = [t for t in sends if t > now - window_s]
    if len(inside) < limit:
        return 0.0
    return max(0.0, inside[-limit] + window_s - now)


class WhisperBudget:
    """One budget for every whisper the bot sends, kept in the whisper log across restarts.

    A recipient whispered within the last 24 hours takes no new daily slot, so the daily limit
    counts distinct recipients in any rolling 24 hours.
    """

    def __init__(self, db: Database, clock: Clock, settings: FollowupSettings) -> None:
        self.store = FollowupStore(db)
        self.clock = clock
        self.settings = settings

    async def reserve(self, login: str) -> float | None:
        """Seconds to wait before whispering `login`, or None when the day's recipients are used.

        Only an answer of 0 books the whisper (in the log, at once); after a wait, ask again.
        """
        now = self.clock.now()
        wait = await self.store.book_whisper(login, now, lambda usage: self._wait(usage, login))
        if wait is None:
            logger.debug("whisper budget: no new recipient slot left today")
        return wait

    async def next_new_slot_at(self) -> float | None:
        """When a new recipient fits in the daily budget again; None if it never will."""
        usage = await self.store.whisper_usage(self.clock.now())
        limit = self.settings.whisper_new_per_day
        if len(usage.last_by_recipient) < limit:
            return usage.now
        if limit == 0:
            return None

        oldest_first = sorted(usage.last_by_recipient.values())
        return _round_up_ms(oldest_first[len(oldest_first) - limit] + DAY_S)

    def _wait(self, usage: WhisperUsage, login: str) -> float | None:
        recipients = usage.last_by_recipient
        if login not in recipients and len(recipients) >= self.settings.whisper_new_per_day:
            return None

        per_second = _window_wait(
            usage.recent_sends, usage.now, 1.0, self.settings.whisper_per_second
        )
        per_minute = _window_wait(
            usage.recent_sends, usage.now, 60.0, self.settings.whisper_per_minute
        )
        return _round_up_ms(max(per_second, per_minute))
