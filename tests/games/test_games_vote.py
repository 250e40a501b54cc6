"""Votes: one changeable ballot per viewer, by number or text, results announced once."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.clock import VirtualClock
from bot.games.vote import VoteError, VoteResult, VoteSession, percentages
from bot.store import games as store
from bot.store.db import Database

T0 = 1_700_000_000.0


class Chat:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.results: list[VoteResult] = []
        self.tastes: list[tuple[str, tuple[str, ...], str]] = []

    async def say(self, text: str) -> None:
        self.lines.append(text)

    async def on_result(self, result: VoteResult) -> None:
        self.results.append(result)

    async def on_taste(self, login: str, tags: tuple[str, ...], source: str) -> None:
        self.tastes.append((login, tags, source))


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "games.db")
    yield database
    await database.close()


def make_vote(
    db: Database, clock: VirtualClock, chat: Chat, *, lang: str = "zh-Hant", **extra
) -> VoteSession:
    return VoteSession(
        "下一個介紹哪個？",
        ["保濕精華", "防曬乳", "口紅"],
        clock,
        db,
        lang=lang,
        say=chat.say,
        on_result=chat.on_result,
        **extra,
    )


@pytest.mark.parametrize(
    ("options", "lang", "fragment"),
    [
        (["只有一個"], "zh-Hant", "投票需要 2 到 10 個選項。"),
        ([str(n) for n in range(11)], "en", "A vote needs 2 to 10 options."),
        (["保濕", "保湿"], "zh-Hant", "選項「保濕」和「保湿」看起來一樣。"),
        (["a", " "], "zh-Hans", "选项不能是空白的。"),
    ],
)
def test_bad_options_give_a_chat_ready_error(
    db: Database, options: list[str], lang: str, fragment: str
) -> None:
    with pytest.raises(VoteError) as caught:
        VoteSession("Q?", options, VirtualClock(T0), db, lang=lang, say=Chat().say, on_result=None)

    assert str(caught.value) == fragment
    assert isinstance(caught.value, ValueError)


async def test_ballots_by_number_or_text_in_either_script(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = make_vote(db, clock, chat)
    assert not vote.cast("early", "1")

    await vote.open()

    assert chat.lines == [
        "投票：下一個介紹哪個？ 1) 保濕精華 2) 防曬乳 3) 口紅（輸入號碼或選項投票，截止前可改票）"
    ]
    assert vote.cast("a", "1")
    assert vote.cast("b", "１")
    assert vote.cast("c", "二")
    assert vote.cast("d", "防晒乳")
    assert vote.cast("e", "我投 口紅！")
    assert vote.cast("f", "3號")
    assert not vote.cast("g", "4")
    assert not vote.cast("g", "a")
    assert not vote.cast("g", "1 2")
    assert not vote.cast("g", "好想要口紅")

    result = await vote.close()

    assert result.counts == (2, 2, 2)
    assert result.winners == (0, 1, 2)
    assert result.ballots == {"a": 0, "b": 0, "c": 1, "d": 1, "e": 2, "f": 2}


async def test_one_vote_per_viewer_changeable_until_close(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = make_vote(db, clock, chat, lang="en")
    await vote.open()

    assert vote.cast("Alice", "1")
    assert vote.cast("alice", "2")
    assert vote.cast("bob", "2")
    assert vote.cast("carol", "保濕精華")
    result = await vote.close()
    assert not vote.cast("alice", "3")

    assert result.counts == (1, 2, 0)
    assert result.percentages == (33, 67, 0)
    assert result.winners == (1,)
    assert result.winner_options == ("防曬乳",)
    assert chat.lines[-1] == (
        "Vote result: 下一個介紹哪個？ 1) 保濕精華 1 (33%) | 2) 防曬乳 2 (67%) | 3) 口紅 0 (0%)"
        " | Winner: 防曬乳"
    )
    assert await store.vote_ballots(db, result.vote_id) == {"alice": 1, "bob": 1, "carol": 0}
    row = await store.vote_row(db, result.vote_id)
    assert row is not None
    assert row["status"] == "closed"


async def test_closes_itself_after_its_duration_and_announces_once(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = make_vote(db, clock, chat, duration_s=120)
    await vote.open()
    assert "2 分鐘後截止" in chat.lines[0]
    vote.cast("a", "3")

    await clock.advance_to(T0 + 119)
    assert not vote.closed
    await clock.advance_to(T0 + 120)
    assert vote.closed
    again = await vote.close()
    await clock.advance_to(T0 + 1000)

    assert len(chat.lines) == 2
    assert (
        chat.lines[1]
        == "投票結果：下一個介紹哪個？ 1) 保濕精華 0 票 0%｜2) 防曬乳 0 票 0%｜3) 口紅 1 票 100%"
        "｜勝出：口紅"
    )
    assert len(chat.results) == 1
    assert chat.results[0] is again
    assert chat.results[0].ballots == {"a": 2}


async def test_ties_and_empty_votes(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    tie = make_vote(db, clock, chat, lang="en")
    await tie.open()
    tie.cast("a", "1")
    tie.cast("b", "2")
    result = await tie.close()
    assert result.winners == (0, 1)
    assert chat.lines[-1].endswith("| Tie: 保濕精華, 防曬乳")

    empty = make_vote(db, clock, chat, lang="en")
    await empty.open()
    result = await empty.close()
    assert result.winners == ()
    assert chat.lines[-1] == "Vote closed: 下一個介紹哪個？ Nobody voted."


async def test_tagged_options_report_tastes(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = make_vote(db, clock, chat, option_tags=[["保濕"], ["防曬"], []], on_taste=chat.on_taste)
    await vote.open()
    vote.cast("a", "1")
    vote.cast("b", "3")

    await vote.close()

    assert chat.tastes == [("a", ("保濕",), "vote")]


async def test_invisible_characters_are_left_out_of_the_vote(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = VoteSession(
        "Q?\u200b", ["保濕", "防曬 \U000e0000"], clock, db, lang="en", say=chat.say, on_result=None
    )

    await vote.open()

    assert vote.question == "Q?"
    assert vote.options == ("保濕", "防曬")
    assert chat.lines[0].startswith("Vote: Q? 1) 保濕 2) 防曬 (")


@pytest.mark.parametrize("line", ["-1", "－１", "0", "-2 \U000e0000"])
async def test_a_signed_or_zero_number_is_no_vote(db: Database, line: str) -> None:
    vote = make_vote(db, VirtualClock(T0), Chat())
    await vote.open()

    assert not vote.cast("ann", line)
    assert vote.cast("ann", "1")


def test_percentages_add_up_to_100() -> None:
    assert percentages([1, 1, 1]) == (34, 33, 33)
    assert percentages([0, 0]) == (0, 0)
    assert sum(percentages([7, 5, 3, 2])) == 100


async def test_shutdown_keeps_ballots_without_a_result(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    vote = make_vote(db, clock, chat, duration_s=60, option_tags=[["保濕"], ["防曬"], ["口紅"]])
    vote_id = await vote.open()
    vote.cast("ann", "1")
    vote.cast("bo", "防晒乳")

    await vote.interrupt()
    await vote.interrupt()
    await clock.advance_to(T0 + 120)

    assert len(chat.lines) == 1
    assert chat.results == []
    assert chat.tastes == []
    assert not vote.is_open
    assert not vote.cast("cy", "2")
    row = await store.vote_row(db, vote_id)
    assert row is not None
    assert row["status"] == "abandoned"
    assert await store.vote_ballots(db, vote_id) == {"ann": 0, "bo": 1}


@pytest.mark.parametrize(
    ("question", "options", "fragment"),
    [
        ("問" * 151, ["甲", "乙"], "問題最多 150 個字"),
        ("Q?", ["甲", "長" * 41], "選項「長長長長長長長長長長長長長長長長長長長…」太長了"),
        ("問" * 150, [f"{n}{'選' * 39}" for n in range(10)], "一則訊息放不下"),
    ],
)
def test_a_vote_too_long_to_announce_is_refused(
    db: Database, question: str, options: list[str], fragment: str
) -> None:
    with pytest.raises(VoteError) as caught:
        VoteSession(
            question, options, VirtualClock(T0), db, lang="zh-Hant", say=Chat().say, on_result=None
        )

    assert fragment in str(caught.value)
    assert caught.value.in_language("en").startswith(("A question", "Option", "The question"))


async def test_the_longest_vote_allowed_shows_every_option(db: Database) -> None:
    clock, chat = VirtualClock(T0), Chat()
    options = [f"{n}{'選' * 39}" for n in range(5)]
    vote = VoteSession(
        "問" * 150, options, clock, db, lang="en", say=chat.say, on_result=None, duration_s=3600
    )

    await vote.open()

    assert len(chat.lines[0]) <= 500
    assert f"5) {options[4]} (type a number" in chat.lines[0]


async def test_a_vote_that_cannot_be_announced_is_not_left_open(db: Database) -> None:
    clock = VirtualClock(T0)

    async def broken_say(text: str) -> None:
        raise ConnectionError("chat is down")

    vote = VoteSession(
        "Q?", ["a", "b"], clock, db, lang="en", say=broken_say, on_result=None, duration_s=60
    )

    with pytest.raises(ConnectionError):
        await vote.open()

    assert not vote.is_open
    assert not vote.cast("ann", "1")
    assert clock.next_due() is None
    rows = await db.fetchall("SELECT status FROM votes")
    assert [row["status"] for row in rows] == ["abandoned"]
