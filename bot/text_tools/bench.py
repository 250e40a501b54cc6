"""`livepicks bench analyze`: the naive way and ours side by side on real chat, with targets."""

import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.text_tools import TextToolError
from bot.text_tools.chat_log import distinct_lines, read_chat_lines

logger = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "zh_live_danmaku_bilibili_live.csv"
CATALOG = REPO_ROOT / "examples" / "catalog.toml"
SHOW = REPO_ROOT / "examples" / "show.jsonl"

# The naive way manages about 1,400 lines a second; a sample keeps the benchmark short.
NAIVE_SAMPLE = 3_000
STARTUP_RUNS = 3

TARGET_RATIO = 25.0
TARGET_DISTINCT_RATE = 25_000.0
TARGET_BOT_MB = 200.0
TARGET_STARTUP_S = 1.5


@dataclass(frozen=True)
class Measured:
    """What a child process printed, and its own peak resident memory."""

    stdout: str
    peak_mb: float

    @property
    def output(self) -> dict[str, Any]:
        """A benchmark phase's result: the last line it printed, as JSON."""
        lines = self.stdout.strip().splitlines()
        return json.loads(lines[-1]) if lines else {}


@dataclass(frozen=True)
class BenchResult:
    lines: int
    distinct: int
    naive_lines: int
    naive_rate: float
    naive_mb: float
    naive_startup_s: float
    ours_rate: float
    ours_mb: float
    distinct_rate: float
    distinct_mb: float
    startup_s: float
    bot_mb: float

    @property
    def ratio(self) -> float:
        return self.ours_rate / self.naive_rate if self.naive_rate else 0.0

    @property
    def distinct_ratio(self) -> float:
        return self.distinct_rate / self.naive_rate if self.naive_rate else 0.0


def rate(output: dict[str, Any]) -> float:
    """Lines a second from a phase's `lines` and `seconds`."""
    seconds = output["seconds"]
    return output["lines"] / seconds if seconds > 0 else 0.0


def peak_mb(maxrss_kib: int) -> float:
    """Linux reports ru_maxrss in KiB."""
    return maxrss_kib / 1024


def run_measured(command: list[str]) -> Measured:
    """Run a child to its end and read its own ru_maxrss with wait4 (not all children's)."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            command, cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL
        )
        assert process.stdout is not None
        stdout = process.stdout.read()
        process.stdout.close()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)

        if process.returncode != 0:
            errors.seek(0)
            tail = errors.read().decode("utf-8", "replace").strip().splitlines()[-3:]
            raise TextToolError(f"{' '.join(command[2:4])} failed: {' / '.join(tail)}")

    return Measured(stdout.decode("utf-8", "replace"), peak_mb(usage.ru_maxrss))


def _phase(*arguments: str) -> Measured:
    return run_measured([sys.executable, "-m", "bot.text_tools.bench_phases", *arguments])


def _rehearsal_peak() -> float:
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "bot.cli", "rehearse", str(SHOW), "--out", out]
        return run_measured(command).peak_mb


def measure(data: Path) -> BenchResult:
    lines = read_chat_lines(data)
    if not lines:
        raise TextToolError(f"{data}: no chat lines")

    source = str(data)
    naive = _phase("naive", source, str(CATALOG), str(NAIVE_SAMPLE))
    ours = _phase("all", source, str(CATALOG))
    distinct = _phase("distinct", source, str(CATALOG))
    startups = [
        _phase("startup", source, str(CATALOG)).output["seconds"] for _ in range(STARTUP_RUNS)
    ]

    return BenchResult(
        lines=len(lines),
        distinct=len(distinct_lines(lines)),
        naive_lines=naive.output["lines"],
        naive_rate=rate(naive.output),
        naive_mb=naive.peak_mb,
        naive_startup_s=naive.output["startup"],
        ours_rate=rate(ours.output),
        ours_mb=ours.peak_mb,
        distinct_rate=rate(distinct.output),
        distinct_mb=distinct.peak_mb,
        startup_s=statistics.median(startups),
        bot_mb=_rehearsal_peak(),
    )


def targets(result: BenchResult) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for each of the issue's targets."""
    return [
        (
            f"ours >= {TARGET_RATIO:.0f}x naive",
            f"{result.ratio:.1f}x",
            result.ratio >= TARGET_RATIO,
        ),
        (
            f"distinct lines >= {TARGET_DISTINCT_RATE:,.0f}/s",
            f"{result.distinct_rate:,.0f}/s",
            result.distinct_rate >= TARGET_DISTINCT_RATE,
        ),
        (
            f"running bot peak < {TARGET_BOT_MB:.0f} MB",
            f"{result.bot_mb:.0f} MB",
            result.bot_mb < TARGET_BOT_MB,
        ),
        (
            f"start-up < {TARGET_STARTUP_S} s",
            f"{result.startup_s:.2f} s",
            result.startup_s < TARGET_STARTUP_S,
        ),
    ]


def format_result(result: BenchResult, data: Path) -> str:
    rows = [
        ("way", "lines", "lines/s", "peak MB", "note"),
        (
            "naive: jieba.cut + SnowNLP",
            f"{result.naive_lines:,}",
            f"{result.naive_rate:,.0f}",
            f"{result.naive_mb:.0f}",
            f"first {result.naive_lines:,} lines; import {result.naive_startup_s:.1f} s",
        ),
        (
            "ours: Analyzer, all lines",
            f"{result.lines:,}",
            f"{result.ours_rate:,.0f}",
            f"{result.ours_mb:.0f}",
            "with the line cache",
        ),
        (
            "ours: distinct lines",
            f"{result.distinct:,}",
            f"{result.distinct_rate:,.0f}",
            f"{result.distinct_mb:.0f}",
            "cache off, each line once",
        ),
    ]
    widths = [max(len(row[index]) for row in rows) for index in range(5)]
    table = []
    for row in rows:
        numbers = [cell.rjust(width) for cell, width in zip(row[1:4], widths[1:4], strict=True)]
        table.append("  ".join([row[0].ljust(widths[0]), *numbers, row[4]]))

    lines = [
        f"{data}: {result.lines:,} lines, {result.distinct:,} distinct",
        "lines/s per CPU second of one process; each way in its own process for its peak",
        "",
        *table,
        "",
    ]
    lines.append(
        f"ratio ours/naive: {result.ratio:.1f}x (all lines), "
        f"{result.distinct_ratio:.1f}x (distinct lines, no cache)"
    )
    lines.append(
        f"start-up of ours (import + Analyzer, median of {STARTUP_RUNS}): {result.startup_s:.2f} s"
    )
    lines.append(f"running bot (rehearse {SHOW.name}) peak memory: {result.bot_mb:.0f} MB")
    lines += ["", "targets"]
    for name, measured, met in targets(result):
        lines.append(f"  {name:<30} {measured:>10}  {'met' if met else 'NOT MET'}")
    return "\n".join(lines)


def run_bench(data: Path | None) -> int:
    path = data if data is not None else DEFAULT_DATA
    if not path.is_file():
        raise TextToolError(
            f"chat log not found: {path} (give one with --data; the default is "
            "../shared/data/zh_live_danmaku_bilibili_live.csv beside the repository)"
        )

    print(f"benchmarking on {path} (about 30 s) ...", file=sys.stderr)
    result = measure(path)
    print(format_result(result, path))
    return 0 if all(met for _, _, met in targets(result)) else 1
