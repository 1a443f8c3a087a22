package kb

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/parleyhq/parley/internal/fold"
)

// An Op is one analyst's edit of the knowledge base. An overlay file holds
// one Op a line (JSONL) and is applied on top of the loaded data by
// [KB.ApplyOverlay], in order, so that a team's corrections survive new
// releases of the seed data:
//
//	{"op":"alias","id":"p-lby-haftar-khalifa","name":"Marshal Hafter"}
//	{"op":"merge","id":"p-lby-haftar-khalifa","from":"x-klf-hftr"}
//	{"op":"split","id":"p-lby-gaddafi-muammar","new_id":"u-mohammed-qaddafi","name":"Mohammed Qaddafi","aliases":["Mohammed Qaddafi"]}
//	{"op":"add","actor":{"id":"u-...","name":"...","kind":"person","country":"LBY"}}
type Op struct {
	Op      string   `json:"op"` // alias, merge, split or add
	ID      string   `json:"id,omitempty"`
	Name    string   `json:"name,omitempty"`
	From    string   `json:"from,omitempty"`
	NewID   string   `json:"new_id,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	Actor   *Actor   `json:"actor,omitempty"`
}

// ErrUnknownActor is returned by the edits for an id the knowledge base lacks.
var ErrUnknownActor = errors.New("kb: unknown actor")

// Apply performs one edit. Edits, unlike Learn, must not run while other
// goroutines use the knowledge base's phrase index.
func (k *KB) Apply(op Op) error {
	switch op.Op {
	case "alias":
		return k.AddAlias(op.ID, op.Name)
	case "merge":
		return k.Merge(op.ID, op.From)
	case "split":
		_, err := k.Split(op.ID, op.NewID, op.Name, op.Aliases)
		return err
	case "add":
		if op.Actor == nil {
			return fmt.Errorf("kb: add without an actor")
		}
		return k.Add(op.Actor)
	}
	return fmt.Errorf("kb: unknown edit %q", op.Op)
}

// ApplyOverlay reads edits, one JSON Op a line, and applies them in order.
func (k *KB) ApplyOverlay(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		var op Op
		if err := json.Unmarshal([]byte(line), &op); err != nil {
			return fmt.Errorf("kb: overlay line %d: %w", n, err)
		}
		if err := k.Apply(op); err != nil {
			return fmt.Errorf("kb: overlay line %d: %w", n, err)
		}
	}
	return sc.Err()
}

// ApplyOverlayFile applies the overlay file at path; a missing file is no
// overlay.
func (k *KB) ApplyOverlayFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("kb: %w", err)
	}
	defer f.Close()
	return k.ApplyOverlay(f)
}

// AppendOverlay appends edits to the overlay file at path, creating it.
func AppendOverlay(path string, ops ...Op) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return fmt.Errorf("kb: %w", err)
	}
	enc := json.NewEncoder(f)
	for _, op := range ops {
		if err := enc.Encode(op); err != nil {
			f.Close()
			return fmt.Errorf("kb: %w", err)
		}
	}
	return f.Close()
}

// AddAlias gives the actor another name.
func (k *KB) AddAlias(id, name string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	a := k.byID[id]
	if a == nil {
		return fmt.Errorf("%w %q", ErrUnknownActor, id)
	}
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("kb: empty alias")
	}
	if slices.Contains(a.names(), name) {
		return nil
	}
	a.Aliases = append(slices.Clip(a.Aliases), name)
	k.addName(a, name)
	return nil
}

// Add adds an actor (from an import); an actor with the same id is replaced
// by it, keeping its tier.
func (k *KB) Add(a *Actor) error {
	if a.ID == "" || a.Name == "" {
		return fmt.Errorf("kb: actor needs id and name")
	}
	if err := k.prepareRoles(a); err != nil {
		return fmt.Errorf("kb: %w", err)
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if old := k.byID[a.ID]; old != nil {
		k.remove(old)
	}
	k.addActor(a)
	return nil
}

// Merge makes from the same actor as into: from's names and roles join
// into, and from's id then resolves to into ([KB.Actor]).
func (k *KB) Merge(into, from string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	a, b := k.byID[into], k.byID[from]
	if a == nil {
		return fmt.Errorf("%w %q", ErrUnknownActor, into)
	}
	if b == nil {
		return fmt.Errorf("%w %q", ErrUnknownActor, from)
	}
	if a == b {
		return nil
	}
	k.remove(b)
	for _, n := range b.names() {
		if !slices.Contains(a.names(), n) {
			a.Aliases = append(slices.Clip(a.Aliases), n)
			k.addName(a, n)
		}
	}
	a.Roles = append(slices.Clip(a.Roles), b.Roles...)
	k.addRoleKeys(a)
	if k.merged == nil {
		k.merged = map[string]*Actor{}
	}
	k.merged[from] = a
	for id, x := range k.merged {
		if x == b {
			k.merged[id] = a
		}
	}
	return nil
}

// Split moves some of an actor's aliases to a new actor of the same kind and
// country, with id newID (made from name when empty), and returns it.
// Mentions under those names then resolve to the new actor.
func (k *KB) Split(id, newID, name string, aliases []string) (*Actor, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	a := k.byID[id]
	if a == nil {
		return nil, fmt.Errorf("%w %q", ErrUnknownActor, id)
	}
	if name == "" {
		return nil, fmt.Errorf("kb: split needs a name for the new actor")
	}
	if newID == "" {
		newID = "u-" + strings.Join(fold.Words(name), "-")
	}
	if k.byID[newID] != nil {
		return nil, fmt.Errorf("kb: split: id %q is taken", newID)
	}
	move := append([]string{name}, aliases...)
	for _, n := range move {
		if n == a.Name {
			return nil, fmt.Errorf("kb: split: %q is the canonical name of %s", n, id)
		}
	}
	k.remove(a)
	a.Aliases = slices.DeleteFunc(slices.Clone(a.Aliases), func(s string) bool { return slices.Contains(move, s) })
	k.addActor(a)
	b := &Actor{ID: newID, Name: name, Kind: a.Kind, Country: a.Country, Sector: a.Sector,
		Source: "analyst split of " + id, tier: tierCurated}
	for _, n := range aliases {
		if n != name && !slices.Contains(b.Aliases, n) {
			b.Aliases = append(b.Aliases, n)
		}
	}
	k.addActor(b)
	return b, nil
}

// addName files one more name of a in the indexes.
func (k *KB) addName(a *Actor, n string) {
	kind := EntryActor
	if a.Kind == KindState {
		kind = EntryState
	}
	words := fold.Words(n)
	k.index.Add(words, Entry{Kind: kind, Actor: a, Country: a.Country})
	if a.Kind == KindPerson || a.Kind == KindState {
		key := nameKeyWords(words)
		if a.Kind == KindPerson {
			k.indexKey(a, key)
		} else if key != "" {
			k.keys[key] = appendUnique(k.keys[key], a)
		}
	}
}

// remove takes a out of every index and the actor list.
func (k *KB) remove(a *Actor) {
	for _, n := range a.names() {
		k.index.Remove(fold.Words(n), func(e Entry) bool { return e.Actor == a })
		key := NameKey(n)
		k.keys[key] = slices.DeleteFunc(slices.Clone(k.keys[key]), func(x *Actor) bool { return x == a })
		if ws := strings.Fields(key); len(ws) > 1 {
			drop := func(r nameRef) bool { return r.actor == a }
			k.fuzzyFirst[ws[0]] = slices.DeleteFunc(slices.Clone(k.fuzzyFirst[ws[0]]), drop)
			k.fuzzyLast[ws[len(ws)-1]] = slices.DeleteFunc(slices.Clone(k.fuzzyLast[ws[len(ws)-1]]), drop)
		}
	}
	for rk, list := range k.roles {
		if slices.Contains(list, a) {
			k.roles[rk] = slices.DeleteFunc(slices.Clone(list), func(x *Actor) bool { return x == a })
		}
	}
	k.actors = slices.DeleteFunc(slices.Clone(k.actors), func(x *Actor) bool { return x == a })
	delete(k.byID, a.ID)
}
