"""The bot as a show runs it: redelivery, restarts, refusals, bad input, the whisper limit."""

import asyncio
import re
from collections.abc import Callable
from pathlib import Path

from bot.catalog import Catalog, Product
from bot.clock import VirtualClock
from bot.profiles import Profiles
from bot.rehearsal import RehearsalResult
from bot.store.db import Database
from tests.e2e.conftest import ROOT, example_catalog, run_rehearsal
from tests.e2e.lines import chat

Rehearse = Callable[..., RehearsalResult]
HOST = {"user": "host", "badges": ["broadcaster"]}
MOD = {"user": "mod_amy", "badges": ["moderator"]}


def replies_to(result: RehearsalResult, login: str) -> list[str]:
    """What the bot answered the viewer, without the @login that starts each reply."""
    return [
        m["text"].removeprefix(f"@{login} ")
        for m in result.sent
        if m["kind"] == "chat" and m["to"] == login
    ]


def small_show() -> list[dict]:
    return [
        chat(0, "host", "歡迎來到直播間！今天有小棕瓶和 AirPods", ["broadcaster"]),
        chat(5, "ann", "小棕瓶好好用，超推"),
        chat(6, "bo", "AirPods Pro 2 多少錢？"),
        chat(7, "cy", "这个小棕瓶太贵了吧"),
        {"t": 8, "type": "cheer", "user": "bo", "bits": 300, "text": "AirPods 衝"},
        {"t": 9, "type": "sub_gift", "user": "ann", "count": 2, "tier": "1000"},
        {
            "t": 10,
            "type": "redemption",
            "user": "cy",
            "reward": "想試用",
            "cost": 500,
            "input": "小棕瓶",
        },
        {"t": 11, "type": "raid", "user": "friend_ch", "viewers": 30},
        chat(20, "ann", "!picks"),
        chat(21, "bo", "!notify on"),
        chat(40, "host", "!show end", ["broadcaster"]),
    ]


def test_the_same_transcript_gives_the_same_output(
    example_show: RehearsalResult, tmp_path: Path
) -> None:
    again = run_rehearsal(ROOT / "examples" / "show.jsonl", tmp_path / "again")

    assert again.sent == example_show.sent
    assert again.summary == example_show.summary


def test_events_delivered_twice_are_taken_once(rehearse_lines: Rehearse) -> None:
    once = rehearse_lines(small_show())
    twice = rehearse_lines(small_show(), redeliver_every=1)

    assert (
        twice.summary["show"]["standin"]["notifications_sent"]
        > (once.summary["show"]["standin"]["notifications_sent"])
    )
    assert twice.sent == once.sent
    assert twice.summary["gifts"] == once.summary["gifts"]
    assert twice.summary["chat_lines"] == once.summary["chat_lines"]


def test_a_second_show_on_the_same_database_keeps_what_was_learned(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "shared.db"
    first = rehearse_lines(small_show(), db_path=db_path)
    second = rehearse_lines([chat(0, "ann", "!picks"), chat(5, "dee", "hello")], db_path=db_path)

    mentions_before = {p["id"]: p["mentions"] for p in first.summary["products"]}
    mentions_after = {p["id"]: p["mentions"] for p in second.summary["products"]}
    assert mentions_after == mentions_before
    assert second.summary["viewers"] == first.summary["viewers"] + 1
    assert second.summary["gifts"] == first.summary["gifts"]
    picks = replies_to(second, "ann")[0]
    assert "雅詩蘭黛小棕瓶" in picks


def test_whispers_stop_at_forty_a_day_and_the_rest_wait(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "shared.db"
    viewers = [f"fan{number:02d}" for number in range(45)]
    lines = [chat(1 + index, login, "!notify on") for index, login in enumerate(viewers)]
    lines.append(chat(100, "host", "!show end", ["broadcaster"]))

    first = rehearse_lines(lines, db_path=db_path)
    first_whispers = {m["to"] for m in first.sent if m["kind"] == "whisper"}
    assert len(first_whispers) == 40
    assert first.summary["pushes"]["queued"] == 5

    next_day = rehearse_lines([chat(0, "fan00", "hi again")], db_path=db_path)
    later = {m["to"] for m in next_day.sent if m["kind"] == "whisper"}
    assert later == set(viewers) - first_whispers
    assert next_day.summary["pushes"]["queued"] == 0


def test_a_viewer_is_told_no_once_and_nothing_starts(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "pat", "!quiz start skincare"),
            chat(5, "pat", "!quiz start skincare"),
            chat(10, "pat", "!vote open 哪個？ | A | B"),
            chat(15, "pat", "!show end"),
        ]
    )

    assert (
        len(replies_to(result, "pat"))
        + sum("@pat " in m["text"] for m in result.sent if m["to"] is None)
        == 1
    )
    assert result.summary["quizzes"] == []
    assert result.summary["votes"] == []
    assert result.summary["pushes"]["sent"] == 0


