"""Command cooldowns that read the bot's clock, so rehearsals keep them in show time."""

import logging
from typing import Any, ClassVar, Self

from twitchio.ext import commands

from bot.clock import Clock, WallClock

logger = logging.getLogger(__name__)


class ShowClockCooldown(commands.BaseCooldown):
    """At most `rate` uses per `per` seconds of the bot's clock, per key.

    twitchio builds cooldowns when commands are declared, before any bot exists, so the clock is
    set on the class when the bot starts; one bot runs per process.
    """

    clock: ClassVar[Clock] = WallClock()

    def __init__(self, *, rate: int, per: float) -> None:
        self.rate = rate
        self.per = per
        self._uses: list[float] = []

    def _trim(self) -> float:
        now = self.clock.now()
        self._uses = [used for used in self._uses if used > now - self.per]
        return now

    def reset(self) -> None:
        self._uses = []

    def update(self, *args: Any, **kwargs: Any) -> float | None:
        now = self._trim()
        if len(self._uses) >= self.rate:
            return self._uses[0] + self.per - now
        self._uses.append(now)
        return None

    def copy(self) -> Self:
        return type(self)(rate=self.rate, per=self.per)

    def is_ratelimited(self, *args: Any, **kwargs: Any) -> bool:
        self._trim()
        return len(self._uses) >= self.rate

    def is_dead(self, *args: Any, **kwargs: Any) -> bool:
        self._trim()
        return not self._uses
