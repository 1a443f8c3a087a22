package sqlite

import (
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

// eventWhere translates a filter into conditions on events e.
func eventWhere(f store.Filter) (*where, error) {
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
		w.add(`e.seq IN (SELECT event_seq FROM event_actors WHERE actor_id IN (`+ph+`))`, args...)
	}
	if f.ActorName != "" {
		p := like(f.ActorName)
		w.add(`e.seq IN (SELECT event_seq FROM event_actors WHERE name LIKE ? ESCAPE '\' OR entity_text LIKE ? ESCAPE '\'
			OR actor_id IN (SELECT actor_id FROM actor_names WHERE name LIKE ? ESCAPE '\'))`, p, p, p)
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		w.add(`(e.location_country = ? OR e.seq IN (SELECT event_seq FROM event_actors WHERE country = ?))`, c, c)
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
		w.add(`e.date_hi >= ?`, f.Since.Format(time.DateOnly))
	}
	if !f.Until.IsZero() {
		w.add(`e.date_lo != '' AND e.date_lo <= ?`, f.Until.Format(time.DateOnly))
	}
	if f.Text != "" {
		q := ftsQuery(f.Text)
		if q == "" {
			return nil, fmt.Errorf("sqlite: text filter has no words: %w", store.ErrInvalid)
		}
		w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m WHERE m.seq IN (SELECT rowid FROM evidence WHERE evidence MATCH ?))`, q)
	}
	if f.MinSources > 0 {
		w.add(`e.num_sources >= ?`, f.MinSources)
	}
	if f.ArticleID != "" {
		w.add(`e.seq IN (SELECT m.event_seq FROM event_mentions m JOIN articles a ON a.seq = m.article_seq WHERE a.id = ?)`, f.ArticleID)
	}
	return w, nil
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
