"""Quiz points: half for being right, half for speed, and a bonus for the first right answer."""

import logging

logger = logging.getLogger(__name__)

RIGHT_SHARE = 0.5
SPEED_SHARE = 0.5
FIRST_SHARE = 0.5


def answer_points(points: int, elapsed_s: float, limit_s: float, *, first: bool) -> int:
    """Points for a right answer given `elapsed_s` into a question lasting `limit_s`.

    The speed part falls linearly from its full share at once to nothing at the time limit,
    so the first right answer always scores most.
    """
    remaining = 1.0 if limit_s <= 0 else min(1.0, max(0.0, 1.0 - elapsed_s / limit_s))
    share = RIGHT_SHARE + SPEED_SHARE * remaining + (FIRST_SHARE if first else 0.0)
    return round(points * share)
