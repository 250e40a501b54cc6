"""Quiz sessions on a virtual clock: timing, scoring, one answer each, results said once."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.games.bank import Question, QuizBank
from bot.games.quiz import NEXT_QUESTION_LAG_S, QuizSession
from bot.games.recovery import abandon_unfinished, same_show
from bot.games.scoring import answer_points
from bot.store import games as store
from bot.store.db import Database

T0 = 1_700_000_000.0
QUESTION_S = 30.0


class Chat:
    """Records what the game said and which tastes it reported."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.tastes: list[tuple[str, tuple[str, ...], str]] = []

    async def say(self, text: str) -> None:
        self.lines.append(text)

    async def on_taste(self, login: str, tags: tuple[str, ...], source: str) -> None:
        self.tastes.append((login, tags, source))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "games.db")
    yield database
    await database.close()


def make_bank() -> QuizBank:
    colours = Question(
        number=1,
        prompt="Which lipstick?",
        options=("Red", "Nude", "Pink", "Plum"),
        answer=1,
        option_tags=(("口紅",), ("口紅", "底妝"), ("口紅",), ()),
    )
    capital = Question(number=2, prompt="Capital of France?", answers=("巴黎", "Paris"))
    last = Question(number=3, prompt="Yes or no?", options=("Yes", "No"), answer=0, points=200)
    return QuizBank(
        name="test",
        title="Test",
        language="en",
        questions=(colours, capital, last),
        path=Path("test.toml"),
    )


def make_quiz(db: Database, clock: VirtualClock, chat: Chat, idle_stop_s: float = 120.0):
    return QuizSession(
        make_bank(),
        clock,
        db,
        lang="en",
        say=chat.say,
        on_taste=chat.on_taste,
        question_s=QUESTION_S,
        idle_stop_s=idle_stop_s,
    )


async def test_a_whole_quiz(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)

    await quiz.start()

    assert chat.lines == [
        "[Test] Q1/3: Which lipstick? A) Red B) Nude C) Pink D) Plum (type a letter within 30 s)"
    ]

    await clock.advance_to(T0 + 2)
    assert quiz.answer("Alice", "B")
    assert not quiz.answer("alice", "C")
    assert not quiz.answer("dave", "hello everyone")
    await clock.advance_to(T0 + 10)
    assert quiz.answer("bob", "我選ｂ")
    assert quiz.answer("carol", "A")
    for viewer in range(300):
        assert quiz.answer(f"flood{viewer}", "d")

    assert len(chat.lines) == 1
    alice_points = answer_points(100, 2, QUESTION_S, first=True)
    bob_points = answer_points(100, 10, QUESTION_S, first=False)
    assert quiz.leaderboard(2) == [("alice", alice_points), ("bob", bob_points)]

    await clock.advance_to(T0 + 30 + NEXT_QUESTION_LAG_S)

    assert (
        chat.lines[1] == f"Answer: B) Nude! First right: @alice (+{alice_points}), 2 got it right."
    )
    assert chat.lines[2].startswith("[Test] Q2/3: Capital of France? (type your answer")
    assert ("alice", ("口紅", "底妝"), "quiz") in chat.tastes
    assert ("carol", ("口紅",), "quiz") in chat.tastes
    assert not any(login.startswith("flood") for login, _, _ in chat.tastes)
    assert len(chat.tastes) == 3

    await clock.advance_to(T0 + 31)
    assert not quiz.answer("frank", "巴黎鐵塔")
    assert quiz.answer("erin", "Paris!")
    assert not quiz.answer("erin", "巴黎")
    assert quiz.answer("frank", "巴黎")
    assert quiz.answer("gina", "London", explicit=True)
    assert not quiz.answer("gina", "巴黎")

    await clock.advance_to(T0 + 60)
    await clock.advance_to(T0 + 90)
    await clock.advance_to(T0 + 500)

    erin_points = answer_points(100, 1, QUESTION_S, first=True)
    assert chat.lines[3] == f"Answer: 巴黎! First right: @erin (+{erin_points}), 2 got it right."
    assert chat.lines[5] == "Answer: A) Yes. Nobody got this one!"
    assert chat.lines[6].startswith("Quiz over! Leaderboard: 1. @erin")
    assert f"@alice {alice_points}" in chat.lines[6]
    assert len(chat.lines) == 7
    assert quiz.finished
    assert quiz.end_reason == "finished"

    assert quiz.run_id is not None
    run = await store.quiz_run(db, quiz.run_id)
    assert run is not None
    assert run["status"] == "finished"
    answers = await store.quiz_answers(db, quiz.run_id)
    assert len(answers) == 3 + 300 + 3
    assert [a.login for a in answers if a.question == 2] == ["erin", "frank", "gina"]
    scores = await store.quiz_scores(db, quiz.run_id)
    assert scores[0] == ("erin", erin_points)
    assert ("carol", 0) in scores


