package sqlite

import (
	"context"
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/parleyhq/parley/internal/store"
)

// where accumulates SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) sql() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// placeholders returns "?,?,?" for n values and the values as []any.
func placeholders(vals []string) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return strings.TrimSuffix(strings.Repeat("?,", len(vals)), ","), args
}

// like returns a LIKE pattern matching s anywhere (ESCAPE '\').
func like(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.TrimSpace(s)) + "%"
}

// maxSpanDays bounds the days an event's dates may span: a year at year
// precision, the policy's lookback for an undated record ([Open] refuses
// longer ones).
const maxSpanDays = 400

// longSpanDays: events whose dates span more days are in the events_long
// index (migration 4), which must say the same number (TestNearQueryPlan
// fails otherwise).
const longSpanDays = 10

// eventWhere translates a filter into conditions on events e.
//
// Each of the selective filters on actors and country is written one of
// two ways. By default, as the set of matching events (e.seq IN ...), from
// which the query starts: best when few events match. When dense says that
// many match, as a check on each event (EXISTS ...), so that a page of
// events in date order is found by walking the date index until the page
// is full, without collecting every match first.
func eventWhere(f store.Filter, dense denseFilters) (*where, error) {
	w := &where{}
	switch f.Status {
	case "":
		w.add(`e.status IN ('occurred', 'planned')`)
	case "any":
	default:
		w.add(`e.status = ?`, f.Status)
	}
	if len(f.ActorIDs) > 0 {
		ph, args := placeholders(f.ActorIDs)
		if dense.actors {
			w.add(`EXISTS (SELECT 1 FROM event_actors x WHERE x.event_seq = e.seq AND x.actor_id IN (`+ph+`))`, args...)
		} else {
			w.add(`e.seq IN (SELECT event_seq FROM event_actors WHERE actor_id IN (`+ph+`))`, args...)
		}
	}
	if f.ActorName != "" {
		p := like(f.ActorName)
		w.add(`e.seq IN (SELECT event_seq FROM event_actors WHERE name LIKE ? ESCAPE '\' OR entity_text LIKE ? ESCAPE '\'
			OR actor_id IN (SELECT actor_id FROM actor_names WHERE name LIKE ? ESCAPE '\'))`, p, p, p)
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		if dense.country {
			w.add(`(e.location_country = ? OR EXISTS (SELECT 1 FROM event_actors x WHERE x.event_seq = e.seq AND x.country = ?))`, c, c)
		} else {
			w.add(`(e.location_country = ? OR e.seq IN (SELECT event_seq FROM event_actors WHERE country = ?))`, c, c)
		}
	}
	if f.Type != "" {
		w.add(`e.event_type = ?`, strings.ToUpper(f.Type))
	}
	if f.Quad != "" {
		w.add(`e.quad = ?`, f.Quad)
	}
	if f.Context != "" {
		w.add(`EXISTS (SELECT 1 FROM json_each(e.context) WHERE value = ?)`, f.Context)
	}
	if !f.Since.IsZero() {
		// The second bound is implied by the first and lets the walk of the
		// date index start at the earliest event still going on that day.
		s := f.Since.Format(time.DateOnly)
		w.add(`e.date_hi >= ? AND e.date_lo >= `+sinceFloor, s, s, s, s)
	}
	if !f.Until.IsZero() {
		w.add(`e.date_lo != '' AND e.date_lo <= ?`, f.Until.Format(time.DateOnly))
	}
	if f.Text != "" {
		q := ftsQuery(f.Text)
		if q == "" {
			return nil, fmt.Errorf("sqlite: text filter has no words: %w", store.ErrInvalid)
		}
		switch {
		case dense.text == textSparse && dense.textMatches != "":
			// The matching events, from which the query starts, of the
			// matching mentions density read.
			w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m WHERE m.seq IN (SELECT value FROM json_each(?)))`,
				dense.textMatches)
		case dense.text == textSparse:
			// The matching events, from which the query starts.
			w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m WHERE m.seq IN (SELECT rowid FROM evidence WHERE evidence MATCH ?))`, q)
		case dense.text == textDense:
			// A check of each event in date order: are any of its mentions
			// in the set of matching mentions, read from the index once?
			// (The + keeps SQLite from walking the set for each event.)
			w.add(`EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_seq = e.seq
				AND +m.seq IN (SELECT rowid FROM evidence WHERE evidence MATCH ?))`, q)
		default:
			// A lookup of each event's mentions in the index: a page of
			// events in date order needs few of them (CROSS JOIN keeps the
			// mentions first, so that the index is asked for one rowid).
			w.add(`EXISTS (SELECT 1 FROM event_mentions m CROSS JOIN evidence ON evidence.rowid = m.seq
				WHERE m.event_seq = e.seq AND evidence MATCH ?)`, q)
		}
	}
	if f.MinSources > 0 {
		w.add(`e.num_sources >= ?`, f.MinSources)
	}
	if f.ArticleID != "" {
		w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m WHERE `+articleMentions+`)`, f.ArticleID, f.ArticleID)
	}
	return w, nil
}

// articleMentions selects the event mentions m of the article whose id is
// the two arguments: a range of seqs, stored together.
const articleMentions = `m.seq BETWEEN (SELECT first_mention FROM articles WHERE id = ?)
	AND (SELECT first_mention + num_events - 1 FROM articles WHERE id = ?)`

// sinceFloor is the earliest date_lo of the events still going on the day
// ? (three times), else that day: the minimum, over each span of days
// that events_span holds (found by skipping from one to the next), of the
// earliest event of that span that starts less than the span before the
// day. Every step is one seek in events_span.
const sinceFloor = `(WITH RECURSIVE s(v) AS (
		SELECT min(julianday(date_hi) - julianday(date_lo)) FROM events WHERE date_hi > date_lo
		UNION ALL
		SELECT (SELECT min(julianday(date_hi) - julianday(date_lo)) FROM events
			WHERE date_hi > date_lo AND julianday(date_hi) - julianday(date_lo) > s.v)
		FROM s WHERE s.v IS NOT NULL)
	SELECT coalesce(min((SELECT min(date_lo) FROM events
		WHERE date_hi > date_lo AND julianday(date_hi) - julianday(date_lo) = s.v
			AND date_lo >= date(?, '-' || s.v || ' days') AND date_lo < ?)), ?)
	FROM s WHERE s.v IS NOT NULL)`

// denseFilters says which selective filters of an event query match many
// events (see [eventWhere]).
type denseFilters struct {
	actors, country bool
	text            textDensity
	// textMatches are the seqs of the mentions a sparse text filter
	// matches, as a JSON array, when density read them all.
	textMatches string
}

// textDensity is how many events a text filter matches, for the plan of
// [eventWhere]: few (the zero value), many, or most.
type textDensity int

const (
	textSparse textDensity = iota
	textDense
	textDensest
)

// denseFrom is how many matches make a filter dense: a page of events in
// date order is then near the start of the date index.
const denseFrom = 5000

// density finds out which selective filters of f are dense, counting at
// most denseFrom matches of each (of text, see textThresholds).
func (db *DB) density(ctx context.Context, f store.Filter) (denseFilters, error) {
	var d denseFilters
	count := func(limit int, q string, args ...any) (int, error) {
		var n int
		err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+strconv.Itoa(limit)+`)`, args...).Scan(&n)
		return n, err
	}
	probe := func(q string, args ...any) (bool, error) {
		n, err := count(denseFrom, q, args...)
		return n >= denseFrom, err
	}
	var err error
	if len(f.ActorIDs) > 0 {
		ph, args := placeholders(f.ActorIDs)
		if d.actors, err = probe(`SELECT 1 FROM event_actors WHERE actor_id IN (`+ph+`)`, args...); err != nil {
			return d, err
		}
	}
	if f.Country != "" {
		if d.country, err = probe(`SELECT 1 FROM event_actors WHERE country = ?`, strings.ToUpper(f.Country)); err != nil {
			return d, err
		}
	}
	if q := ftsQuery(f.Text); q != "" {
		var events int
		if err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM events`).Scan(&events); err != nil {
			return d, err
		}
		// Fewer matches than make the filter dense are kept, so that the
		// query need not ask the index again.
		dense, densest := textThresholds(events, f.PageLimit())
		var n int
		if err := db.r.QueryRowContext(ctx, `SELECT count(*), json_group_array(rowid) FROM
			(SELECT rowid FROM evidence WHERE evidence MATCH ? LIMIT `+strconv.Itoa(dense)+`)`, q).Scan(&n, &d.textMatches); err != nil {
			return d, err
		}
		if n < dense {
			return d, nil
		}
		d.textMatches = ""
		if n, err = count(densest, `SELECT rowid FROM evidence WHERE evidence MATCH ?`, q); err != nil {
			return d, err
		}
		d.text = textDense
		if n >= densest {
			d.text = textDensest
		}
	}
	return d, nil
}

