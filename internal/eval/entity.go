package eval

import "slices"

// erItem is one entity-resolution item: a system entity matched to a gold
// entity of the same article.
type erItem struct{ gold, sys string }

// erCounter gathers entity-resolution items over articles and counts the
// items per identity, so that pairs are counted per group, not enumerated.
type erCounter struct {
	gold, sys map[string]int64
	both      map[erItem]int64
	items     int
}

func newERCounter() *erCounter {
	return &erCounter{gold: map[string]int64{}, sys: map[string]int64{}, both: map[erItem]int64{}}
}

// addArticle adds the items of one article: every system entity of a scored
// system event that matches a gold entity of the article (of any status) is
// assigned to the gold entities it matches best, once per article per
// (gold identity, system identity).
func (c *erCounter) addArticle(gs, ss *side) {
	items := map[erItem]bool{}
	for _, ev := range ss.events {
		for _, p := range slices.Concat(ev.actor, ev.recip) {
			for _, id := range bestGold(gs.entities, p.sys) {
				items[erItem{id, p.sys.id}] = true
			}
		}
	}
	for it := range items {
		c.items++
		c.gold[it.gold]++
		c.sys[it.sys]++
		c.both[it]++
	}
}

// bestGold returns the identities of the gold entities that s matches best.
func bestGold(golds []*goldEntity, s *sysEntity) []string {
	best := noMatch
	var ids []string
	for _, g := range golds {
		t := matchEntity(g, s)
		if t == noMatch || t < best {
			continue
		}
		if t > best {
			best, ids = t, ids[:0]
		}
		ids = append(ids, g.id)
	}
	return ids
}

// score computes pairwise precision, recall and F1 from the group counts.
func (c *erCounter) score() EntityScore {
	e := EntityScore{Items: c.items}
	for _, n := range c.gold {
		e.GoldSame += pairsOf(n)
	}
	for _, n := range c.sys {
		e.SystemSame += pairsOf(n)
	}
	for _, n := range c.both {
		e.BothSame += pairsOf(n)
	}
	e.Precision = ratio64(e.BothSame, e.SystemSame, e.GoldSame == 0)
	e.Recall = ratio64(e.BothSame, e.GoldSame, e.SystemSame == 0)
	e.F1 = harmonic(e.Precision, e.Recall)
	return e
}

// pairsOf is C(n, 2).
func pairsOf(n int64) int64 { return n * (n - 1) / 2 }

func ratio64(num, den int64, emptyOK bool) float64 {
	if den == 0 {
		if emptyOK {
			return 1
		}
		return 0
	}
	return float64(num) / float64(den)
}
