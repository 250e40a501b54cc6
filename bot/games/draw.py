"""A lucky draw: one entry per viewer, winners picked with a recorded seed anyone can replay."""

import asyncio
import hashlib
import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

from bot.clock import Clock
from bot.games import messages
from bot.games.callbacks import Say, say_safely
from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)


def default_seed(draw_id: int, round_number: int, now: float) -> int:
    """A seed nobody chooses: from the draw, the round and the clock at the moment of picking."""
    digest = hashlib.sha256(f"{draw_id}:{round_number}:{now:.6f}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def pick_winners(entries: Sequence[str], n: int, seed: int) -> list[str]:
    """The winners for a seed: the same entries in the same order always give the same list."""
    return random.Random(seed).sample(list(entries), min(n, len(entries)))


@dataclass(frozen=True)
class DrawRound:
    """One pick: the seed it used, how many winners were asked for and who won."""

    number: int
    seed: int
    requested: int
    winners: tuple[str, ...]


class DrawSession:
    """Open, take entries, close, pick. Spending buys no extra chances: one entry each.

    Each `pick()` is a round drawn from the entries not yet picked, so a moderator can draw
    again when a winner does not answer; every round's seed is stored, so
    `audit.audit_draw` can replay it.
    """

    def __init__(
        self,
        title: str,
        clock: Clock,
        db: Database,
        *,
        lang: str,
        say: Say,
        join_command: str = "!join",
    ) -> None:
        self.title = title.strip()
        self.clock = clock
        self.db = db
        self.lang = lang
        self.say = say
        self.join_command = join_command
        self.draw_id: int | None = None
        self.winners: list[str] = []
        self.rounds: list[DrawRound] = []
        self._entries: dict[str, None] = {}
        self._open = False
        self._closed = False
        self._rounds = 0
        self._lock = asyncio.Lock()

    @property
    def entries(self) -> list[str]:
        return list(self._entries)

    @property
    def is_open(self) -> bool:
        return self._open

    @property
    def closed(self) -> bool:
        return self._closed

    async def open(self) -> int:
        """Record the draw and announce it; returns the draw id."""
        if self.draw_id is not None:
            raise RuntimeError("this draw is already open")

        self.draw_id = await store.create_draw(
            self.db, title=self.title, opened_at=self.clock.now()
        )
        self._open = True
        logger.info("draw %d open", self.draw_id)

        key = "draw_open" if self.title else "draw_open_untitled"
        text = messages.chat(key, self.lang, title=self.title, join=self.join_command)
        await say_safely(self.say, text, "draw")
        return self.draw_id

    def enter(self, login: str) -> bool:
        """Enter a viewer once; False if the draw is not open or they are already in."""
        login = login.lower()
        if not self._open or login in self._entries:
            return False

        self._entries[login] = None
        return True

    async def close(self) -> None:
        """Stop taking entries (once) and store them in entry order."""
        async with self._lock:
            await self._close()

    async def pick(self, n: int, seed: int | None = None) -> list[str]:
        """Pick up to `n` winners not picked before; closes entries first if still open."""
        if n < 1:
            raise ValueError("pick at least one winner")
        if self.draw_id is None:
            raise RuntimeError("this draw was never opened")

        async with self._lock:
            await self._close()

            self._rounds += 1
            now = self.clock.now()
            if seed is None:
                seed = default_seed(self.draw_id, self._rounds, now)
            pool = [login for login in self._entries if login not in self.winners]
            winners = pick_winners(pool, n, seed)
            self.winners.extend(winners)
            self.rounds.append(DrawRound(self._rounds, seed, n, tuple(winners)))

            await store.record_draw_pick(
                self.db,
                self.draw_id,
                round_number=self._rounds,
                seed=seed,
                requested=n,
                winners=winners,
                t=now,
            )
            logger.info("draw %d round %d: %d winners", self.draw_id, self._rounds, len(winners))

            await say_safely(self.say, self._winners_text(winners, seed), "draw")
            return winners

    async def interrupt(self) -> None:
        """The bot is shutting down with entries still open: keep them, as 'abandoned'."""
        async with self._lock:
            if self._closed or self.draw_id is None:
                return
            self._open = False
            self._closed = True

            await store.close_draw(
                self.db,
                self.draw_id,
                closed_at=self.clock.now(),
                entries=list(self._entries),
                status="abandoned",
            )
            logger.warning(
                "draw %d was open at shutdown: %d entries kept, nobody picked",
                self.draw_id,
                len(self._entries),
            )

    async def _close(self) -> None:
        if self._closed or self.draw_id is None:
            return
        self._open = False
        self._closed = True

        await store.close_draw(
            self.db, self.draw_id, closed_at=self.clock.now(), entries=list(self._entries)
        )
        text = messages.chat("draw_closed", self.lang, count=len(self._entries))
        await say_safely(self.say, text, "draw")

    def _winners_text(self, winners: list[str], seed: int) -> str:
        if not winners:
            return messages.chat("draw_nobody", self.lang, draw_id=self.draw_id)
        return messages.chat(
            "draw_winners",
            self.lang,
            draw_id=self.draw_id,
            winners=messages.mentions(winners, self.lang),
            count=len(self._entries),
            seed=seed,
        )
