"""The outgoing chat budget: replies wait their turn, merge when chat is busy, never exceed it."""

import logging
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.clock import Clock, Timer
from bot.i18n import clip

logger = logging.getLogger(__name__)

WINDOW_S = 30.0
DUPLICATE_WINDOW_S = 30.0
STALE_REPLY_S = 120.0
MERGE_SEPARATOR = " ｜ "

SendChat = Callable[[str, str | None], Awaitable[bool]]


@dataclass
class Outgoing:
    text: str
    to: str | None
    reply_to: str | None
    queued_at: float


REPEAT_MARK = " \U000e0000"


def _varied(text: str, limit: int) -> str:
    """The same text, made different to Twitch's duplicate check but not to a reader."""
    if len(text) + len(REPEAT_MARK) > limit:
        text = text[: limit - len(REPEAT_MARK) - 1] + "…"
    return text + REPEAT_MARK


class SendWindow:
    """Send times within the last 30 s, to keep under Twitch's per-window limit."""

    def __init__(self, clock: Clock, limit: int) -> None:
        self.clock = clock
        self.limit = limit
        self._times: deque[float] = deque()

    def _trim(self) -> None:
        cutoff = self.clock.now() - WINDOW_S
        while self._times and self._times[0] <= cutoff:
            self._times.popleft()

    def has_room(self) -> bool:
        self._trim()
        return len(self._times) < self.limit

    def next_free_at(self) -> float:
        self._trim()
        if len(self._times) < self.limit:
            return self.clock.now()
        return self._times[0] + WINDOW_S

    def record(self) -> None:
        self._times.append(self.clock.now())


class Outbox:
    """Every chat line the bot sends goes through here.

    Announcements (quiz questions, results) go before personal replies. When the budget is
    spent, personal replies queue and are merged into as few messages as fit 500 characters;
    replies that waited longer than two minutes are dropped, since by then the viewer has moved on
    and their list link still answers them.
    """

    def __init__(self, clock: Clock, send: SendChat, *, per_30s: int, max_chars: int) -> None:
        self.clock = clock
        self.send = send
        self.max_chars = max_chars
        self.window = SendWindow(clock, per_30s)
        self._announcements: deque[Outgoing] = deque()
        self._replies: deque[Outgoing] = deque()
        self._recent_texts: dict[str, float] = {}
        self._timer: Timer | None = None
        self.stats = {"sent": 0, "merged": 0, "stale_dropped": 0, "repeats_varied": 0}

    async def announce(self, text: str) -> None:
        self._announcements.append(Outgoing(clip(text, self.max_chars), None, None, self._now()))
        await self._drain()

    async def reply(self, login: str, text: str, reply_to: str | None = None) -> None:
        outgoing = Outgoing(clip(text, self.max_chars), login, reply_to, self._now())
        self._replies.append(outgoing)
        await self._drain()

    def pending(self) -> int:
        return len(self._announcements) + len(self._replies)

    def _now(self) -> float:
        return self.clock.now()

    async def _drain(self) -> None:
        while self.pending() and self.window.has_room():
            outgoing = self._next_message()
            if outgoing is None:
                break
            await self._send(outgoing)

        if self.pending():
            self._arm_timer()

    def _arm_timer(self) -> None:
        if self._timer is not None and not self._timer.cancelled:
            return
        self._timer = self.clock.call_at(self.window.next_free_at(), self._on_timer, "outbox")

    async def _on_timer(self) -> None:
        self._timer = None
        await self._drain()

    def _next_message(self) -> Outgoing | None:
        if self._announcements:
            return self._announcements.popleft()

        self._drop_stale_replies()
        if not self._replies:
            return None

        first = self._replies.popleft()
        if not self._replies:
            return first

        parts = [self._addressed(first)]
        length = len(parts[0])
        while self._replies:
            candidate = self._addressed(self._replies[0])
            if length + len(MERGE_SEPARATOR) + len(candidate) > self.max_chars:
                break
            self._replies.popleft()
            parts.append(candidate)
            length += len(MERGE_SEPARATOR) + len(candidate)

        if len(parts) == 1:
            return first
        self.stats["merged"] += len(parts)
        return Outgoing(MERGE_SEPARATOR.join(parts), None, None, first.queued_at)

    @staticmethod
    def _addressed(outgoing: Outgoing) -> str:
        if outgoing.to is None or outgoing.text.startswith(f"@{outgoing.to}"):
            return outgoing.text
        return f"@{outgoing.to} {outgoing.text}"

    def _drop_stale_replies(self) -> None:
        cutoff = self._now() - STALE_REPLY_S
        while self._replies and self._replies[0].queued_at < cutoff:
            dropped = self._replies.popleft()
            self.stats["stale_dropped"] += 1
            logger.warning("reply to %s dropped after waiting over %ss", dropped.to, STALE_REPLY_S)

    async def _send(self, outgoing: Outgoing) -> None:
        # Always addressed: replies to two viewers must never read the same, or Twitch drops
        # the second as a duplicate.
        text = self._addressed(outgoing)
        now = self._now()
        self._recent_texts = {
            sent: at for sent, at in self._recent_texts.items() if at > now - DUPLICATE_WINDOW_S
        }
        while text in self._recent_texts:
            # A repeat is often meant (a second draw, a moderator's second mistake), but Twitch
            # drops identical lines within 30 s; an invisible tag, as chat clients add, keeps it.
            self.stats["repeats_varied"] += 1
            text = _varied(text, self.max_chars)

        self.window.record()
        self._recent_texts[text] = now
        try:
            sent = await self.send(text, outgoing.reply_to)
        except Exception:
            logger.exception("sending a chat message failed")
            return
        if sent:
            self.stats["sent"] += 1
