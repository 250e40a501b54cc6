"""What a moderator types after `!vote open`: `[SECONDS] QUESTION | OPTION | OPTION ...`."""

import math
from dataclasses import dataclass

from bot.games.invisible import strip_invisible
from bot.games.typed_numbers import is_number, is_signed_number, whole_number

MIN_DURATION_S = 10
MAX_DURATION_S = 3600


@dataclass(frozen=True)
class VoteSpec:
    duration_s: float | None
    question: str
    options: tuple[str, ...]

    @property
    def duration_allowed(self) -> bool:
        return self.duration_s is None or MIN_DURATION_S <= self.duration_s <= MAX_DURATION_S


def parse_vote_spec(spec: str) -> VoteSpec | None:
    """The parts of a vote, or None without a question and at least two options.

    A leading number is the duration in seconds; one too long to read counts as endless, so
    it is refused as out of range like any other. A signed one (`-10`) is a duration typed
    wrong, not the question's first word: NaN, which no range holds, so it is refused too.
    Characters chat clients add unseen are dropped from the question and the options.
    """
    parts = [strip_invisible(part) for part in spec.replace("｜", "|").split("|")]
    if len(parts) < 3:
        return None

    head = parts[0].split(maxsplit=1)
    if len(head) == 2 and is_signed_number(head[0]):
        return VoteSpec(math.nan, head[1], tuple(parts[1:]))
    if len(head) < 2 or not is_number(head[0]):
        return VoteSpec(None, parts[0], tuple(parts[1:]))

    seconds = whole_number(head[0])
    duration = math.inf if seconds is None else float(seconds)
    return VoteSpec(duration, head[1], tuple(parts[1:]))
