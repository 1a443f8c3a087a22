package kb

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/fold"
)

//go:embed data
var dataFS embed.FS

// Kind says what sort of actor an [Actor] is.
type Kind string

// Actor kinds.
const (
	KindState      Kind = "state"
	KindPerson     Kind = "person"
	KindOrg        Kind = "org"
	KindIGO        Kind = "igo"
	KindArmedGroup Kind = "armed_group"
)

// Role is a dated position an actor held.
type Role struct {
	Title   string `json:"title"`
	Org     string `json:"org,omitempty"`
	Country string `json:"country,omitempty"`
	Sector  string `json:"sector,omitempty"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`

	// Key is the canonical role key of Title (see data/titles.tsv); filled at load.
	Key      string    `json:"-"`
	from, to time.Time // zero: open
}

// Actor is one real-world entity.
type Actor struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Kind    Kind     `json:"kind"`
	Country string   `json:"country,omitempty"`
	Sector  string   `json:"sector,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Roles   []Role   `json:"roles,omitempty"`
	QID     string   `json:"qid,omitempty"`
	Source  string   `json:"source,omitempty"`
}

// Country is one state.
type Country struct {
	ISO3, ISO2 string
	Name       string
	Aliases    []string
	Demonyms   []string
	Capital    string
	Cities     []string
	QID        string
	// Actor is the state as an actor.
	Actor *Actor
}

// Place is a location that is not a state: a city, region, base or sea.
type Place struct {
	Name    string
	Country string // ISO3, empty for places across borders
	Kind    string // city, capital, region, base, sea
}

// Title is a phrase that names a role.
type Title struct {
	Phrase string
	Role   string // canonical key
	Sector string
	Class  string // office, rank or person
}

// EntryKind says what a phrase in the index stands for.
type EntryKind uint8

// Entry kinds.
const (
	EntryActor   EntryKind = iota + 1 // an actor's name or alias
	EntryState                        // a state's name
	EntryDemonym                      // a demonym ("Libyan"): names a state as an adjective
	EntryCapital                      // a capital city: a place, or the state's government
	EntryPlace                        // a city or region
	EntryTitle                        // a title or office
)

// Entry is what one phrase of the index stands for.
type Entry struct {
	Kind    EntryKind
	Actor   *Actor // EntryActor, EntryState, EntryCapital (the state)
	Country string // ISO3 for states, demonyms, capitals and places
	Place   *Place
	Title   *Title
}

// KB is a loaded knowledge base. It is read-only after loading and safe for
// concurrent use; the mutating methods (AddAlias, Merge, ...) are not.
type KB struct {
	actors    []*Actor
	byID      map[string]*Actor
	countries map[string]*Country // by ISO3
	byISO2    map[string]*Country
	index     *Trie
	keys      map[string][]*Actor // NameKey → actors
	roles     map[string][]*Actor // role key + "|" + country → holders
}

// Load reads the embedded seed knowledge base.
func Load() (*KB, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS reads a knowledge base from fsys, which holds countries.tsv and,
// optionally, titles.tsv (the embedded list otherwise), regions.tsv and any
// number of *.jsonl actor files.
func LoadFS(fsys fs.FS) (*KB, error) {
	k := &KB{
		byID:      map[string]*Actor{},
		countries: map[string]*Country{},
		byISO2:    map[string]*Country{},
		index:     NewTrie(),
		keys:      map[string][]*Actor{},
		roles:     map[string][]*Actor{},
	}
	titles := fsys
	if _, err := fs.Stat(fsys, "titles.tsv"); err != nil {
		titles, _ = fs.Sub(dataFS, "data") // the embedded titles serve every knowledge base
	}
	if err := k.loadTitles(titles, "titles.tsv"); err != nil {
		return nil, err
	}
	if err := k.loadCountries(fsys, "countries.tsv"); err != nil {
		return nil, err
	}
	if err := k.loadRegions(fsys, "regions.tsv"); err != nil {
		return nil, err
	}
	files, err := fs.Glob(fsys, "*.jsonl")
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, f := range files {
		if err := k.loadActors(fsys, f); err != nil {
			return nil, err
		}
	}
	return k, nil
}

// readTSV calls fn for every non-comment row of a tab-separated file after its
// header, with the header's column names as keys.
func readTSV(fsys fs.FS, name string, optional bool, fn func(line int, row map[string]string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		if optional && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return fmt.Errorf("kb: read %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	var header []string
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if header == nil {
			header = cols
			continue
		}
		row := make(map[string]string, len(header))
		for i, h := range header {
			if i < len(cols) {
				row[h] = strings.TrimSpace(cols[i])
			}
		}
		if err := fn(n, row); err != nil {
			return fmt.Errorf("kb: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("kb: read %s: %w", name, err)
	}
	return nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (k *KB) loadTitles(fsys fs.FS, name string) error {
	return readTSV(fsys, name, false, func(_ int, row map[string]string) error {
		t := &Title{Phrase: row["phrase"], Role: row["role"], Sector: row["sector"], Class: row["class"]}
		if t.Phrase == "" || t.Role == "" {
			return fmt.Errorf("title row needs phrase and role")
		}
		k.index.Add(fold.Words(t.Phrase), Entry{Kind: EntryTitle, Title: t})
		return nil
	})
}

func (k *KB) loadCountries(fsys fs.FS, name string) error {
	return readTSV(fsys, name, false, func(_ int, row map[string]string) error {
		c := &Country{
			ISO3: row["iso3"], ISO2: row["iso2"], Name: row["name"],
			Aliases: splitList(row["aliases"]), Demonyms: splitList(row["demonyms"]),
			Capital: row["capital"], Cities: splitList(row["cities"]), QID: row["qid"],
		}
		if len(c.ISO3) != 3 || c.Name == "" {
			return fmt.Errorf("country row needs iso3 and name")
		}
		c.Actor = &Actor{ID: "s-" + strings.ToLower(c.ISO3), Name: c.Name, Kind: KindState, Country: c.ISO3,
			Aliases: c.Aliases, QID: c.QID, Source: "countries.tsv"}
		k.countries[c.ISO3] = c
		if c.ISO2 != "" {
			k.byISO2[c.ISO2] = c
		}
		k.addActor(c.Actor)
		for _, d := range c.Demonyms {
			k.index.Add(fold.Words(d), Entry{Kind: EntryDemonym, Country: c.ISO3})
		}
		if c.Capital != "" {
			p := &Place{Name: c.Capital, Country: c.ISO3, Kind: "capital"}
			k.index.Add(fold.Words(c.Capital), Entry{Kind: EntryCapital, Actor: c.Actor, Country: c.ISO3, Place: p})
		}
		for _, city := range c.Cities {
			if city == c.Capital {
				continue
			}
			p := &Place{Name: city, Country: c.ISO3, Kind: "city"}
			k.index.Add(fold.Words(city), Entry{Kind: EntryPlace, Country: c.ISO3, Place: p})
		}
		return nil
	})
}

func (k *KB) loadRegions(fsys fs.FS, name string) error {
	return readTSV(fsys, name, true, func(_ int, row map[string]string) error {
		p := &Place{Name: row["name"], Country: row["country"], Kind: row["kind"]}
		if p.Name == "" {
			return fmt.Errorf("region row needs a name")
		}
		for _, n := range append([]string{p.Name}, splitList(row["aliases"])...) {
			k.index.Add(fold.Words(n), Entry{Kind: EntryPlace, Country: p.Country, Place: p})
		}
		return nil
	})
}

func (k *KB) loadActors(fsys fs.FS, name string) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("kb: read %s: %w", name, err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		a := new(Actor)
		if err := json.Unmarshal(line, a); err != nil {
			return fmt.Errorf("kb: %s:%d: %w", name, n, err)
		}
		if a.ID == "" || a.Name == "" {
			return fmt.Errorf("kb: %s:%d: actor needs id and name", name, n)
		}
		if _, dup := k.byID[a.ID]; dup {
			return fmt.Errorf("kb: %s:%d: duplicate actor id %q", name, n, a.ID)
		}
		if a.Source == "" {
			a.Source = name
		}
		if err := k.prepareRoles(a); err != nil {
			return fmt.Errorf("kb: %s:%d: %w", name, n, err)
		}
		k.addActor(a)
	}
	return sc.Err()
}

// prepareRoles parses role dates and gives each role its canonical key.
func (k *KB) prepareRoles(a *Actor) error {
	for i := range a.Roles {
		r := &a.Roles[i]
		var err error
		if r.from, err = parseDate(r.From, false); err != nil {
			return fmt.Errorf("actor %s role %q: from: %w", a.ID, r.Title, err)
		}
		if r.to, err = parseDate(r.To, true); err != nil {
			return fmt.Errorf("actor %s role %q: to: %w", a.ID, r.Title, err)
		}
		r.Key = k.RoleKey(r.Title)
		if r.Country == "" {
			r.Country = a.Country
		}
	}
	return nil
}

// parseDate reads YYYY, YYYY-MM or YYYY-MM-DD. An end date is the last day of
// the period it names.
func parseDate(s string, end bool) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if end {
			switch layout {
			case "2006-01":
				t = t.AddDate(0, 1, -1)
			case "2006":
				t = t.AddDate(1, 0, -1)
			}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("bad date %q (want YYYY, YYYY-MM or YYYY-MM-DD)", s)
}

// addActor registers a in every index.
func (k *KB) addActor(a *Actor) {
	k.actors = append(k.actors, a)
	k.byID[a.ID] = a
	kind := EntryActor
	if a.Kind == KindState {
		kind = EntryState
	}
	for _, n := range a.names() {
		k.index.Add(fold.Words(n), Entry{Kind: kind, Actor: a, Country: a.Country})
		if a.Kind == KindPerson || a.Kind == KindState {
			if key := NameKey(n); key != "" {
				k.keys[key] = appendUnique(k.keys[key], a)
			}
		}
	}
	for _, r := range a.Roles {
		if r.Key == "" {
			continue
		}
		rk := r.Key + "|" + r.Country
		k.roles[rk] = appendUnique(k.roles[rk], a)
	}
}

func (a *Actor) names() []string {
	return append([]string{a.Name}, a.Aliases...)
}

func appendUnique(list []*Actor, a *Actor) []*Actor {
	for _, x := range list {
		if x == a {
			return list
		}
	}
	return append(list, a)
}

// Actor returns the actor with the given id, or nil.
func (k *KB) Actor(id string) *Actor { return k.byID[id] }

// Actors returns every actor, in load order.
func (k *KB) Actors() []*Actor { return k.actors }

// Country returns the state with the given ISO 3166-1 alpha-3 or alpha-2
// code, or nil.
func (k *KB) Country(code string) *Country {
	code = strings.ToUpper(code)
	if c := k.countries[code]; c != nil {
		return c
	}
	return k.byISO2[code]
}

// Index returns the phrase index over names, aliases, demonyms, places and
// titles, for the mention finder.
func (k *KB) Index() *Trie { return k.index }

// RoleKey returns the canonical role key of a title ("Minister of Foreign
// Affairs" → "foreign_minister"), or the folded title itself when the title
// is not in the list.
func (k *KB) RoleKey(title string) string {
	words := fold.Words(title)
	for len(words) > 0 {
		n, entries := k.index.Longest(words)
		if n == len(words) {
			for _, e := range entries {
				if e.Kind == EntryTitle {
					return e.Title.Role
				}
			}
		}
		// "Acting Foreign Minister", "Libyan Prime Minister": drop leading words.
		words = words[1:]
	}
	return strings.Join(fold.Words(title), "_")
}

// HolderOf returns the actor who held the role (a canonical key) for the
// country on the given day, or nil when none or several did. With a zero
// date, it returns the holder only when the role has a single holder.
func (k *KB) HolderOf(role, country string, day time.Time) *Actor {
	var found *Actor
	for _, a := range k.roles[role+"|"+country] {
		for _, r := range a.Roles {
			if r.Key != role || r.Country != country {
				continue
			}
			if day.IsZero() || ((r.from.IsZero() || !day.Before(r.from)) && (r.to.IsZero() || !day.After(r.to))) {
				if found != nil && found != a {
					return nil
				}
				found = a
			}
		}
	}
	return found
}

// RoleAt returns the role an actor held on day, preferring the most recent
// start, or false when none applies. With a zero day, the latest role counts.
func (a *Actor) RoleAt(day time.Time) (Role, bool) {
	var best Role
	ok := false
	for _, r := range a.Roles {
		if !day.IsZero() && ((!r.from.IsZero() && day.Before(r.from)) || (!r.to.IsZero() && day.After(r.to))) {
			continue
		}
		if !ok || r.from.After(best.from) {
			best, ok = r, true
		}
	}
	return best, ok
}

// SectorAt returns the actor's sector on day: its role's sector then, or its
// default sector.
func (a *Actor) SectorAt(day time.Time) string {
	if r, ok := a.RoleAt(day); ok && r.Sector != "" {
		return r.Sector
	}
	return a.Sector
}

// ResolvePerson finds the person a name stands for: by exact alias, then by
// transliteration key. country, when known, decides between several
// candidates. It returns nil when the name is unknown or stays ambiguous.
func (k *KB) ResolvePerson(name, country string) *Actor {
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
	cands := k.keys[key]
	if !strings.Contains(key, " ") {
		// One word's skeleton is too loose on its own ("Fezzan" and "Fidan"):
		// keep the candidates with an alias spelled much like the word.
		cands = k.spelledLike(cands, fold.Phrase(name))
	}
	return pickFrom(cands, country)
}

// spelledLike keeps the actors with a one-word alias whose letter bigrams
// overlap w's by a Dice coefficient of at least 0.5.
func (k *KB) spelledLike(cands []*Actor, w string) []*Actor {
	var out []*Actor
	for _, a := range cands {
		for _, n := range a.names() {
			f := fold.Phrase(n)
			if !strings.Contains(f, " ") && dice(f, w) >= 0.5 {
				out = append(out, a)
				break
			}
		}
	}
	return out
}

// dice is the Dice coefficient of the letter bigrams of a and b.
func dice(a, b string) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	grams := map[string]int{}
	for i := 0; i+2 <= len(a); i++ {
		grams[a[i:i+2]]++
	}
	common := 0
	for i := 0; i+2 <= len(b); i++ {
		if grams[b[i:i+2]] > 0 {
			grams[b[i:i+2]]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)-1+len(b)-1)
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

func pickFrom(cands []*Actor, country string) *Actor {
	switch len(cands) {
	case 0:
		return nil
	case 1:
		return cands[0]
	}
	if country == "" {
		return nil
	}
	var found *Actor
	for _, a := range cands {
		if a.Country == country {
			if found != nil {
				return nil
			}
			found = a
		}
	}
	return found
}
