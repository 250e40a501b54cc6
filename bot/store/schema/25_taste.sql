-- Live product weights, one row per product, written through on every change so a restart
-- resumes where the show was. weight is the value at updated_at and decays from there.
CREATE TABLE IF NOT EXISTS product_weights (
    product_id TEXT PRIMARY KEY,
    weight REAL NOT NULL,
    updated_at REAL NOT NULL,
    mentions INTEGER NOT NULL DEFAULT 0,
    sentiment_sum REAL NOT NULL DEFAULT 0,
    sentiment_count INTEGER NOT NULL DEFAULT 0,
    votes INTEGER NOT NULL DEFAULT 0,
    gifts REAL NOT NULL DEFAULT 0
);

-- What each viewer did, as counts: the segment and the report read these.
CREATE TABLE IF NOT EXISTS taste_viewers (
    login TEXT PRIMARY KEY,
    first_t REAL NOT NULL,
    last_t REAL NOT NULL,
    lines INTEGER NOT NULL DEFAULT 0,
    quiz_answers INTEGER NOT NULL DEFAULT 0,
    votes INTEGER NOT NULL DEFAULT 0,
    gifts INTEGER NOT NULL DEFAULT 0,
    gift_amount REAL NOT NULL DEFAULT 0
);

-- A viewer's affinity for one product, tag or category (kind), with the latest source of
-- evidence that raised it, which becomes the reason given with a pick.
CREATE TABLE IF NOT EXISTS taste_affinity (
    login TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    score REAL NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (login, kind, key)
);
CREATE INDEX IF NOT EXISTS taste_affinity_kind ON taste_affinity (kind, score);

-- Products a viewer said they bought or complained about (mark), which picks skip.
CREATE TABLE IF NOT EXISTS taste_marks (
    login TEXT NOT NULL,
    product_id TEXT NOT NULL,
    mark TEXT NOT NULL,
    t REAL NOT NULL,
    PRIMARY KEY (login, product_id, mark)
);

-- Buys credited to the latest pick that named the product. arm is that pick's arm, or the
-- viewer's assigned arm when the product was never picked for them (recommendation_id 0),
-- so the report can compare arms on both attributed and organic buys.
CREATE TABLE IF NOT EXISTS conversions (
    id INTEGER PRIMARY KEY,
    t REAL NOT NULL,
    login TEXT NOT NULL,
    product_id TEXT NOT NULL,
    arm TEXT NOT NULL,
    recommendation_id INTEGER NOT NULL DEFAULT 0,
    UNIQUE (login, product_id, recommendation_id)
);
