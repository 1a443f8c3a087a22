-- parley store, schema version 1 (SQLite).

-- +goose Up
CREATE TABLE articles (
    seq                 INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    source_id           TEXT NOT NULL DEFAULT '',
    story_id            TEXT NOT NULL,
    url                 TEXT NOT NULL DEFAULT '',
    title               TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    source_key          TEXT NOT NULL,
    lang                TEXT NOT NULL DEFAULT '',
    published           TEXT NOT NULL DEFAULT '',
    published_day       TEXT NOT NULL DEFAULT '',
    published_precision TEXT NOT NULL DEFAULT '',
    dateline            TEXT NOT NULL DEFAULT '',
    text                TEXT NOT NULL,
    minhash             BLOB,
    num_mentions        INTEGER NOT NULL DEFAULT 0,
    num_events          INTEGER NOT NULL DEFAULT 0,
    ingested_at         TEXT NOT NULL
);
CREATE INDEX articles_story ON articles (story_id);
CREATE INDEX articles_published ON articles (published_day);

-- MinHash band keys, for near-duplicate lookup.
CREATE TABLE article_bands (
    band        INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    PRIMARY KEY (band, article_seq)
) WITHOUT ROWID;

CREATE TABLE actors (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',
    sector     TEXT NOT NULL DEFAULT '',
    num_events INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The spellings stored mentions used for an actor.
CREATE TABLE actor_names (
    actor_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (actor_id, name)
) WITHOUT ROWID;
CREATE INDEX actor_names_name ON actor_names (name COLLATE NOCASE);

CREATE TABLE entity_mentions (
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
CREATE INDEX entity_mentions_actor ON entity_mentions (actor_id, article_seq);

CREATE TABLE events (
    seq              INTEGER PRIMARY KEY,
    id               TEXT NOT NULL UNIQUE,
    merge_key        TEXT NOT NULL,
    event_type       TEXT NOT NULL,
    mode             TEXT NOT NULL DEFAULT '',
    quad             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT '',
    context          TEXT NOT NULL DEFAULT '[]',
    date             TEXT NOT NULL DEFAULT '',
    date_precision   TEXT NOT NULL DEFAULT '',
    date_lo          TEXT NOT NULL DEFAULT '',
    date_hi          TEXT NOT NULL DEFAULT '',
    location         TEXT,
    location_name    TEXT NOT NULL DEFAULT '',
    location_country TEXT NOT NULL DEFAULT '',
    text             TEXT NOT NULL DEFAULT '',
    confidence       REAL NOT NULL DEFAULT 0,
    num_mentions     INTEGER NOT NULL DEFAULT 0,
    num_sources      INTEGER NOT NULL DEFAULT 0,
    num_articles     INTEGER NOT NULL DEFAULT 0,
    num_stories      INTEGER NOT NULL DEFAULT 0,
    first_seen       TEXT NOT NULL DEFAULT '',
    last_seen        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_key ON events (merge_key, date_lo);
CREATE INDEX events_date ON events (date_lo, seq);
CREATE INDEX events_type ON events (event_type, date_lo);

-- Participants of an event (role 0: actor, 1: recipient).
CREATE TABLE event_actors (
    event_seq   INTEGER NOT NULL,
    role        INTEGER NOT NULL,
    pos         INTEGER NOT NULL,
    actor_id    TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL DEFAULT '',
    country     TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    entity_text TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (event_seq, role, pos)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors (actor_id, event_seq);
CREATE INDEX event_actors_country ON event_actors (country, event_seq);

-- One event record of one article: the event's provenance.
CREATE TABLE event_mentions (
    seq         INTEGER PRIMARY KEY,
    id          TEXT NOT NULL,
    event_seq   INTEGER NOT NULL,
    article_seq INTEGER NOT NULL,
    record      TEXT NOT NULL,
    UNIQUE (article_seq, id)
);
CREATE INDEX event_mentions_event ON event_mentions (event_seq);

-- Full-text index of the evidence sentences; rowid = event_mentions.seq.
CREATE VIRTUAL TABLE evidence USING fts5 (text, content = '', columnsize = 0, tokenize = 'unicode61 remove_diacritics 2');

-- +goose Down
DROP TABLE evidence;
DROP TABLE event_mentions;
DROP TABLE event_actors;
DROP TABLE events;
DROP TABLE entity_mentions;
DROP TABLE actor_names;
DROP TABLE actors;
DROP TABLE article_bands;
DROP TABLE articles;
