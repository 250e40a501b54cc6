"""Storage for quizzes, votes, lucky draws and the game switches."""

import json
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import aiosqlite

from bot.store.db import Database

logger = logging.getLogger(__name__)

SWITCH_SCOPE = "channel"
SWITCH_PREFIX = "game."


@dataclass(frozen=True)
class QuizAnswerRow:
    question: int
    login: str
    t: float
    text: str
    choice: int | None
    correct: bool
    points: int


@dataclass(frozen=True)
class DrawPickRow:
    round: int
    seed: str
    requested: int
    winners: tuple[str, ...]


@dataclass(frozen=True)
class AbandonedGame:
    """A quiz run, vote or draw a crash left open, marked 'abandoned' on the next start."""

    kind: str
    id: int
    started_at: float


async def create_quiz_run(
    db: Database, *, bank: str, title: str, lang: str, questions: int, started_at: float
) -> int:
    return await db.execute(
        "INSERT INTO quiz_runs (bank, title, lang, questions, started_at, status)"
        " VALUES (?, ?, ?, ?, ?, 'running')",
        (bank, title, lang, questions, started_at),
    )


async def save_quiz_answers(db: Database, run_id: int, answers: Iterable[QuizAnswerRow]) -> None:
    await db.executemany(
        "INSERT OR IGNORE INTO quiz_answers"
        " (run_id, question, login, t, text, choice, correct, points)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                run_id,
                answer.question,
                answer.login,
                answer.t,
                answer.text,
                answer.choice,
                int(answer.correct),
                answer.points,
            )
            for answer in answers
        ],
    )


async def finish_quiz_run(
    db: Database,
    run_id: int,
    *,
    status: str,
    ended_at: float,
    scores: Sequence[tuple[str, int]],
) -> None:
    """Close the run and keep the final scores, ranked in the order given."""
    async with db.transaction() as transaction:
        await transaction.execute(
            "UPDATE quiz_runs SET status = ?, ended_at = ? WHERE id = ?",
            (status, ended_at, run_id),
        )
        await transaction.executemany(
            "INSERT OR REPLACE INTO quiz_scores (run_id, login, score, rank) VALUES (?, ?, ?, ?)",
            [(run_id, login, score, rank) for rank, (login, score) in enumerate(scores, 1)],
        )


async def quiz_run(db: Database, run_id: int) -> aiosqlite.Row | None:
    return await db.fetchone("SELECT * FROM quiz_runs WHERE id = ?", (run_id,))


async def quiz_answers(db: Database, run_id: int) -> list[QuizAnswerRow]:
    rows = await db.fetchall(
        "SELECT question, login, t, text, choice, correct, points FROM quiz_answers"
        " WHERE run_id = ? ORDER BY question, t, id",
        (run_id,),
    )
    return [
        QuizAnswerRow(
            question=row["question"],
            login=row["login"],
            t=row["t"],
            text=row["text"],
            choice=row["choice"],
            correct=bool(row["correct"]),
            points=row["points"],
        )
        for row in rows
    ]


async def quiz_scores(db: Database, run_id: int) -> list[tuple[str, int]]:
    rows = await db.fetchall(
        "SELECT login, score FROM quiz_scores WHERE run_id = ? ORDER BY rank", (run_id,)
    )
    return [(row["login"], row["score"]) for row in rows]


async def create_vote(
    db: Database,
    *,
    question: str,
    options: Sequence[str],
    opened_at: float,
    closes_at: float | None,
) -> int:
    return await db.execute(
        "INSERT INTO votes (question, options, opened_at, closes_at, status)"
        " VALUES (?, ?, ?, ?, 'open')",
        (question, json.dumps(list(options), ensure_ascii=False), opened_at, closes_at),
    )


async def close_vote(
    db: Database,
    vote_id: int,
    *,
    closed_at: float,
    ballots: Mapping[str, tuple[int, float]],
    status: str = "closed",
) -> None:
    """Close the vote with each viewer's last ballot: login -> (option index, time cast)."""
    async with db.transaction() as transaction:
        await transaction.execute(
            "UPDATE votes SET status = ?, closed_at = ? WHERE id = ?", (status, closed_at, vote_id)
        )
        await transaction.executemany(
            "INSERT OR REPLACE INTO vote_ballots (vote_id, login, option_index, t)"
            " VALUES (?, ?, ?, ?)",
            [(vote_id, login, index, t) for login, (index, t) in ballots.items()],
        )


async def vote_row(db: Database, vote_id: int) -> aiosqlite.Row | None:
    return await db.fetchone("SELECT * FROM votes WHERE id = ?", (vote_id,))


async def vote_ballots(db: Database, vote_id: int) -> dict[str, int]:
    rows = await db.fetchall(
        "SELECT login, option_index FROM vote_ballots WHERE vote_id = ? ORDER BY login",
        (vote_id,),
    )
    return {row["login"]: row["option_index"] for row in rows}


