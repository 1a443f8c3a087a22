package kb

import (
	"bufio"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
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
	keys     []string  // Key, and the keys of a title that names several offices
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

	// tier orders sources when a name fits several actors: lower wins
	// (tierCurated, tierLearned, tierPhoenix).
	tier int
}

// Tiers of actors, most trusted first.
const (
	tierCurated = iota // the curated seed data and the analyst's overlay
	tierLearned        // people learned from text ([KB.Learn])
	tierPhoenix        // the Phoenix dictionaries
)

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
	actors     []*Actor
	byID       map[string]*Actor
	countries  map[string]*Country // by ISO3
	byISO2     map[string]*Country
	index      *Trie
	keys       map[string][]*Actor  // NameKey → actors
	fuzzyFirst map[string][]nameRef // first word of a multi-word NameKey → names, for fuzzy matching
	fuzzyLast  map[string][]nameRef // last word of a multi-word NameKey → names
	mu         sync.RWMutex         // guards the indexes against Learn and the analyst's edits
	merged     map[string]*Actor    // id of an actor merged into another → that one
	roles      map[string][]*Actor  // role key + "|" + country → holders
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
// optionally, titles.tsv (the embedded list otherwise), regions.tsv, any
// number of *.jsonl actor files and phoenix.tsv.gz (actors converted from
// the Phoenix dictionaries, loaded last and below the others; see
// loadPhoenix).
func LoadFS(fsys fs.FS) (*KB, error) {
	k := &KB{
		byID:       map[string]*Actor{},
		countries:  map[string]*Country{},
		byISO2:     map[string]*Country{},
		index:      NewTrie(),
		keys:       map[string][]*Actor{},
		fuzzyFirst: map[string][]nameRef{},
		fuzzyLast:  map[string][]nameRef{},
		roles:      map[string][]*Actor{},
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
	if err := k.loadDemonyms(fsys); err != nil {
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
	if err := k.loadPhoenix(fsys); err != nil {
		return nil, err
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
		r.keys = k.roleKeys(r.Title)
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
	if t, ok := parseDay(s); ok {
		return t, nil
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

// parseDay is a fast path of parseDate for YYYY-MM-DD.
func parseDay(s string) (time.Time, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false
	}
	num := func(p string) int {
		n := 0
		for i := 0; i < len(p); i++ {
			if p[i] < '0' || p[i] > '9' {
				return -1
			}
			n = n*10 + int(p[i]-'0')
		}
		return n
	}
	y, m, d := num(s[:4]), num(s[5:7]), num(s[8:])
	if y < 0 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false // 31 April: let time.Parse report it
	}
	return t, true
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
			// "Yunus-Bek" keys as "Yunusbek"; "Yunus Bek" must find it too
			for _, v := range []string{n, strings.ReplaceAll(n, "-", " ")} {
				if key := NameKey(v); key != "" {
					if a.Kind == KindPerson && !slices.Contains(k.keys[key], a) {
						k.indexFuzzy(a, key)
					}
					k.keys[key] = appendUnique(k.keys[key], a)
				}
			}
		}
	}
	for _, r := range a.Roles {
		for _, key := range r.keys {
			rk := key + "|" + r.Country
			k.roles[rk] = appendUnique(k.roles[rk], a)
		}
	}
}

// roleKeys returns the role keys of a title: its key, and when it names
// several offices joined by "and" ("Chairman of the Presidential Council and
// Prime Minister"), the key of each.
func (k *KB) roleKeys(title string) []string {
	keys := []string{k.RoleKey(title)}
	if keys[0] == "" {
		return nil
	}
	for _, part := range strings.Split(title, " and ") {
		if part == title {
			break
		}
		if key := k.RoleKey(part); key != "" && !slices.Contains(keys, key) {
			keys = append(keys, key)
		}
	}
	return keys
}

// headEnds reports whether a word before any title ends the head of a title:
// what follows a preposition names whom the role serves, not the role.
func headEnds(w string) bool {
	switch w {
	case "to", "of", "for", "at", "with", "under":
		return true
	}
	return false
}

// HasKey reports whether the role is the office with the canonical key.
func (r *Role) HasKey(key string) bool {
	return r.Key == key || slices.Contains(r.keys, key)
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
func (k *KB) Actor(id string) *Actor {
	k.mu.RLock()
	defer k.mu.RUnlock()
	if a := k.byID[id]; a != nil {
		return a
	}
	return k.merged[id]
}

// Actors returns every actor, in load order.
func (k *KB) Actors() []*Actor {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.actors[:len(k.actors):len(k.actors)]
}

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
	// A title's head is its first title phrase ("Personal Envoy of the
	// President" → envoy; the longest phrase at that word counts, so "Deputy
	// Prime Minister" is not "Prime Minister"). A title of several conjuncts
	// ("Chairman of the Presidential Council and Prime Minister") is known
	// by its first office.
	fallback := ""
	for _, conj := range strings.FieldsFunc(strings.ReplaceAll(title, " and ", ","), func(r rune) bool { return r == ',' || r == ';' || r == '/' }) {
		words := fold.Words(conj)
		for i := 0; i < len(words); i++ {
			var t *Title
			k.index.All(words[i:], func(_ int, entries []Entry) {
				for _, e := range entries {
					if e.Kind == EntryTitle {
						t = e.Title
					}
				}
			})
			if t == nil {
				if headEnds(words[i]) {
					break // "Adviser to the Prime Minister" is no prime minister
				}
				continue
			}
			if t.Class == "office" {
				return t.Role
			}
			if fallback == "" {
				fallback = t.Role
			}
			break
		}
	}
	if fallback != "" {
		return fallback
	}
	return strings.Join(fold.Words(title), "_")
}

// HolderOf returns the actor who held the role (a canonical key) for the
// country on the given day, or nil when none or several did. With a zero
// date, it returns the holder only when the role has a single holder.
func (k *KB) HolderOf(role, country string, day time.Time) *Actor {
	k.mu.RLock()
	defer k.mu.RUnlock()
	var found *Actor
	for _, a := range k.roles[role+"|"+country] {
		for _, r := range a.Roles {
			if !r.HasKey(role) || r.Country != country {
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

// loadDemonyms reads the demonyms of other languages (demonyms_<lang>.tsv:
// iso3 and a '|'-separated list), which countries.tsv keeps in English.
func (k *KB) loadDemonyms(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "demonyms_*.tsv")
	if err != nil {
		return err
	}
	for _, name := range files {
		err := readTSV(fsys, name, true, func(_ int, row map[string]string) error {
			if k.countries[row["iso3"]] == nil {
				return fmt.Errorf("unknown country %q", row["iso3"])
			}
			for _, d := range splitList(row["demonyms"]) {
				k.index.Add(fold.Words(d), Entry{Kind: EntryDemonym, Country: row["iso3"]})
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}