def test_bad_input_gets_short_replies_and_the_bot_keeps_going(rehearse_lines: Rehearse) -> None:
    mod = ["moderator"]
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!quiz start nosuchbank", mod),
            chat(5, "mod_amy", "!draw pick abc", mod),
            chat(10, "mod_amy", "!vote open only a question", mod),
            chat(15, "mod_amy", "!lineup not-a-product", mod),
            chat(20, "mod_amy", "!game sideways", mod),
            chat(25, "ann", "!vote"),
            chat(30, "ann", "!notify maybe"),
            chat(35, "ann", "\u200b"),
            chat(40, "ann", "🙂" * 400),
            chat(45, "ann", "!picks"),
        ]
    )

    mod_replies = replies_to(result, "mod_amy")
    assert len(mod_replies) == 5
    assert all(0 < len(text) <= 120 for text in mod_replies)
    ann = replies_to(result, "ann")
    assert any(text.startswith("為你挑選") for text in ann)
    assert not any("Traceback" in m["text"] for m in result.sent)


def test_picks_cooldown_keeps_one_viewer_from_flooding(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines([chat(t, "ann", "!picks") for t in (0, 2, 4, 6, 30)])

    assert len(replies_to(result, "ann")) == 2


def test_moderators_run_games_end_to_end(rehearse_lines: Rehearse) -> None:
    mod = ["moderator"]
    result = rehearse_lines(
        [
            chat(0, "mod_amy", "!vote open 60 下一個看什麼？ | 保養 | 3C", mod),
            chat(5, "ann", "!vote 2"),
            chat(6, "bo", "!vote 3c"),
            chat(7, "cy", "!vote 保養"),
            chat(8, "cy", "!vote 3C"),
            chat(100, "mod_amy", "!draw open", mod),
            chat(101, "ann", "!join"),
            chat(102, "bo", "!join"),
            chat(103, "mod_amy", "!draw pick 1", mod),
        ]
    )

    vote = result.summary["votes"][0]
    assert vote["counts"] == [0, 3]
    assert vote["winners"] == ["3C"]
    draw = result.summary["draws"][0]
    assert draw["entries"] == 2
    assert len(draw["winners"]) == 1
    electronics = {p["id"]: p["weight"] for p in result.summary["products"]}
    assert electronics["airpods-pro-2"] > electronics["anr-serum"]


def test_the_host_pitch_is_not_audience_interest_but_sets_the_product_on_show(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [
            chat(0, "host", "接下來介紹 AirPods Pro 2，降噪超強", ["broadcaster"]),
            chat(1, "host", "AirPods Pro 2 今天特價", ["broadcaster"]),
            {"t": 2, "type": "cheer", "user": "ann", "bits": 500, "text": ""},
        ]
    )

    products = {p["id"]: p for p in result.summary["products"]}
    assert products["airpods-pro-2"]["mentions"] == 0
    assert products["airpods-pro-2"]["weight"] > 0
    assert all(p["weight"] == 0 for key, p in products.items() if key != "airpods-pro-2")


def test_gifts_are_thanked_and_counted_in_profiles_and_weights(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "gifts.db"
    result = rehearse_lines(
        [
            {"t": 1, "type": "cheer", "user": "ann", "bits": 200, "text": "加油"},
            {"t": 2, "type": "sub_gift", "user": "bo", "count": 3, "tier": "1000"},
            {
                "t": 3,
                "type": "redemption",
                "user": "cy",
                "reward": "想試用",
                "cost": 800,
                "input": "小棕瓶",
            },
        ],
        db_path=db_path,
    )

    assert result.summary["gifts"] == {"bits": 200, "redemption": 800, "sub_gift": 3}
    thanks = [m["text"] for m in result.sent if m["kind"] == "chat"]
    assert any("ann" in text and "200" in text for text in thanks)
    assert any("bo" in text and "3" in text for text in thanks)
    products = {p["id"]: p for p in result.summary["products"]}
    assert products["anr-serum"]["weight"] > 0

    profiles = asyncio.run(gift_counts(db_path, ["ann", "bo", "cy"]))
    assert profiles == {"ann": 1, "bo": 1, "cy": 1}


async def gift_counts(db_path: Path, logins: list[str]) -> dict[str, int]:
    database = await Database.open(db_path)
    profiles = Profiles(database, example_catalog(), VirtualClock(0.0))
    counts = {login: (await profiles.profile(login)).gifts for login in logins}
    await database.close()
    return counts


def test_one_short_line_does_not_change_a_viewers_reply_language(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [
            chat(0, "mei", "這個小棕瓶我用了三年真的很好用"),
            chat(1, "mei", "今天有優惠嗎？想再買一瓶"),
            chat(2, "mei", "ok"),
            chat(3, "mei", "!notify on"),
            chat(4, "jess", "is the serum good for dry skin?"),
            chat(5, "jess", "love the packaging honestly"),
            chat(6, "jess", "3號"),
            chat(7, "jess", "!notify on"),
            chat(8, "wen", "这个多少钱啊，能便宜点吗"),
            chat(9, "wen", "!notify on"),
        ]
    )

    assert replies_to(result, "mei")[0].startswith("好的！節目結束後")
    assert replies_to(result, "jess")[0].startswith("Done!")
    assert replies_to(result, "wen")[0].startswith("好的！直播结束后")


def test_bought_without_naming_it_means_the_product_on_show(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "host", "這款 AirPods Pro 2 今天只要六千多", ["broadcaster"]),
            chat(5, "ann", "已拍！"),
            chat(6, "ann", "!picks"),
        ]
    )

    products = {p["id"]: p for p in result.summary["products"]}
    assert products["airpods-pro-2"]["mentions"] == 1
    assert "AirPods Pro 2" not in replies_to(result, "ann")[0]


