package timex

import "github.com/parleyhq/parley/internal/doc"

// Costs that rank the candidates of [Best], in bytes of distance.
const (
	costNoPrep = 8    // "Monday agreed" is a little weaker than "on Monday"
	costAttr   = 1000 // "last week's storm" dates the storm, not the event
)

// Best picks, among the expressions of one sentence, the one that dates the
// event whose verb is at byte offset anchor, and reports whether there was
// any. Expressions that bound a period rather than date a point (Role
// RoleSince or RoleUntil: "since 2011", "until June") are never picked.
// Among the others the nearest to the anchor wins, counting the bytes
// between them, with a small handicap for one that has no preposition and
// a large one for an attributive expression; ties go to the finer
// precision, then to the earlier expression.
//
// With anchor < 0 (verb unknown) attributive expressions come last and
// otherwise the earliest wins, except that a year ("in 2025") gives way to a
// later expression that dates something within that year more finely
// ("in 2025, after one in April").
//
// The expression picked may have an empty Date: the event then has no
// usable date, even when another, less likely, expression has one.
func Best(exprs []Expr, anchor int) (Expr, bool) {
	best, bestCost := -1, 0
	for i, e := range exprs {
		if e.Role == RoleSince || e.Role == RoleUntil {
			continue
		}
		c := cost(e, anchor)
		if best < 0 || c < bestCost || c == bestCost && anchor >= 0 && rank(e) < rank(exprs[best]) {
			best, bestCost = i, c
		}
	}
	if best < 0 {
		return Expr{}, false
	}
	if anchor < 0 && exprs[best].Precision == doc.PrecisionYear {
		for _, e := range exprs[best+1:] {
			if e.Role != RoleSince && e.Role != RoleUntil && cost(e, anchor) == bestCost && e.Year == exprs[best].Year && rank(e) < rankYear {
				return e, true
			}
		}
	}
	return exprs[best], true
}

func cost(e Expr, anchor int) int {
	c := 0
	switch {
	case anchor < 0:
	case anchor < e.Start:
		c = e.Start - anchor
	case anchor >= e.End:
		c = anchor - e.End + 1
	}
	if e.Role == RoleNone && anchor >= 0 {
		c += costNoPrep
	}
	if e.Attr {
		c += costAttr
	}
	return c
}

// rank orders precisions from finest (0) to unknown.
func rank(e Expr) int { return precRank(e.Precision) }
