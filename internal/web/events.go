package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"

	"github.com/parleyhq/parley/internal/store"
)

// eventRow is an event as a page shows it: with its correction applied,
// and the correction at hand to say so.
type eventRow struct {
	store.Event
	Correction *store.Correction
	Wrong      bool
}

// rows applies the corrections in force to events.
func (s *Server) rows(ctx context.Context, events []store.Event) ([]eventRow, error) {
	out := make([]eventRow, len(events))
	ids := make([]string, len(events))
	for i, e := range events {
		out[i].Event = e
		ids[i] = e.ID
	}
	if s.rev == nil || len(events) == 0 {
		return out, nil
	}
	cs, err := s.rev.Corrections(ctx, ids...)
	if err != nil {
		return nil, err
	}
	latest := store.Latest(cs)
	for i := range out {
		if c, ok := latest[out[i].ID]; ok {
			out[i].Correction = &c
			out[i].Wrong = !c.ApplyEvent(&out[i].Event)
		}
	}
	return out, nil
}

type eventsData struct {
	Events []eventRow
	Next   string
}

func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	f := readFilters(r)
	sf, err := s.storeFilter(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sf.Cursor, sf.Limit = r.URL.Query().Get("cursor"), 100
	p, err := s.db.Events(r.Context(), sf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var d eventsData
	if d.Events, err = s.rows(r.Context(), p.Items); err != nil {
		s.fail(w, r, err)
		return
	}
	if p.Next != "" {
		d.Next = f.With("/events", "cursor", p.Next)
	}
	s.render(w, r, "events", "Events", d)
}

type eventData struct {
	Row         eventRow
	Mentions    []store.Mention
	Days        int
	Sources     []string
	History     []store.Correction
	ReviewTypes []string
}

func (s *Server) event(w http.ResponseWriter, r *http.Request) {
	e, err := s.db.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if e.ID != r.PathValue("id") {
		// merged into another event since: its page now
		http.Redirect(w, r, "/events/"+url.PathEscape(e.ID), http.StatusFound)
		return
	}
	rows, err := s.rows(r.Context(), []store.Event{*e})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := eventData{Row: rows[0], Mentions: e.Mentions, ReviewTypes: s.types}
	days, srcs := map[string]bool{}, map[string]bool{}
	for _, m := range e.Mentions {
		days[m.Published] = true
		if m.Source != "" && !srcs[m.Source] {
			srcs[m.Source] = true
			d.Sources = append(d.Sources, m.Source)
		}
	}
	sort.Strings(d.Sources)
	d.Days = len(days)
	if s.rev != nil {
		if d.History, err = s.rev.Corrections(r.Context(), e.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, "event", "Event "+e.EventType, d)
}