def test_a_picks_reply_with_long_names_keeps_its_link_whole(rehearse_lines: Rehearse) -> None:
    long_names = Catalog(
        [
            Product(
                f"p{number}",
                f"超級無敵豪華限定版第{number}號保養精華禮盒組" * 5,
                (),
                "skincare",
                ("保濕",),
                999.0,
                f"https://shop.example.com/p{number}",
            )
            for number in range(4)
        ]
    )

    result = rehearse_lines([chat(0, "ann", "!picks")], catalog=long_names)

    reply = next(m["text"] for m in result.sent if m["to"] == "ann")
    assert len(reply) <= 500
    assert re.search(r"/l/[A-Za-z0-9_-]{20,}$", reply)


def test_a_full_width_prefix_works_like_the_ascii_one(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines([chat(0, "ann", "！picks"), chat(30, "bo", "！notify on")])

    assert replies_to(result, "ann")[0].startswith("為你挑選")
    assert replies_to(result, "bo")[0].startswith("好的")


def test_opting_in_after_the_show_ends_still_brings_tonights_list(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [
            chat(0, "ann", "小棕瓶好用"),
            chat(10, "host", "!show end", ["broadcaster"]),
            chat(20, "ann", "!notify on"),
        ]
    )

    whispers = [m for m in result.sent if m["kind"] == "whisper"]
    assert [m["to"] for m in whispers] == ["ann"]
    assert replies_to(result, "ann")[0].startswith("好的！今晚的清單")


def test_an_opt_in_from_an_earlier_show_does_not_whisper_absent_viewers(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "shows.db"
    end = chat(50, "host", "!show end", ["broadcaster"])
    rehearse_lines([chat(0, "ann", "!notify on"), chat(1, "bo", "!notify on"), end], db_path)

    next_show = rehearse_lines(
        [chat(0, "cy", "!notify on"), chat(5, "bo", "我又來了"), end], db_path
    )

    assert {m["to"] for m in next_show.sent if m["kind"] == "whisper"} == {"bo", "cy"}


def test_commands_typed_in_full_width_letters_work(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [chat(0, "ann", "！ｐｉｃｋｓ"), chat(30, "bo", "！ｎｏｔｉｆｙ　ｏｎ")]
    )

    assert replies_to(result, "ann")[0].startswith("為你挑選")
    assert replies_to(result, "bo")[0].startswith("好的")


def test_moderators_talking_about_products_is_not_audience_interest(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [chat(t, "mod_amy", "抹布今天沒有喔，去賣場看", ["moderator"]) for t in range(6)]
    )

    assert all(p["mentions"] == 0 for p in result.summary["products"])


def test_short_latin_lines_and_quiz_letters_do_not_make_a_viewer_english(
    rehearse_lines: Rehearse,
) -> None:
    result = rehearse_lines(
        [
            chat(0, "v00", "小棕瓶好用"),
            chat(1, "v00", "B"),
            chat(2, "v00", "!notify on"),
            chat(3, "hk_y", "好正"),
            chat(4, "hk_y", "ok"),
            chat(5, "hk_y", "lol"),
            chat(6, "hk_y", "!notify on"),
        ]
    )

    assert replies_to(result, "v00")[0].startswith("好的！")
    assert replies_to(result, "hk_y")[0].startswith("好的！")


def test_gift_thanks_follow_the_viewers_script(rehearse_lines: Rehearse) -> None:
    result = rehearse_lines(
        [
            chat(0, "sh_lili", "这个精华液多少钱啊"),
            {"t": 1, "type": "redemption", "user": "sh_lili", "reward": "想试用", "cost": 300},
        ]
    )

    assert any(m["text"].startswith("@sh_lili 感谢你兑换") for m in result.sent)


def test_a_product_the_viewer_asked_about_is_on_their_list(
    rehearse_lines: Rehearse, tmp_path: Path
) -> None:
    db_path = tmp_path / "asked.db"
    result = rehearse_lines(
        [
            chat(0, "ann", "小棕瓶多少錢？"),
            chat(1, "ann", "小棕瓶多少錢？？"),
            chat(2, "ann", "Dyson 還有貨嗎"),
            chat(3, "ann", "!notify on"),
            chat(10, "host", "!show end", ["broadcaster"]),
        ],
        db_path=db_path,
    )

    whisper = next(m["text"] for m in result.sent if m["kind"] == "whisper")
    assert "雅詩蘭黛小棕瓶" in whisper
    assert asyncio.run(list_products(db_path, "ann", arm="asked")) == ["dyson-v12", "anr-serum"]


async def list_products(db_path: Path, login: str, arm: str) -> list[str]:
    database = await Database.open(db_path)
    rows = await database.fetchall(
        "SELECT product_id FROM recommendations WHERE login = ? AND arm = ? ORDER BY t DESC",
        (login, arm),
    )
    await database.close()
    return [row["product_id"] for row in rows]
