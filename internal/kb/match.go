package kb

import (
	"strings"

	"github.com/parleyhq/parley/internal/fold"
)

// Matching a person's name, in order:
//
//  1. exactly, after folding, against every name and alias;
//  2. by transliteration key ([NameKey]); a one-word key must also be
//     spelled much like one of the actor's one-word aliases;
//  3. fuzzily, for names of two or more words: the words of the key are
//     aligned with the words of a known name's key. The first and the last
//     words must correspond, and one of the two be the same; each pair of
//     corresponding words may differ by a few letters (wordEdits, tuned on
//     the English–Arabic name lists, see match_test.go); and up to maxGaps
//     middle names may be missing or extra ("Khalifa Abulgasim Haftar") —
//     this last only for curated actors, whose aliases are meant to be
//     complete, not for the Phoenix dictionaries ("John Smith" is not
//     "John Hilary Smith").
//
// At each step a name that fits several actors is decided by the country
// when given, else by the actors' tier (curated data over the Phoenix
// dictionaries), else it stays ambiguous and nothing is returned.

// wordEdits is the number of letter edits allowed between two corresponding
// words of keys, by the length of the shorter: none up to fuzzyMinLen
// letters, then one per fuzzyPerEdit letters.
func wordEdits(n int) int {
	if n < fuzzyMinLen {
		return 0
	}
	return 1 + (n-fuzzyMinLen)/fuzzyPerEdit
}

// Thresholds of the fuzzy match, chosen by TestTuneFuzzy on the name lists:
// (6, 4) maximises recall − 3 × false matches on near-neighbour keys (0.635
// and 0.013: one edit in a shorter key word joins too many different names,
// 0.118 false matches already at 5 letters).
const (
	fuzzyMinLen  = 6 // words of keys shorter than this must be equal
	fuzzyPerEdit = 4 // one more edit for every so many letters
	maxGaps      = 2 // missing or extra middle words
)

// nameRef is one multi-word name of an actor, by its key's words.
type nameRef struct {
	actor *Actor
	words []string
}

