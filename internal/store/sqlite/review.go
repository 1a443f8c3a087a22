package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

var _ store.Reviewer = (*DB)(nil)

// PutCorrection implements [store.Reviewer].
func (db *DB) PutCorrection(ctx context.Context, c store.Correction) (store.Correction, error) {
	if c.EventID == "" {
		return c, fmt.Errorf("sqlite: correction without an event: %w", store.ErrInvalid)
	}
	c.Created = time.Now().UTC().Truncate(time.Second)
	actor, err := nullJSON(c.Actor, c.Actor != nil)
	if err != nil {
		return c, err
	}
	recipient, err := nullJSON(c.Recipient, c.Recipient != nil)
	if err != nil {
		return c, err
	}
	orig, err := nullJSON(c.Original, c.Original != nil)
	if err != nil {
		return c, err
	}
	r, err := db.w.ExecContext(ctx, `INSERT INTO corrections (event_id, wrong, event_type, quad, actor, recipient, note,
		reviewer, created_at, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.EventID, c.Wrong, c.EventType, c.Quad,
		actor, recipient, c.Note, c.Reviewer, c.Created.Format(time.RFC3339), orig)
	if err != nil {
		return c, fmt.Errorf("sqlite: put correction: %w", err)
	}
	c.Seq, err = r.LastInsertId()
	return c, err
}

func nullJSON(v any, ok bool) (sql.NullString, error) {
	if !ok {
		return sql.NullString{}, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return sql.NullString{}, fmt.Errorf("sqlite: correction: %w", err)
	}
	return sql.NullString{String: string(b), Valid: true}, nil
}

// Corrections implements [store.Reviewer].
func (db *DB) Corrections(ctx context.Context, eventIDs ...string) ([]store.Correction, error) {
	q := `SELECT seq, event_id, wrong, event_type, quad, actor, recipient, note, reviewer, created_at, original FROM corrections`
	var args []any
	if len(eventIDs) > 0 {
		var ph string
		ph, args = placeholders(eventIDs)
		q += ` WHERE event_id IN (` + ph + `)`
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY seq`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: corrections: %w", err)
	}
	defer rows.Close()
	var out []store.Correction
	for rows.Next() {
		var c store.Correction
		var actor, recipient, orig sql.NullString
		var created string
		if err := rows.Scan(&c.Seq, &c.EventID, &c.Wrong, &c.EventType, &c.Quad, &actor, &recipient, &c.Note,
			&c.Reviewer, &created, &orig); err != nil {
			return nil, fmt.Errorf("sqlite: corrections: %w", err)
		}
		c.Created, _ = time.Parse(time.RFC3339, created)
		for _, x := range []struct {
			s   sql.NullString
			dst any
		}{{actor, &c.Actor}, {recipient, &c.Recipient}} {
			if x.s.Valid {
				if err := json.NewDecoder(strings.NewReader(x.s.String)).Decode(x.dst); err != nil {
					return nil, fmt.Errorf("sqlite: correction %d: %w", c.Seq, err)
				}
			}
		}
		if orig.Valid {
			c.Original = &doc.Event{}
			if err := json.Unmarshal([]byte(orig.String), c.Original); err != nil {
				return nil, fmt.Errorf("sqlite: correction %d: %w", c.Seq, err)
			}
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
