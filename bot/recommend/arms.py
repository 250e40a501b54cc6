"""A/B arms: each viewer gets one strategy, the same one in every run."""

import hashlib
import logging
from collections.abc import Sequence

logger = logging.getLogger(__name__)


def assign_arm(login: str, arms: Sequence[str]) -> str:
    """The arm for `login`, from a hash of the login (Python's hash() changes every run)."""
    if not arms:
        raise ValueError("at least one arm is needed")

    digest = hashlib.blake2b(login.strip().lower().encode("utf-8"), digest_size=8).digest()
    return arms[int.from_bytes(digest, "big") % len(arms)]
