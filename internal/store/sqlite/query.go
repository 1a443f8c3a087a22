package sqlite

import (
	"context"
	"encoding/base64"
	"fmt"
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
		// The second bound is implied by the first (no event spans more
		// than maxSpanDays) and lets the date index start there.
		w.add(`e.date_hi >= ? AND e.date_lo >= ?`, f.Since.Format(time.DateOnly),
			f.Since.AddDate(0, 0, -maxSpanDays).Format(time.DateOnly))
	}
	if !f.Until.IsZero() {
		w.add(`e.date_lo != '' AND e.date_lo <= ?`, f.Until.Format(time.DateOnly))
	}
	if f.Text != "" {
		q := ftsQuery(f.Text)
		if q == "" {
			return nil, fmt.Errorf("sqlite: text filter has no words: %w", store.ErrInvalid)
		}
		// Always as a set: FTS5 reads a word's whole posting list for each
		// MATCH, so checking events one by one costs a full lookup each.
		w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m WHERE m.seq IN (SELECT rowid FROM evidence WHERE evidence MATCH ?))`, q)
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

// denseFilters says which selective filters of an event query match many
// events (see [eventWhere]).
type denseFilters struct{ actors, country bool }

// denseFrom is how many matches make a filter dense: a page of events in
// date order is then near the start of the date index.
const denseFrom = 5000

// density finds out which selective filters of f are dense, counting at
// most denseFrom matches of each.
func (db *DB) density(ctx context.Context, f store.Filter) (denseFilters, error) {
	var d denseFilters
	probe := func(q string, args ...any) (bool, error) {
		var n int
		err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM (`+q+` LIMIT `+strconv.Itoa(denseFrom)+`)`, args...).Scan(&n)
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
	return d, nil
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
