package eval

// level is one of the three scoring levels.
type level int

const (
	strict level = iota
	quadLevel
	dyadLevel
)

// key is the identity of a pair at the level, used to collapse duplicates
// within one side of an article.
func (l level) key(p pair) string {
	unordered := symmetric(p.typ) || p.mutual
	switch l {
	case strict:
		return p.typ + "\x1f" + dyadKey(p, unordered)
	case quadLevel:
		return p.quad + "\x1f" + dyadKey(p, unordered)
	}
	return dyadKey(p, true)
}

// tiers is the number of preference tiers of the level's edges.
func (l level) tiers() int { return int(l) + 1 }

// tier grades a candidate match of system pair s to gold pair g at the
// level: 0 is the most preferred (same type), higher tiers are looser, and
// -1 means no match.
func (l level) tier(g, s pair) int {
	var unordered bool
	switch l {
	case strict:
		if g.typ != s.typ {
			return -1
		}
		unordered = symmetric(g.typ) || g.mutual || s.mutual
	case quadLevel:
		if g.quad != s.quad {
			return -1
		}
		unordered = symmetric(g.typ) && symmetric(s.typ) || g.mutual || s.mutual
	default:
		unordered = true
	}
	if !(partyMatch(g.a, s.a) && partyMatch(g.b, s.b)) &&
		!(unordered && partyMatch(g.a, s.b) && partyMatch(g.b, s.a)) {
		return -1
	}
	switch {
	case g.typ == s.typ:
		return 0
	case g.quad == s.quad:
		return 1
	}
	return 2
}

// match finds a maximum one-to-one matching of gold to system pairs at the
// level, filling it tier by tier so that exact-type matches are made first.
// It returns, for each gold pair, the index of its system pair or -1.
func (l level) match(gold, sys []pair) []int {
	type edge struct{ s, tier int }
	adj := make([][]edge, len(gold))
	for i, g := range gold {
		for j, s := range sys {
			if t := l.tier(g, s); t >= 0 {
				adj[i] = append(adj[i], edge{j, t})
			}
		}
	}
	gm := make([]int, len(gold))
	sm := make([]int, len(sys))
	for i := range gm {
		gm[i] = -1
	}
	for j := range sm {
		sm[j] = -1
	}
	var seen []bool
	var augment func(i, maxTier int) bool
	augment = func(i, maxTier int) bool {
		for _, e := range adj[i] {
			if e.tier > maxTier || seen[e.s] {
				continue
			}
			seen[e.s] = true
			if sm[e.s] < 0 || augment(sm[e.s], maxTier) {
				sm[e.s], gm[i] = i, e.s
				return true
			}
		}
		return false
	}
	for t := range l.tiers() {
		for i := range gold {
			if gm[i] < 0 && len(adj[i]) > 0 {
				seen = make([]bool, len(sys))
				augment(i, t)
			}
		}
	}
	return gm
}
