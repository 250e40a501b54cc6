"""What moderators type for votes and draws: numbers only when int() can read them."""

import math

import pytest

from bot.games.typed_numbers import whole_number
from bot.games.vote_spec import VoteSpec, parse_vote_spec


@pytest.mark.parametrize(
    ("spec", "parsed"),
    [
        ("60 Q? | a | b", VoteSpec(60.0, "Q?", ("a", "b"))),
        ("６０ Q? ｜ a ｜ b", VoteSpec(60.0, "Q?", ("a", "b"))),
        ("Q? | a | b", VoteSpec(None, "Q?", ("a", "b"))),
        ("² Q | a | b", VoteSpec(None, "² Q", ("a", "b"))),
        ("3.5 Q | a | b", VoteSpec(None, "3.5 Q", ("a", "b"))),
        ("9" * 400 + " Big? | yes | no", VoteSpec(math.inf, "Big?", ("yes", "no"))),
        ("Q? | a | b \U000e0000", VoteSpec(None, "Q?", ("a", "b"))),
        ("Q?\u034f | a \u034f | \u200bb", VoteSpec(None, "Q?", ("a", "b"))),
        ("Q? | a", None),
    ],
)
def test_a_vote_spec_is_read(spec: str, parsed: VoteSpec | None) -> None:
    assert parse_vote_spec(spec) == parsed


@pytest.mark.parametrize("spec", ["-10 Q | a | b", "+60 Q | a | b", "－１０ Q | a | b"])
def test_a_signed_duration_is_refused_not_read_as_the_question(spec: str) -> None:
    parsed = parse_vote_spec(spec)

    assert parsed is not None
    assert (parsed.question, parsed.duration_allowed) == ("Q", False)


@pytest.mark.parametrize(
    ("seconds", "allowed"), [(None, True), (10, True), (3600, True), (9, False), (3601, False)]
)
def test_a_vote_lasts_ten_seconds_to_an_hour(seconds: float | None, allowed: bool) -> None:
    assert VoteSpec(seconds, "Q", ("a", "b")).duration_allowed is allowed


@pytest.mark.parametrize(
    ("text", "number"),
    [("2", 2), (" ２ ", 2), ("²", None), ("½", None), ("-1", None), ("", None), ("9" * 7, None)],
)
def test_whole_numbers_are_decimal_digits(text: str, number: int | None) -> None:
    assert whole_number(text) == number
