"""A quiz flood: 300 answers a second for a minute, in bursts and one by one, scored alike."""

import json
import logging
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from bot.room import ShowRoom
from tests.e2e.conftest import ROOT, run_rehearsal, write_transcript

logger = logging.getLogger(__name__)

MOD = ["moderator"]
VIEWERS = 5000
PER_SECOND = 300
SECONDS = 60
QUESTION_S = 30

# The skincare bank's first three answers are A, C and B; each list mixes widths, scripts,
# wrapping words and the option's own text.
RIGHT = (
    ("A", "ａ", "我選A", "維他命C", "维他命C", "a!", "答案是Ａ", "!answer A"),
    ("C", "ｃ", "我选C", "補水保濕", "补水保湿", "C!!", "選 c", "!answer 補水保濕"),
    ("B", "ｂ", "B!", "UVB", "ｕｖｂ", "我選B", "答案是b吧", "!answer b"),
)
WRONG = (
    ("B", "C", "ｄ", "視黃醇", "视黄醇", "!answer D"),
    ("A", "b", "Ｄ", "美白淡斑", "!answer 控油收斂"),
    ("A", "C", "UVA", "藍光", "!answer 紅外線"),
)
CHATTER = ("好想要", "+1", "主播好美", "BB霜多少", "666", "哈哈哈", "abc")

# The slow replay runs in its own process beside the burst, since twitchio's endpoints are
# process-wide; the two together take about as long as one.
SLOW_REPLAY = """
import sys
from pathlib import Path
from tests.e2e.conftest import run_rehearsal
transcript, out_dir = Path(sys.argv[1]), Path(sys.argv[2])
run_rehearsal(transcript, out_dir, out_dir / "slow.db")
"""


def flood_lines(seed: int = 4) -> list[dict[str, Any]]:
    """A moderator's quiz, then 300 lines a second from 5,000 viewers, some more than once."""
    rng = random.Random(seed)
    speakers = [f"viewer{number:04d}" for number in range(VIEWERS)]
    speakers += rng.choices(speakers, k=PER_SECOND * SECONDS - VIEWERS)
    rng.shuffle(speakers)

    lines: list[dict[str, Any]] = [
        {"t": 0, "type": "chat", "user": "mod_amy", "text": "!quiz start skincare", "badges": MOD}
    ]
    for second in range(1, SECONDS + 1):
        question = second // QUESTION_S
        for _ in range(PER_SECOND):
            roll = rng.random()
            pool = RIGHT if roll < 0.5 else WRONG if roll < 0.9 else None
            text = rng.choice(pool[question] if pool else CHATTER)
            lines.append({"t": second, "type": "chat", "user": speakers.pop(), "text": text})

    # The first right answer of a question's first second comes by command and then by chat,
    # so a burst that took commands out of order would give the bonus to someone else.
    lines[1]["text"] = "!answer 維他命C"
    lines[1 + PER_SECOND * (QUESTION_S - 1)]["text"] = "补水保湿"
    lines.append({"t": SECONDS + 2, "type": "chat", "user": "mod_amy", "text": "!quiz stop"})
    lines[-1]["badges"] = MOD
    return lines


def stored_quiz(db_path: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(db_path) as connection:
        return {
            "answers": connection.execute(
                "SELECT question, login, t, text, choice, correct, points FROM quiz_answers"
                " ORDER BY question, login"
            ).fetchall(),
            "scores": connection.execute(
                "SELECT login, score, rank FROM quiz_scores ORDER BY rank"
            ).fetchall(),
        }


@pytest.fixture
def concurrency(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The most chat handlers the room ran at once, per rehearsal, as [current, most]."""
    counts = [0, 0]
    handle = ShowRoom.on_chat

    async def counted(room: ShowRoom, line: Any) -> None:
        counts[0] += 1
        counts[1] = max(counts)
        try:
            await handle(room, line)
        finally:
            counts[0] -= 1

    monkeypatch.setattr(ShowRoom, "on_chat", counted)
    return counts


def test_a_flood_of_answers_scores_as_a_slow_replay(
    tmp_path: Path, concurrency: list[int]
) -> None:
    lines = flood_lines()
    assert len({line["user"] for line in lines[1:-1]}) == VIEWERS
    transcript = write_transcript(tmp_path / "flood.jsonl", lines)
    burst_dir, slow_dir = tmp_path / "burst", tmp_path / "slow"
    slow_dir.mkdir()

    started = time.perf_counter()
    slow_replay = subprocess.Popen(
        [sys.executable, "-c", SLOW_REPLAY, str(transcript), str(slow_dir)], cwd=ROOT
    )
    try:
        burst = run_rehearsal(transcript, burst_dir, burst_dir / "burst.db", burst=True)
        slow_replay.wait(timeout=300)
    finally:
        if slow_replay.poll() is None:
            slow_replay.kill()
            slow_replay.wait()
    logger.info(
        "flood of %d lines: burst %.1f s, both %.1f s, %d chat handlers at once in the burst",
        len(lines),
        burst.wall_s,
        time.perf_counter() - started,
        concurrency[1],
    )

    assert slow_replay.returncode == 0
    assert concurrency[1] >= PER_SECOND
    burst_quiz, slow_quiz = stored_quiz(burst_dir / "burst.db"), stored_quiz(slow_dir / "slow.db")
    assert burst_quiz == slow_quiz
    slow_summary = json.loads((slow_dir / "summary.json").read_text(encoding="utf-8"))
    slow_sent = (slow_dir / "sent.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(json.dumps(burst.summary["quizzes"])) == slow_summary["quizzes"]
    assert [json.dumps(message, ensure_ascii=False) for message in burst.sent] == slow_sent
    assert burst.summary["chat_lines"] == slow_summary["chat_lines"]

    said = [message["text"] for message in burst.sent]
    assert [text[:3] for text in said] == [
        "【保養",
        "答案：",
        "【保養",
        "答案：",
        "【保養",
        "答案：",
        "問答已",
    ]
    assert said[1].startswith("答案：A) 維他命C！最快答對 @" + lines[1]["user"])
    assert said[3].startswith("答案：C) 補水保濕！最快答對 @" + lines[1 + 29 * PER_SECOND]["user"])
    quiz = burst.summary["quizzes"][0]
    assert quiz["asked"] == 3
    assert quiz["players"] == len({row[1] for row in burst_quiz["answers"]})
    assert quiz["answers"] == len(burst_quiz["answers"]) > VIEWERS
    assert len(burst_quiz["scores"]) == quiz["players"]
