-- parley store: analysts' corrections of events (web UI review). Numbered
-- 900 to stay clear of the main schema's sequence.

-- +goose Up
CREATE TABLE corrections (
    seq        INTEGER PRIMARY KEY,
    event_id   TEXT NOT NULL,
    wrong      INTEGER NOT NULL DEFAULT 0,
    event_type TEXT NOT NULL DEFAULT '',
    quad       TEXT NOT NULL DEFAULT '',
    actor      TEXT,
    recipient  TEXT,
    note       TEXT NOT NULL DEFAULT '',
    reviewer   TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    original   TEXT
);
CREATE INDEX corrections_event ON corrections (event_id, seq);

-- +goose Down
DROP TABLE corrections;
