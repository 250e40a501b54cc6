"""Quiz banks: every bundled bank loads, and bad files get errors naming file, question, field."""

import logging
import shutil
from pathlib import Path

import pytest

from bot.gameplay import load_quiz_banks
from bot.games.bank import QuizBankError, load_bank, load_banks
from bot.games.shelf import find_bank_name, load_quiz_shelf

BUNDLED = Path(__file__).resolve().parents[2] / "examples" / "quizzes"

TAG_VOCABULARY = {
    *("保濕", "美白", "抗老", "控油", "敏感肌", "防曬", "平價", "精品", "口紅", "底妝", "眼妝"),
    *("香氛", "手機", "耳機", "充電", "遊戲", "零食", "甜", "辣", "健康", "咖啡", "廚房", "收納"),
    "清潔",
}

GOOD_CHOICE = """
[[questions]]
prompt = "Warm-up?"
options = ["yes", "no"]
answer = "A"
"""


def write(tmp_path: Path, body: str, name: str = "broken.toml") -> Path:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return path


def load_error(tmp_path: Path, body: str) -> str:
    path = write(tmp_path, body)
    with pytest.raises(QuizBankError) as caught:
        load_bank(path)
    return str(caught.value)


def test_every_bundled_bank_loads() -> None:
    banks = load_banks(BUNDLED)

    assert {"skincare", "gadgets"} <= set(banks)
    for bank in banks.values():
        assert bank.questions
        for question in bank.questions:
            for tags in question.option_tags:
                assert set(tags) <= TAG_VOCABULARY, (bank.name, question.number, tags)


def test_skincare_bank_has_five_tagged_four_option_questions() -> None:
    bank = load_bank(BUNDLED / "skincare.toml")

    assert bank.language == "zh-Hant"
    assert len(bank.questions) == 5
    for question in bank.questions:
        assert len(question.options) == 4
        assert len(question.option_tags) == 4
        assert all(question.option_tags)


def test_gadgets_bank_mixes_options_and_free_answers() -> None:
    bank = load_bank(BUNDLED / "gadgets.toml")

    assert bank.language == "en"
    assert len(bank.questions) == 5
    assert sum(not question.is_choice for question in bank.questions) >= 2
    assert sum(question.is_choice for question in bank.questions) >= 2


def test_answer_by_letter_or_number_from_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'title = "T"\n' + GOOD_CHOICE + '\n[[questions]]\nprompt = "Q?"\n'
        'options = ["a", "b", "c"]\nanswer = 3\npoints = 40\n'
        '\n[[questions]]\nprompt = "Q?"\noptions = ["a", "b"]\nanswer = "b"\n',
        name="mine.toml",
    )

    bank = load_bank(path)

    assert bank.name == "mine"
    assert [question.answer for question in bank.questions] == [0, 2, 1]
    assert bank.questions[1].points == 40
    assert bank.questions[0].points == 100


def test_missing_answer_names_file_question_and_field(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n' + GOOD_CHOICE + '[[questions]]\nprompt = "Q?"\noptions = ["x", "y"]\n',
    )

    assert "broken.toml" in message
    assert "question 2" in message
    assert "'answer'" in message
    assert "missing" in message


def test_answer_letter_out_of_range(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["a", "b", "c", "d"]\n'
        'answer = "E"\n',
    )

    assert "broken.toml: question 1: 'answer'" in message
    assert "only 4 options (A-D)" in message


def test_answer_number_out_of_range(tmp_path: Path) -> None:
    message = load_error(
        tmp_path, 'title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["a", "b"]\nanswer = 3\n'
    )

    assert "question 1: 'answer'" in message
    assert "1-2" in message


def test_option_tags_length_mismatch(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["a", "b", "c"]\nanswer = "A"\n'
        'option_tags = [["保濕"], ["美白"]]\n',
    )

    assert "broken.toml: question 1: 'option_tags'" in message
    assert "2 lists" in message
    assert "3 options" in message


def test_unknown_question_field(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n' + GOOD_CHOICE + GOOD_CHOICE + GOOD_CHOICE.replace("answer", "anwser"),
    )

    assert "broken.toml: question 3: 'anwser'" in message
    assert "not a known field" in message


def test_unknown_top_level_field(tmp_path: Path) -> None:
    message = load_error(tmp_path, 'title = "T"\nauthor = "me"\n' + GOOD_CHOICE)

    assert "broken.toml: 'author'" in message


