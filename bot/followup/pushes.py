"""Post-show whispers to viewers who opted in: scheduled after the show, sent within the budget.

The rule when the budget runs short:
- A viewer has at most one pending push (scheduled or queued). Their list link is the same for
  every show and the whisper is written when it is sent, so a show that ends while a viewer's
  push is still waiting adds none: the older push keeps its place in line and covers both shows.
- Otherwise each show gives each opted-in viewer one push, so at most one whisper per viewer per
  show, behind everyone still waiting from earlier shows; among a show's pushes, viewers never
  whispered come first, then those whispered longest ago.
- Pending pushes go out strictly oldest first. When the oldest cannot have a new recipient slot
  today, nobody behind it is whispered either: a viewer whispered in the last 24 hours takes no
  new slot, but whispering them again would keep their slot for another 24 hours, and the
  viewers waiting for a slot would never get one.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import FollowupSettings
from bot.followup.jobs import ClockedScheduler
from bot.followup.whispers import WhisperBudget
from bot.store.db import Database
from bot.store.followup import DuePush, FollowupStore

logger = logging.getLogger(__name__)

JOB_ID = "livepicks-followup-pushes"

SUMMARY_KEYS = ("scheduled", "sent", "queued", "failed")

# Sorts before every (finished_at, due_at, id) of a whisper that was sent.
NEVER_SENT = (float("-inf"), float("-inf"), -1)

# How long shutdown lets a run finish the whisper it is sending before the scheduler cancels it.
SHUTDOWN_GRACE_S = 10.0

SendWhisper = Callable[[str, str], Awaitable[bool]]
MessageFor = Callable[[str], Awaitable[str]]


class PushScheduler:
    """The post-show whispers, kept in the pushes table and run by one APScheduler job.

    Each run sends due pushes oldest first while the whisper budget allows, queues the rest
    in their order and schedules the next run: after a short wait for the per-second and
    per-minute limits, when a daily slot frees, or when the next show's pushes fall due. The
    table is the truth, so a restart picks up where the last process stopped. A push is marked
    'sending' before Twitch is called and 'sent' after, and one found 'sending' at start is
    never resent.
    """

    def __init__(
        self,
        db: Database,
        clock: Clock,
        settings: FollowupSettings,
        *,
        send_whisper: SendWhisper,
        message_for: MessageFor,
        virtual: bool,
    ) -> None:
        self.store = FollowupStore(db)
        self.clock = clock
        self.settings = settings
        self.budget = WhisperBudget(db, clock, settings)
        self.virtual = virtual
        self._send_whisper = send_whisper
        self._message_for = message_for
        self._jobs = ClockedScheduler(clock, settings.timezone, virtual=virtual)
        self._run_lock = asyncio.Lock()
        self._closing = False

    async def start(self) -> None:
        """Start the scheduler inside the running loop and pick up what the database holds."""
        self._jobs.start()

        interrupted = await self.store.settle_interrupted(self.clock.now())
        if interrupted:
            logger.warning(
                "%d post-show whispers were cut off while sending and are not resent "
                "(Twitch may have delivered them): push ids %s",
                len(interrupted),
                interrupted,
            )

        earliest = await self.store.earliest_pending()
        if earliest is not None:
            self._wake_at(max(earliest, self.clock.now()))
        logger.info("post-show pushes started (%s time)", "virtual" if self.virtual else "wall")

    async def schedule_show_end(self, logins: Sequence[str], show_key: str | None = None) -> int:
        """Schedule the whisper for each opted-in viewer; returns how many are new for the show.

        `show_key` names the show (default: its date in the configured time zone), so a viewer
        gets one whisper per show however often the show end is reported. A viewer whose push
        from an earlier show is still waiting gets no second one (see the module docstring).
        """
        now = self.clock.now()
        key = show_key or self._show_date(now)
        candidates = list(dict.fromkeys(logins))
        wanted = await self.store.opted_in(candidates)

        last_sent = await self.store.last_sent(wanted)
        in_line = sorted(wanted, key=lambda login: last_sent.get(login, NEVER_SENT))

        due_at = now + self.settings.delay_minutes * 60.0
        added = await self.store.add_pushes(key, in_line, due_at, now)
        if added:
            self._wake_at(due_at)

        logger.info(
            "show %s ended: %d new post-show whispers for %d opted-in viewers of %d "
            "(the rest already have one waiting)",
            key,
            added,
            len(wanted),
            len(candidates),
        )
        return added

    async def run_due(self) -> None:
        """Send what is due and allowed now, queue the rest and arrange the next run."""
        if self._closing:
            return

        async with self._run_lock:
            await self._send_due()

    async def summary(self) -> dict[str, int]:
        """Pushes by status: scheduled, sent, queued and failed, plus any other status in use."""
        counts = await self.store.push_counts()
        summary = {key: counts.get(key, 0) for key in SUMMARY_KEYS}
        summary.update({key: n for key, n in counts.items() if key not in summary})
        return summary

    async def shutdown(self) -> None:
        """Stop the scheduler without waiting for later runs; nothing fires after this.

        A run in progress stops after the whisper it is sending, and is given a moment to store
        the outcome, so a whisper that went out is recorded as sent and never sent again.
        """
        self._closing = True
        try:
            async with asyncio.timeout(SHUTDOWN_GRACE_S), self._run_lock:
                pass
        except TimeoutError:
            logger.warning("a post-show whisper run did not stop in time and is cancelled")

        self._jobs.shutdown()

        # AsyncIOScheduler shuts down in a loop callback: let it run before returning.
        await asyncio.sleep(0)
        logger.info("post-show pushes stopped")

    async def _send_due(self) -> None:
        started = self.clock.now()
        due = await self.store.due_pushes(started)
        held: list[int] = []
        resume_at: float | None = None
        out_of_slots = False

        for index, push in enumerate(due):
            if self._closing:
                break

            if not push.opted_in:
                await self.store.cancel_push(push.id, self.clock.now(), "opted out before sending")
                continue

            wait = await self.budget.reserve(push.login)
            if wait is None or wait > 0:
                held = [later.id for later in due[index:]]
                out_of_slots = wait is None
                resume_at = None if wait is None else self.clock.now() + wait
                break

            await self._send(push)

        await self.store.queue_pushes(held)
        if out_of_slots:
            logger.info("%d post-show whispers queued for the daily budget", len(held))
        await self._plan_next_run(started, resume_at, out_of_slots)

    async def _send(self, push: DuePush) -> None:
        if not await self.store.claim_push(push.id):
            return

        try:
            text = await self._message_for(push.login)
            delivered = await self._send_whisper(push.login, text)
        except Exception as error:
            # Only the type: the error text or traceback may quote the request and its list link.
            logger.warning(
                "post-show whisper %d to %s failed: %s", push.id, push.login, type(error).__name__
            )
            await self.store.finish_push(
                push.id, "failed", self.clock.now(), f"error: {type(error).__name__}"
            )
            return

        if delivered:
            await self.store.finish_push(push.id, "sent", self.clock.now())
            logger.debug("post-show whisper %d sent to %s", push.id, push.login)
        else:
            await self.store.finish_push(push.id, "failed", self.clock.now(), "refused")
            logger.warning("post-show whisper %d to %s was refused", push.id, push.login)

    async def _plan_next_run(
        self, started: float, resume_at: float | None, out_of_slots: bool
    ) -> None:
        candidates: list[float] = []
        if resume_at is not None:
            candidates.append(resume_at)

        if out_of_slots:
            slot_at = await self.budget.next_new_slot_at()
            if slot_at is not None:
                candidates.append(slot_at)

        upcoming = await self.store.next_due_after(started)
        if upcoming is not None:
            candidates.append(upcoming)

        if candidates and not self._closing:
            self._wake_at(min(candidates))

    def _wake_at(self, when: float) -> None:
        planned = self._jobs.next_run_at(JOB_ID)
        if planned is not None and planned <= when:
            return  # the earlier run plans again from the table

        self._jobs.schedule(JOB_ID, when, self.run_due)

    def _show_date(self, now: float) -> str:
        return datetime.fromtimestamp(now, tz=ZoneInfo(self.settings.timezone)).date().isoformat()
