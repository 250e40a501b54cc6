"""Turn a live-chat log (CSV) into a show transcript, optionally merged with a script."""

import csv
import heapq
import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1)


class TranscriptImportError(ValueError):
    """A log or script cannot be imported at all; the message names the file and line."""


@dataclass(frozen=True)
class ImportReport:
    """What an import read, skipped and wrote.

    rows_read counts data rows taken from the CSVs before any filter; out_of_order counts
    rows earlier than a row before them (concatenated rooms), which the import sorts.
    """

    rows_read: int
    lines_written: int
    log_lines: int
    script_events: int
    skipped_empty: int
    skipped_bad: int
    skipped_room: int
    out_of_order: int
    span_seconds: float
    formats: tuple[str, ...]


@dataclass(frozen=True)
class _LogFormat:
    name: str
    columns: frozenset[str]


BILIBILI = _LogFormat("bilibili", frozenset({"date", "time", "room_id", "user", "content"}))
DOUYU = _LogFormat("douyu", frozenset({"timestamp", "user", "content", "user_level", "room_id"}))
LOG_FORMATS = (BILIBILI, DOUYU)


@dataclass
class _Counts:
    rows_read: int = 0
    skipped_empty: int = 0
    skipped_bad: int = 0
    skipped_room: int = 0
    out_of_order: int = 0
    formats: list[str] = field(default_factory=list)


# A chat line: (seconds since 1970, then since the show start; None if unknown, user, text).
_Line = tuple[float | None, str, str]


@lru_cache(maxsize=8192)
def _bilibili_seconds(date: str, time: str) -> float:
    day = date.replace("-", ".").replace("/", ".")
    moment = datetime.strptime(f"{day} {time}", "%Y.%m.%d %H:%M:%S")
    return (moment - EPOCH).total_seconds()


def _douyu_seconds(timestamp: str) -> float:
    moment = datetime.fromisoformat(timestamp)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return (moment - EPOCH).total_seconds()


def _row_seconds(log_format: _LogFormat, cell: dict[str, str]) -> float | None:
    """Seconds since 1970 of a row, None when its time is empty; ValueError when unreadable."""
    if log_format is BILIBILI:
        time = cell["time"].strip()
        return _bilibili_seconds(cell["date"].strip(), time) if time else None

    timestamp = cell["timestamp"].strip()
    return _douyu_seconds(timestamp) if timestamp else None


def _detect_format(path: Path, header: list[str]) -> tuple[_LogFormat, list[str]]:
    names = [name.strip().lower() for name in header]
    for log_format in LOG_FORMATS:
        if log_format.columns <= set(names):
            return log_format, names
    raise TranscriptImportError(
        f"{path}: unknown chat log header {','.join(header)!r}; expected "
        "date,time,room_id,user,content (Bilibili) or "
        "timestamp,user,content,user_level,room_id (Douyu)"
    )


