-- Quizzes, votes and lucky draws. A run, vote or draw left open by a crash is marked
-- 'abandoned' when the bot starts again, so nothing stays half alive.
-- (No semicolons inside comments: the schema runner splits statements on them.)

-- status: running, finished, idle, stopped, error, interrupted (the bot shut down mid-quiz)
-- or abandoned (found running after a crash)
CREATE TABLE IF NOT EXISTS quiz_runs (
    id INTEGER PRIMARY KEY,
    bank TEXT NOT NULL,
    title TEXT NOT NULL,
    lang TEXT NOT NULL,
    questions INTEGER NOT NULL,
    started_at REAL NOT NULL,
    ended_at REAL,
    status TEXT NOT NULL DEFAULT 'running'
);
CREATE INDEX IF NOT EXISTS quiz_runs_status ON quiz_runs (status);

-- One row per answer taken: a viewer's first answer to a question. choice is the option
-- index for a multiple-choice question and NULL for a free answer.
CREATE TABLE IF NOT EXISTS quiz_answers (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES quiz_runs (id),
    question INTEGER NOT NULL,
    login TEXT NOT NULL,
    t REAL NOT NULL,
    text TEXT NOT NULL,
    choice INTEGER,
    correct INTEGER NOT NULL,
    points INTEGER NOT NULL,
    UNIQUE (run_id, question, login)
);
CREATE INDEX IF NOT EXISTS quiz_answers_login ON quiz_answers (login);

CREATE TABLE IF NOT EXISTS quiz_scores (
    run_id INTEGER NOT NULL REFERENCES quiz_runs (id),
    login TEXT NOT NULL,
    score INTEGER NOT NULL,
    rank INTEGER NOT NULL,
    PRIMARY KEY (run_id, login)
);

-- status: open, closed or abandoned (open at a shutdown or a crash). options is a JSON
-- list of strings.
CREATE TABLE IF NOT EXISTS votes (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL,
    options TEXT NOT NULL,
    opened_at REAL NOT NULL,
    closes_at REAL,
    closed_at REAL,
    status TEXT NOT NULL DEFAULT 'open'
);

-- A viewer's final ballot: changed votes keep only the last choice.
CREATE TABLE IF NOT EXISTS vote_ballots (
    vote_id INTEGER NOT NULL REFERENCES votes (id),
    login TEXT NOT NULL,
    option_index INTEGER NOT NULL,
    t REAL NOT NULL,
    PRIMARY KEY (vote_id, login)
);

-- status: open, closed or abandoned (open at a shutdown or a crash)
CREATE TABLE IF NOT EXISTS draws (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    opened_at REAL NOT NULL,
    closed_at REAL,
    status TEXT NOT NULL DEFAULT 'open'
);

-- Entries in the order they came in: a replay needs the same order to give the same winners.
CREATE TABLE IF NOT EXISTS draw_entries (
    draw_id INTEGER NOT NULL REFERENCES draws (id),
    position INTEGER NOT NULL,
    login TEXT NOT NULL,
    PRIMARY KEY (draw_id, position),
    UNIQUE (draw_id, login)
);

-- Each pick from a draw: round 2 and later draw from the entries not yet picked.
-- seed is text because a seed may not fit SQLite's 64-bit integers. winners is a JSON list.
CREATE TABLE IF NOT EXISTS draw_picks (
    draw_id INTEGER NOT NULL REFERENCES draws (id),
    round INTEGER NOT NULL,
    seed TEXT NOT NULL,
    requested INTEGER NOT NULL,
    winners TEXT NOT NULL,
    t REAL NOT NULL,
    PRIMARY KEY (draw_id, round)
);
