package eval

import (
	_ "embed"
	"strings"
	"sync"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/ontology"
)

//go:embed data/unordered.txt
var unorderedTxt string

// symmetricTypes returns the event types whose participants are unordered.
var symmetricTypes = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for line := range strings.Lines(unorderedTxt) {
		if line, _, _ = strings.Cut(line, "#"); strings.TrimSpace(line) != "" {
			set[normType(line)] = true
		}
	}
	return set
})

func symmetric(typ string) bool { return symmetricTypes()[typ] }

func normType(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// quadOf is the quad class of a type; an unknown type is its own class.
func quadOf(typ string) string {
	if q := ontology.QuadOf(typ); q != "" {
		return q
	}
	return "?" + typ
}

// excluded reports whether an event status keeps the event out of scoring.
func excluded(status string) bool {
	switch strings.ToLower(strings.TrimSpace(status)) {
	case doc.StatusHistorical, doc.StatusNegated, doc.StatusHypothetical:
		return true
	}
	return false
}

// goldEntity is a gold participant prepared for matching.
type goldEntity struct {
	*GoldEntity
	fname string          // folded name
	names map[string]bool // folded name and aliases
	state bool            // the entity is a state acting as such
	id    string          // gold identity: folded name and country
}

func newGoldEntity(g *GoldEntity) *goldEntity {
	e := &goldEntity{GoldEntity: g, fname: fold(g.Name), names: map[string]bool{}}
	country := strings.ToUpper(strings.TrimSpace(g.Country))
	e.id = e.fname + "\x1f" + country
	e.state = strings.TrimSpace(g.Sector) == "" && isStateCode(country)
	for _, n := range append([]string{g.Name}, g.Aliases...) {
		if f := fold(n); f != "" {
			e.names[f] = true
		}
	}
	return e
}

// isStateCode reports whether a country code names a state (three letters,
// not one of the non-state codes IGO, NGO, MNC).
func isStateCode(c string) bool {
	if len(c) != 3 || c == "IGO" || c == "NGO" || c == "MNC" {
		return false
	}
	for i := range len(c) {
		if c[i] < 'A' || c[i] > 'Z' {
			return false
		}
	}
	return true
}

// sysEntity is a system participant prepared for matching.
type sysEntity struct {
	*doc.Entity
	fname, ftext string
	country      string
	sector       string
	id           string // system identity: ID, else folded name
}

func newSysEntity(s *doc.Entity) *sysEntity {
	e := &sysEntity{Entity: s, fname: fold(s.Name), ftext: fold(s.EntityText),
		country: strings.ToUpper(strings.TrimSpace(s.Country)),
		sector:  strings.ToUpper(strings.TrimSpace(s.Sector))}
	switch {
	case s.ID != "":
		e.id = s.ID
	case e.fname != "":
		e.id = "~" + e.fname
	default:
		e.id = "~" + e.ftext
	}
	return e
}

// How well a system entity matches a gold entity, worst to best.
const (
	noMatch = iota
	stateMatch
	aliasMatch
	nameMatch
)

// matchEntity grades the match of s against g.
func matchEntity(g *goldEntity, s *sysEntity) int {
	switch {
	case g.fname != "" && (s.fname == g.fname || s.ftext == g.fname):
		return nameMatch
	case s.fname != "" && g.names[s.fname], s.ftext != "" && g.names[s.ftext]:
		return aliasMatch
	case g.state && s.country == strings.ToUpper(strings.TrimSpace(g.Country)) && (s.sector == "" || s.sector == "GOV"):
		return stateMatch
	}
	return noMatch
}

// party is one participant of a pair: a gold entity, a system entity, or
// none (both nil).
type party struct {
	gold *goldEntity
	sys  *sysEntity
}

func (p party) none() bool { return p.gold == nil && p.sys == nil }

// key is the participant's identity within its side; "" for none.
func (p party) key() string {
	switch {
	case p.gold != nil:
		return p.gold.id
	case p.sys != nil:
		return p.sys.id
	}
	return ""
}

// label is the participant's display name.
func (p party) label() string {
	switch {
	case p.gold != nil:
		return p.gold.Name
	case p.sys != nil && p.sys.Name != "":
		return p.sys.Name
	case p.sys != nil:
		return p.sys.EntityText
	}
	return "(none)"
}

// partyMatch reports whether system participant s matches gold participant g.
func partyMatch(g, s party) bool {
	if g.none() || s.none() {
		return g.none() && s.none()
	}
	return matchEntity(g.gold, s.sys) != noMatch
}

// event is the scored view of one gold or system event.
type event struct {
	typ, mode    string
	date, prec   string
	context      []string
	location     string // folded location name
	text         string
	actor, recip []party
}

// pair is one (actor, recipient) pair of an event.
type pair struct {
	typ, quad string
	a, b      party
	mutual    bool // from the pairs-among-actors rule: unordered
	ev        *event
}

// expand turns an event into its pairs (see the package documentation).
func expand(ev *event) []pair {
	actors := ev.actor
	if len(actors) == 0 {
		actors = []party{{}}
	}
	mk := func(a, b party, mutual bool) pair {
		return pair{typ: ev.typ, quad: quadOf(ev.typ), a: a, b: b, mutual: mutual, ev: ev}
	}
	var out []pair
	switch {
	case len(ev.recip) > 0:
		for _, a := range actors {
			for _, r := range ev.recip {
				out = append(out, mk(a, r, false))
			}
		}
	case len(actors) == 1:
		out = append(out, mk(actors[0], party{}, false))
	default:
		for i := range actors {
			for j := i + 1; j < len(actors); j++ {
				out = append(out, mk(actors[i], actors[j], true))
			}
		}
	}
	return out
}

// dyadKey is the identity of a pair's participants, ordered or not.
func dyadKey(p pair, unordered bool) string {
	a, b := p.a.key(), p.b.key()
	if !unordered {
		return a + "\x1e>" + b
	}
	if a > b {
		a, b = b, a
	}
	return a + "\x1e~" + b
}

// dedup keeps the first pair of each key.
func dedup(ps []pair, key func(pair) string) []pair {
	seen := map[string]bool{}
	var out []pair
	for _, p := range ps {
		k := key(p)
		if !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}
