"""Moderators' slips and the end of the show, through the real bot and the Twitch stand-in."""

import logging
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from bot.rehearsal import RehearsalResult
from tests.e2e import conftest
from tests.e2e.conftest import ROOT
from tests.e2e.test_games_rehearsal import chat, replies_to, texts

Rehearse = Callable[..., RehearsalResult]
MOD = ["moderator"]
HOST = ["broadcaster"]
TROUBLE = "出了點小問題"


@pytest.fixture
def quiz_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The rehearsals of a test read their quiz banks from this folder, seeded with skincare."""
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(ROOT / "examples" / "quizzes" / "skincare.toml", folder)

    settings = conftest.example_settings()
    custom = replace(settings, show=replace(settings.show, quiz_dir=str(folder)))
    monkeypatch.setattr(conftest, "example_settings", lambda: custom)
    return folder


def test_no_game_starts_after_the_show_ends(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_ken", "Hello everyone, welcome to the show!", MOD),
            chat(10, "host", "!show end", HOST),
            chat(11, "mod_amy", "!quiz start skincare", MOD),
            chat(12, "mod_amy", "!vote open 下一場看什麼？ | 保養 | 3C", MOD),
            chat(13, "mod_amy", "!draw open", MOD),
            chat(14, "mod_ken", "!vote open 60 Next show? | skincare | gadgets", MOD),
            chat(15, "ann", "!vote 1"),
        ]
    )

    assert replies_to(result, "mod_amy") == [
        "@mod_amy 節目已經結束，不能再開始問答了",
        "@mod_amy 節目已經結束，不能再開始投票了",
        "@mod_amy 節目已經結束，不能再開始抽獎了",
    ]
    assert replies_to(result, "mod_ken") == [
        "@mod_ken The show has ended, so no new vote can start"
    ]
    assert (result.summary["quizzes"], result.summary["votes"], result.summary["draws"]) == (
        [],
        [],
        [],
    )


def test_numbers_are_only_what_int_reads(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!draw open", MOD),
            *(chat(1 + n, f"fan{n}", "!join") for n in range(5)),
            chat(10, "mod_amy", "!draw pick ²", MOD),
            chat(11, "mod_amy", "!draw pick ２", MOD),
            chat(12, "mod_amy", "!vote open ² Q | a | b", MOD),
            chat(13, "ann", "!vote 2"),
            chat(14, "mod_amy", "!vote close", MOD),
        ]
    )

    said = " ".join(texts(result))
    assert TROUBLE not in said
    assert replies_to(result, "mod_amy") == ["@mod_amy 請給人數，例如 !draw pick 2"]
    assert [len(pick["winners"]) for pick in result.summary["draws"][0]["rounds"]] == [2]
    vote = result.summary["votes"][0]
    assert (vote["question"], vote["counts"], vote["status"]) == ("² Q", [0, 1], "closed")


def test_a_vote_duration_out_of_range_opens_nothing(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open " + "9" * 400 + " Big? | yes | no", MOD),
            chat(1, "ann", "!vote 1"),
            chat(3, "mod_amy", "!vote open ６０ Big? | yes | no", MOD),
            chat(4, "bo", "!vote 1"),
            chat(70, "mod_amy", "!vote open 5 Quick? | yes | no", MOD),
        ]
    )

    usage = "@mod_amy 投票時間要在 10 到 3600 秒之間（!vote open 60 問題 | 選項 | 選項）"
    assert replies_to(result, "mod_amy") == [usage, usage]
    assert any("目前沒有進行中的投票" in text for text in replies_to(result, "ann"))
    assert [text for text in texts(result) if text.startswith("投票")] == [
        "投票：Big? 1) yes 2) no（輸入號碼或選項投票，1 分鐘後截止）",
        "投票結果：Big? 1) yes 1 票 100%｜2) no 0 票 0%｜勝出：yes",
    ]
    assert [(vote["status"], vote["counts"]) for vote in result.summary["votes"]] == [
        ("closed", [1, 0])
    ]


def test_a_vote_too_long_for_one_message_is_refused(rehearse_lines: Rehearse) -> None:
    options = [f"{n}{'選' * 39}" for n in range(5)]
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open " + "問" * 160 + " | 甲 | 乙", MOD),
            chat(1, "mod_amy", "!vote open 問題 | 甲 | " + "乙" * 41, MOD),
            chat(2, "mod_amy", "!vote open " + " | ".join(["問" * 150, *options]), MOD),
            chat(3, "ann", "!vote 5"),
            chat(4, "mod_amy", "!vote close", MOD),
        ]
    )

    assert replies_to(result, "mod_amy") == [
        "@mod_amy 問題最多 150 個字，請縮短一點。",
        "@mod_amy 選項「乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙乙…」太長了，每個選項最多 40 個字。",
    ]
    announcement = next(text for text in texts(result) if text.startswith("投票："))
    assert f"5) {options[4]}（輸入號碼或選項投票" in announcement
    assert result.summary["votes"][0]["counts"] == [0, 0, 0, 0, 1]


def test_draw_replies_closing_twice_and_an_untitled_announcement(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!draw open", MOD),
            chat(1, "ann", "!join"),
            chat(2, "mod_amy", "!draw close", MOD),
            chat(3, "mod_amy", "!draw close", MOD),
        ]
    )

    said = texts(result)
    assert said[0] == "抽獎開始！輸入 !join 參加，每人一次。"
    assert sum(text.startswith("抽獎報名截止") for text in said) == 1
    assert replies_to(result, "mod_amy") == ["@mod_amy 這次抽獎已截止報名"]


def test_the_idle_stop_tells_the_open_questions_answer(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines([chat(0, "mod_amy", "!quiz start skincare", MOD), chat(5, "ann", "A")])

    said = texts(result)
    results = [index for index, text in enumerate(said) if text.startswith("答案：")]
    board = next(index for index, text in enumerate(said) if text.startswith("好一陣子沒人作答"))
    quiz = result.summary["quizzes"][0]
    # Idle 120 s after ann's answer, 5 s into question 5: its answer, once, then the board.
    assert (quiz["ended"], quiz["asked"]) == ("idle", 5)
    assert len(results) == 5
    assert said[results[-1]] == "答案：C) 做好保濕打底，這題沒有人答對～"
    assert results[-1] == board - 1


def test_an_english_bank_runs_in_english(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start gadgets", MOD),
            chat(5, "ann", "B"),
            chat(35, "bo", "active noise cancelling"),
            chat(65, "cy", "A"),
            chat(95, "ann", "Apple"),
            chat(125, "bo", "D"),
        ]
    )

    quiz_lines = [text for text in texts(result) if not text.startswith("@")]
    questions = [text for text in quiz_lines if text.startswith("[Gadget Trivia] Q")]
    answers = [text for text in quiz_lines if text.startswith("Answer: ")]
    assert len(questions) == len(answers) == 5
    assert "(type a letter within 30 s)" in questions[0]
    assert "(type your answer within 30 s)" in questions[1]
    assert answers[0] == "Answer: B) USB-C! First right: @ann (+142), 1 got it right."
    assert quiz_lines[-1].startswith("Quiz over! Leaderboard: 1. @")
    assert not any(word in " ".join(quiz_lines) for word in ("秒內", "答案：", "排行榜"))


def test_a_broken_bank_is_named_broken_not_missing(
    rehearse_lines: Rehearse, quiz_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (quiz_dir / "broken.toml").write_text(
        'title = "T"\n[[questions]]\nprompt = "P?"\noptions = ["a", "b"]\n', encoding="utf-8"
    )

    with caplog.at_level(logging.WARNING):
        result = rehearse_lines(
            [
                chat(0, "mod_amy", "!quiz start broken", MOD),
                chat(1, "mod_amy", "!quiz start nosuch", MOD),
            ]
        )

    assert replies_to(result, "mod_amy") == [
        "@mod_amy 題庫「broken」有錯誤，暫時不能用（細節在記錄裡），可用：skincare",
        "@mod_amy 找不到題庫「nosuch」，可用：skincare",
    ]
    assert "broken.toml: question 1: 'answer': is missing" in caplog.text
    assert "quiz bank broken asked for but broken" in caplog.text


def test_unreadable_banks_do_not_stop_the_rehearsal(
    rehearse_lines: Rehearse, quiz_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (quiz_dir / "latin1.toml").write_bytes('title = "Café"\n'.encode("latin-1"))
    (quiz_dir / "x.toml").mkdir()

    with caplog.at_level(logging.WARNING):
        result = rehearse_lines(
            [
                chat(0, "mod_amy", "!quiz start latin1", MOD),
                chat(1, "mod_amy", "!quiz start x", MOD),
                chat(2, "mod_amy", "!quiz start skincare", MOD),
            ]
        )

    assert replies_to(result, "mod_amy") == [
        "@mod_amy 題庫「latin1」有錯誤，暫時不能用（細節在記錄裡），可用：skincare",
        "@mod_amy 題庫「x」有錯誤，暫時不能用（細節在記錄裡），可用：skincare",
    ]
    assert "latin1.toml: not UTF-8" in caplog.text
    assert "x.toml is not a file" in caplog.text
    assert [quiz["bank"] for quiz in result.summary["quizzes"]] == ["skincare"]


def test_a_bank_is_found_whatever_the_case_or_width_typed(
    rehearse_lines: Rehearse, quiz_dir: Path
) -> None:
    (quiz_dir / "skincare.toml").rename(quiz_dir / "Beauty.toml")

    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start beauty", MOD),
            chat(1, "mod_amy", "!quiz stop", MOD),
            chat(2, "mod_amy", "!quiz start ＢＥＡＵＴＹ", MOD),
            chat(3, "mod_amy", "!quiz stop", MOD),
            chat(4, "mod_amy", "!quiz start Beauty", MOD),
        ]
    )

    assert replies_to(result, "mod_amy") == []
    assert [quiz["bank"] for quiz in result.summary["quizzes"]] == ["Beauty"] * 3
