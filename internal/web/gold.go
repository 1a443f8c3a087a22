package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

// goldArticle is one line of the gold export: an article and its reviewed
// events, in the gold format of the evaluation data.
type goldArticle struct {
	ID                 string        `json:"id"`
	Published          string        `json:"published,omitempty"`
	PublishedPrecision doc.Precision `json:"published_precision,omitempty"`
	Events             []goldEvent   `json:"events"`
	Notes              string        `json:"notes,omitempty"`
}

type goldEvent struct {
	EventType     string        `json:"event_type"`
	Mode          string        `json:"mode,omitempty"`
	Context       []string      `json:"context"`
	Status        string        `json:"status"`
	Date          string        `json:"date,omitempty"`
	DatePrecision doc.Precision `json:"date_precision,omitempty"`
	Actor         []goldEntity  `json:"actor"`
	Recipient     []goldEntity  `json:"recipient"`
	Location      *doc.Location `json:"location"`
	Text          string        `json:"text"`
}

type goldEntity struct {
	ID      string   `json:"id,omitempty"`
	Name    string   `json:"name"`
	Country string   `json:"country,omitempty"`
	Aliases []string `json:"aliases"`
}

// gold writes, for every article with a reviewed event, the article's
// reviewed events with their corrections applied; events marked wrong are
// left out, and so are unreviewed ones unless ?unreviewed=1.
func (s *Server) gold(w http.ResponseWriter, r *http.Request) {
	if s.rev == nil {
		s.fail(w, r, store.ErrNotFound)
		return
	}
	lines, err := s.goldArticles(r.Context(), r.URL.Query().Get("unreviewed") == "1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Content-Disposition", `attachment; filename="gold.jsonl"`)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, g := range lines {
		enc.Encode(g)
	}
}

func (s *Server) goldArticles(ctx context.Context, unreviewed bool) ([]goldArticle, error) {
	cs, err := s.rev.Corrections(ctx)
	if err != nil {
		return nil, err
	}
	latest := store.Latest(cs)
	var order []string
	seen := map[string]bool{}
	for _, c := range cs {
		e, err := s.db.Event(ctx, c.EventID)
		if err != nil {
			continue // the event is gone from the store
		}
		for _, m := range e.Mentions {
			if !seen[m.ArticleID] {
				seen[m.ArticleID] = true
				order = append(order, m.ArticleID)
			}
		}
	}
	var out []goldArticle
	for _, id := range order {
		g, err := s.goldArticle(ctx, id, latest, unreviewed)
		if err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}

func (s *Server) goldArticle(ctx context.Context, id string, latest map[string]store.Correction, unreviewed bool) (goldArticle, error) {
	a, err := s.db.Article(ctx, id)
	if err != nil {
		return goldArticle{}, err
	}
	g := goldArticle{ID: a.ID, Published: a.Published, PublishedPrecision: a.PublishedPrecision, Events: []goldEvent{}}
	if a.SourceID != "" {
		g.ID = a.SourceID
	}
	ms, err := s.db.Mentions(ctx, store.Filter{ArticleID: a.ID, Status: "any", Limit: store.MaxLimit})
	if err != nil {
		return g, err
	}
	var reviewed, wrong, left int
	for _, m := range ms.Items {
		e := m.Event
		c, ok := latest[m.EventID]
		switch {
		case ok && !c.ApplyRecord(&e):
			wrong++
			continue
		case ok:
			reviewed++
		case !unreviewed:
			left++
			continue
		}
		g.Events = append(g.Events, goldEvent{EventType: e.EventType, Mode: e.Mode, Context: e.Context, Status: e.Status,
			Date: e.Date, DatePrecision: e.DatePrecision, Actor: s.goldEntities(e.Actor), Recipient: s.goldEntities(e.Recipient),
			Location: e.Location, Text: e.Text})
	}
	g.Notes = fmt.Sprintf("parley review: %d events reviewed, %d marked wrong", reviewed, wrong)
	if left > 0 {
		g.Notes += fmt.Sprintf(", %d unreviewed left out", left)
	}
	return g, nil
}

// goldEntities gives each participant the spellings it may fairly be named
// by: its name, the text that named it and its aliases in the knowledge base.
func (s *Server) goldEntities(es []doc.Entity) []goldEntity {
	out := []goldEntity{}
	for _, e := range es {
		g := goldEntity{ID: e.ID, Name: e.Name, Country: e.Country}
		seen := map[string]bool{}
		add := func(n string) {
			if l := strings.ToLower(n); n != "" && !seen[l] {
				seen[l] = true
				g.Aliases = append(g.Aliases, n)
			}
		}
		add(e.Name)
		add(e.EntityText)
		if k := s.knowledge(); k != nil && e.ID != "" {
			if a := k.Actor(e.ID); a != nil {
				for _, n := range a.Aliases {
					add(n)
				}
			}
		}
		if g.Aliases == nil {
			g.Aliases = []string{}
		}
		out = append(out, g)
	}
	return out
}
