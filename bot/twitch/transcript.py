"""Show transcripts: JSON lines of chat, cheers, sub gifts, redemptions and raids in show time."""

import json
import logging
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO

logger = logging.getLogger(__name__)

# Bounds of what Twitch allows or a show can hold; a line outside them is skipped, not trusted.
LOGIN = re.compile(r"^[a-z0-9_]{1,25}$")
MAX_SHOW_SECONDS = 7 * 86400
MAX_TEXT_CHARS = 500
MAX_BITS = 10_000_000
MAX_GIFTED_SUBS = 1_000
MAX_REWARD_COST = 10_000_000
MAX_RAIDERS = 10_000_000

EVENT_TYPES = ("chat", "cheer", "sub_gift", "redemption", "raid")
BADGES = ("broadcaster", "moderator", "vip", "subscriber")
TIERS = ("1000", "2000", "3000")


class TranscriptError(Exception):
    """The transcript file is missing or cannot be read."""


class _BadLine(ValueError):
    """A line that cannot become an event; the message says why."""


@dataclass(frozen=True)
class TranscriptEvent:
    """One thing that happens in the show, `t` seconds after it starts."""

    t: float
    type: str
    user: str
    text: str = ""
    badges: tuple[str, ...] = ()
    bits: int = 0
    count: int = 0
    tier: str = "1000"
    reward: str = ""
    cost: int = 0
    input: str = ""
    viewers: int = 0
    line_no: int = 0


def _text(record: dict[str, Any], key: str, *, required: bool) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise _BadLine(f"missing {key}")
        return ""

    if not isinstance(value, str):
        raise _BadLine(f"{key} must be a string")

    if required and not value.strip():
        raise _BadLine(f"{key} is empty")
    if len(value) > MAX_TEXT_CHARS:
        raise _BadLine(f"{key} is longer than Twitch's {MAX_TEXT_CHARS} characters")
    return value


def _integer(record: dict[str, Any], key: str, *, minimum: int, maximum: int) -> int:
    value = record.get(key)
    if value is None:
        raise _BadLine(f"missing {key}")
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= maximum:
        raise _BadLine(f"{key} must be a whole number from {minimum} to {maximum}")
    return value


def _badges(record: dict[str, Any]) -> tuple[str, ...]:
    value = record.get("badges")
    if value is None:
        return ()

    if not isinstance(value, list) or any(badge not in BADGES for badge in value):
        raise _BadLine(f"badges must be a list of {', '.join(BADGES)}")
    return tuple(dict.fromkeys(value))


def _tier(record: dict[str, Any]) -> str:
    value = record.get("tier", "1000")
    if value not in TIERS:
        raise _BadLine(f"tier must be one of {', '.join(TIERS)}")
    return value


def _chat_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {"text": _text(record, "text", required=True), "badges": _badges(record)}


def _cheer_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "bits": _integer(record, "bits", minimum=1, maximum=MAX_BITS),
        "text": _text(record, "text", required=False),
    }


def _sub_gift_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "count": _integer(record, "count", minimum=1, maximum=MAX_GIFTED_SUBS),
        "tier": _tier(record),
    }


def _redemption_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {
        "reward": _text(record, "reward", required=True),
        "cost": _integer(record, "cost", minimum=0, maximum=MAX_REWARD_COST),
        "input": _text(record, "input", required=False),
    }


def _raid_fields(record: dict[str, Any]) -> dict[str, Any]:
    return {"viewers": _integer(record, "viewers", minimum=0, maximum=MAX_RAIDERS)}


_FIELDS_BY_TYPE: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "chat": _chat_fields,
    "cheer": _cheer_fields,
    "sub_gift": _sub_gift_fields,
    "redemption": _redemption_fields,
    "raid": _raid_fields,
}


def _show_time(record: dict[str, Any], previous: float) -> float:
    value = record.get("t")
    if value is None:
        return previous

    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number or not math.isfinite(value) or not 0 <= value <= MAX_SHOW_SECONDS:
        raise _BadLine(f"t must be a number of seconds from 0 to {MAX_SHOW_SECONDS}")
    return float(value)


def _user(record: dict[str, Any]) -> str:
    login = _text(record, "user", required=True).strip().lower()
    if not LOGIN.match(login):
        raise _BadLine("user must be a Twitch login: 1 to 25 of a-z, 0-9 and _")
    return login


def _parse_line(line: str, line_no: int, previous_t: float) -> TranscriptEvent:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise _BadLine(f"invalid JSON ({error.msg})") from None

    if not isinstance(record, dict):
        raise _BadLine("not a JSON object")

    event_type = record.get("type")
    if event_type not in _FIELDS_BY_TYPE:
        raise _BadLine(f"unknown type {event_type!r}")

    fields = _FIELDS_BY_TYPE[event_type](record)
    return TranscriptEvent(
        t=_show_time(record, previous_t),
        type=event_type,
        user=_user(record),
        line_no=line_no,
        **fields,
    )


def parse_transcript(lines: Iterable[str], source: str) -> list[TranscriptEvent]:
    """Turn transcript lines into events in show order; bad lines are logged and skipped."""
    events: list[TranscriptEvent] = []
    previous_t = 0.0
    for line_no, line in enumerate(lines, start=1):
        stripped = line.strip().lstrip("\ufeff")
        if not stripped:
            continue

        try:
            event = _parse_line(stripped, line_no, previous_t)
        except _BadLine as error:
            logger.warning("%s line %d skipped: %s", source, line_no, error)
            continue

        if event.t < previous_t:
            logger.warning(
                "%s line %d: t=%.3f is before the previous line; played at t=%.3f",
                source,
                line_no,
                event.t,
                previous_t,
            )
            event = replace(event, t=previous_t)

        previous_t = event.t
        events.append(event)
    return events


def _decoded_lines(file: BinaryIO, source: str) -> Iterator[str]:
    # Decoding line by line keeps one bad byte from losing the rest of a long show.
    for line_no, raw in enumerate(file, start=1):
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            logger.warning("%s line %d skipped: not UTF-8", source, line_no)
            yield ""


def load_transcript(path: Path) -> list[TranscriptEvent]:
    """Read a transcript file; raises TranscriptError only if the file cannot be read at all."""
    source = str(path)
    try:
        with path.open("rb") as file:
            return parse_transcript(_decoded_lines(file, source), source)
    except OSError as error:
        raise TranscriptError(
            f"cannot read transcript {source}: {error.strerror or error}"
        ) from error
