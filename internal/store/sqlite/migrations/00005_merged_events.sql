-- parley store, schema version 5 (SQLite): the ids of events merged away.
--
-- When a knowledge-base edit makes two stored events one (a relabel
-- merge), the later is deleted and its mentions join the earlier. Its id
-- may be in links, exports and notes: merged_events maps it to the event
-- it joined, so that looking it up finds that event. Chains are kept flat:
-- every id maps to an event that exists, or to one an article brings back.

-- +goose Up
CREATE TABLE merged_events (
    id      TEXT PRIMARY KEY,
    into_id TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX merged_events_into ON merged_events (into_id);

-- +goose Down
DROP TABLE merged_events;