def test_first_right_scores_most_and_speed_pays() -> None:
    assert answer_points(100, 0, 30, first=True) == 150
    assert answer_points(100, 0, 30, first=False) == 100
    assert answer_points(100, 15, 30, first=False) == 75
    assert answer_points(100, 30, 30, first=False) == 50
    assert answer_points(100, 29, 30, first=True) > answer_points(100, 1, 30, first=False)


async def test_answers_outside_a_question_are_not_taken(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)

    assert not quiz.answer("alice", "B")

    await quiz.start()
    await quiz.stop()

    assert not quiz.answer("alice", "B")


async def test_idle_stop_after_no_answers(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat, idle_stop_s=45)
    await quiz.start()

    await clock.advance_to(T0 + 44)
    assert not quiz.finished

    await clock.advance_to(T0 + 45)

    assert quiz.finished
    assert quiz.end_reason == "idle"
    assert chat.lines[1] == "Answer: B) Nude. Nobody got this one!"
    assert chat.lines[2].startswith("[Test] Q2/3")
    # The idle stop came 15 s into question 2: its answer is told before the quiz ends.
    assert chat.lines[3] == "Answer: 巴黎. Nobody got this one!"
    assert chat.lines[4] == (
        "No answers for a while, so the quiz ends here. Nobody scored this time, see you next"
        " round!"
    )
    await clock.advance_to(T0 + 1000)
    assert len(chat.lines) == 5


async def test_each_answer_puts_off_the_idle_stop(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat, idle_stop_s=45)
    await quiz.start()

    await clock.advance_to(T0 + 40)
    quiz.answer("alice", "Paris")
    await clock.advance_to(T0 + 84)
    assert not quiz.finished

    await clock.advance_to(T0 + 85)
    assert quiz.finished
    assert quiz.end_reason == "idle"


