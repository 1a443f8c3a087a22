// Package storetest is the conformance suite every [store.Store] engine
// runs: [Run] stores a small set of hand-made articles and checks
// idempotence, near-duplicate stories, event merging, every filter,
// pagination, the single-item readers and the aggregates.
package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

// Run runs the suite; newStore returns an empty store, closed by the suite.
// A store that is a [store.BatchWriter] must store a batch as it stores
// the same articles one by one.
func Run(t *testing.T, newStore func(t *testing.T) store.Store) {
	t.Run("Batch", func(t *testing.T) { testBatch(t, newStore) })
	tests := []struct {
		name string
		fn   func(t *testing.T, s store.Store)
	}{
		{"Idempotent", testIdempotent},
		{"NearDuplicate", testNearDuplicate},
		{"MergeAcrossDays", testMergeAcrossDays},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"NotFound", testNotFound},
		{"ReadBack", testReadBack},
		{"Aggregates", testAggregates},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			defer func() {
				if err := s.Close(); err != nil {
					t.Errorf("close: %v", err)
				}
			}()
			tt.fn(t, s)
		})
	}
}

var (
	haftar  = doc.Entity{ID: "p-haftar", Name: "Khalifa Haftar", Country: "LBY", Sector: "MIL", EntityText: "Field Marshal Khalifa Haftar"}
	bellini = doc.Entity{ID: "p-bellini", Name: "Marco Bellini", Country: "ITA", Sector: "GOV", EntityText: "Marco Bellini"}
	dbeibah = doc.Entity{ID: "p-dbeibah", Name: "Abdul Hamid Dbeibah", Country: "LBY", Sector: "GOV", EntityText: "Prime Minister Dbaiba"}
	italy   = doc.Entity{ID: "s-ita", Name: "Italy", Country: "ITA", Sector: "GOV"}
)

var bodies = []string{
	"Field Marshal Khalifa Haftar received the Italian Foreign Minister Marco Bellini in Benghazi on Monday. " +
		"The two men discussed border security, migration across the central Mediterranean and the stalled " +
		"preparations for national elections, according to a statement released by the army's media office.",
	"Prime Minister Dbaiba accused rival forces of blocking oil exports from the eastern terminals, " +
		"saying the shutdown cost the country millions of dollars every day and hurt ordinary families who depend " +
		"on public salaries paid from oil revenue.",
	"Italy pledged new funding for coast guard training in Tripoli, the interior ministry said in a statement " +
		"on its website, adding that the programme would run for three years and include patrol boats and radar.",
}

type art struct {
	key, source, url, published, text string
	events                            []doc.Event
}

func (a art) doc() *doc.Article {
	d := &doc.Article{ID: "in-" + a.key, URL: a.url, Source: a.source, Text: a.text, Title: strings.SplitN(a.text, ".", 2)[0]}
	if a.published != "" {
		d.Published, _ = time.Parse(time.DateOnly, a.published)
		d.PublishedPrecision = doc.PrecisionDay
	}
	for i, e := range a.events {
		e.ID = fmt.Sprintf("%s-r%d", a.key, i)
		e.ArticleID = d.ID
		if e.Status == "" {
			e.Status = doc.StatusOccurred
		}
		if e.Context == nil {
			e.Context = []string{}
		}
		if i := strings.Index(a.text, e.Text); i >= 0 && e.Text != "" {
			e.Span = [2]int{i, i + len(e.Text)}
		}
		d.Events = append(d.Events, e)
	}
	for _, e := range d.Events {
		for _, x := range append(slices.Clone(e.Actor), e.Recipient...) {
			name := x.EntityText
			i := strings.Index(a.text, name)
			if i < 0 {
				name = x.Name
				i = strings.Index(a.text, name)
			}
			if i < 0 {
				continue
			}
			sp := doc.Span{Start: i, End: i + len(name)}
			d.Mentions = append(d.Mentions, doc.Mention{Span: sp, Kind: doc.KindPerson, Head: sp, Entity: x})
		}
	}
	return d
}

func meeting(date string, prec doc.Precision) doc.Event {
	return doc.Event{EventType: "CONSULT", Quad: "verbal_cooperation", Mode: "visit", Date: date, DatePrecision: prec,
		Actor: []doc.Entity{haftar}, Recipient: []doc.Entity{bellini}, Context: []string{"migration"},
		Location: &doc.Location{Name: "Benghazi", Country: "LBY"},
		Text:     "Field Marshal Khalifa Haftar received the Italian Foreign Minister Marco Bellini in Benghazi on Monday.", Confidence: 0.8}
}

