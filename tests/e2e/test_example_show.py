"""The README's rehearsal: the example show played to the real bot through the stand-in."""

import json
import re
from collections import defaultdict

from bot.i18n import in_script
from bot.rehearsal import RehearsalResult
from tests.e2e.conftest import ROOT, example_catalog

MOD_COMMANDS = (
    "!quiz start",
    "!quiz stop",
    "!vote open",
    "!vote close",
    "!draw ",
    "!game ",
    "!lineup",
    "!show end",
)
PICKS_PREFIXES = ("為你挑選：", "为你挑选：", "Picked for you: ")


def transcript() -> list[dict]:
    lines = (ROOT / "examples" / "show.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def chats(result: RehearsalResult) -> list[dict]:
    """Chat messages, with the @login that starts every personal reply taken off."""
    return [
        {**message, "text": re.sub(r"^@\w+ ", "", message["text"])}
        for message in result.sent
        if message["kind"] == "chat"
    ]


def test_picks_replies_name_three_catalog_products(example_show: RehearsalResult) -> None:
    names = {
        product.display_name(lang)
        for product in example_catalog()
        for lang in ("zh-Hant", "zh-Hans", "en")
    }
    askers = {line["user"] for line in transcript() if line.get("text", "").startswith("!picks")}

    replies = [m for m in chats(example_show) if m["text"].startswith(PICKS_PREFIXES)]
    for reply in replies:
        picked = re.findall(r"\d\) (.+?) — ", reply["text"])
        assert len(picked) == 3, reply["text"]
        assert set(picked) <= names, reply["text"]
        assert "/l/" in reply["text"]
        if reply["text"].startswith("为你挑选"):
            assert all(name == in_script(name, "zh-Hans") for name in picked)
        if reply["text"].startswith("Picked for you"):
            assert not any("\u4e00" <= char <= "\u9fff" for char in reply["text"]), reply

    assert {reply["to"] for reply in replies} == askers
    assert len(askers) >= 15


def test_quiz_results_announced_once_per_question(example_show: RehearsalResult) -> None:
    texts = [message["text"] for message in chats(example_show)]
    questions = [text for text in texts if text.startswith("【保養小學堂】")]
    results = [text for text in texts if text.startswith("答案：")]
    finals = [text for text in texts if text.startswith("問答結束")]

    assert len(questions) == 5
    assert len(results) == 5
    assert len(finals) == 1
    quiz = example_show.summary["quizzes"][0]
    assert quiz["ended"] == "finished"
    assert quiz["leaders"][0]["score"] > 0


def test_vote_result_announced_once_and_counted(example_show: RehearsalResult) -> None:
    results = [m["text"] for m in chats(example_show) if m["text"].startswith("投票結果")]
    vote = example_show.summary["votes"][0]

    assert len(results) == 1
    assert vote["winners"] == ["3C"]
    assert sum(vote["percentages"]) == 100
    voters = {
        line["user"] for line in transcript() if re.match(r"!vote [^oc]", line.get("text", ""))
    }
    assert 0 < sum(vote["counts"]) <= len(voters)


def test_whispers_reach_only_opted_in_viewers(example_show: RehearsalResult) -> None:
    wanted: dict[str, bool] = {}
    for line in transcript():
        text = line.get("text", "")
        if text.startswith("!notify "):
            wanted[line["user"]] = text.split()[1] == "on"
    opted_in = {login for login, on in wanted.items() if on}

    whispers = [m for m in example_show.sent if m["kind"] == "whisper"]
    recipients = {m["to"] for m in whispers}
    assert recipients == opted_in
    assert len(recipients) <= 40
    assert all("/l/" in m["text"] for m in whispers)
    simplified = [m["text"] for m in whispers if m["text"].startswith("谢谢收看")]
    assert simplified
    assert all(text == in_script(text, "zh-Hans") for text in simplified)
    assert example_show.summary["pushes"]["sent"] == len(opted_in)


def test_viewers_trying_moderator_commands_are_refused(example_show: RehearsalResult) -> None:
    tries: dict[str, int] = defaultdict(int)
    for line in transcript():
        badges = set(line.get("badges", []))
        if line.get("text", "").startswith(MOD_COMMANDS) and not badges & {
            "moderator",
            "broadcaster",
        }:
            tries[line["user"]] += 1
    assert tries

    denials = [m for m in example_show.sent if "只有主持人和管理員" in m["text"]]
    for login in tries:
        assert sum(m["text"].count(f"@{login} ") for m in denials) == 1
    ends = [m for m in chats(example_show) if m["text"].startswith("感謝收看")]
    assert len(ends) == 1


def test_chat_stays_within_twitch_limits(example_show: RehearsalResult) -> None:
    times = [m["t"] for m in chats(example_show)]
    for index, start in enumerate(times):
        assert sum(1 for t in times[index:] if t < start + 30) <= 20
    assert all(len(m["text"]) <= 500 for m in example_show.sent)
    assert example_show.summary["show"]["standin"]["chat_rate_limited"] == 0
    assert not any("Traceback" in m["text"] or "Error" in m["text"] for m in example_show.sent)


def test_summary_ranks_products_by_weight(example_show: RehearsalResult) -> None:
    products = example_show.summary["products"]
    weights = [product["weight"] for product in products]
    assert weights == sorted(weights, reverse=True)
    assert products[0]["mentions"] > 0
    assert {"id", "weight", "mentions", "sentiment"} <= set(products[0])
    for key in ("quizzes", "votes", "viewers", "lists", "pushes"):
        assert key in example_show.summary
    assert set(example_show.summary["pushes"]) >= {"scheduled", "sent", "queued"}
