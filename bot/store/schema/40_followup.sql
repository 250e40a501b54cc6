-- List link tokens by their SHA-256 digest, never the token itself, so a copy of the database
-- does not hand out working links. key_id names the signing key, so a new key re-links everyone.
CREATE TABLE IF NOT EXISTS list_links (
    digest TEXT PRIMARY KEY,
    key_id TEXT NOT NULL,
    login TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_links_login ON list_links (login, key_id);

-- Clicks from a list page through to a product, with the arm of the recommendation behind it.
CREATE TABLE IF NOT EXISTS list_clicks (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL,
    product_id TEXT NOT NULL,
    arm TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS list_clicks_arm ON list_clicks (arm);

-- Every whisper booked against Twitch's limits, so the daily budget survives a restart.
CREATE TABLE IF NOT EXISTS whisper_log (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS whisper_log_t ON whisper_log (t);

-- Post-show whispers: scheduled (waiting for the delay), queued (due, waiting for the budget),
-- sending (handed to Twitch, outcome not yet stored), sent, failed, or cancelled (opted out).
CREATE TABLE IF NOT EXISTS pushes (
    id INTEGER PRIMARY KEY,
    show_key TEXT NOT NULL,
    login TEXT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('scheduled', 'queued', 'sending', 'sent', 'failed', 'cancelled')),
    due_at REAL NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    finished_at REAL,
    note TEXT NOT NULL DEFAULT '',
    UNIQUE (show_key, login)
);
CREATE INDEX IF NOT EXISTS pushes_status_due ON pushes (status, due_at);

-- At most one pending push per viewer: their link is the same for every show, so a later show's
-- push for a viewer still waiting would be the same message. Databases written before this rule
-- may hold such pairs; the later of each is cancelled before the index can be made.
UPDATE pushes SET status = 'cancelled', note = 'merged into an earlier pending push'
WHERE status IN ('scheduled', 'queued') AND EXISTS (
    SELECT 1 FROM pushes AS earlier
    WHERE earlier.login = pushes.login
        AND earlier.status IN ('scheduled', 'queued')
        AND (earlier.due_at, earlier.id) < (pushes.due_at, pushes.id)
);
CREATE UNIQUE INDEX IF NOT EXISTS pushes_one_pending_per_viewer
    ON pushes (login) WHERE status IN ('scheduled', 'queued');