func accusation(date string) doc.Event {
	return doc.Event{EventType: "ACCUSE", Quad: "verbal_conflict", Date: date, DatePrecision: doc.PrecisionDay,
		Actor: []doc.Entity{dbeibah}, Context: []string{"economic"},
		Text: "Prime Minister Dbaiba accused rival forces of blocking oil exports from the eastern terminals, saying the shutdown cost the country millions of dollars every day and hurt ordinary families who depend on public salaries paid from oil revenue."}
}

func aid(date string, status string) doc.Event {
	return doc.Event{EventType: "AID", Quad: "material_cooperation", Date: date, DatePrecision: doc.PrecisionDay, Status: status,
		Actor: []doc.Entity{italy}, Location: &doc.Location{Name: "Tripoli", Country: "LBY"},
		Text: "Italy pledged new funding for coast guard training in Tripoli, the interior ministry said in a statement on its website, adding that the programme would run for three years and include patrol boats and radar."}
}

// corpus: a meeting (a1) syndicated (a2, other outlet, other boilerplate),
// an accusation (a3), an aid pledge (a4, with a historical record), and the
// same pair meeting again a month later (a5).
func corpus() []art {
	return []art{
		{"a1", "Libya Observer", "https://libyaobserver.example/news/haftar-bellini", "2024-03-12", bodies[0], []doc.Event{meeting("2024-03-11", doc.PrecisionDay)}},
		{"a2", "Agenzia Nova", "https://nova.example/haftar", "2024-03-12", "BENGHAZI (Nova) - " + bodies[0] + " Follow us on social media.", []doc.Event{meeting("2024-03-11", doc.PrecisionDay)}},
		{"a3", "Libya Herald", "https://libyaherald.example/dbeibah-oil", "2024-03-15", bodies[1], []doc.Event{accusation("2024-03-14")}},
		{"a4", "", "", "2024-03-20", bodies[2], []doc.Event{aid("2024-03-20", ""), aid("2019-01-01", doc.StatusHistorical)}},
		{"a5", "Libya Observer", "https://libyaobserver.example/news/haftar-bellini-again", "2024-04-16", "Khalifa Haftar and Marco Bellini met again in Benghazi on Monday to review the agreement on coast guard patrols and the return of migrants.", []doc.Event{meeting("2024-04-15", doc.PrecisionDay)}},
	}
}

func load(t *testing.T, s store.Store, arts []art) map[string]store.Result {
	t.Helper()
	out := map[string]store.Result{}
	for _, a := range arts {
		r, err := s.PutArticle(context.Background(), a.key, a.doc())
		if err != nil {
			t.Fatalf("put %s: %v", a.key, err)
		}
		out[a.key] = r
	}
	return out
}

