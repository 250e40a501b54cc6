-- Events already handled: EventSub delivers at least once, so each message id is taken once.
CREATE TABLE IF NOT EXISTS processed_events (
    message_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    t REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS viewers (
    login TEXT PRIMARY KEY,
    user_id TEXT,
    display_name TEXT,
    lang TEXT,
    first_seen REAL NOT NULL,
    last_seen REAL NOT NULL,
    lines INTEGER NOT NULL DEFAULT 0,
    notify INTEGER NOT NULL DEFAULT 0,
    arm TEXT
);

CREATE TABLE IF NOT EXISTS chat_lines (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL,
    text TEXT NOT NULL,
    intent TEXT NOT NULL,
    sentiment REAL NOT NULL,
    products TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chat_lines_login ON chat_lines (login);

CREATE TABLE IF NOT EXISTS gifts (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL,
    kind TEXT NOT NULL,
    amount INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS gifts_login ON gifts (login);

-- Settings per scope: 'global', 'channel' or 'viewer:<login>'.
CREATE TABLE IF NOT EXISTS settings (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

-- How much each viewer has written in each language; the most is the language replies use.
CREATE TABLE IF NOT EXISTS viewer_languages (
    login TEXT NOT NULL,
    lang TEXT NOT NULL,
    evidence REAL NOT NULL,
    PRIMARY KEY (login, lang)
);