def test_options_and_free_answers_together(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["a", "b"]\nanswer = "A"\n'
        'answers = ["a"]\n',
    )

    assert "question 1: 'answers'" in message


def test_options_that_read_the_same(tmp_path: Path) -> None:
    message = load_error(
        tmp_path,
        'title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["保濕", "保湿 "]\nanswer = "A"\n',
    )

    assert "question 1: 'options'" in message
    assert "read the same" in message


@pytest.mark.parametrize(
    ("body", "fragment"),
    [
        (GOOD_CHOICE, "'title': is missing"),
        ('title = "T"\n', "'questions'"),
        ('title = "T"\nlanguage = "fr"\n' + GOOD_CHOICE, "'language'"),
        ('title = "T"\n[[questions]]\noptions = ["a", "b"]\nanswer = "A"\n', "'prompt'"),
        ('title = "T"\n[[questions]]\nprompt = "Q?"\noptions = ["a"]\nanswer = "A"\n', "needs 2"),
        ('title = "T"\n[[questions]]\nprompt = "Q?"\n', "'options': is missing"),
        ('title = "T"\n' + GOOD_CHOICE + "points = 0\n", "'points'"),
        ('title = "T"\n[[questions]]\nprompt = "Q?"\nanswers = []\n', "'answers'"),
        ('title = "T"\n[[questions]\n', "not valid TOML"),
    ],
)
def test_other_mistakes_are_named(tmp_path: Path, body: str, fragment: str) -> None:
    assert fragment in load_error(tmp_path, body)


def test_load_banks_reports_the_bad_file(tmp_path: Path) -> None:
    write(tmp_path, 'title = "T"\n' + GOOD_CHOICE, name="good.toml")
    write(tmp_path, 'title = "T"\n', name="bad.toml")

    with pytest.raises(QuizBankError, match=r"bad\.toml"):
        load_banks(tmp_path)


def test_load_banks_needs_a_folder(tmp_path: Path) -> None:
    with pytest.raises(QuizBankError, match="not found"):
        load_banks(tmp_path / "missing")


def test_the_bot_skips_a_broken_bank_and_says_where(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    for bank in BUNDLED.glob("*.toml"):
        shutil.copy(bank, tmp_path / bank.name)
    write(tmp_path, 'title = "T"\n[[questions]]\nprompt = "P?"\noptions = ["a", "b"]\n')

    with caplog.at_level(logging.WARNING, logger="bot.gameplay"):
        banks = load_quiz_banks(tmp_path)

    assert set(banks) == {path.stem for path in BUNDLED.glob("*.toml")}
    assert "broken.toml: question 1: 'answer': is missing" in caplog.text


def test_an_unreadable_bank_is_a_bank_error(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('title = "Café"\n'.encode("latin-1"))
    folder = tmp_path / "folder.toml"
    folder.mkdir()

    with pytest.raises(QuizBankError, match=r"latin1\.toml: not UTF-8"):
        load_bank(latin1)
    with pytest.raises(QuizBankError, match=r"folder\.toml: cannot be read"):
        load_bank(folder)


def test_the_bot_skips_unreadable_banks_and_folders(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    shutil.copy(BUNDLED / "skincare.toml", tmp_path)
    (tmp_path / "latin1.toml").write_bytes('title = "Café"\n'.encode("latin-1"))
    (tmp_path / "x.toml").mkdir()

    with caplog.at_level(logging.WARNING):
        shelf = load_quiz_shelf(tmp_path)

    assert set(shelf.banks) == {"skincare"}
    assert set(shelf.broken) == {"latin1", "x"}
    assert "not UTF-8" in shelf.broken["latin1"]
    assert "x.toml is not a file" in caplog.text
    assert set(load_quiz_banks(tmp_path)) == {"skincare"}


@pytest.mark.parametrize(
    ("asked", "found"),
    [("Beauty", "Beauty"), ("beauty", "Beauty"), ("ＢＥＡＵＴＹ", "Beauty"), ("beaut", None)],
)
def test_a_bank_name_is_found_whatever_its_case_or_width(asked: str, found: str | None) -> None:
    assert find_bank_name(["Beauty", "skincare"], asked) == found


def test_bank_names_differing_only_in_case_need_the_exact_name() -> None:
    names = ["Beauty", "beauty"]

    assert find_bank_name(names, "beauty") == "beauty"
    assert find_bank_name(names, "BEAUTY") is None