// testBatch stores the corpus, with a copy of an article inside it and
// again as a whole, in batches and one by one, and compares what the two
// stores say.
func testBatch(t *testing.T, newStore func(t *testing.T) store.Store) {
	one, batch := newStore(t), newStore(t)
	defer one.Close()
	defer batch.Close()
	bw, ok := batch.(store.BatchWriter)
	if !ok {
		t.Skip("not a BatchWriter")
	}
	arts := corpus()
	arts = append(arts[:3:3], append([]art{arts[1]}, arts[3:]...)...) // a2 twice, in one batch
	arts = append(arts, corpus()...)
	var want, got []store.Result
	for _, a := range arts {
		r, err := one.PutArticle(context.Background(), a.key, a.doc())
		if err != nil {
			t.Fatalf("put %s: %v", a.key, err)
		}
		want = append(want, r)
	}
	for _, part := range [][]art{arts[:4], arts[4:5], arts[5:]} {
		keyed := make([]store.Keyed, len(part))
		for i, a := range part {
			keyed[i] = store.Keyed{Key: a.key, Article: a.doc()}
		}
		res, err := bw.PutArticles(context.Background(), keyed)
		if err != nil || len(res) != len(part) {
			t.Fatalf("put %d articles: %d results, %v", len(part), len(res), err)
		}
		got = append(got, res...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("batch results %+v, one by one %+v", got, want)
	}
	for _, f := range []store.Filter{{Status: "any"}, {Type: "CONSULT"}, {Text: "Benghazi"}} {
		g, _ := json.Marshal(events(t, batch, f))
		w, _ := json.Marshal(events(t, one, f))
		if string(g) != string(w) {
			t.Errorf("events %+v: batch %s, one by one %s", f, g, w)
		}
	}
	gs, _ := batch.Stats(context.Background())
	ws, _ := one.Stats(context.Background())
	if gs != ws {
		t.Errorf("stats: batch %+v, one by one %+v", gs, ws)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if res, err := bw.PutArticles(ctx, []store.Keyed{{Key: "late", Article: corpus()[0].doc()}}); len(res) != 0 || !errors.Is(err, context.Canceled) {
		t.Errorf("canceled batch: %+v, %v", res, err)
	}
}

func events(t *testing.T, s store.Store, f store.Filter) []store.Event {
	t.Helper()
	p, err := s.Events(context.Background(), f)
	if err != nil {
		t.Fatalf("events %+v: %v", f, err)
	}
	return p.Items
}

func testIdempotent(t *testing.T, s store.Store) {
	load(t, s, corpus())
	before, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	res := load(t, s, corpus())
	for k, r := range res {
		if !r.Duplicate || r.NewEvents+r.MergedEvents != 0 {
			t.Errorf("%s again: %+v, want a duplicate adding nothing", k, r)
		}
	}
	after, _ := s.Stats(context.Background())
	if before != after {
		t.Errorf("stats changed on re-put: %+v → %+v", before, after)
	}
	if before.Articles != 5 || before.Stories != 4 {
		t.Errorf("stats %+v: want 5 articles in 4 stories", before)
	}
}

func testNearDuplicate(t *testing.T, s store.Store) {
	res := load(t, s, corpus())
	if r := res["a2"]; !r.NearDuplicate || r.StoryID != "a1" || r.MergedEvents != 1 {
		t.Errorf("a2: %+v, want a near-duplicate of a1 whose event merged", r)
	}
	if r := res["a5"]; r.NearDuplicate || r.StoryID != "a5" {
		t.Errorf("a5: %+v, want its own story", r)
	}
	ev := events(t, s, store.Filter{Type: "CONSULT"})
	if len(ev) != 2 {
		t.Fatalf("want 2 meetings (March, April), got %d", len(ev))
	}
	m := ev[0]
	if m.NumMentions != 2 || m.NumArticles != 2 || m.NumSources != 2 || m.NumStories != 1 {
		t.Errorf("March meeting counts %d/%d/%d/%d, want mentions 2, articles 2, sources 2, stories 1",
			m.NumMentions, m.NumArticles, m.NumSources, m.NumStories)
	}
	a, err := s.Article(context.Background(), "a2")
	if err != nil || a.StoryID != "a1" || a.SourceID != "in-a2" {
		t.Errorf("article a2: %+v, %v", a, err)
	}
}

func testMergeAcrossDays(t *testing.T, s store.Store) {
	load(t, s, corpus()[:1])
	later := art{"b1", "Libya Review", "https://review.example/b1", "2024-03-19",
		"A week after Khalifa Haftar hosted Marco Bellini, Rome announced new funding for the Libyan coast guard and a further round of talks.",
		[]doc.Event{meeting("", doc.PrecisionUnknown)}}
	later.events[0].Location = nil
	res := load(t, s, []art{later})
	if res["b1"].MergedEvents != 1 {
		t.Errorf("undated report a week later: %+v, want merged", res["b1"])
	}
	ev := events(t, s, store.Filter{Type: "CONSULT"})
	if len(ev) != 1 || ev[0].NumArticles != 2 || ev[0].Date != "2024-03-11" || ev[0].DatePrecision != doc.PrecisionDay {
		t.Fatalf("want one meeting on 2024-03-11 in 2 articles, got %+v", ev)
	}
	if ev[0].FirstSeen != "2024-03-12" || ev[0].LastSeen != "2024-03-19" {
		t.Errorf("seen %s..%s, want 2024-03-12..2024-03-19", ev[0].FirstSeen, ev[0].LastSeen)
	}
	// Elsewhere on the same day: a different meeting.
	other := art{"b2", "Libya Review", "https://review.example/b2", "2024-03-12", "Khalifa Haftar and Marco Bellini also met in Rome, a statement said, discussing energy.",
		[]doc.Event{meeting("2024-03-11", doc.PrecisionDay)}}
	other.events[0].Location = &doc.Location{Name: "Rome", Country: "ITA"}
	load(t, s, []art{other})
	if ev := events(t, s, store.Filter{Type: "CONSULT"}); len(ev) != 2 {
		t.Errorf("a meeting in Rome merged with one in Benghazi: %d events", len(ev))
	}
}

func testFilters(t *testing.T, s store.Store) {
	load(t, s, corpus())
	since, _ := time.Parse(time.DateOnly, "2024-03-13")
	until, _ := time.Parse(time.DateOnly, "2024-03-31")
	tests := []struct {
		name string
		f    store.Filter
		want []string // event types, in order
	}{
		{"all", store.Filter{}, []string{"CONSULT", "ACCUSE", "AID", "CONSULT"}},
		{"any status", store.Filter{Status: "any"}, []string{"AID", "CONSULT", "ACCUSE", "AID", "CONSULT"}},
		{"historical", store.Filter{Status: doc.StatusHistorical}, []string{"AID"}},
		{"actor id", store.Filter{ActorIDs: []string{"p-dbeibah"}}, []string{"ACCUSE"}},
		{"actor ids", store.Filter{ActorIDs: []string{"p-dbeibah", "s-ita"}}, []string{"ACCUSE", "AID"}},
		{"actor name", store.Filter{ActorName: "haftar"}, []string{"CONSULT", "CONSULT"}},
		{"actor spelling", store.Filter{ActorName: "Dbaiba"}, []string{"ACCUSE"}},
		{"country", store.Filter{Country: "ita"}, []string{"CONSULT", "AID", "CONSULT"}},
		{"type", store.Filter{Type: "aid"}, []string{"AID"}},
		{"quad", store.Filter{Quad: "verbal_conflict"}, []string{"ACCUSE"}},
		{"context", store.Filter{Context: "migration"}, []string{"CONSULT", "CONSULT"}},
		{"since until", store.Filter{Since: since, Until: until}, []string{"ACCUSE", "AID"}},
		{"text", store.Filter{Text: "oil exports"}, []string{"ACCUSE"}},
		{"text prefix", store.Filter{Text: "Bengh*"}, []string{"CONSULT", "CONSULT"}},
		{"text operators", store.Filter{Text: `coast "guard" AND (radar)`}, []string{"AID"}},
		{"min sources", store.Filter{MinSources: 2}, []string{"CONSULT"}},
		{"article", store.Filter{ArticleID: "a2"}, []string{"CONSULT"}},
		{"combined", store.Filter{ActorName: "Bellini", Until: until}, []string{"CONSULT"}},
		{"nothing", store.Filter{ActorIDs: []string{"nobody"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range events(t, s, tt.f) {
				got = append(got, e.EventType)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
	arts, err := s.Articles(context.Background(), store.Filter{ActorIDs: []string{"p-haftar"}})
	if err != nil || len(arts.Items) != 3 {
		t.Errorf("articles naming Haftar: %d, %v; want 3", len(arts.Items), err)
	}
	arts, _ = s.Articles(context.Background(), store.Filter{Since: since})
	if len(arts.Items) != 3 {
		t.Errorf("articles since 2024-03-13: %d, want 3", len(arts.Items))
	}
	for _, f := range []store.Filter{{Type: "consult"}, {Quad: "verbal_conflict"}, {Country: "ITA", MinSources: 1},
		{Context: "migration"}, {Status: "any", Type: "AID"}, {MinSources: 2}} {
		ms, err := s.Mentions(context.Background(), f)
		reporting := map[string]bool{}
		for _, m := range ms.Items {
			reporting[m.ArticleID] = true
		}
		arts, aerr := s.Articles(context.Background(), f)
		if err != nil || aerr != nil || len(arts.Items) != len(reporting) || len(reporting) == 0 {
			t.Errorf("articles reporting events %+v: %d, %v; mentions are in %d articles, %v", f, len(arts.Items), aerr, len(reporting), err)
		}
		for _, a := range arts.Items {
			if !reporting[a.ID] {
				t.Errorf("articles reporting events %+v: %s reports none", f, a.ID)
			}
		}
	}
	actors, err := s.Actors(context.Background(), store.Filter{ActorName: "dbaiba"})
	if err != nil || len(actors.Items) != 1 || actors.Items[0].ID != "p-dbeibah" || actors.Items[0].NumEvents != 1 {
		t.Errorf("actors named like Dbaiba: %+v, %v", actors.Items, err)
	}
	actors, _ = s.Actors(context.Background(), store.Filter{Country: "LBY"})
	if len(actors.Items) != 2 {
		t.Errorf("Libyan actors: %+v, want 2", actors.Items)
	}
}

func testPagination(t *testing.T, s store.Store) {
	load(t, s, corpus())
	ctx := context.Background()
	all := events(t, s, store.Filter{Status: "any"})
	var got []string
	f := store.Filter{Status: "any", Limit: 2}
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		p, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range p.Items {
			got = append(got, e.ID)
		}
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	var want []string
	for _, e := range all {
		want = append(want, e.ID)
	}
	if !slices.Equal(got, want) {
		t.Errorf("pages gave %v, want %v", got, want)
	}
	count := func(next func(cursor string) (string, int, error)) int {
		n, cur := 0, ""
		for i := 0; i < 20; i++ {
			c, k, err := next(cur)
			if err != nil {
				t.Fatal(err)
			}
			n += k
			if c == "" {
				return n
			}
			cur = c
		}
		t.Fatal("pagination does not end")
		return 0
	}
	if n := count(func(c string) (string, int, error) {
		p, err := s.Articles(ctx, store.Filter{Limit: 2, Cursor: c})
		return p.Next, len(p.Items), err
	}); n != 5 {
		t.Errorf("articles over pages: %d, want 5", n)
	}
	if n := count(func(c string) (string, int, error) {
		p, err := s.Actors(ctx, store.Filter{Limit: 1, Cursor: c})
		return p.Next, len(p.Items), err
	}); n != 4 {
		t.Errorf("actors over pages: %d, want 4", n)
	}
	if n := count(func(c string) (string, int, error) {
		p, err := s.Mentions(ctx, store.Filter{Status: "any", Limit: 2, Cursor: c})
		return p.Next, len(p.Items), err
	}); n != 6 {
		t.Errorf("mentions over pages: %d, want 6", n)
	}
	if _, err := s.Events(ctx, store.Filter{Cursor: "not a cursor"}); err == nil {
		t.Error("a bad cursor gave no error")
	}
}

func testNotFound(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s, corpus()[:1])
	if _, err := s.Event(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("event: %v", err)
	}
	if _, err := s.Article(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("article: %v", err)
	}
	if _, err := s.Actor(ctx, "nope"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("actor: %v", err)
	}
}

func testReadBack(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s, corpus())
	ev := events(t, s, store.Filter{Type: "CONSULT", Limit: 1})[0]
	e, err := s.Event(ctx, ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(e.Mentions) != 2 || e.Mentions[0].ArticleID != "a1" || e.Mentions[1].ArticleID != "a2" {
		t.Fatalf("mentions of the meeting: %+v", e.Mentions)
	}
	m := e.Mentions[1]
	if m.EventID != e.ID || m.StoryID != "a1" || m.Source != "Agenzia Nova" || m.Published != "2024-03-12" || m.Span[1] == 0 {
		t.Errorf("mention provenance: %+v", m)
	}
	if len(e.Actor) != 1 || e.Actor[0] != haftar || len(e.Recipient) != 1 || e.Recipient[0] != bellini {
		t.Errorf("participants: %+v %+v", e.Actor, e.Recipient)
	}
	if e.Location == nil || e.Location.Name != "Benghazi" || !slices.Equal(e.Context, []string{"migration"}) || e.Mode != "visit" {
		t.Errorf("attributes: %+v", e)
	}
	a, err := s.Article(ctx, "a3")
	if err != nil || a.Text != bodies[1] || a.Published != "2024-03-15" || a.NumEvents != 1 || a.Source != "Libya Herald" {
		t.Errorf("article a3: %+v, %v", a, err)
	}
	act, err := s.Actor(ctx, "p-dbeibah")
	if err != nil || act.Name != "Abdul Hamid Dbeibah" || act.NumEvents != 1 {
		t.Errorf("actor: %+v, %v", act, err)
	}
	ms, err := s.Mentions(ctx, store.Filter{ArticleID: "a4", Status: "any"})
	if err != nil || len(ms.Items) != 2 {
		t.Errorf("mentions of a4: %+v, %v", ms.Items, err)
	}
}

func testAggregates(t *testing.T, s store.Store) {
	ctx := context.Background()
	load(t, s, corpus())
	edges, err := s.Network(ctx, store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(edges) != 1 || edges[0].Source != "p-haftar" || edges[0].Target != "p-bellini" || edges[0].Weight != 2 || edges[0].Quad != "verbal_cooperation" {
		t.Errorf("network: %+v", edges)
	}
	tl, err := s.Timeline(ctx, store.Filter{}, "week", "quad")
	if err != nil {
		t.Fatal(err)
	}
	want := []store.Bucket{{Period: "2024-03-11", Group: "verbal_conflict", Count: 1}, {Period: "2024-03-11", Group: "verbal_cooperation", Count: 1},
		{Period: "2024-03-18", Group: "material_cooperation", Count: 1}, {Period: "2024-04-15", Group: "verbal_cooperation", Count: 1}}
	if !slices.Equal(tl, want) {
		t.Errorf("timeline: %+v, want %+v", tl, want)
	}
	if _, err := s.Timeline(ctx, store.Filter{}, "hour", "quad"); err == nil {
		t.Error("timeline per hour: no error")
	}
}