async def test_stop_mid_question_ends_once(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()
    await clock.advance_to(T0 + 5)
    quiz.answer("alice", "nude")

    await clock.advance_to(T0 + 10)
    await quiz.stop()
    await quiz.stop()
    await clock.advance_to(T0 + 1000)

    points = answer_points(100, 5, QUESTION_S, first=True)
    assert chat.lines[1:] == [
        f"Answer: B) Nude! First right: @alice (+{points}), 1 got it right.",
        f"The quiz has been stopped. Leaderboard: 1. @alice {points}",
    ]
    assert chat.tastes == [("alice", ("口紅", "底妝"), "quiz")]
    assert quiz.run_id is not None
    run = await store.quiz_run(db, quiz.run_id)
    assert run is not None
    assert run["status"] == "stopped"
    assert run["ended_at"] == T0 + 10


async def test_stop_without_answers_skips_the_open_question(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()

    await quiz.stop()

    assert len(chat.lines) == 2
    assert chat.lines[1].startswith("The quiz has been stopped.")


async def test_a_stop_at_the_deadline_asks_no_new_question(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()
    await clock.advance_to(T0 + 5)
    quiz.answer("alice", "B")

    await clock.advance_to(T0 + 30)
    assert not quiz.answer("bob", "Paris")
    await quiz.stop()
    await clock.advance_to(T0 + 1000)

    points = answer_points(100, 5, QUESTION_S, first=True)
    assert chat.lines[1:] == [
        f"Answer: B) Nude! First right: @alice (+{points}), 1 got it right.",
        f"The quiz has been stopped. Leaderboard: 1. @alice {points}",
    ]
    assert quiz.questions_asked == 1
    assert quiz.leaderboard() == [("alice", points)]


async def test_a_line_at_the_deadline_answers_the_next_question(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()

    await clock.advance_to(T0 + 30)
    quiz.answer("bob", "Paris")
    quiz.answer("carol", "巴黎")
    await clock.advance_to(T0 + 60)

    assert chat.lines[2].startswith("[Test] Q2/3: Capital of France?")
    points = answer_points(100, 0, QUESTION_S, first=True)
    assert chat.lines[3] == f"Answer: 巴黎! First right: @bob (+{points}), 2 got it right."


async def test_an_answer_of_invisible_characters_is_not_taken(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()
    await clock.advance_to(T0 + 31)

    assert not quiz.answer("bob", " \U000e0000", explicit=True)
    assert quiz.answer("bob", "Paris \U000e0000")
    await quiz.stop()

    assert quiz.run_id is not None
    answers = await store.quiz_answers(db, quiz.run_id)
    assert [(a.login, a.text) for a in answers] == [("bob", "Paris")]


async def test_messages_in_traditional_chinese(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = QuizSession(
        make_bank(),
        clock,
        db,
        lang="zh-Hant",
        say=chat.say,
        on_taste=None,
        question_s=60,
        idle_stop_s=600,
    )
    await quiz.start()
    quiz.answer("alice", "答案是B")
    await clock.advance_to(T0 + 60)

    assert chat.lines[0].startswith("【Test】第 1/3 題：Which lipstick?")
    assert "1 分鐘內" in chat.lines[0]
    assert chat.lines[1].startswith("答案：B) Nude！最快答對 @alice")
    assert all(len(line) <= 500 for line in chat.lines)


async def test_a_failing_send_does_not_stop_the_quiz(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    sent: list[str] = []

    async def flaky_say(text: str) -> None:
        sent.append(text)
        if len(sent) == 1:
            raise ConnectionError("chat is down")

    quiz = make_quiz(db, clock, chat)
    quiz.say = flaky_say
    await quiz.start()
    await clock.advance_to(T0 + 30 + NEXT_QUESTION_LAG_S)

    assert len(sent) == 3
    assert not quiz.finished


async def test_restart_abandons_runs_left_running(tmp_path: Path) -> None:
    path = tmp_path / "games.db"
    db = await Database.open(path)
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()
    quiz.answer("alice", "B")
    quiz.answer("bob", "A")
    await clock.advance_to(T0 + 31)
    quiz.answer("carol", "Paris")
    run_id = quiz.run_id
    await store.create_vote(db, question="Q?", options=["a", "b"], opened_at=T0, closes_at=None)
    await store.create_draw(db, title="Gift", opened_at=T0)
    await db.close()

    reopened = await Database.open(path)
    try:
        abandoned = await abandon_unfinished(reopened, now=T0 + 100)
        assert [(game.kind, game.started_at) for game in abandoned] == [
            ("quiz", T0),
            ("vote", T0),
            ("draw", T0),
        ]
        assert await abandon_unfinished(reopened, now=T0 + 200) == []

        assert run_id is not None
        run = await store.quiz_run(reopened, run_id)
        assert run is not None
        assert run["status"] == "abandoned"
        assert run["ended_at"] == T0 + 100
        # Question 1 closed before the crash and keeps its scores; carol's answer to the open
        # question lived only in memory.
        assert await store.quiz_scores(reopened, run_id) == [
            ("alice", answer_points(100, 0, QUESTION_S, first=True)),
            ("bob", 0),
        ]
    finally:
        await reopened.close()


def test_only_games_of_the_show_on_air_are_told_to_chat() -> None:
    abandoned = [
        store.AbandonedGame("quiz", 1, T0 - 86_400),
        store.AbandonedGame("vote", 2, T0 - 600),
        store.AbandonedGame("draw", 3, T0 - 60),
        store.AbandonedGame("vote", 4, T0 - 30),
    ]

    assert same_show(abandoned, T0) == ["vote", "draw"]
    assert same_show(abandoned[:1], T0) == []


async def test_shutdown_mid_question_keeps_answers_and_says_nothing(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    quiz = make_quiz(db, clock, chat)
    await quiz.start()
    await clock.advance_to(T0 + 3)
    quiz.answer("alice", "nude")

    await quiz.interrupt()
    await quiz.interrupt()
    await clock.advance_to(T0 + 1000)

    assert len(chat.lines) == 1
    assert quiz.finished
    assert quiz.end_reason == "interrupted"
    assert quiz.run_id is not None
    run = await store.quiz_run(db, quiz.run_id)
    assert run is not None
    assert run["status"] == "interrupted"
    assert [a.login for a in await store.quiz_answers(db, quiz.run_id)] == ["alice"]
    assert await store.quiz_scores(db, quiz.run_id) == [
        ("alice", answer_points(100, 3, QUESTION_S, first=True))
    ]
    assert await abandon_unfinished(db, now=T0 + 2000) == []