// indexFuzzy files a's multi-word names under the first and the last word
// of their key: a fuzzy match must have one of them the same.
func (k *KB) indexFuzzy(a *Actor, key string) {
	if !strings.Contains(key, " ") {
		return
	}
	ref := nameRef{actor: a, words: strings.Fields(key)}
	k.fuzzyFirst[ref.words[0]] = append(k.fuzzyFirst[ref.words[0]], ref)
	last := ref.words[len(ref.words)-1]
	k.fuzzyLast[last] = append(k.fuzzyLast[last], ref)
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// ResolvePerson finds the person a name stands for: by exact alias, then by
// transliteration key, then by a fuzzy match of the key (see above).
// country, when known, decides between several candidates. It returns nil
// when the name is unknown or stays ambiguous. Arabic-script names go
// through the same key after romanisation.
func (k *KB) ResolvePerson(name, country string) *Actor {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.resolvePerson(name, country)
}

func (k *KB) resolvePerson(name, country string) *Actor {
	words := fold.Words(name)
	if n, entries := k.index.Longest(words); n == len(words) && n > 0 {
		if a := pickActor(entries, country, true); a != nil {
			return a
		}
	}
	key := NameKey(name)
	if key == "" {
		return nil
	}
	if !strings.Contains(key, " ") {
		// One word's skeleton is too loose on its own ("Fezzan" and "Fidan"):
		// keep the candidates with an alias spelled much like the word.
		return pickFrom(k.spelledLike(k.keys[key], fold.Phrase(name)), country)
	}
	if cands := k.keys[key]; len(cands) > 0 {
		return pickFrom(cands, country)
	}
	return k.fuzzyMatch(strings.Fields(key), country)
}

// fuzzyMatch returns the actor whose name's key aligns best with the words
// of key, or nil when none aligns or several align equally well.
func (k *KB) fuzzyMatch(key []string, country string) *Actor {
	best := 1 << 20
	var cands []*Actor
	consider := func(refs []nameRef) {
		for _, ref := range refs {
			if ref.actor.Kind != KindPerson {
				continue
			}
			d, ok := alignKeys(key, ref.words, ref.actor.tier < tierPhoenix)
			if !ok || d > best {
				continue
			}
			if d < best {
				best, cands = d, cands[:0]
			}
			cands = appendUnique(cands, ref.actor)
		}
	}
	consider(k.fuzzyFirst[key[0]])
	consider(k.fuzzyLast[key[len(key)-1]])
	return pickFrom(cands, country)
}

// alignKeys aligns the words of two keys and returns the cost (letter edits
// plus one per missing or extra middle word, allowed only with gaps), and
// whether they align at all: first with first and last with last, one of
// them the same, each pair within wordEdits.
func alignKeys(a, b []string, gaps bool) (int, bool) {
	if len(a) < 2 || len(b) < 2 {
		return 0, false
	}
	diff := len(a) - len(b)
	if diff < 0 {
		diff = -diff
	}
	if diff > maxGaps || diff > 0 && !gaps {
		return 0, false
	}
	a0, b0, al, bl := a[0], b[0], a[len(a)-1], b[len(b)-1]
	if a0[0] != b0[0] || al[0] != bl[0] || a0 != b0 && al != bl {
		return 0, false // cheap rejections first
	}
	d0, ok0 := wordDist(a0, b0)
	d1, ok1 := wordDist(al, bl)
	if !ok0 || !ok1 {
		return 0, false
	}
	dm, ok := alignMiddle(a[1:len(a)-1], b[1:len(b)-1], gaps)
	if !ok {
		return 0, false
	}
	return d0 + d1 + dm, true
}

// alignMiddle aligns two short lists of middle words: each word pairs with
// one of the other list (in order, within wordEdits) or, with gaps, is left
// out at a cost of 1.
func alignMiddle(a, b []string, gaps bool) (int, bool) {
	const inf = 1 << 20
	if len(a) == 0 || len(b) == 0 {
		if !gaps && len(a)+len(b) > 0 {
			return 0, false
		}
		return len(a) + len(b), true
	}
	if len(a) > 5 || len(b) > 5 {
		return 0, false
	}
	gap := 1
	if !gaps {
		gap = inf
	}
	var dp [6][6]int
	for i := 0; i <= len(a); i++ {
		for j := 0; j <= len(b); j++ {
			if i == 0 && j == 0 {
				continue
			}
			c := inf
			if i > 0 {
				c = min(c, dp[i-1][j]+gap)
			}
			if j > 0 {
				c = min(c, dp[i][j-1]+gap)
			}
			if i > 0 && j > 0 {
				if d, ok := wordDist(a[i-1], b[j-1]); ok {
					c = min(c, dp[i-1][j-1]+d)
				}
			}
			dp[i][j] = c
		}
	}
	c := dp[len(a)][len(b)]
	return c, c < inf
}

// wordDist is the letter edit distance of two key words, and whether it is
// within wordEdits of the shorter.
func wordDist(a, b string) (int, bool) {
	if a == b {
		return 0, true
	}
	max := wordEdits(min(len(a), len(b)))
	if max == 0 || a[0] != b[0] {
		return 0, false
	}
	d := levenshtein(a, b, max)
	return d, d <= max
}

// spelledLike keeps the actors with a one-word alias whose letter bigrams
// overlap w's by a Dice coefficient of at least 0.5.
func (k *KB) spelledLike(cands []*Actor, w string) []*Actor {
	var out []*Actor
	for _, a := range cands {
		for _, n := range a.names() {
			f := fold.Phrase(n)
			if !strings.Contains(f, " ") && fold.Dice(f, w) >= 0.5 {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

func pickActor(entries []Entry, country string, personOnly bool) *Actor {
	var cands []*Actor
	for _, e := range entries {
		if e.Kind == EntryActor && e.Actor != nil && (!personOnly || e.Actor.Kind == KindPerson) {
			cands = appendUnique(cands, e.Actor)
		}
	}
	return pickFrom(cands, country)
}

// pickFrom returns the one candidate, or the one of the country, or the one
// of the best tier; nil when that leaves none or several.
func pickFrom(cands []*Actor, country string) *Actor {
	switch len(cands) {
	case 0:
		return nil
	case 1:
		return cands[0]
	}
	if country != "" {
		var same []*Actor
		for _, a := range cands {
			if a.Country == country {
				same = append(same, a)
			}
		}
		cands = same
	}
	if len(cands) > 1 {
		cands = bestTier(cands)
	}
	if len(cands) != 1 {
		return nil
	}
	return cands[0]
}

// bestTier keeps the candidates of the most trusted tier present.
func bestTier(cands []*Actor) []*Actor {
	best := cands[0].tier
	mixed := false
	for _, a := range cands[1:] {
		if a.tier != best {
			mixed = true
		}
		best = min(best, a.tier)
	}
	if !mixed {
		return cands
	}
	out := make([]*Actor, 0, len(cands))
	for _, a := range cands {
		if a.tier == best {
			out = append(out, a)
		}
	}
	return out
}
