"""How viewers really type, through the real bot and the stand-in: Cantonese, slips, noise."""

from collections.abc import Callable

from bot.rehearsal import RehearsalResult
from tests.e2e.test_games_rehearsal import chat, replies_to, texts

Rehearse = Callable[..., RehearsalResult]
MOD = ["moderator"]
# What Chatterino appends to a message sent twice in a row, so Twitch does not drop it.
CHATTERINO_SUFFIX = " \U000e0000"


def test_cantonese_answers_and_an_option_without_its_unit(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start skincare", MOD),
            chat(2, "ann", "我揀A"),
            chat(3, "bo", "係A"),
            chat(4, "cy", "應該係 A 囉"),
            chat(40, "mod_amy", "!quiz stop", MOD),
            chat(50, "mod_amy", "!quiz start gadgets", MOD),
            chat(112, "dee", "watts"),
            chat(120, "mod_amy", "!quiz stop", MOD),
        ]
    )

    results = [text for text in texts(result) if text.startswith(("答案：", "Answer: "))]
    assert results[0].startswith("答案：A) 維他命C！最快答對 @ann")
    assert results[0].endswith("共 3 人答對。")
    assert results[-1].startswith("Answer: A) Watts (W)! First right: @dee")


def test_a_signed_number_is_neither_a_vote_nor_a_question(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open -10 Q | A | B", MOD),
            chat(1, "mod_amy", "!vote open Q | A | B", MOD),
            chat(2, "ann", "!vote -1"),
            chat(3, "bo", "!vote 0"),
            chat(4, "cy", "!vote 2"),
            chat(5, "mod_amy", "!vote close", MOD),
        ]
    )

    assert replies_to(result, "mod_amy") == [
        "@mod_amy 投票時間要在 10 到 3600 秒之間（!vote open 60 問題 | 選項 | 選項）"
    ]
    bad_choice = "請輸入選項編號或文字，例如 !vote 1（共 2 個選項）"
    assert replies_to(result, "ann") == [f"@ann {bad_choice}"]
    assert replies_to(result, "bo") == [f"@bo {bad_choice}"]
    assert [(vote["question"], vote["counts"]) for vote in result.summary["votes"]] == [
        ("Q", [0, 1])
    ]


def test_a_stop_with_the_deadline_asks_no_new_question(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(40, "mod_amy", "!quiz start skincare", MOD),
            chat(75, "ann", "C"),
            chat(100, "bo", "B"),
            chat(100, "mod_amy", "!quiz stop", MOD),
        ]
    )

    said = texts(result)
    assert not any("第 3/5 題" in text for text in said)
    assert said[-2].startswith("答案：C) 補水保濕！最快答對 @ann")
    assert said[-1].startswith("問答已停止。排行榜：1. @ann")
    quiz = result.summary["quizzes"][0]
    assert (quiz["asked"], quiz["answers"], quiz["ended"]) == (2, 1, "stopped")


def test_top_answers_once_for_the_whole_channel(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start skincare", MOD),
            chat(5, "ann", "我選A"),
            chat(10, "mod_amy", "!quiz stop", MOD),
            chat(11, "ann", "!top"),
            chat(13, "bo", "!top"),
            chat(15, "cy", "!top"),
            chat(26, "cy", "!top"),
        ]
    )

    boards = [text for text in texts(result) if "問答排行" in text]
    assert boards == ["@ann 問答排行：1. ann 142", "@cy 問答排行：1. ann 142"]


def test_chatterinos_suffix_stays_out_of_votes_and_answers(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open 下一場看什麼 | 保養 | 3C" + CHATTERINO_SUFFIX, MOD),
            chat(1, "ann", "!vote 3C" + CHATTERINO_SUFFIX),
            chat(2, "mod_amy", "!vote close", MOD),
            chat(3, "mod_amy", "!quiz start skincare", MOD),
            chat(5, "bo", "!answer a" + CHATTERINO_SUFFIX),
            chat(6, "mod_amy", "!quiz stop \u034f", MOD),
        ]
    )

    said = texts(result)
    assert said[0] == "投票：下一場看什麼 1) 保養 2) 3C（輸入號碼或選項投票，截止前可改票）"
    assert said[1] == "投票結果：下一場看什麼 1) 保養 0 票 0%｜2) 3C 1 票 100%｜勝出：3C"
    assert result.summary["votes"][0]["options"] == ["保養", "3C"]
    assert any(text.startswith("答案：A) 維他命C！最快答對 @bo") for text in said)
    assert not any("\U000e0000" in text or "\u034f" in text for text in said)
