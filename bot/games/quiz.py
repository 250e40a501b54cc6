"""A quiz in one channel: timed questions, first-right scoring, each result announced once."""

import asyncio
import logging
from dataclasses import dataclass, field
from functools import partial

from bot.clock import Clock, Timer
from bot.games import messages
from bot.games.answers import FreeAnswerMatcher, OptionMatcher
from bot.games.bank import Question, QuizBank
from bot.games.callbacks import Say, TasteCallback, say_safely, send_tastes
from bot.games.invisible import strip_invisible
from bot.games.scoring import answer_points
from bot.store import games as store
from bot.store.db import Database

logger = logging.getLogger(__name__)

# "interrupted": the bot shut down mid-quiz; a crash leaves "abandoned" (see recovery.py).
END_REASONS = ("finished", "idle", "stopped", "error", "interrupted")
LEADERBOARD_SIZE = 5
STORED_TEXT_CHARS = 200
# The next question goes out this long after the last one's result, so a line that arrives at
# the very deadline, such as a moderator's stop, is handled before it: a stop then wins, and no
# question is asked only to be stopped at once.
NEXT_QUESTION_LAG_S = 0.001


@dataclass
class _Attempt:
    login: str
    t: float
    text: str
    choice: int | None
    correct: bool
    points: int


@dataclass(frozen=True)
class _HeldLine:
    """A line that came while the next question was on its way."""

    login: str
    text: str
    explicit: bool
    t: float


@dataclass
class _Round:
    """The question being asked and the answers taken for it so far."""

    number: int
    question: Question
    asked_at: float
    deadline: float
    option_matcher: OptionMatcher | None
    free_matcher: FreeAnswerMatcher | None
    attempts: dict[str, _Attempt] = field(default_factory=dict)
    first_right: _Attempt | None = None
    right: int = 0

    def judge(self, text: str, explicit: bool) -> tuple[int | None, bool] | None:
        """(option chosen, right) for a line taken as an answer, None for chatter."""
        if self.option_matcher is not None:
            choice = self.option_matcher.match(text)
            if choice is None:
                return None
            return choice, choice == self.question.answer

        assert self.free_matcher is not None
        right = self.free_matcher.match(text)
        # A wrong free answer looks like any other chat line, so it only uses up the viewer's
        # turn when they sent it as an answer on purpose (an answer command).
        if not right and not explicit:
            return None
        return None, right


def _new_round(question: Question, asked_at: float, limit_s: float) -> _Round:
    return _Round(
        number=question.number,
        question=question,
        asked_at=asked_at,
        deadline=asked_at + limit_s,
        option_matcher=OptionMatcher(question.options) if question.is_choice else None,
        free_matcher=None if question.is_choice else FreeAnswerMatcher(question.answers),
    )


