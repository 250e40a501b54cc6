"""Quizzes, votes and draws run by moderators through the real bot and the Twitch stand-in."""

import asyncio
import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.cli import main as cli_main
from bot.clock import VirtualClock
from bot.gameplay import load_quiz_banks
from bot.games.audit import audit_draw_file
from bot.games.quiz import QuizSession
from bot.games.scoring import answer_points
from bot.rehearsal import FIRST_SHOW_START, RehearsalResult
from bot.store.db import Database
from tests.e2e.conftest import ROOT, example_catalog
from tests.e2e.lines import chat

Rehearse = Callable[..., RehearsalResult]
MOD = ["moderator"]
QUESTION_S = 30
RESTARTED = "機器人剛剛重新啟動"


def texts(result: RehearsalResult) -> list[str]:
    return [message["text"] for message in result.sent if message["kind"] == "chat"]


def replies_to(result: RehearsalResult, login: str) -> list[str]:
    return [
        message["text"]
        for message in result.sent
        if message["kind"] == "chat"
        and (message["to"] == login or f"@{login} " in message["text"])
    ]


def query(db_path: Path, sql: str, *params: object) -> list[tuple]:
    with sqlite3.connect(db_path) as connection:
        return connection.execute(sql, params).fetchall()


def points(elapsed: float, *, first: bool = False) -> int:
    return answer_points(100, elapsed, QUESTION_S, first=first)


def test_a_quiz_from_start_to_stop(rehearse_lines: Rehearse, tmp_path: Path) -> None:
    db_path = tmp_path / "quiz.db"
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start skincare", MOD),
            chat(2, "ann", "ａ"),
            chat(3, "bo", "我選A"),
            chat(4, "cy", "维他命C"),
            chat(5, "ann", "B"),
            chat(6, "dee", "Ｂ！"),
            chat(7, "pat", "!quiz start skincare"),
            chat(8, "pat", "!quiz stop"),
            chat(9, "eve", "BB霜好用嗎"),
            chat(10, "eve", "!answer 視黃醇"),
            chat(11, "eve", "A"),
            chat(12, "mod_amy", "!quiz start gadgets", MOD),
            chat(20, "ann", "!top"),
            chat(35, "fay", "補水保濕"),
            chat(36, "ann", "c"),
            chat(40, "mod_amy", "!quiz stop", MOD),
            chat(41, "mod_amy", "!quiz stop", MOD),
        ],
        db_path=db_path,
    )

    said = texts(result)
    questions = [text for text in said if text.startswith("【保養小學堂】")]
    results = [text for text in said if text.startswith("答案：")]
    assert len(questions) == 2
    assert results == [
        f"答案：A) 維他命C！最快答對 @ann（+{points(2, first=True)}），共 3 人答對。",
        f"答案：C) 補水保濕！最快答對 @fay（+{points(5, first=True)}），共 2 人答對。",
    ]
    finals = [text for text in said if text.startswith("問答已停止。排行榜：")]
    assert len(finals) == 1
    assert finals[0].startswith(f"問答已停止。排行榜：1. @ann {points(2, first=True) + points(6)}")

    assert sum("只有主持人和管理員" in text for text in replies_to(result, "pat")) == 1
    assert any("已經有問答在進行中" in text for text in replies_to(result, "mod_amy"))
    # ann's last line was Latin, so her reply is in English.
    assert [m["text"] for m in result.sent if m["to"] == "ann"] == [
        "@ann 問答排行：1. ann 147  2. bo 95  3. cy 93"
    ]
    assert any("目前沒有進行中的問答" in text for text in replies_to(result, "mod_amy"))

    quiz = result.summary["quizzes"][0]
    assert (quiz["ended"], quiz["asked"], quiz["answers"], quiz["players"]) == ("stopped", 2, 7, 6)
    assert query(db_path, "SELECT status FROM quiz_runs") == [("stopped",)]
    assert query(db_path, "SELECT login, text, correct FROM quiz_answers WHERE question = 1") == [
        ("ann", "ａ", 1),
        ("bo", "我選A", 1),
        ("cy", "维他命C", 1),
        ("dee", "Ｂ！", 0),
        ("eve", "!answer 視黃醇"[8:], 0),
    ]
    # Option tags make every answer, right or wrong, a taste in the viewer's profile.
    assert query(
        db_path, "SELECT login, quiz_answers FROM taste_viewers WHERE quiz_answers > 0"
    ) == [("ann", 2), ("bo", 1), ("cy", 1), ("dee", 1), ("eve", 1), ("fay", 1)]
    tags = query(db_path, "SELECT key FROM taste_affinity WHERE login = 'eve' AND kind = 'tag'")
    assert ("抗老",) in tags


