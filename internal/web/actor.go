package web

import (
	"errors"
	"net/http"
	"sort"
	"strings"

	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/store"
)

type partner struct {
	ID, Name, Href      string
	Coop, Conflict, All int
	Dominant            string
}

// balance is one period of the actor's cooperation (up) and conflict (down).
type balance struct {
	Period, X, W, CoopY, CoopH, ConfH string
	Coop, Conflict                    int
}

type actorData struct {
	Actor    store.Actor
	KB       *kb.Actor
	Aliases  []string
	Partners []partner
	Balance  []balance
	Coop     int
	Conflict int
	Mid, H   int
	Events   []eventRow
	More     string
}

func (s *Server) actor(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	d := actorData{Mid: 80, H: 160}
	a, err := s.db.Actor(r.Context(), id)
	if k := s.knowledge(); k != nil {
		d.KB = k.Actor(id)
	}
	switch {
	case err == nil:
		d.Actor = *a
	case errors.Is(err, store.ErrNotFound) && d.KB != nil:
		d.Actor = store.Actor{ID: d.KB.ID, Name: d.KB.Name, Country: d.KB.Country, Sector: d.KB.Sector}
	default:
		s.fail(w, r, err)
		return
	}
	d.Aliases = aliases(d.Actor, d.KB)
	f := readFilters(r)
	sf, err := s.storeFilter(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sf.ActorIDs, sf.ActorName = []string{id}, ""
	if err := s.actorActivity(r, f, sf, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "actor", d.Actor.Name, d)
}

// aliases merges the knowledge base's aliases with the spellings stored
// mentions used, without repeating the name.
func aliases(a store.Actor, k *kb.Actor) []string {
	seen := map[string]bool{strings.ToLower(a.Name): true}
	var out []string
	add := func(ns []string) {
		for _, n := range ns {
			if l := strings.ToLower(n); n != "" && !seen[l] {
				seen[l] = true
				out = append(out, n)
			}
		}
	}
	if k != nil {
		add(k.Aliases)
	}
	add(a.Names)
	return out
}

func (s *Server) actorActivity(r *http.Request, f Filters, sf store.Filter, d *actorData) error {
	ctx := r.Context()
	edges, err := s.agg.Network(ctx, sf)
	if err != nil {
		return err
	}
	d.Partners = partners(f, d.Actor.ID, edges)
	buckets, err := s.agg.Timeline(ctx, sf, "week", "quad")
	if err != nil {
		return err
	}
	d.Balance, d.Coop, d.Conflict = balanceChart(buckets, d.Mid)
	sf.Limit = 50
	p, err := s.db.Events(ctx, sf)
	if err != nil {
		return err
	}
	if d.Events, err = s.rows(ctx, p.Items); err != nil {
		return err
	}
	if p.Next != "" {
		d.More = f.With("/events", "actor_id", d.Actor.ID, "actor", "")
	}
	return nil
}

// partners ranks the actors an actor deals with, either way round.
func partners(f Filters, self string, edges []store.Edge) []partner {
	by := map[string]*partner{}
	for _, e := range edges {
		other, name := e.Target, e.TargetName
		if e.Target == self {
			other, name = e.Source, e.SourceName
		}
		if other == self {
			continue
		}
		p := by[other]
		if p == nil {
			p = &partner{ID: other, Name: name, Href: nodeHref(f, other, name)}
			by[other] = p
		}
		p.All += e.Weight
		if cooperation(e.Quad) {
			p.Coop += e.Weight
		} else {
			p.Conflict += e.Weight
		}
	}
	out := make([]partner, 0, len(by))
	for _, p := range by {
		p.Dominant = "cooperation"
		if p.Conflict > p.Coop {
			p.Dominant = "conflict"
		}
		out = append(out, *p)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].All != out[j].All {
			return out[i].All > out[j].All
		}
		return out[i].Name < out[j].Name
	})
	return out[:min(15, len(out))]
}

// balanceChart draws weekly cooperation above the axis and conflict below.
func balanceChart(buckets []store.Bucket, mid int) ([]balance, int, int) {
	var periods []string
	coop, conf := map[string]int{}, map[string]int{}
	for _, b := range buckets {
		if _, ok := coop[b.Period]; !ok {
			if _, ok := conf[b.Period]; !ok {
				periods = append(periods, b.Period)
			}
		}
		if cooperation(b.Group) {
			coop[b.Period] += b.Count
		} else {
			conf[b.Period] += b.Count
		}
	}
	periods = fillPeriods(periods, "week")
	top, tc, tf := 1, 0, 0
	for _, p := range periods {
		top = max(top, coop[p], conf[p])
		tc += coop[p]
		tf += conf[p]
	}
	if len(periods) == 0 {
		return nil, 0, 0
	}
	slot := float64(chartW) / float64(len(periods))
	scale := float64(mid-4) / float64(top)
	out := make([]balance, len(periods))
	for i, p := range periods {
		ch := float64(coop[p]) * scale
		out[i] = balance{Period: p, X: num(float64(i) * slot), W: num(max(slot*0.85, 0.5)),
			CoopY: num(float64(mid) - ch), CoopH: num(ch), ConfH: num(float64(conf[p]) * scale), Coop: coop[p], Conflict: conf[p]}
	}
	return out, tc, tf
}
