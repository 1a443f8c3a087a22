package kb

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"runtime"
	"strings"
	"sync"

	"github.com/parleyhq/parley/internal/fold"
)

// phoenixFile holds the actors converted from the Phoenix dictionaries
// (data/phoenix.tsv.gz; TestGeneratePhoenix writes it). One actor a line:
// id, name, kind, country, sector, aliases separated by |, and roles
// separated by ; each as code,country,sector,from,to where code is the
// CAMEO code ("LBYGOV") and from/to are YYYY-MM-DD or empty.
const phoenixFile = "phoenix.tsv.gz"

// loadPhoenix reads the Phoenix actors, if fsys has them, below the curated
// ones: an actor whose name the knowledge base already knows (or, for a
// person, whose name has the transliteration key of a known person) is
// left out, and so is each alias that names a known actor. Only people and
// armed groups enter the phrase index, and only by names of two or more
// words that do not begin with a title: a lone "Karzai" from a dictionary of
// 25,000 actors would make too many false mentions.
func (k *KB) loadPhoenix(fsys fs.FS) error {
	f, err := fsys.Open(phoenixFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kb: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("kb: %s: %w", phoenixFile, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		return fmt.Errorf("kb: %s: %w", phoenixFile, err)
	}
	lines := phoenixLines(b)
	preps := make([]phoenixActor, len(lines))
	errs := make([]error, len(lines))
	// Folding and keying 25,000 actors' names is most of the work: do it in
	// parallel, then index in order.
	workers := min(runtime.GOMAXPROCS(0), 8)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(lines); i += workers {
				preps[i], errs[i] = preparePhoenix(lines[i].text)
			}
		}()
	}
	wg.Wait()
	for i := range preps {
		if errs[i] != nil {
			return fmt.Errorf("kb: %s:%d: %w", phoenixFile, lines[i].n, errs[i])
		}
		if !k.knows(&preps[i]) {
			k.addPhoenix(&preps[i])
		}
	}
	return nil
}

type phoenixLine struct {
	n    int
	text string
}

// phoenixLines returns the data lines of the file, after its comments and
// header.
func phoenixLines(b []byte) []phoenixLine {
	var out []phoenixLine
	header := true
	n := 0
	for len(b) > 0 {
		n++
		line := b
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		if header {
			header = false
			continue
		}
		out = append(out, phoenixLine{n, string(line)})
	}
	return out
}

// phoenixActor is a Phoenix actor with its names folded and keyed.
type phoenixActor struct {
	a     *Actor
	names []phoenixName
}

type phoenixName struct {
	words []string
	key   string // persons' multi-word names only
}

func preparePhoenix(line string) (phoenixActor, error) {
	a, err := parsePhoenixLine(line)
	if err != nil {
		return phoenixActor{}, err
	}
	p := phoenixActor{a: a, names: make([]phoenixName, 0, 1+len(a.Aliases))}
	for _, n := range a.names() {
		pn := phoenixName{words: fold.Words(n)}
		if a.Kind == KindPerson && len(pn.words) >= 2 {
			pn.key = nameKeyWords(pn.words)
		}
		p.names = append(p.names, pn)
	}
	return p, nil
}

func parsePhoenixLine(line string) (*Actor, error) {
	cols := strings.Split(line, "\t")
	if len(cols) != 7 || cols[0] == "" || cols[1] == "" {
		return nil, fmt.Errorf("want 7 columns with an id and a name")
	}
	a := &Actor{ID: cols[0], Name: cols[1], Kind: Kind(cols[2]), Country: cols[3], Sector: cols[4],
		Aliases: splitList(cols[5]), Source: "Phoenix dictionaries (MIT)", tier: tierPhoenix}
	for _, rs := range splitRoles(cols[6]) {
		p := strings.Split(rs, ",")
		if len(p) != 5 {
			return nil, fmt.Errorf("role %q: want code,country,sector,from,to", rs)
		}
		r := Role{Title: p[0], Country: p[1], Sector: p[2], From: p[3], To: p[4]}
		var err error
		if r.from, err = parseDate(r.From, false); err != nil {
			return nil, err
		}
		if r.to, err = parseDate(r.To, true); err != nil {
			return nil, err
		}
		r.Key = "cameo_" + strings.ToLower(p[0])
		r.keys = []string{r.Key}
		a.Roles = append(a.Roles, r)
	}
	return a, nil
}

func splitRoles(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// knows reports whether the knowledge base already has the actor p names.
func (k *KB) knows(p *phoenixActor) bool {
	if k.byID[p.a.ID] != nil || k.knownWords(p.names[0].words) {
		return true
	}
	if key := p.names[0].key; key != "" {
		for _, x := range k.keys[key] {
			if x.tier < tierPhoenix && x.Kind == KindPerson {
				return true
			}
		}
	}
	return false
}

// knownWords reports whether the folded words are exactly a name of a loaded
// actor above the Phoenix tier.
func (k *KB) knownWords(words []string) bool {
	n, entries := k.index.Longest(words)
	if n != len(words) || n == 0 {
		return false
	}
	for _, e := range entries {
		if (e.Kind == EntryActor || e.Kind == EntryState) && e.Actor.tier < tierPhoenix {
			return true
		}
	}
	return false
}

// addPhoenix registers a Phoenix actor under its multi-word names, leaving
// out the aliases that name a known actor.
func (k *KB) addPhoenix(p *phoenixActor) {
	a := p.a
	aliases := a.Aliases[:0]
	for i, al := range a.Aliases {
		if k.knownWords(p.names[i+1].words) {
			p.names[i+1].words = nil
			continue
		}
		aliases = append(aliases, al)
	}
	a.Aliases = aliases
	k.actors = append(k.actors, a)
	k.byID[a.ID] = a
	if a.Kind != KindPerson && a.Kind != KindArmedGroup {
		// The dictionaries' organisations are often generic ("UN mission")
		// or offices ("German Chancellor" as the German government): they
		// stay out of the phrase index, for lookup by id and search only.
		k.addRoles(a)
		return
	}
	for _, n := range p.names {
		if len(n.words) < 2 || k.startsWithTitle(n.words) {
			continue // "President Karzai": the title is the mention finder's business
		}
		k.index.Add(n.words, Entry{Kind: EntryActor, Actor: a, Country: a.Country})
		if n.key == "" || !strings.Contains(n.key, " ") {
			continue
		}
		if !containsActor(k.keys[n.key], a) {
			k.indexFuzzy(a, n.key)
		}
		k.keys[n.key] = appendUnique(k.keys[n.key], a)
	}
	k.addRoles(a)
}

func (k *KB) addRoles(a *Actor) {
	for _, r := range a.Roles {
		rk := r.Key + "|" + r.Country
		k.roles[rk] = appendUnique(k.roles[rk], a)
	}
}

// startsWithTitle reports whether a title begins the words.
func (k *KB) startsWithTitle(words []string) bool {
	found := false
	k.index.All(words, func(_ int, entries []Entry) {
		for _, e := range entries {
			if e.Kind == EntryTitle {
				found = true
			}
		}
	})
	return found
}

func containsActor(list []*Actor, a *Actor) bool {
	for _, x := range list {
		if x == a {
			return true
		}
	}
	return false
}
