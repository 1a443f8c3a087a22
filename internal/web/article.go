package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

// piece is a run of article text under one set of highlights.
type piece struct {
	Text string
	// Ent is the entity mention the run belongs to, if any.
	Ent *entityMark
	// Evidence: the run is part of some event's evidence.
	Evidence bool
	// Anchors start here; Ends are the events whose evidence ends here.
	Anchors []string
	Ends    []evidenceMark
}

type entityMark struct {
	Kind, Href, Title string
}

type evidenceMark struct {
	EventID, Href, Label, Quad string
	Wrong                      bool
}

type articleData struct {
	Article  store.Article
	Pieces   []piece
	Events   []eventRow
	Entities int
	Evidence int
}

func (s *Server) articles(w http.ResponseWriter, r *http.Request) {
	f := readFilters(r)
	sf, err := s.storeFilter(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sf.Cursor, sf.Limit = r.URL.Query().Get("cursor"), 100
	p, err := s.db.Articles(r.Context(), sf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := ""
	if p.Next != "" {
		next = f.With("/articles", "cursor", p.Next)
	}
	s.render(w, r, "articles", "Articles", map[string]any{"Articles": p.Items, "Next": next})
}

func (s *Server) article(w http.ResponseWriter, r *http.Request) {
	a, err := s.db.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ms, err := s.db.Mentions(r.Context(), store.Filter{ArticleID: a.ID, Status: "any", Limit: store.MaxLimit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := articleData{Article: *a}
	evs, err := s.articleEvents(r.Context(), ms.Items)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Events = evs
	wrong := map[string]bool{}
	for _, e := range evs {
		wrong[e.ID] = e.Wrong
	}
	ents, err := s.entityMentions(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Entities, d.Evidence = len(ents), len(ms.Items)
	d.Pieces = highlight(a.Text, ents, ms.Items, wrong)
	s.render(w, r, "article", a.Title, d)
}

// articleEvents returns the events of an article's mentions, corrected.
func (s *Server) articleEvents(ctx context.Context, ms []store.Mention) ([]eventRow, error) {
	var evs []store.Event
	seen := map[string]bool{}
	for _, m := range ms {
		if seen[m.EventID] {
			continue
		}
		seen[m.EventID] = true
		e := store.Event{ID: m.EventID, EventType: m.EventType, Quad: m.Quad, Status: m.Status, Date: m.Date,
			Actor: m.Actor, Recipient: m.Recipient, Text: m.Text, Context: m.Context, Mode: m.Mode}
		evs = append(evs, e)
	}
	return s.rows(ctx, evs)
}

// mentionReader is the optional capability of an engine that returns the
// entity mentions it stored with an article.
type mentionReader interface {
	EntityMentions(ctx context.Context, articleID string) ([]doc.Mention, error)
}

// entityMentions returns the entity mentions stored with an article. With
// an engine that does not return them, it finds them in the stored text
// again, as ingest did (nil without a knowledge base).
func (s *Server) entityMentions(ctx context.Context, a *store.Article) ([]doc.Mention, error) {
	if mr, ok := s.db.(mentionReader); ok {
		return mr.EntityMentions(ctx, a.ID)
	}
	return s.entityMentionsAgain(ctx, a)
}

// entityMentionsAgain finds the entity mentions of an article's text.
func (s *Server) entityMentionsAgain(ctx context.Context, a *store.Article) ([]doc.Mention, error) {
	if s.finder == nil {
		return nil, nil
	}
	da := &doc.Article{ID: a.ID, Text: a.Text, Lang: a.Lang}
	if t, err := time.Parse(time.DateOnly, a.Published[:min(10, len(a.Published))]); err == nil {
		da.Published = t
	}
	da.Sentences = s.splitter.Split(da.Text)
	if err := s.finder.Process(ctx, da); err != nil {
		s.opts.Logger.Warn("web: entity mentions", "article", a.ID, "err", err)
		return nil, nil
	}
	return da.Mentions, nil
}

type evSpan struct {
	start, end int
	mark       evidenceMark
}

// highlight cuts text into pieces at every boundary of an entity mention
// or an evidence span. Overlapping entity mentions keep the first (the
// longest of those starting together); spans off the text or inside a
// UTF-8 sequence are dropped.
func highlight(text string, ents []doc.Mention, ms []store.Mention, wrong map[string]bool) []piece {
	ok := func(a, b int) bool {
		return 0 <= a && a < b && b <= len(text) && utf8.RuneStart(text[a]) && (b == len(text) || utf8.RuneStart(text[b]))
	}
	sort.SliceStable(ents, func(i, j int) bool {
		if ents[i].Start != ents[j].Start {
			return ents[i].Start < ents[j].Start
		}
		return ents[i].End > ents[j].End
	})
	var kept []doc.Mention
	for _, m := range ents {
		if ok(m.Start, m.End) && (len(kept) == 0 || m.Start >= kept[len(kept)-1].End) {
			kept = append(kept, m)
		}
	}
	var evs []evSpan
	for _, m := range ms {
		if a, b := m.Span[0], m.Span[1]; ok(a, b) {
			evs = append(evs, evSpan{a, b, evidenceMark{EventID: m.EventID, Href: "/events/" + url.PathEscape(m.EventID),
				Label: m.EventType, Quad: m.Quad, Wrong: wrong[m.EventID]}})
		}
	}
	cuts := map[int]bool{0: true, len(text): true}
	for _, m := range kept {
		cuts[m.Start], cuts[m.End] = true, true
	}
	for _, e := range evs {
		cuts[e.start], cuts[e.end] = true, true
	}
	bounds := make([]int, 0, len(cuts))
	for c := range cuts {
		bounds = append(bounds, c)
	}
	sort.Ints(bounds)
	var out []piece
	k := 0
	for i := 0; i+1 < len(bounds); i++ {
		a, b := bounds[i], bounds[i+1]
		p := piece{Text: text[a:b]}
		for k < len(kept) && kept[k].End <= a {
			k++
		}
		if k < len(kept) && kept[k].Start <= a {
			p.Ent = entMark(kept[k])
		}
		for _, e := range evs {
			if e.start <= a && b <= e.end {
				p.Evidence = true
			}
			if e.start == a {
				p.Anchors = append(p.Anchors, "ev-"+e.mark.EventID)
			}
			if e.end == b {
				p.Ends = append(p.Ends, e.mark)
			}
		}
		out = append(out, p)
	}
	return out
}

func entMark(m doc.Mention) *entityMark {
	e := m.Entity
	if e.ID == "" && e.Name == "" && len(m.Refs) > 0 {
		e = m.Refs[0]
	}
	title := e.Name
	if e.Country != "" {
		title += " (" + e.Country + ")"
	}
	if e.ID == "" && e.Name == "" {
		return &entityMark{Kind: string(m.Kind), Title: string(m.Kind)}
	}
	if title = strings.TrimSpace(title); title == "" {
		title = string(m.Kind)
	}
	return &entityMark{Kind: string(m.Kind), Href: actorHref(e), Title: title}
}
