package kb

import (
	"slices"

	"github.com/parleyhq/parley/internal/fold"
)

// Relabel says which actor a stored mention stands for after edits: given
// the actor id a mention was stored with ("" when it was unresolved) and
// its spelling, it returns the actor it stands for now, or nil when the
// edits leave it as it was.
type Relabel func(id, spelling string) *Actor

// Relabeler returns the [Relabel] of edits that k has applied already.
// Only what the edits touched changes, so that stored mentions resolved in
// their context (a title on a date, a country) keep their actors:
//
//   - merge: mentions of the merged-away id go to the actor kept;
//   - split: mentions of the split actor under a moved name go to the new actor;
//   - alias: mentions under the new name go to its actor;
//   - add (import): mentions under one of the actor's names go to it, and
//     mentions of its id take its new name and country.
//
// Names compare after [fold.Phrase]. Edits apply in order, so an alias
// given after a split moves the name back.
func (k *KB) Relabeler(ops []Op) Relabel {
	return func(id, spelling string) *Actor {
		s := fold.Phrase(spelling)
		cur, touched := id, false
		for _, op := range ops {
			to := ""
			switch op.Op {
			case "merge":
				if cur == op.From {
					to = op.ID
				}
			case "split":
				if cur == op.ID && foldedIn(s, append([]string{op.Name}, op.Aliases...)) {
					to = op.NewID
				}
			case "alias":
				if s != "" && s == fold.Phrase(op.Name) {
					to = op.ID
				}
			case "add":
				if op.Actor != nil && (cur == op.Actor.ID || foldedIn(s, op.Actor.names())) {
					to = op.Actor.ID
				}
			}
			if to != "" {
				cur, touched = to, true
			}
		}
		if !touched {
			// An id merged away before these edits (in an earlier overlay).
			if a := k.Actor(id); a != nil && id != "" && a.ID != id {
				return a
			}
			return nil
		}
		return k.Actor(cur)
	}
}

func foldedIn(s string, names []string) bool {
	return s != "" && slices.ContainsFunc(names, func(n string) bool { return fold.Phrase(n) == s })
}
