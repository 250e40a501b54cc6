"""Knowing when the bot has finished handling what it was sent, so a rehearsal can wait."""

import asyncio
import logging
from collections import Counter
from typing import Any

logger = logging.getLogger(__name__)


class Activity:
    """Tracks the bot's own tasks: event handlers, timer work and sends.

    Live it only keeps references so tasks are not collected early and can be cancelled on
    shutdown. In a rehearsal, `settle()` waits until an event has been dispatched and every task
    started since has finished, which makes replays deterministic.
    """

    def __init__(self, *, record_dispatches: bool = False) -> None:
        self.record_dispatches = record_dispatches
        self._tasks: set[asyncio.Task[Any]] = set()
        self._seen: Counter[str] = Counter()
        self._seen_changed = asyncio.Event()

    def track(self, task: asyncio.Task[Any]) -> None:
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def mark_dispatched(self, message_id: str) -> None:
        # Only a rehearsal waits on these; live, keeping them would only grow memory.
        if not self.record_dispatches:
            return
        self._seen[message_id] += 1
        self._seen_changed.set()

    async def wait_dispatched(self, message_id: str, limit_s: float = 30.0) -> bool:
        async with asyncio.timeout(limit_s):
            while self._seen[message_id] == 0:
                self._seen_changed.clear()
                await self._seen_changed.wait()
        self._seen[message_id] -= 1
        if self._seen[message_id] == 0:
            del self._seen[message_id]
        return True

    async def settle(self) -> None:
        """Wait until no tracked task is running (tasks may start others while we wait)."""
        while True:
            pending = [task for task in self._tasks if not task.done()]
            if not pending:
                await asyncio.sleep(0)
                if not any(not task.done() for task in self._tasks):
                    return
                continue
            await asyncio.wait(pending)

    async def cancel_all(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
