package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/store"
)

// filterKeys are the URL parameters of the filter bar, in the order links
// write them.
var filterKeys = []string{"actor", "actor_id", "country", "type", "quad", "context", "since", "until", "text"}

// Filters is the filter bar's state, as read from a request's URL.
type Filters struct {
	Actor, ActorID, Country, Type, Quad, Context, Since, Until, Text string
}

func readFilters(r *http.Request) Filters {
	q := r.URL.Query()
	g := func(k string) string { return strings.TrimSpace(q.Get(k)) }
	return Filters{Actor: g("actor"), ActorID: g("actor_id"), Country: strings.ToUpper(g("country")), Type: strings.ToUpper(g("type")),
		Quad: g("quad"), Context: g("context"), Since: g("since"), Until: g("until"), Text: g("text")}
}

func (f Filters) values() url.Values {
	v := url.Values{}
	for i, s := range []string{f.Actor, f.ActorID, f.Country, f.Type, f.Quad, f.Context, f.Since, f.Until, f.Text} {
		if s != "" {
			v.Set(filterKeys[i], s)
		}
	}
	return v
}

// With returns a link to path carrying the filters, with the given
// key/value pairs set (or removed, for an empty value).
func (f Filters) With(path string, kv ...string) string {
	v := f.values()
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] == "" {
			v.Del(kv[i])
		} else {
			v.Set(kv[i], kv[i+1])
		}
	}
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}

// Active reports whether any filter is set.
func (f Filters) Active() bool { return len(f.values()) > 0 }

// filterError is a filter the user typed that cannot be read; pages show
// it instead of results.
type filterError struct{ msg string }

func (e *filterError) Error() string { return e.msg }

// storeFilter translates the filter bar into a store filter, resolving the
// actor through the knowledge base as the API does.
func (s *Server) storeFilter(f Filters) (store.Filter, error) {
	var sf store.Filter
	var err error
	if sf.Since, err = day(f.Since, "since"); err != nil {
		return sf, err
	}
	if sf.Until, err = day(f.Until, "until"); err != nil {
		return sf, err
	}
	sf.Country, sf.Type, sf.Quad, sf.Context = f.Country, f.Type, f.Quad, f.Context
	if sf.Quad != "" && quadLabels[sf.Quad] == "" {
		return sf, &filterError{fmt.Sprintf("unknown quad %q", sf.Quad)}
	}
	if f.Text != "" && !hasWord(f.Text) {
		return sf, &filterError{"the text search needs a word"}
	}
	sf.Text = f.Text
	if f.ActorID != "" {
		sf.ActorIDs = strings.Split(f.ActorID, ",")
	}
	if f.Actor != "" {
		if ids := s.resolveActor(f.Actor); len(ids) > 0 {
			sf.ActorIDs = append(sf.ActorIDs, ids...)
		} else {
			sf.ActorName = f.Actor
		}
	}
	return sf, nil
}

func hasWord(s string) bool {
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return true
		}
	}
	return false
}

func day(s, name string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return t, &filterError{fmt.Sprintf("%s: want a date as YYYY-MM-DD, not %q", name, s)}
	}
	return t, nil
}

// resolveActor finds the knowledge base actors a typed name means: an id,
// a person's name in any spelling, or a name or alias in the index.
func (s *Server) resolveActor(name string) []string {
	k := s.knowledge()
	if k == nil {
		return nil
	}
	if a := k.Actor(name); a != nil {
		return []string{a.ID}
	}
	if a := k.ResolvePerson(name, ""); a != nil {
		return []string{a.ID}
	}
	words := fold.Words(name)
	n, entries := k.Index().Longest(words)
	if n == 0 || n != len(words) {
		return nil
	}
	var ids []string
	seen := map[string]bool{}
	for _, e := range entries {
		if e.Actor != nil && !seen[e.Actor.ID] {
			seen[e.Actor.ID] = true
			ids = append(ids, e.Actor.ID)
		}
	}
	return ids
}
