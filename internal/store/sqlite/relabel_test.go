package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// relabelArticle is one article reporting one meeting of actor with the
// envoy, on the given day.
func relabelArticle(id, source, published, day string, actor doc.Entity) *doc.Article {
	pub, _ := time.Parse(time.DateOnly, published)
	envoy := doc.Entity{ID: "p-test-envoy", Name: "Jane Envoy", Country: "GBR", EntityText: "Jane Envoy"}
	text := actor.EntityText + " met Jane Envoy."
	return &doc.Article{
		ID: id, Source: source, Published: pub, PublishedPrecision: doc.PrecisionDay, Lang: "en",
		Text: text + " " + id,
		Mentions: []doc.Mention{
			{Span: doc.Span{Start: 0, End: len(actor.EntityText)}, Kind: doc.KindPerson, Entity: actor},
		},
		Events: []doc.Event{{
			EventType: "CONSULT", Mode: "meet", Quad: "verbal_cooperation", Status: doc.StatusOccurred,
			Date: day, DatePrecision: doc.PrecisionDay, Text: text,
			Actor: []doc.Entity{actor}, Recipient: []doc.Entity{envoy},
		}},
	}
}

func TestRelabelMergesEvents(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	unknown := doc.Entity{ID: "x-klf-hftr", Name: "Khalifa Hafter", Country: "LBY", Sector: "MIL", EntityText: "Khalifa Hafter"}
	known := doc.Entity{ID: "p-test-haftar", Name: "Khalifa Haftar", Country: "LBY", EntityText: "Khalifa Haftar"}
	for _, a := range []*doc.Article{
		relabelArticle("a1", "Alpha", "2024-03-01", "2024-03-01", unknown),
		relabelArticle("a2", "Beta", "2024-03-02", "2024-03-01", known),
		// The same pair a month later: another meeting.
		relabelArticle("a3", "Gamma", "2024-04-05", "2024-04-05", unknown),
	} {
		if _, err := db.PutArticle(ctx, a.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	before := relabelEvents(t, db)
	if len(before) != 3 {
		t.Fatalf("before: %d events, want 3", len(before))
	}
	// The analyst's correction of the unknown actor's first event must follow it.
	var dropped string
	for _, e := range before {
		if e.Actor[0].ID == unknown.ID && e.Date == "2024-03-01" {
			dropped = e.ID
		}
	}
	if _, err := db.PutCorrection(ctx, store.Correction{EventID: dropped, Note: "checked"}); err != nil {
		t.Fatal(err)
	}

	res, err := db.Relabel(ctx, func(id, spelling string) (doc.Entity, bool) {
		if id == unknown.ID {
			return doc.Entity{ID: known.ID, Name: known.Name, Country: known.Country}, true
		}
		return doc.Entity{}, false
	})
	if err != nil {
		t.Fatal(err)
	}
	want := store.Relabelled{Mentions: 2, Records: 2, Events: 2, Merged: 1}
	if res != want {
		t.Errorf("relabelled %+v, want %+v", res, want)
	}

	after := relabelEvents(t, db)
	if len(after) != 2 {
		t.Fatalf("after: %d events, want 2 (the March reports merged, April apart)", len(after))
	}
	march, april := after[0], after[1]
	checks := []struct {
		name      string
		got, want any
	}{
		{"march actor", march.Actor[0].ID, known.ID},
		{"march sector kept", march.Actor[0].Sector, "MIL"},
		{"march mentions", march.NumMentions, 2},
		{"march articles", march.NumArticles, 2},
		{"march sources", march.NumSources, 2},
		{"march first seen", march.FirstSeen, "2024-03-01"},
		{"march last seen", march.LastSeen, "2024-03-02"},
		{"april actor", april.Actor[0].ID, known.ID},
		{"april mentions", april.NumMentions, 1},
		{"april date", april.Date, "2024-04-05"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
	full, err := db.Event(ctx, march.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range full.Mentions {
		if m.Actor[0].ID != known.ID {
			t.Errorf("stored record of %s still names %s", m.ArticleID, m.Actor[0].ID)
		}
		if m.Actor[0].EntityText == "" {
			t.Errorf("stored record of %s lost its spelling", m.ArticleID)
		}
	}
	// The ids of both March events lead to the merged one, the id merged
	// away too.
	away := ""
	for _, e := range before {
		if e.Actor[0].ID == known.ID && e.ID != march.ID {
			away = e.ID
		}
	}
	if away == "" {
		t.Fatal("no event was merged away")
	}
	for _, id := range []string{away, march.ID} {
		if e, err := db.Event(ctx, id); err != nil || e.ID != march.ID {
			t.Errorf("event %s after the merge: %v, %v; want %s", id, e, err, march.ID)
		}
	}
	if _, err := db.Event(ctx, "no-such-event"); err != store.ErrNotFound {
		t.Errorf("unknown event: %v, want ErrNotFound", err)
	}
	cs, err := db.Corrections(ctx, march.ID)
	if err != nil || len(cs) != 1 {
		t.Errorf("corrections of the kept event: %d, %v; want the moved one", len(cs), err)
	}
	if _, err := db.Actor(ctx, unknown.ID); err != store.ErrNotFound {
		t.Errorf("merged-away actor: %v, want ErrNotFound", err)
	}
	a, err := db.Actor(ctx, known.ID)
	if err != nil {
		t.Fatal(err)
	}
	hasSpelling := false
	for _, n := range a.Names {
		hasSpelling = hasSpelling || n == "Khalifa Hafter"
	}
	if !hasSpelling || a.NumEvents != 2 {
		t.Errorf("kept actor: names %v, %d events; want the moved spelling and 2 events", a.Names, a.NumEvents)
	}
	page, err := db.Events(ctx, store.Filter{ActorIDs: []string{known.ID}})
	if err != nil || len(page.Items) != 2 {
		t.Errorf("events by the kept actor: %d, %v", len(page.Items), err)
	}

	// Nothing left to change: a second run changes nothing.
	again, err := db.Relabel(ctx, func(id, spelling string) (doc.Entity, bool) {
		if id == known.ID {
			return doc.Entity{ID: known.ID, Name: known.Name, Country: known.Country}, true
		}
		return doc.Entity{}, false
	})
	if err != nil || again != (store.Relabelled{}) {
		t.Errorf("second relabel: %+v, %v; want nothing changed", again, err)
	}
	// A new report of the March meeting under the old spelling's new id joins it.
	late := relabelArticle("a4", "Delta", "2024-03-08", "2024-03-01", known)
	if r, err := db.PutArticle(ctx, late.ID, late); err != nil || r.MergedEvents != 1 {
		t.Errorf("late report: %+v, %v; want merged", r, err)
	}
}

func relabelEvents(t *testing.T, db *sqlite.DB) []store.Event {
	t.Helper()
	p, err := db.Events(context.Background(), store.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}
