"""A vote in one channel: one ballot per viewer, changeable until close, results said once."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass

from bot.clock import Clock, Timer
from bot.games import messages
from bot.games.answers import OptionMatcher, compact
from bot.games.callbacks import Say, TasteCallback, say_safely, send_tastes
from bot.games.invisible import strip_invisible
from bot.i18n import clip
from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)

MIN_OPTIONS = 2
MAX_OPTIONS = 10
# Short enough that the announcement shows every option; the total is checked as well.
MAX_QUESTION_CHARS = 150
MAX_OPTION_CHARS = 40
QUOTED_OPTION_CHARS = 20


class VoteError(ValueError):
    """A vote that cannot run; the message is ready for chat in the channel's language.

    `in_language()` gives the same message in another language, for the moderator.
    """

    def __init__(self, key: str, lang: str, **values: object) -> None:
        super().__init__(messages.chat(key, lang, **values))
        self.key = key
        self.values = values

    def in_language(self, lang: str) -> str:
        return messages.chat(self.key, lang, **self.values)


def percentages(counts: Sequence[int]) -> tuple[int, ...]:
    """Whole percentages that add up to 100 (largest remainders get the spare points)."""
    total = sum(counts)
    if total == 0:
        return tuple(0 for _ in counts)

    exact = [count * 100 / total for count in counts]
    shares = [int(value) for value in exact]
    by_remainder = sorted(range(len(counts)), key=lambda i: (shares[i] - exact[i], i))
    for index in by_remainder[: 100 - sum(shares)]:
        shares[index] += 1
    return tuple(shares)


@dataclass(frozen=True)
class VoteResult:
    vote_id: int
    question: str
    options: tuple[str, ...]
    counts: tuple[int, ...]
    winners: tuple[int, ...]
    ballots: Mapping[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def percentages(self) -> tuple[int, ...]:
        return percentages(self.counts)

    @property
    def winner_options(self) -> tuple[str, ...]:
        return tuple(self.options[index] for index in self.winners)


ResultCallback = Callable[[VoteResult], Awaitable[None]]


def _check(question: str, options: Sequence[str], lang: str) -> None:
    """Refuse a vote that cannot run; the texts come already stripped."""
    if not question:
        raise VoteError("vote_no_question", lang)
    if len(question) > MAX_QUESTION_CHARS:
        raise VoteError("vote_question_long", lang, limit=MAX_QUESTION_CHARS)
    if not MIN_OPTIONS <= len(options) <= MAX_OPTIONS:
        raise VoteError("vote_option_count", lang, low=MIN_OPTIONS, high=MAX_OPTIONS)

    seen: dict[str, str] = {}
    for option in options:
        key = compact(option)
        if not key:
            raise VoteError("vote_blank_option", lang)
        if len(option) > MAX_OPTION_CHARS:
            quoted = clip(option, QUOTED_OPTION_CHARS)
            raise VoteError("vote_option_long", lang, option=quoted, limit=MAX_OPTION_CHARS)
        if key in seen:
            raise VoteError("vote_same_options", lang, first=seen[key], second=option)
        seen[key] = option


class VoteSession:
    """Viewers vote by number (`2`, `２`, `二`, `2號`) or by an option's text in either script.

    The question and options are kept without the invisible characters chat clients add.

    `cast()` is synchronous and cheap; ballots are stored and the result announced once, on
    close, which happens after `duration_s` on the clock or when `close()` is called.
    """

    def __init__(
        self,
        question: str,
        options: Sequence[str],
        clock: Clock,
        db: Database,
        *,
        lang: str,
        say: Say,
        on_result: ResultCallback | None,
        duration_s: float | None = None,
        option_tags: Sequence[Sequence[str]] | None = None,
        on_taste: TasteCallback | None = None,
    ) -> None:
        question = strip_invisible(question)
        options = [strip_invisible(option) for option in options]
        _check(question, options, lang)
        if option_tags is not None and len(option_tags) != len(options):
            raise ValueError("option_tags needs one list of tags per option")

        self.question = question
        self.options = tuple(options)
        self.clock = clock
        self.db = db
        self.lang = lang
        self.say = say
        self.on_result = on_result
        self.duration_s = duration_s if duration_s and duration_s > 0 else None
        self.option_tags = tuple(tuple(tags) for tags in option_tags or ())
        self.on_taste = on_taste
        self.vote_id: int | None = None
        self.result: VoteResult | None = None
        self.interrupted = False
        self._matcher = OptionMatcher(self.options, letters=False)
        self._ballots: dict[str, tuple[int, float]] = {}
        self._timer: Timer | None = None
        self._lock = asyncio.Lock()
        if len(self._announcement()) > messages.MESSAGE_LIMIT:
            raise VoteError("vote_too_long", lang)

    @property
    def is_open(self) -> bool:
        return self.vote_id is not None and self.result is None

    @property
    def closed(self) -> bool:
        return self.result is not None

    async def open(self) -> int:
        """Record the vote, announce it and start its clock; returns the vote id.

        All or nothing: when the vote cannot be stored or announced, it is not left open
        (a stored row is closed as 'abandoned') and the error is raised.
        """
        if self.vote_id is not None:
            raise RuntimeError("this vote is already open")

        now = self.clock.now()
        closes_at = None if self.duration_s is None else now + self.duration_s
        text = self._announcement()
        vote_id = await store.create_vote(
            self.db,
            question=self.question,
            options=self.options,
            opened_at=now,
            closes_at=closes_at,
        )
        try:
            await self.say(text)
        except Exception:
            await self._discard(vote_id)
            raise

        self.vote_id = vote_id
        if closes_at is not None:
            self._timer = self.clock.call_at(closes_at, self._time_up, name=f"vote-{vote_id}")
        logger.info("vote %d open with %d options", vote_id, len(self.options))
        return vote_id

    async def _discard(self, vote_id: int) -> None:
        """A vote nobody heard open: its row is closed, so no restart reports it as cut short."""
        logger.warning("vote %d could not be announced, so it is not opened", vote_id)
        try:
            await store.close_vote(
                self.db, vote_id, closed_at=self.clock.now(), ballots={}, status="abandoned"
            )
        except Exception:
            logger.exception("vote %d: could not close the unannounced vote", vote_id)

    def _announcement(self) -> str:
        """The opening line in full, unclipped, so its length can be checked before opening."""
        options = " ".join(f"{number}) {option}" for number, option in enumerate(self.options, 1))
        if self.duration_s is None:
            return messages.word("vote_open", self.lang, question=self.question, options=options)
        return messages.word(
            "vote_open_timed",
            self.lang,
            question=self.question,
            options=options,
            limit=messages.duration(self.duration_s, self.lang),
        )

    def cast(self, login: str, text: str) -> bool:
        """Take or change a viewer's vote; True if the line was a vote."""
        if not self.is_open:
            return False

        choice = self._matcher.match(text)
        if choice is None:
            return False

        self._ballots[login.lower()] = (choice, self.clock.now())
        return True

    async def close(self) -> VoteResult:
        """Close the vote (once): store ballots, announce the result, hand it to on_result."""
        if self.vote_id is None:
            raise RuntimeError("this vote was never opened")

        async with self._lock:
            if self.result is not None:
                return self.result
            result = self._count()
            self.result = result
            if self._timer is not None:
                self._timer.cancel()

            await say_safely(self.say, self._result_text(result), "vote")
            await store.close_vote(
                self.db, result.vote_id, closed_at=self.clock.now(), ballots=self._ballots
            )
            logger.info("vote %d closed: %d ballots", result.vote_id, result.total)

            tastes = [
                (login, self.option_tags[index])
                for login, index in result.ballots.items()
                if self.option_tags and self.option_tags[index]
            ]
            await send_tastes(self.on_taste, tastes, "vote")
            if self.on_result is not None:
                try:
                    await self.on_result(result)
                except Exception:
                    logger.exception("vote %d: result callback failed", result.vote_id)
            return result

    async def interrupt(self) -> None:
        """End because the bot is shutting down: ballots kept as 'abandoned', nothing said.

        Nobody heard it close, so it moves no profiles and no weights.
        """
        if self.vote_id is None:
            return

        async with self._lock:
            if self.result is not None:
                return
            if self._timer is not None:
                self._timer.cancel()
            self.result = self._count()
            await store.close_vote(
                self.db,
                self.vote_id,
                closed_at=self.clock.now(),
                ballots=self._ballots,
                status="abandoned",
            )
            self.interrupted = True
            logger.warning(
                "vote %d was open at shutdown: %d ballots kept, no result",
                self.vote_id,
                len(self._ballots),
            )

    async def _time_up(self) -> None:
        await self.close()

    def _count(self) -> VoteResult:
        assert self.vote_id is not None
        ballots = {login: index for login, (index, _) in self._ballots.items()}
        counts = [0] * len(self.options)
        for index in ballots.values():
            counts[index] += 1

        best = max(counts)
        winners = tuple(i for i, count in enumerate(counts) if count == best) if best else ()
        return VoteResult(
            vote_id=self.vote_id,
            question=self.question,
            options=self.options,
            counts=tuple(counts),
            winners=winners,
            ballots=ballots,
        )

    def _result_text(self, result: VoteResult) -> str:
        if not result.total:
            return messages.chat("vote_result_empty", self.lang, question=result.question)

        tally = messages.join_items(
            (
                messages.word(
                    "vote_tally",
                    self.lang,
                    number=number,
                    option=option,
                    count=count,
                    percent=percent,
                )
                for number, (option, count, percent) in enumerate(
                    zip(result.options, result.counts, result.percentages, strict=True), 1
                )
            ),
            self.lang,
        )
        key = "vote_result" if len(result.winners) == 1 else "vote_result_tie"
        winners = messages.join_names(result.winner_options, self.lang)
        return messages.chat(
            key, self.lang, question=result.question, tally=tally, winners=winners
        )