class QuizSession:
    """One quiz run: asks the bank's questions in order, scores answers, ends exactly once.

    Each question lasts `question_s`; the quiz also ends after `idle_stop_s` without a single
    answer taken (0 turns that off). The idle stop does not wait for the open question's time
    to run out: it announces that question's answer, once, and then the final board, so no
    question is left unanswered in chat. A moderator's stop announces the open question only
    when someone answered it; a stop that comes with a question's deadline ends the quiz
    before the next question is asked.

    `answer()` is synchronous and cheap so a flood of answers costs no messages and no
    database writes; each question's answers, result and taste signals go out together when
    its time is up.
    """

    def __init__(
        self,
        bank: QuizBank,
        clock: Clock,
        db: Database,
        *,
        lang: str,
        say: Say,
        on_taste: TasteCallback | None,
        question_s: float,
        idle_stop_s: float,
    ) -> None:
        if question_s <= 0:
            raise ValueError("question_s must be more than 0 seconds")

        self.bank = bank
        self.clock = clock
        self.db = db
        self.lang = lang
        self.say = say
        self.on_taste = on_taste
        self.question_s = question_s
        self.idle_stop_s = idle_stop_s
        self.run_id: int | None = None
        self.end_reason: str | None = None
        self._scores: dict[str, int] = {}
        self._scored_at: dict[str, float] = {}
        self._round: _Round | None = None
        self._question_timer: Timer | None = None
        self._idle_timer: Timer | None = None
        self._last_answer_at = 0.0
        self.answers_taken = 0
        self._holding = False
        self._held: list[_HeldLine] = []
        self._lock = asyncio.Lock()
        self._started = False
        self._finished = False
        self._asked = 0

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def question_number(self) -> int | None:
        return None if self._round is None else self._round.number

    @property
    def questions_asked(self) -> int:
        return self._asked

    @property
    def players(self) -> int:
        return len(self._scores)

    async def start(self) -> None:
        """Record the run and ask the first question at once."""
        if self._started:
            raise RuntimeError("this quiz has already started")
        self._started = True

        now = self.clock.now()
        self._last_answer_at = now
        self.run_id = await store.create_quiz_run(
            self.db,
            bank=self.bank.name,
            title=self.bank.title,
            lang=self.lang,
            questions=len(self.bank.questions),
            started_at=now,
        )
        logger.info("quiz %d started: bank %s", self.run_id, self.bank.name)

        async with self._lock:
            await self._ask(self.bank.questions[0], now)
        if self.idle_stop_s > 0:
            self._idle_timer = self.clock.call_at(
                now + self.idle_stop_s, self._check_idle, name=f"quiz-{self.run_id}-idle"
            )

    def answer(self, login: str, text: str, *, explicit: bool = False) -> bool:
        """Take a viewer's answer to the open question; True if it counted.

        Only a viewer's first answer to each question counts. A line that is not an answer
        (chatter, `BB霜`, two options at once) is not taken and leaves the viewer's turn.
        `explicit` marks a line sent as an answer on purpose, so a wrong free answer counts.
        A line between a result and the next question is held (False) and judged by that
        question once it is out, as if it came then; a stop in between drops it.
        """
        text = strip_invisible(text)
        if self._finished or not text:
            return False

        if self._holding:
            self._held.append(_HeldLine(login, text, explicit, self.clock.now()))
            return False
        return self._take(login, text, explicit, self.clock.now())

    def _take(self, login: str, text: str, explicit: bool, now: float) -> bool:
        current = self._round
        if current is None:
            return False

        login = login.lower()
        if now >= current.deadline or login in current.attempts:
            return False

        verdict = current.judge(text, explicit)
        if verdict is None:
            return False

        choice, right = verdict
        points = 0
        if right:
            elapsed = now - current.asked_at
            first = current.first_right is None
            points = answer_points(current.question.points, elapsed, self.question_s, first=first)
        attempt = _Attempt(login, now, text[:STORED_TEXT_CHARS], choice, right, points)
        current.attempts[login] = attempt
        self.answers_taken += 1
        self._last_answer_at = now
        self._scores.setdefault(login, 0)

        if right:
            current.right += 1
            if current.first_right is None:
                current.first_right = attempt
            self._scores[login] += points
            self._scored_at[login] = now
        return True

    def leaderboard(self, n: int = LEADERBOARD_SIZE) -> list[tuple[str, int]]:
        """The top `n` scorers; on a tie, whoever reached their score first ranks higher."""
        return self._ranking(include_zero=False)[:n]

    async def stop(self, reason: str = "stopped") -> None:
        """End the quiz (at most once): close the open question, announce the leaderboard."""
        if not self._started:
            self._finished = True
            self.end_reason = reason
            return

        async with self._lock:
            await self._finish(reason)

    async def interrupt(self) -> None:
        """End quietly because the bot is shutting down: keep every answer and score, say nothing.

        Chat is already gone by then; the run is stored as 'interrupted', not left running.
        """
        if not self._started:
            self._finished = True
            self.end_reason = "interrupted"
            return

        async with self._lock:
            await self._finish("interrupted", announce=False)

    def _ranking(self, *, include_zero: bool) -> list[tuple[str, int]]:
        players = [login for login, score in self._scores.items() if include_zero or score > 0]
        players.sort(key=lambda login: (-self._scores[login], self._scored_at.get(login, 0.0)))
        return [(login, self._scores[login]) for login in players]

    async def _ask(self, question: Question, asked_at: float) -> None:
        """Open and announce a question; `asked_at` keeps every question on the start's beat."""
        self._round = _new_round(question, asked_at, self.question_s)
        self._asked += 1
        self._question_timer = self.clock.call_at(
            self._round.deadline,
            partial(self._time_up, question.number),
            name=f"quiz-{self.run_id}-q{question.number}",
        )

        total = len(self.bank.questions)
        limit = messages.duration(self.question_s, self.lang)
        if question.is_choice:
            options = " ".join(question.option_label(i) for i in range(len(question.options)))
            text = messages.chat(
                "quiz_question_choice",
                self.lang,
                title=self.bank.title,
                number=question.number,
                total=total,
                prompt=question.prompt,
                options=options,
                limit=limit,
            )
        else:
            text = messages.chat(
                "quiz_question_free",
                self.lang,
                title=self.bank.title,
                number=question.number,
                total=total,
                prompt=question.prompt,
                limit=limit,
            )
        await say_safely(self.say, text, "quiz")

    async def _time_up(self, number: int) -> None:
        try:
            async with self._lock:
                current = self._round
                if self._finished or current is None or current.number != number:
                    return

                await self._close_round(current)
                if number < len(self.bank.questions):
                    self._holding = True
                    self._question_timer = self.clock.call_at(
                        current.deadline + NEXT_QUESTION_LAG_S,
                        partial(self._ask_next, number, current.deadline),
                        name=f"quiz-{self.run_id}-q{number + 1}-ask",
                    )
                else:
                    await self._finish("finished")
        except Exception:
            logger.exception("quiz %s failed after question %d", self.run_id, number)
            await self._abort()

    async def _ask_next(self, index: int, asked_at: float) -> None:
        """Ask the question after a result, then judge the lines held while it was coming."""
        try:
            async with self._lock:
                if self._finished:
                    return

                await self._ask(self.bank.questions[index], asked_at)
                held, self._held, self._holding = self._held, [], False
                for line in held:
                    self._take(line.login, line.text, line.explicit, line.t)
        except Exception:
            logger.exception("quiz %s failed asking question %d", self.run_id, index + 1)
            await self._abort()

    async def _check_idle(self) -> None:
        try:
            async with self._lock:
                if self._finished:
                    return

                quiet_until = self._last_answer_at + self.idle_stop_s
                if self.clock.now() < quiet_until:
                    self._idle_timer = self.clock.call_at(
                        quiet_until, self._check_idle, name=f"quiz-{self.run_id}-idle"
                    )
                    return
                await self._finish("idle", reveal=True)
        except Exception:
            logger.exception("quiz %s failed on its idle check", self.run_id)
            await self._abort()

    async def _close_round(self, current: _Round, *, announce: bool = True) -> None:
        """Announce the question's result once, then store its answers and send the tastes."""
        self._round = None
        if self._question_timer is not None:
            self._question_timer.cancel()

        if announce:
            await say_safely(self.say, self._result_text(current), "quiz")

        rows = [
            store.QuizAnswerRow(
                current.number,
                attempt.login,
                attempt.t,
                attempt.text,
                attempt.choice,
                attempt.correct,
                attempt.points,
            )
            for attempt in current.attempts.values()
        ]
        assert self.run_id is not None
        await store.save_quiz_answers(self.db, self.run_id, rows)

        tastes = [
            (attempt.login, tags)
            for attempt in current.attempts.values()
            if (tags := current.question.tags_for(attempt.choice))
        ]
        await send_tastes(self.on_taste, tastes, "quiz")

    async def _finish(self, reason: str, *, announce: bool = True, reveal: bool = False) -> None:
        """The one way a started quiz ends; the caller holds the lock.

        The open question's result is closed when someone answered it, or when `reveal` asks
        for its answer whether or not anyone did.
        """
        if self._finished:
            return
        self._finished = True
        self.end_reason = reason if reason in END_REASONS else "stopped"
        self._cancel_timers()
        if self._held:
            logger.debug(
                "quiz %s: %d lines for an unasked question dropped", self.run_id, len(self._held)
            )
        self._holding, self._held = False, []

        current = self._round
        if current is not None and (current.attempts or reveal):
            await self._close_round(current, announce=announce)
        self._round = None

        if announce:
            await say_safely(self.say, self._final_text(), "quiz")

        assert self.run_id is not None
        await store.finish_quiz_run(
            self.db,
            self.run_id,
            status=self.end_reason,
            ended_at=self.clock.now(),
            scores=self._ranking(include_zero=True),
        )
        logger.info(
            "quiz %d ended (%s): %d players", self.run_id, self.end_reason, len(self._scores)
        )

    async def _abort(self) -> None:
        """After an unexpected error: end without leaving the run 'running' if we can."""
        try:
            async with self._lock:
                await self._finish("error")
        except Exception:
            self._finished = True
            self._cancel_timers()
            logger.exception("quiz %s could not end cleanly", self.run_id)

    def _cancel_timers(self) -> None:
        for timer in (self._question_timer, self._idle_timer):
            if timer is not None:
                timer.cancel()

    def _result_text(self, current: _Round) -> str:
        first = current.first_right
        answer = current.question.answer_text
        if first is None:
            return messages.chat("quiz_result_nobody", self.lang, answer=answer)
        return messages.chat(
            "quiz_result_winner",
            self.lang,
            answer=answer,
            login=first.login,
            points=first.points,
            right=current.right,
        )

    def _final_text(self) -> str:
        lead_key = (
            "quiz_end_stopped" if self.end_reason == "error" else f"quiz_end_{self.end_reason}"
        )
        lead = messages.word(lead_key, self.lang)
        leaders = self.leaderboard(LEADERBOARD_SIZE)
        if not leaders:
            return messages.chat("quiz_no_leaders", self.lang, lead=lead)

        ranking = messages.join_items(
            (
                messages.word("quiz_rank", self.lang, rank=rank, login=login, score=score)
                for rank, (login, score) in enumerate(leaders, 1)
            ),
            self.lang,
        )
        return messages.chat("quiz_leaders", self.lang, lead=lead, ranking=ranking)