async def create_draw(db: Database, *, title: str, opened_at: float) -> int:
    return await db.execute(
        "INSERT INTO draws (title, opened_at, status) VALUES (?, ?, 'open')", (title, opened_at)
    )


async def close_draw(
    db: Database,
    draw_id: int,
    *,
    closed_at: float,
    entries: Sequence[str],
    status: str = "closed",
) -> None:
    async with db.transaction() as transaction:
        await transaction.execute(
            "UPDATE draws SET status = ?, closed_at = ? WHERE id = ?", (status, closed_at, draw_id)
        )
        await transaction.executemany(
            "INSERT INTO draw_entries (draw_id, position, login) VALUES (?, ?, ?)",
            [(draw_id, position, login) for position, login in enumerate(entries)],
        )


async def record_draw_pick(
    db: Database,
    draw_id: int,
    *,
    round_number: int,
    seed: int,
    requested: int,
    winners: Sequence[str],
    t: float,
) -> None:
    await db.execute(
        "INSERT INTO draw_picks (draw_id, round, seed, requested, winners, t)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        (
            draw_id,
            round_number,
            str(seed),
            requested,
            json.dumps(list(winners), ensure_ascii=False),
            t,
        ),
    )


async def draw_entries(db: Database, draw_id: int) -> list[str]:
    rows = await db.fetchall(
        "SELECT login FROM draw_entries WHERE draw_id = ? ORDER BY position", (draw_id,)
    )
    return [row["login"] for row in rows]


async def draw_picks(db: Database, draw_id: int) -> list[DrawPickRow]:
    rows = await db.fetchall(
        "SELECT round, seed, requested, winners FROM draw_picks WHERE draw_id = ? ORDER BY round",
        (draw_id,),
    )
    return [
        DrawPickRow(
            round=row["round"],
            seed=row["seed"],
            requested=row["requested"],
            winners=tuple(json.loads(row["winners"])),
        )
        for row in rows
    ]


async def draw_row(db: Database, draw_id: int) -> aiosqlite.Row | None:
    return await db.fetchone("SELECT * FROM draws WHERE id = ?", (draw_id,))


async def abandon_unfinished(db: Database, *, now: float | None) -> list[AbandonedGame]:
    """Mark quiz runs, votes and draws left open by a crash as abandoned, and return them.

    An abandoned quiz keeps the scores of the questions that closed before the crash, since
    their answers were stored when each closed.
    """
    async with db.transaction() as transaction:
        abandoned = [
            AbandonedGame(kind, row["id"], row["started_at"])
            for kind, query in (
                ("quiz", "SELECT id, started_at FROM quiz_runs WHERE status = 'running'"),
                ("vote", "SELECT id, opened_at AS started_at FROM votes WHERE status = 'open'"),
                ("draw", "SELECT id, opened_at AS started_at FROM draws WHERE status = 'open'"),
            )
            for row in await transaction.fetchall(query + " ORDER BY id")
        ]
        await transaction.execute(
            "INSERT OR IGNORE INTO quiz_scores (run_id, login, score, rank)"
            " SELECT run_id, login, total,"
            " ROW_NUMBER() OVER (PARTITION BY run_id ORDER BY total DESC, reached, login)"
            " FROM (SELECT a.run_id, a.login, SUM(a.points) AS total,"
            " MAX(CASE WHEN a.points > 0 THEN a.t END) AS reached"
            " FROM quiz_answers AS a JOIN quiz_runs AS r ON r.id = a.run_id"
            " WHERE r.status = 'running' GROUP BY a.run_id, a.login)"
        )
        await transaction.execute(
            "UPDATE quiz_runs SET status = 'abandoned', ended_at = ? WHERE status = 'running'",
            (now,),
        )
        await transaction.execute(
            "UPDATE votes SET status = 'abandoned', closed_at = ? WHERE status = 'open'", (now,)
        )
        await transaction.execute(
            "UPDATE draws SET status = 'abandoned', closed_at = ? WHERE status = 'open'", (now,)
        )
    return abandoned


async def load_game_switches(db: Database) -> dict[str, str]:
    """Stored switch values by game name ('on' or 'off'); games never set are absent."""
    rows = await db.fetchall(
        "SELECT key, value FROM settings WHERE scope = ? AND key LIKE ?",
        (SWITCH_SCOPE, SWITCH_PREFIX + "%"),
    )
    return {row["key"].removeprefix(SWITCH_PREFIX): row["value"] for row in rows}


async def save_game_switches(db: Database, values: Mapping[str, str]) -> None:
    await db.executemany(
        "INSERT INTO settings (scope, key, value) VALUES (?, ?, ?)"
        " ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value",
        [(SWITCH_SCOPE, SWITCH_PREFIX + name, value) for name, value in values.items()],
    )
