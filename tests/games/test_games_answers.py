"""Answer matching: widths, case, scripts, surrounding words and typos, and what is refused."""

import pytest

from bot.games.answers import FreeAnswerMatcher, OptionMatcher, compact, edit_distance

OPTIONS = ["維他命C", "視黃醇", "水楊酸", "神經醯胺"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("B", 1),
        ("b", 1),
        ("Ｂ", 1),
        ("ｂ！", 1),
        ("B!", 1),
        ("(C)", 2),
        ("我選B", 1),
        ("我选B", 1),
        ("選 b", 1),
        ("答案是C", 2),
        ("答案：Ｃ吧", 2),
        ("option 2", 1),
        ("Option ２", 1),
        ("2", 1),
        ("１", 0),
        ("第二個", 1),
        ("第二个", 1),
        ("2號", 1),
        ("I pick d please", 3),
        ("b b", 1),
        ("視黃醇", 1),
        ("视黄醇", 1),
        ("我選 視黃醇！", 1),
        ("維他命c", 0),
        ("维他命C", 0),
        ("我揀A", 0),
        ("係C", 2),
        ("應該係B", 1),
        ("我覺得係 D", 3),
        ("估A", 0),
        ("選擇C", 2),
        ("梗係B囉", 1),
        ("D啦", 3),
        ("A \U000e0000", 0),
    ],
)
def test_option_lines_that_are_taken(line: str, expected: int) -> None:
    assert OptionMatcher(OPTIONS).match(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "BB霜",
        "bb霜好用嗎",
        "abc",
        "A還是B",
        "a b",
        "我選A跟B",
        "1 2",
        "E",
        "5",
        "666",
        "+1",
        "＋１",
        "-1",
        "－１",
        "−2",
        "0",
        "\u200b-1",
        "3號連結",
        "that is a good one",
        "我選B因為便宜",
        "維他命",
        "哈哈哈",
        "",
        "B" * 100,
    ],
)
def test_option_lines_that_are_refused(line: str) -> None:
    assert OptionMatcher(OPTIONS).match(line) is None


def test_an_option_is_taken_without_its_aside() -> None:
    matcher = OptionMatcher(["Watts (W)", "mAh", "Hz（赫茲）", "DPI"])

    assert matcher.match("watts") == 0
    assert matcher.match("Watts (W)") == 0
    assert matcher.match("我揀 hz") == 2


@pytest.mark.parametrize(
    ("options", "line", "expected"),
    [
        (["Watts (W)", "Watts (kW)"], "watts", None),
        (["Watts (W)", "Watts"], "watts", 1),
        (["B (second)", "A (first)"], "b", 1),
    ],
)
def test_an_aside_stays_when_leaving_it_out_is_ambiguous(
    options: list[str], line: str, expected: int | None
) -> None:
    assert OptionMatcher(options).match(line) == expected


def test_votes_do_not_take_letters() -> None:
    matcher = OptionMatcher(["保濕", "防曬"], letters=False)

    assert matcher.match("a") is None
    assert matcher.match("2") == 1
    assert matcher.match("防晒") == 1


@pytest.mark.parametrize(
    "line",
    [
        "巴黎",
        "巴黎!",
        "答案是巴黎",
        "Paris",
        "PARIS",
        "Ｐａｒｉｓ",
        "paris!!",
        "I think it's Paris",
        "pariss",
    ],
)
def test_free_answers_that_match(line: str) -> None:
    assert FreeAnswerMatcher(["巴黎", "Paris"]).match(line)


@pytest.mark.parametrize(
    "line", ["巴黎鐵塔", "paris hilton", "par", "parsi", "倫敦", "", "我喜歡巴黎的咖啡"]
)
def test_free_answers_that_do_not_match(line: str) -> None:
    assert not FreeAnswerMatcher(["巴黎", "Paris"]).match(line)


def test_free_answers_framed_in_cantonese() -> None:
    matcher = FreeAnswerMatcher(["巴黎"])

    assert matcher.match("係巴黎")
    assert matcher.match("我估係巴黎囉")


def test_free_answers_in_either_script() -> None:
    matcher = FreeAnswerMatcher(["蘋果"])

    assert matcher.match("苹果")
    assert matcher.match("蘋果！")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("active noise cancelling", True),
        ("Active Noise Canceling", True),
        ("activ noise canceling", True),
        ("actve nose cancelling", True),
        ("actve nose canceling x", False),
        ("active noise", False),
    ],
)
def test_long_latin_answers_forgive_two_typos(line: str, expected: bool) -> None:
    assert FreeAnswerMatcher(["active noise cancelling"]).match(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"), [("Aple", True), ("Appel", False), ("apple", True), ("appl", True)]
)
def test_five_letter_answers_forgive_one_typo(line: str, expected: bool) -> None:
    assert FreeAnswerMatcher(["Apple"]).match(line) is expected


def test_short_answers_forgive_no_typo() -> None:
    matcher = FreeAnswerMatcher(["Sony"])

    assert matcher.match("sony")
    assert not matcher.match("Sonny")


def test_compact_drops_width_case_space_and_punctuation() -> None:
    assert compact("New York!") == compact("ｎｅｗ　ＹＯＲＫ") == "newyork"
    assert compact("保濕，精華") == "保湿精华"


def test_edit_distance_gives_up_past_the_limit() -> None:
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("kitten", "sitting", 1) == 2
