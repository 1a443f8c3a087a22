package sqlite

import (
	"context"
	"fmt"

	"github.com/parleyhq/parley/internal/store"
)

// EachActorWithPrefix calls fn, in id order, for every stored actor whose
// id begins with prefix, with the spellings stored for it in Names. It
// reads them in one pass, for loading a store's learned people
// ("x-...") back into a knowledge base.
func (db *DB) EachActorWithPrefix(ctx context.Context, prefix string, fn func(store.Actor) error) error {
	if prefix == "" {
		return fmt.Errorf("sqlite: actors by prefix: empty prefix")
	}
	// Ids with the prefix sort from prefix up to the prefix with its last byte incremented.
	hi := prefix[:len(prefix)-1] + string(rune(prefix[len(prefix)-1]+1))
	rows, err := db.r.QueryContext(ctx, `SELECT r.id, r.name, r.country, r.sector, coalesce(n.name, '')
		FROM actors r LEFT JOIN actor_names n ON n.actor_id = r.id
		WHERE r.id >= ? AND r.id < ? ORDER BY r.id, n.name`, prefix, hi)
	if err != nil {
		return fmt.Errorf("sqlite: actors by prefix: %w", err)
	}
	defer rows.Close()
	var cur store.Actor
	for rows.Next() {
		var a store.Actor
		var name string
		if err := rows.Scan(&a.ID, &a.Name, &a.Country, &a.Sector, &name); err != nil {
			return fmt.Errorf("sqlite: actors by prefix: %w", err)
		}
		if a.ID != cur.ID {
			if cur.ID != "" {
				if err := fn(cur); err != nil {
					return err
				}
			}
			cur = a
		}
		if name != "" {
			cur.Names = append(cur.Names, name)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: actors by prefix: %w", err)
	}
	if cur.ID != "" {
		return fn(cur)
	}
	return nil
}
