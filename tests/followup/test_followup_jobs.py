"""One-off jobs: late ones still run, on the wall clock and on a rehearsal's clock."""

import asyncio

from bot.clock import VirtualClock, WallClock
from bot.followup.jobs import ClockedScheduler

START = 1_772_366_400.0
HOURS_LATE = 13 * 3600.0


async def test_a_long_overdue_job_still_runs_on_the_wall_clock() -> None:
    clock = WallClock()
    jobs = ClockedScheduler(clock, "Asia/Taipei", virtual=False)
    jobs.start()
    ran = asyncio.Event()

    async def job() -> None:
        ran.set()

    try:
        jobs.schedule("late", clock.now() - HOURS_LATE, job)
        async with asyncio.timeout(5):
            await ran.wait()
    finally:
        jobs.shutdown()
        await asyncio.sleep(0)
        clock.cancel_all()

    assert jobs.next_run_at("late") is None


async def test_an_overdue_job_runs_when_a_rehearsal_clock_moves() -> None:
    clock = VirtualClock(START)
    jobs = ClockedScheduler(clock, "Asia/Taipei", virtual=True)
    jobs.start()
    runs: list[float] = []

    async def job() -> None:
        runs.append(clock.now())

    jobs.schedule("late", START - HOURS_LATE, job)
    await clock.advance_to(START + 1)
    jobs.shutdown()
    await asyncio.sleep(0)

    assert runs == [START]
