-- parley store, schema version 4 (SQLite): the events whose dates span
-- more than longSpanDays (10) days, by merge key and first day.
--
-- The writer finds the stored events a record may join in two walks:
-- events_key by date_hi, from the record's first day to longSpanDays after
-- its last, which holds every shorter event that overlaps it; and this
-- index, few events a key (months, years), for the longer ones. Without
-- it, one event a year long made every walk of events_key run a year past
-- the record.

-- +goose Up
CREATE INDEX events_long ON events (merge_key, date_lo) WHERE julianday(date_hi) - julianday(date_lo) > 10;

-- +goose Down
DROP INDEX events_long;