def test_a_wrong_free_answer_counts_only_when_sent_with_answer(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start gadgets", MOD),
            chat(31, "ann", "London"),
            chat(32, "ann", "active noise cancelling"),
            chat(33, "bo", "!answer anc"),
            chat(34, "bo", "active noise cancelling"),
            chat(35, "cy", "I think it's Activ Noise Canceling!"),
            chat(36, "dee", "!answer"),
            chat(50, "mod_amy", "!quiz stop", MOD),
        ]
    )

    said = texts(result)
    result_line = next(text for text in said if text.startswith("Answer: active"))
    assert f"First right: @ann (+{points(2, first=True)}), 2 got it right." in result_line
    assert [line["login"] for line in result.summary["quizzes"][0]["leaders"]] == ["ann", "cy"]
    assert any("!answer" in text for text in replies_to(result, "dee"))


def test_a_show_ending_mid_quiz_leaves_nothing_running(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "shared.db"
    first = rehearse_lines(
        [chat(0, "mod_amy", "!quiz start skincare", MOD), chat(5, "ann", "A")], db_path=db_path
    )

    # The bot stays on after the last line, so the quiz runs out on its own clock.
    ended = first.summary["quizzes"][0]["ended"]
    assert ended == "idle"
    assert query(db_path, "SELECT status FROM quiz_runs") == [(ended,)]

    second = rehearse_lines(
        [chat(0, "bo", "hello"), chat(1, "mod_amy", "!quiz start skincare", MOD)],
        db_path=db_path,
    )

    assert not any(RESTARTED in text for text in texts(second))
    assert (second.summary["quizzes"][0]["asked"], second.summary["quizzes"][0]["ended"]) == (
        4,
        "idle",
    )
    assert query(db_path, "SELECT status FROM quiz_runs ORDER BY id") == [("idle",), ("idle",)]


async def crash_mid_quiz(db_path: Path, started_at: float) -> int:
    """A quiz whose process died after question 1 closed and while question 2 was open."""
    bank = load_quiz_banks(ROOT / "examples" / "quizzes")["skincare"]
    db = await Database.open(db_path)
    clock = VirtualClock(started_at)

    async def say(text: str) -> None:
        pass

    quiz = QuizSession(
        bank, clock, db, lang="zh-Hant", say=say, on_taste=None, question_s=30, idle_stop_s=120
    )
    await quiz.start()
    quiz.answer("ann", "A")
    await clock.advance_to(started_at + 31)
    quiz.answer("bo", "C")
    await db.close()
    assert quiz.run_id is not None
    return quiz.run_id


def test_a_crash_mid_quiz_is_closed_and_told_to_chat(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "crashed.db"
    run_id = asyncio.run(crash_mid_quiz(db_path, FIRST_SHOW_START - 300))

    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!lineup anr-serum", MOD),
            chat(2, "ann", "還在嗎？"),
            chat(3, "bo", "B"),
            chat(5, "mod_amy", "!quiz start skincare", MOD),
        ],
        db_path=db_path,
    )

    notices = [text for text in texts(result) if RESTARTED in text]
    assert notices == ["機器人剛剛重新啟動，進行中的問答已經結束，請管理員重新開始 🙏"]
    assert query(db_path, "SELECT status FROM quiz_runs WHERE id = ?", run_id) == [("abandoned",)]
    assert query(db_path, "SELECT login, score FROM quiz_scores WHERE run_id = ?", run_id) == [
        ("ann", points(0, first=True))
    ]
    assert result.summary["quizzes"][0]["ended"] in ("finished", "idle")


