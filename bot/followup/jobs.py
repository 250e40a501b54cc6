"""APScheduler 3 one-off jobs on the wall clock live and on the bot's Clock in a rehearsal."""

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from bot.clock import Clock, Timer

logger = logging.getLogger(__name__)

JobFunction = Callable[[], Awaitable[None]]

# APScheduler drops a run that is later than its grace time (1 s by default), with only a log
# line. A run is wanted however late (after a suspend, say): it plans the next one, and the
# pushes table keeps a whisper from going out twice. None means no limit.
MISFIRE_GRACE_S: int | None = None

# A job may reschedule itself while it is still finishing; a second instance then waits for
# the first instead of being skipped.
MAX_INSTANCES = 2


class ClockedScheduler:
    """One-off jobs by id, replaced when scheduled again.

    APScheduler 3 has no injectable clock. Live, AsyncIOScheduler runs the jobs on wall time.
    In virtual mode the jobs are still added to it, so its trigger computes each fire time, but
    it is started paused and never fires anything itself: each job gets a Clock timer at its
    fire time, and when that timer runs the job is taken out of the scheduler (or moved to its
    trigger's next time) and its function awaited inside the Clock's own step, so a rehearsal
    fires jobs in show-time order and gives the same result every time.
    """

    def __init__(self, clock: Clock, timezone: str, *, virtual: bool) -> None:
        self.clock = clock
        self.timezone = ZoneInfo(timezone)
        self.virtual = virtual
        self._scheduler = AsyncIOScheduler(timezone=self.timezone)
        self._timers: dict[str, Timer] = {}
        self._started = False
        self._stopped = False

    def start(self) -> None:
        """Start inside the running event loop."""
        self._scheduler.start(paused=self.virtual)
        self._started = True

    def schedule(self, job_id: str, when: float, function: JobFunction) -> None:
        """Run `function` at epoch `when`, replacing any job with the same id."""
        if not self._started:
            raise RuntimeError("start the scheduler before scheduling jobs")
        if self._stopped:
            logger.debug("job %s not scheduled: the scheduler is shut down", job_id)
            return

        run_date = datetime.fromtimestamp(when, tz=self.timezone)
        job = self._scheduler.add_job(
            function,
            trigger=DateTrigger(run_date=run_date, timezone=self.timezone),
            id=job_id,
            replace_existing=True,
            misfire_grace_time=MISFIRE_GRACE_S,
            coalesce=True,
            max_instances=MAX_INSTANCES,
        )
        if self.virtual:
            self._arm(job_id, job.next_run_time)

    def next_run_at(self, job_id: str) -> float | None:
        if not self._started:
            return None

        job = self._scheduler.get_job(job_id)
        if job is None or job.next_run_time is None:
            return None
        return job.next_run_time.timestamp()

    def shutdown(self) -> None:
        """Stop without waiting; nothing fires after this and running jobs are cancelled."""
        if self._stopped:
            return

        self._stopped = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)

    def _arm(self, job_id: str, fire_time: datetime | None) -> None:
        previous = self._timers.pop(job_id, None)
        if previous is not None:
            previous.cancel()
        if fire_time is None:
            return

        async def fire() -> None:
            await self._fire(job_id, fire_time)

        self._timers[job_id] = self.clock.call_at(fire_time.timestamp(), fire, name=job_id)

    async def _fire(self, job_id: str, fire_time: datetime) -> None:
        self._timers.pop(job_id, None)
        job = self._scheduler.get_job(job_id)
        if job is None or job.next_run_time != fire_time:
            return

        following = job.trigger.get_next_fire_time(fire_time, fire_time)
        if following is None:
            job.remove()
        else:
            job.modify(next_run_time=following)
            self._arm(job_id, following)

        await job.func(*job.args, **job.kwargs)
