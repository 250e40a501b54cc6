-- Every pick the bot gave, with the strategy arm that chose it: the follow-up list and the
-- post-show report read this table.
CREATE TABLE IF NOT EXISTS recommendations (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL,
    product_id TEXT NOT NULL,
    arm TEXT NOT NULL,
    rank INTEGER NOT NULL,
    reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS recommendations_login ON recommendations (login);
