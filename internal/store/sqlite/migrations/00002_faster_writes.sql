-- parley store, schema version 2 (SQLite): fewer B-tree pages written per
-- article, since each commit writes every page it touched to the WAL.
--
--   - MinHash band rows leave the file: the engine indexes the bands in
--     memory, from articles.minhash.
--   - Entity mentions are keyed by actor (the only way they are looked up),
--     so the table is its own actor index.
--   - An article's event mentions are the seqs first_mention up to
--     first_mention + num_events - 1: no index on event_mentions.article_seq.
--   - No index on story_id or on event type (queries on a type walk the
--     date index, which carries the type); actors.num_events is no longer
--     kept (readers count).
--   - The evidence index is filled in batches: event_mentions rows with a
--     seq above evidence_state.indexed are not in it yet. Writers index them
--     every few hundred mentions, on open and close, and before any
--     full-text query.

-- +goose Up
DROP TABLE article_bands;
DROP INDEX articles_story;
DROP INDEX events_type;
-- Pages of events in date order walk this index; it carries what the
-- common filters check, so that they need no table row.
DROP INDEX events_date;
CREATE INDEX events_date ON events (date_lo, seq, date_hi, status, event_type, quad, location_country);

CREATE TABLE entity_mentions_v2 (
    actor_id    TEXT NOT NULL DEFAULT '',
    article_seq INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (actor_id, article_seq, idx)
) WITHOUT ROWID;
INSERT INTO entity_mentions_v2 (actor_id, article_seq, idx, sentence, span_start, span_end, kind, name)
    SELECT actor_id, article_seq, idx, sentence, span_start, span_end, kind, name FROM entity_mentions;
DROP TABLE entity_mentions;
ALTER TABLE entity_mentions_v2 RENAME TO entity_mentions;

ALTER TABLE articles ADD COLUMN first_mention INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET first_mention = coalesce((SELECT min(m.seq) FROM event_mentions m WHERE m.article_seq = articles.seq), 0);

CREATE TABLE event_mentions_v2 (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    record      TEXT NOT NULL
);
INSERT INTO event_mentions_v2 (seq, id, event_seq, article_seq, record)
    SELECT seq, id, event_seq, article_seq, record FROM event_mentions;
DROP TABLE event_mentions;
ALTER TABLE event_mentions_v2 RENAME TO event_mentions;
CREATE INDEX event_mentions_event ON event_mentions (event_seq);

CREATE TABLE evidence_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    indexed INTEGER NOT NULL
);
INSERT INTO evidence_state (id, indexed) SELECT 1, coalesce(max(seq), 0) FROM event_mentions;

-- +goose Down
INSERT INTO evidence (rowid, text) SELECT seq, json_extract(record, '$.text') FROM event_mentions
    WHERE seq > (SELECT indexed FROM evidence_state);
DROP TABLE evidence_state;

CREATE TABLE event_mentions_v1 (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    record      TEXT NOT NULL,
    UNIQUE (article_seq, id)
);
INSERT INTO event_mentions_v1 SELECT seq, id, event_seq, article_seq, record FROM event_mentions;
DROP TABLE event_mentions;
ALTER TABLE event_mentions_v1 RENAME TO event_mentions;
CREATE INDEX event_mentions_event ON event_mentions (event_seq);
ALTER TABLE articles DROP COLUMN first_mention;

CREATE TABLE entity_mentions_v1 (
    article_seq INTEGER NOT NULL,
    idx         INTEGER NOT NULL,
    sentence    INTEGER NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_seq, idx)
) WITHOUT ROWID;
INSERT INTO entity_mentions_v1 SELECT article_seq, idx, sentence, span_start, span_end, kind, actor_id, name FROM entity_mentions;
DROP TABLE entity_mentions;
ALTER TABLE entity_mentions_v1 RENAME TO entity_mentions;
CREATE INDEX entity_mentions_actor ON entity_mentions (actor_id, article_seq);

UPDATE actors SET num_events = (SELECT count(DISTINCT event_seq) FROM event_actors WHERE actor_id = actors.id);
CREATE INDEX events_type ON events (event_type, date_lo);
DROP INDEX events_date;
CREATE INDEX events_date ON events (date_lo, seq);
CREATE INDEX articles_story ON articles (story_id);
-- Band rows of the articles stored under version 2 are not restored.
CREATE TABLE article_bands (
    band        INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    PRIMARY KEY (band, article_seq)
) WITHOUT ROWID;
