-- parley store, schema version 3 (SQLite): two indexes.
--
--   - events_key, which finds the stored events a new record may join,
--     carries both ends of their dates: the writer checks them in the index
--     without reading each event's row, and walks only the dates near the
--     record's (no event spans maxSpanDays, so date_hi falls between the
--     record's first day and its last day plus that).
--   - events_span holds the events whose dates span more than a day, by
--     span. A query from a date on must start its walk of the date index at
--     the earliest event still going on that day; one seek per span found
--     in the store tells which that is (see sinceFloor), instead of
--     starting maxSpanDays early.

-- +goose Up
DROP INDEX events_key;
CREATE INDEX events_key ON events (merge_key, date_hi, date_lo);
CREATE INDEX events_span ON events (julianday(date_hi) - julianday(date_lo), date_lo) WHERE date_hi > date_lo;

-- +goose Down
DROP INDEX events_span;
DROP INDEX events_key;
CREATE INDEX events_key ON events (merge_key, date_lo);
