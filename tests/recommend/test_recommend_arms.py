"""A/B arm assignment: stable across runs and roughly balanced."""

import logging
from collections import Counter

import pytest

from bot.recommend.arms import assign_arm

logger = logging.getLogger(__name__)

TWO_ARMS = ("blend", "content")
THREE_ARMS = ("blend", "content", "popular")


def test_arms_are_the_same_in_every_run():
    # Recorded once: a change here would move viewers between arms mid-experiment.
    assert [assign_arm(login, TWO_ARMS) for login in ("amy", "ben", "cat", "eve")] == [
        "content",
        "blend",
        "content",
        "blend",
    ]
    assert assign_arm("fay", THREE_ARMS) == "content"


def test_login_case_and_spaces_do_not_change_the_arm():
    assert assign_arm(" Amy ", TWO_ARMS) == assign_arm("amy", TWO_ARMS)


@pytest.mark.parametrize("arms", [TWO_ARMS, THREE_ARMS])
def test_arms_are_roughly_balanced_over_1000_logins(arms):
    counts = Counter(assign_arm(f"viewer_{number}", arms) for number in range(1000))

    expected = 1000 / len(arms)
    assert set(counts) == set(arms)
    assert all(abs(count - expected) < 0.15 * expected for count in counts.values())


def test_no_arms_is_an_error():
    with pytest.raises(ValueError):
        assign_arm("amy", ())