def test_yesterdays_crash_is_only_logged(
    rehearse_lines: Rehearse, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_path = tmp_path / "crashed.db"
    run_id = asyncio.run(crash_mid_quiz(db_path, FIRST_SHOW_START - 86_400))

    with caplog.at_level(logging.WARNING, logger="bot.games.recovery"):
        result = rehearse_lines([chat(0, "ann", "早安"), chat(5, "bo", "A")], db_path=db_path)

    assert not any(RESTARTED in text for text in texts(result))
    assert f"quiz {run_id} was left open by the last run" in caplog.text
    assert query(db_path, "SELECT status FROM quiz_runs") == [("abandoned",)]


def test_a_vote_moves_profiles_and_the_winners_weights(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "vote.db"
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open 60 下一個看什麼？ | 保養 | 3C | 零食", MOD),
            chat(1, "pat", "!vote open 一 | 二 | 三"),
            chat(2, "ann", "!vote 2"),
            chat(3, "bo", "!vote 3c"),
            chat(4, "cy", "!vote 零食"),
            chat(5, "dee", "!vote 保养"),
            chat(6, "eve", "!投票 ２"),
            chat(7, "fay", "!vote 1"),
            chat(8, "fay", "!vote 二"),
            chat(9, "gus", "!vote 99"),
            *(chat(10 + n, "spam", f"!vote {n % 2 + 1}") for n in range(8)),
            chat(61, "hal", "!vote 1"),
            chat(62, "mod_amy", "!vote close", MOD),
        ],
        db_path=db_path,
    )

    vote = result.summary["votes"][0]
    # spam's sixth to eighth votes fall inside the cooldown; the fifth (option 1) stands.
    assert vote["counts"] == [2, 4, 1]
    assert vote["percentages"] == [29, 57, 14]
    assert vote["winners"] == ["3C"]
    assert vote["status"] == "closed"
    electronics = {p.id for p in example_catalog() if p.category == "electronics"}
    assert set(vote["moved_products"]) == electronics
    results = [text for text in texts(result) if text.startswith("投票結果")]
    assert results == [
        "投票結果：下一個看什麼？ 1) 保養 2 票 29%｜2) 3C 4 票 57%｜3) 零食 1 票 14%｜勝出：3C"
    ]
    assert sum("只有主持人和管理員" in text for text in replies_to(result, "pat")) == 1
    assert any("共 3 個選項" in text for text in replies_to(result, "gus"))
    assert any("目前沒有進行中的投票" in text for text in replies_to(result, "hal"))

    weights = {p["id"]: p["weight"] for p in result.summary["products"]}
    assert min(weights[i] for i in electronics) > max(
        weight for product_id, weight in weights.items() if product_id not in electronics
    )
    assert query(db_path, "SELECT SUM(votes) FROM product_weights") == [(4 * len(electronics),)]
    voters = query(db_path, "SELECT login FROM taste_viewers WHERE votes = 1 ORDER BY login")
    assert voters == [(login,) for login in ("ann", "bo", "cy", "dee", "eve", "fay", "spam")]


def test_a_draw_replays_from_the_rehearsal_database(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "draw.db"
    viewers = [f"fan{number:02d}" for number in range(30)]
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!draw open", MOD),
            *(chat(1 + index, login, "!join") for index, login in enumerate(viewers)),
            chat(40, "fan00", "!join"),
            {"t": 41, "type": "cheer", "user": "big_spender", "bits": 5000, "text": "抽我"},
            chat(42, "pat", "!draw pick 3"),
            chat(45, "mod_amy", "!draw close", MOD),
            chat(46, "late", "!join"),
            chat(50, "mod_amy", "!draw pick 3", MOD),
            chat(55, "mod_amy", "!draw pick 1", MOD),
        ],
        db_path=db_path,
    )

    draw = result.summary["draws"][0]
    assert draw["entries"] == 30
    assert len(draw["winners"]) == len(set(draw["winners"])) == 4
    assert set(draw["winners"]) <= set(viewers)
    assert [len(pick["winners"]) for pick in draw["rounds"]] == [3, 1]
    assert sum("只有主持人和管理員" in text for text in replies_to(result, "pat")) == 1
    assert any("已截止報名" in text for text in replies_to(result, "late"))

    audit = audit_draw_file(db_path, draw["draw_id"])

    assert audit.matches
    assert audit.winners == draw["winners"]
    assert list(audit.entries) == viewers
    assert [pick.seed for pick in audit.rounds] == [pick["seed"] for pick in draw["rounds"]]
    said = texts(result)
    assert all(f"種子 {pick['seed']}" in " ".join(said) for pick in draw["rounds"])


