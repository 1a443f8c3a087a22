package kb

import (
	"slices"
	"strings"

	"github.com/parleyhq/parley/internal/fold"
)

// LearnedPrefix begins the id of every person [KB.Learn] creates.
const LearnedPrefix = "x-"

// Learn returns the person name stands for, creating one when the knowledge
// base has none: the registry of unknown people. A new person gets the
// stable id "x-" + its transliteration key ("x-jn-smd" for John Smith; with
// the country appended when that id is taken), the country and sector
// given, and a role from title (undated) when there is one. Later calls
// with other spellings of the name ("Jon Smyth") resolve to the same actor
// through the key and the fuzzy match, and their spelling is kept as an
// alias; so do later calls of [KB.ResolvePerson].
//
// Learn is safe for concurrent use with itself and with the resolving
// methods (ResolvePerson, HolderOf, HolderOfOrg, Actor, Actors). Learned
// people are not added to the phrase [KB.Index], which stays read-only: the
// mention finder finds names in text by their shape and resolves them here.
// It returns nil for a name without letters.
func (k *KB) Learn(name, country, sector, title string) *Actor {
	k.mu.Lock()
	defer k.mu.Unlock()
	if a := k.resolvePerson(name, country); a != nil {
		if a.tier == tierLearned && !slices.Contains(a.names(), name) {
			a.Aliases = append(slices.Clip(a.Aliases), name) // a new slice: readers may hold the old
		}
		return a
	}
	words := fold.Words(name)
	key := nameKeyWords(words)
	if key == "" {
		return nil
	}
	id := LearnedPrefix + strings.ReplaceAll(key, " ", "-")
	if k.byID[id] != nil && country != "" {
		id += "-" + strings.ToLower(country)
	}
	for n := 2; k.byID[id] != nil; n++ {
		id = strings.TrimSuffix(id, "-"+itoa(n-1)) + "-" + itoa(n)
	}
	a := &Actor{ID: id, Name: name, Kind: KindPerson, Country: country, Sector: sector,
		Source: "learned from text", tier: tierLearned}
	if title != "" {
		a.Roles = []Role{{Title: title, Country: country, Sector: sector}}
		a.Roles[0].Key = k.RoleKey(title)
		a.Roles[0].keys = k.roleKeys(title)
	}
	k.actors = append(k.actors, a)
	k.byID[a.ID] = a
	k.indexKey(a, key)
	k.addRoleKeys(a)
	return a
}

// Learned returns the people learned from text so far, in order.
func (k *KB) Learned() []*Actor {
	k.mu.RLock()
	defer k.mu.RUnlock()
	var out []*Actor
	for _, a := range k.actors {
		if a.tier == tierLearned {
			out = append(out, a)
		}
	}
	return out
}

// indexKey files a person under a name's transliteration key.
func (k *KB) indexKey(a *Actor, key string) {
	if key == "" {
		return
	}
	if !containsActor(k.keys[key], a) {
		k.indexFuzzy(a, key)
	}
	k.keys[key] = appendUnique(k.keys[key], a)
}

// addRoleKeys files a's roles in the role index.
func (k *KB) addRoleKeys(a *Actor) {
	for _, r := range a.Roles {
		for _, key := range r.keys {
			rk := key + "|" + r.Country
			k.roles[rk] = appendUnique(k.roles[rk], a)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// Origin says where an actor comes from: "curated" (the seed data, the
// analyst's overlay and imports), "learned" ([KB.Learn]) or "phoenix" (the
// Phoenix dictionaries).
func (a *Actor) Origin() string {
	switch a.tier {
	case tierLearned:
		return "learned"
	case tierPhoenix:
		return "phoenix"
	}
	return "curated"
}

// Remember adds a person learned from text in an earlier run (kept in a
// store) to the registry of unknown people, under its id and every name
// given, so that new mentions join it as they would have joined it in
// that run. An id the knowledge base has already is left as it is.
func (k *KB) Remember(a *Actor) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if a.ID == "" || a.Name == "" || k.byID[a.ID] != nil || k.merged[a.ID] != nil {
		return
	}
	b := &Actor{ID: a.ID, Name: a.Name, Kind: KindPerson, Country: a.Country, Sector: a.Sector,
		Source: "learned from text", tier: tierLearned}
	for _, n := range a.Aliases {
		if n != a.Name && !slices.Contains(b.Aliases, n) {
			b.Aliases = append(b.Aliases, n)
		}
	}
	k.actors = append(k.actors, b)
	k.byID[b.ID] = b
	for _, n := range b.names() {
		k.indexKey(b, nameKeyWords(fold.Words(n)))
	}
}