// textThresholds returns how many matching mentions, in a store of about
// n events, make a text filter dense and densest for a page of limit
// events. The three plans of [eventWhere] cost, per matching mention m and
// per event e walked to fill the page (about limit·n/m of them), roughly
// (measured on a million events): sparse 4 µs·m (each event looked up and
// sorted); dense 0.3 µs·m + 2 µs·e; densest 50 µs·e (a full-text lookup
// per event). The thresholds are where they cross: √(0.54·limit·n) and
// √(160·limit·n), 7.3·√n and 126·√n for a page of 100.
func textThresholds(n, limit int) (dense, densest int) {
	x := float64(n) * float64(limit)
	return max(100, int(math.Sqrt(0.54*x))), max(1000, int(math.Sqrt(160*x)))
}

// ftsQuery turns words into an FTS5 query requiring each of them, quoted so
// that no word is read as an operator; a trailing * stays a prefix match.
func ftsQuery(text string) string {
	var parts []string
	for _, w := range strings.Fields(text) {
		prefix := strings.HasSuffix(w, "*")
		w = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				return r
			}
			return ' '
		}, w)
		for _, t := range strings.Fields(w) {
			parts = append(parts, `"`+t+`"`)
		}
		if prefix && len(parts) > 0 {
			parts[len(parts)-1] += "*"
		}
	}
	return strings.Join(parts, " ")
}