def test_switches_and_cooldowns(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!game off quiz", MOD),
            chat(1, "mod_amy", "!quiz start skincare", MOD),
            chat(2, "mod_amy", "!game", MOD),
            chat(3, "mod_amy", "!game on quiz", MOD),
            chat(4, "mod_amy", "!quiz start skincare", MOD),
            chat(5, "ann", "A"),
            chat(6, "mod_amy", "!vote open 哪個？ | 保養 | 3C", MOD),
            chat(7, "bo", "!vote 1"),
            chat(8, "mod_amy", "!game off", MOD),
            chat(9, "cy", "!vote 2"),
            chat(10, "pat", "!game on"),
            *(chat(11 + n, "ann", "!top") for n in range(4)),
            chat(20, "mod_amy", "!quiz stop", MOD),
            chat(21, "mod_amy", "!game on", MOD),
            *(
                chat(
                    22 + n,
                    "mod_amy",
                    "!vote close" if n % 2 else f"!vote open Q{n} | 保養 | 3C",
                    MOD,
                )
                for n in range(6)
            ),
        ]
    )

    mod = replies_to(result, "mod_amy")
    assert any(text.startswith("@mod_amy 問答目前關閉中") for text in mod)
    assert any(text.startswith("@mod_amy 遊戲開關：問答 關") for text in mod)
    assert any(text.startswith("@mod_amy 已關閉：問答、投票、抽獎") for text in mod)
    assert any("目前沒有進行中的問答" in text for text in mod)
    said = texts(result)
    assert sum(text.startswith("問答已停止。排行榜：1. @ann") for text in said) == 1
    assert sum(text.startswith("投票結果：哪個？ 1) 保養 1 票 100%") for text in said) == 1
    assert result.summary["quizzes"][0]["ended"] == "stopped"
    assert result.summary["votes"][0]["counts"] == [1, 0]
    # The viewers' vote cooldown does not hold back a moderator opening and closing votes.
    assert [vote["status"] for vote in result.summary["votes"]] == ["closed"] * 4
    assert sum("只有主持人和管理員" in text for text in replies_to(result, "pat")) == 1
    assert [m["text"] for m in result.sent if m["to"] == "ann"] == ["@ann 問答排行：1. ann 148"]


def test_a_vote_and_draw_open_at_shutdown_are_closed_quietly(
    rehearse_lines: Rehearse, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    db_path = tmp_path / "shared.db"
    first = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open 哪個？ | 保養 | 3C", MOD),
            chat(1, "ann", "!vote 2"),
            chat(2, "mod_amy", "!draw open", MOD),
            chat(3, "bo", "!join"),
        ],
        db_path=db_path,
    )

    assert first.summary["votes"][0]["status"] == "open"
    assert query(db_path, "SELECT status FROM votes") == [("abandoned",)]
    assert query(db_path, "SELECT login, option_index FROM vote_ballots") == [("ann", 1)]
    assert query(db_path, "SELECT status FROM draws") == [("abandoned",)]
    assert query(db_path, "SELECT login FROM draw_entries") == [("bo",)]
    assert query(db_path, "SELECT COUNT(*) FROM product_weights WHERE votes > 0") == [(0,)]

    with caplog.at_level(logging.WARNING, logger="bot.games.recovery"):
        second = rehearse_lines([chat(0, "ann", "早安")], db_path=db_path)

    assert "left open by the last run" not in caplog.text
    assert not any(RESTARTED in text for text in texts(second))


def test_a_draw_is_replayed_from_the_command_line(
    rehearse_lines: Rehearse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "draw.db"
    mod = ["moderator"]
    rehearse_lines(
        [
            chat(0, "mod_amy", "!draw open", mod),
            *[chat(1 + i, f"fan{i}", "!join") for i in range(12)],
            chat(20, "mod_amy", "!draw pick 3", mod),
        ],
        db_path=db_path,
    )

    assert cli_main(["draw", "replay", "1", "--db", str(db_path)]) == 0
    assert "replay matches the record" in capsys.readouterr().out
    assert cli_main(["draw", "replay", "7", "--db", str(db_path)]) == 2
