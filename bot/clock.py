"""One clock for everything that waits: wall time live, show time in a rehearsal."""

import asyncio
import heapq
import itertools
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

logger = logging.getLogger(__name__)

TimerCallback = Callable[[], Awaitable[None]]


class Timer:
    """A callback due at a time on a clock; cancel() stops it if it has not run yet."""

    def __init__(self, when: float, callback: TimerCallback, name: str) -> None:
        self.when = when
        self.callback = callback
        self.name = name
        self.cancelled = False
        self._handle: asyncio.TimerHandle | None = None

    def cancel(self) -> None:
        self.cancelled = True
        if self._handle is not None:
            self._handle.cancel()


async def _run_timer(timer: Timer) -> None:
    try:
        await timer.callback()
    except Exception:
        logger.exception("timer %s failed", timer.name)


class Clock:
    """The interface: `now()` in epoch seconds and callbacks due at a time."""

    def now(self) -> float:
        raise NotImplementedError

    def call_at(self, when: float, callback: TimerCallback, name: str = "timer") -> Timer:
        raise NotImplementedError

    def call_later(self, delay: float, callback: TimerCallback, name: str = "timer") -> Timer:
        return self.call_at(self.now() + max(0.0, delay), callback, name)

    def now_datetime(self) -> datetime:
        return datetime.fromtimestamp(self.now(), tz=UTC)


class WallClock(Clock):
    """Live time. Due callbacks run as tasks that are kept until they finish."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[None]] = set()
        self._timers: set[Timer] = set()

    def now(self) -> float:
        return time.time()

    def call_at(self, when: float, callback: TimerCallback, name: str = "timer") -> Timer:
        loop = asyncio.get_running_loop()
        timer = Timer(when, callback, name)
        delay = max(0.0, when - self.now())
        timer._handle = loop.call_later(delay, self._fire, timer)
        self._timers.add(timer)
        return timer

    def _fire(self, timer: Timer) -> None:
        self._timers.discard(timer)
        if timer.cancelled:
            return

        task = asyncio.get_running_loop().create_task(_run_timer(timer), name=timer.name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def cancel_all(self) -> None:
        for timer in list(self._timers):
            timer.cancel()
        self._timers.clear()
        for task in list(self._tasks):
            task.cancel()


class VirtualClock(Clock):
    """Show time that moves only when told to; due callbacks run in order, one at a time.

    A rehearsal advances it to each transcript line's time, so a two-hour show replays in
    seconds and always gives the same result.
    """

    def __init__(self, start: float) -> None:
        self.start = start
        self._now = start
        self._heap: list[tuple[float, int, Timer]] = []
        self._order = itertools.count()

    def now(self) -> float:
        return self._now

    @property
    def show_seconds(self) -> float:
        return self._now - self.start

    def call_at(self, when: float, callback: TimerCallback, name: str = "timer") -> Timer:
        timer = Timer(max(when, self._now), callback, name)
        heapq.heappush(self._heap, (timer.when, next(self._order), timer))
        return timer

    def next_due(self) -> float | None:
        while self._heap and self._heap[0][2].cancelled:
            heapq.heappop(self._heap)
        return self._heap[0][0] if self._heap else None

    async def advance_to(
        self, when: float, settle: Callable[[], Awaitable[None]] | None = None
    ) -> None:
        """Run every callback due up to `when`, each at its own time, then stand at `when`."""
        while (due := self.next_due()) is not None and due <= when:
            _, _, timer = heapq.heappop(self._heap)
            self._now = max(self._now, timer.when)
            await _run_timer(timer)
            if settle is not None:
                await settle()

        self._now = max(self._now, when)