def _read_header(path: Path) -> tuple[_LogFormat, list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            header = next(csv.reader(stream), None)
    except FileNotFoundError as error:
        raise TranscriptImportError(f"chat log not found: {path}") from error
    except UnicodeDecodeError as error:
        raise TranscriptImportError(f"{path}: not UTF-8 text: {error}") from error

    if not header:
        raise TranscriptImportError(f"{path}: empty file, no header")
    return _detect_format(path, header)


def _rows(path: Path, names: list[str], counts: _Counts) -> Iterator[dict[str, str]]:
    """The data rows of one log as column -> cell, skipping rows with the wrong field count."""
    with path.open(encoding="utf-8-sig", newline="") as stream:
        reader = csv.reader(stream)
        next(reader, None)
        for row in reader:
            if not row:
                continue
            counts.rows_read += 1

            if len(row) != len(names):
                counts.skipped_bad += 1
                logger.debug(
                    "%s:%d: %d fields, not %d", path, reader.line_num, len(row), len(names)
                )
                continue
            yield dict(zip(names, row, strict=True))


def _read_log(
    paths: Sequence[Path], room: str | None, limit: int | None, counts: _Counts
) -> list[_Line]:
    """Read the selected rows of every log in file order; stop once `limit` lines are kept.

    A row with an empty time (the Bilibili phone-launch room has no times at all) takes the
    time of the previous selected row, or the show start when no row before it had one.
    """
    headers = [_read_header(path) for path in paths]
    lines: list[_Line] = []
    previous_seconds: float | None = None

    for path, (log_format, names) in zip(paths, headers, strict=True):
        counts.formats.append(log_format.name)
        for cell in _rows(path, names, counts):
            if room is not None and cell["room_id"].strip() != room:
                counts.skipped_room += 1
                continue

            text = cell["content"].strip()
            if not text:
                counts.skipped_empty += 1
                continue

            user = cell["user"].strip().lower()
            if not user:
                counts.skipped_bad += 1
                logger.debug("%s: a row without a user", path)
                continue

            try:
                seconds = _row_seconds(log_format, cell)
            except ValueError:
                counts.skipped_bad += 1
                logger.debug("%s: a row with an unreadable time", path)
                continue

            seconds = previous_seconds if seconds is None else seconds
            previous_seconds = seconds
            lines.append((seconds, user, text))
            if limit is not None and len(lines) >= limit:
                return lines
    return lines


def _to_show_time(lines: list[_Line], counts: _Counts) -> None:
    """Make times seconds since the earliest row, in place, and sort the lines stably.

    Sorting matters because a log may be several rooms' logs one after the other.
    """
    start = min((seconds for seconds, _, _ in lines if seconds is not None), default=0.0)
    latest = 0.0

    for index, (seconds, user, text) in enumerate(lines):
        t = round(seconds - start, 3) if seconds is not None else 0.0
        if t < latest:
            counts.out_of_order += 1
        latest = max(latest, t)
        lines[index] = (t, user, text)

    lines.sort(key=lambda line: line[0] or 0.0)


def _read_script(path: Path) -> list[dict[str, Any]]:
    try:
        content = path.read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise TranscriptImportError(f"script not found: {path}") from error

    events: list[dict[str, Any]] = []
    for number, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError as error:
            raise TranscriptImportError(f"{path}:{number}: not JSON: {error}") from error

        t = event.get("t") if isinstance(event, dict) else None
        if isinstance(t, bool) or not isinstance(t, int | float) or t < 0:
            raise TranscriptImportError(f"{path}:{number}: needs a show time 't' of 0 or more")
        if not isinstance(event.get("type"), str):
            raise TranscriptImportError(f"{path}:{number}: needs a 'type'")
        if events and t < events[-1]["t"]:
            raise TranscriptImportError(f"{path}:{number}: 't' goes backwards")
        events.append(event)
    return events


def _fit_script(events: list[dict[str, Any]], span: float) -> None:
    """Stretch the script's first..last times over 0..span, in place."""
    if not events:
        return

    first, last = events[0]["t"], events[-1]["t"]
    width = last - first
    for event in events:
        event["t"] = round((event["t"] - first) * span / width, 3) if width else 0.0


def _tidy(t: float) -> int | float:
    return int(t) if float(t).is_integer() else t


def _log_events(lines: Iterable[_Line]) -> Iterator[dict[str, Any]]:
    for t, user, text in lines:
        yield {"t": _tidy(t or 0.0), "type": "chat", "user": user, "text": text}


def _script_events(events: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for event in events:
        yield {**event, "t": _tidy(event["t"])}


def _write(events: Iterable[dict[str, Any]], out: Path) -> tuple[int, float]:
    """Write events as JSON lines through a side file, so a failed import leaves no half file."""
    partial = out.with_name(out.name + ".part")
    written = 0
    last_t = 0.0

    try:
        with partial.open("w", encoding="utf-8") as stream:
            for event in events:
                stream.write(json.dumps(event, ensure_ascii=False))
                stream.write("\n")
                written += 1
                last_t = event["t"]
    except BaseException:
        partial.unlink(missing_ok=True)
        raise

    partial.replace(out)
    return written, float(last_t)


def import_chat_log(
    csv_paths: Sequence[Path],
    out: Path,
    *,
    script: Path | None = None,
    room: str | None = None,
    limit: int | None = None,
    fit_script: bool = False,
) -> ImportReport:
    """Write a transcript of the chat in `csv_paths`, merged by show time with `script`.

    Each file's format (Bilibili or Douyu) is told by its header. Chat rows become `chat`
    events with `t` in seconds since the earliest selected row, sorted by `t`; a row with an
    empty time takes the previous selected row's time (0 if none had one yet). `room` keeps
    one room_id, `limit` stops after that many chat lines. Script events (a transcript file)
    keep their own fields; at equal `t` the log line comes first. With `fit_script` the
    script's first and last times are stretched to 0 and the log's span.

    Malformed rows are skipped and counted; an unknown header or a broken script raises
    TranscriptImportError before anything is written.
    """
    if not csv_paths:
        raise TranscriptImportError("no chat log given")
    if limit is not None and limit < 1:
        raise TranscriptImportError("limit must be 1 or more")

    script_events = _read_script(script) if script is not None else []
    counts = _Counts()
    lines = _read_log(csv_paths, room, limit, counts)
    _to_show_time(lines, counts)

    log_span = (lines[-1][0] or 0.0) if lines else 0.0
    if fit_script:
        _fit_script(script_events, log_span)

    merged = heapq.merge(
        _log_events(lines), _script_events(script_events), key=lambda event: event["t"]
    )
    written, span = _write(merged, out)

    if counts.skipped_bad:
        logger.warning("skipped %d malformed chat log rows", counts.skipped_bad)
    if counts.out_of_order:
        logger.info("%d chat log rows were earlier than a row before them", counts.out_of_order)
    logger.info(
        "wrote %d transcript lines (%d chat, %d script) spanning %.0f s to %s",
        written,
        len(lines),
        len(script_events),
        span,
        out,
    )

    return ImportReport(
        rows_read=counts.rows_read,
        lines_written=written,
        log_lines=len(lines),
        script_events=len(script_events),
        skipped_empty=counts.skipped_empty,
        skipped_bad=counts.skipped_bad,
        skipped_room=counts.skipped_room,
        out_of_order=counts.out_of_order,
        span_seconds=span,
        formats=tuple(counts.formats),
    )