// articleWhere translates a filter into conditions on articles a.
func articleWhere(f store.Filter) *where {
	w := &where{}
	if len(f.ActorIDs) > 0 {
		ph, args := placeholders(f.ActorIDs)
		w.add(`a.seq IN (SELECT article_seq FROM entity_mentions WHERE actor_id IN (`+ph+`))`, args...)
	}
	if f.ActorName != "" {
		p := like(f.ActorName)
		w.add(`a.seq IN (SELECT article_seq FROM entity_mentions WHERE name LIKE ? ESCAPE '\'
			OR actor_id IN (SELECT actor_id FROM actor_names WHERE name LIKE ? ESCAPE '\'))`, p, p)
	}
	if !f.Since.IsZero() {
		w.add(`a.published_day >= ?`, f.Since.Format(time.DateOnly))
	}
	if !f.Until.IsZero() {
		w.add(`a.published_day != '' AND a.published_day <= ?`, f.Until.Format(time.DateOnly))
	}
	if f.Text != "" {
		w.add(`a.title LIKE ? ESCAPE '\'`, like(f.Text))
	}
	if f.ArticleID != "" {
		w.add(`a.id = ?`, f.ArticleID)
	}
	// Event filters select the articles that report a matching event.
	ef := store.Filter{Country: f.Country, Type: f.Type, Quad: f.Quad, Context: f.Context, Status: f.Status, MinSources: f.MinSources}
	if ef.Country != "" || ef.Type != "" || ef.Quad != "" || ef.Context != "" || ef.Status != "" || ef.MinSources > 0 {
		ew, _ := eventWhere(ef, denseFilters{}) // without Text, it cannot fail
		w.add(`a.seq IN (SELECT m.article_seq FROM event_mentions m JOIN events e ON e.seq = m.event_seq`+ew.sql()+`)`, ew.args...)
	}
	return w
}

// actorWhere translates a filter into conditions on actors r.
func actorWhere(f store.Filter) *where {
	w := &where{}
	if len(f.ActorIDs) > 0 {
		ph, args := placeholders(f.ActorIDs)
		w.add(`r.id IN (`+ph+`)`, args...)
	}
	if f.ActorName != "" {
		p := like(f.ActorName)
		w.add(`(r.name LIKE ? ESCAPE '\' OR r.id IN (SELECT actor_id FROM actor_names WHERE name LIKE ? ESCAPE '\'))`, p, p)
	}
	if f.Country != "" {
		w.add(`r.country = ?`, strings.ToUpper(f.Country))
	}
	return w
}

// Cursors are opaque to callers: base64 of the sort key of the last item.
func encodeCursor(parts ...string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(strings.Join(parts, "\x00")))
}

var errCursor = fmt.Errorf("sqlite: bad cursor: %w", store.ErrInvalid)

func decodeCursor(c string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return nil, errCursor
	}
	parts := strings.Split(string(b), "\x00")
	if len(parts) != n {
		return nil, errCursor
	}
	return parts, nil
}

func seqCursor(c string) (int64, error) {
	parts, err := decodeCursor(c, 1)
	if err != nil {
		return 0, err
	}
	n, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil {
		return 0, errCursor
	}
	return n, nil
}
