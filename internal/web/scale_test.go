package web

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// TestBrowserScale measures, in the browser, how long the timeline and the
// network take to render over a generated store of 100,000 events. It is
// heavy (the store takes a while to fill), so it runs only with
// PARLEY_WEB_SCALE=1; PARLEY_WEB_SCALE_DB keeps the generated store for reuse.
func TestBrowserScale(t *testing.T) {
	if os.Getenv("PARLEY_WEB_SCALE") == "" {
		t.Skip("set PARLEY_WEB_SCALE=1 to measure the views over 100,000 events")
	}
	if chromium() == "" {
		t.Skip("chromium not installed")
	}
	path := os.Getenv("PARLEY_WEB_SCALE_DB")
	if path == "" {
		path = filepath.Join(t.TempDir(), "scale.db")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	start := time.Now()
	if err := generate(ctx, db, 100_000); err != nil {
		t.Fatal(err)
	}
	st, _ := db.Stats(ctx)
	t.Logf("store: %d events, %d actors, %d articles (filled in %s)", st.Events, st.Actors, st.Articles, time.Since(start).Round(time.Second))
	p, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(db, p.KB, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, &fixture{t: t, db: db, srv: srv})
	for _, c := range []struct{ name, path, ready string }{
		{"timeline per week", "/timeline", "#timeline"},
		{"timeline per day", "/timeline?bucket=day", "#timeline"},
		{"timeline per day, one year", "/timeline?since=2024-01-01&until=2024-12-31&bucket=day", "#timeline"},
		{"network", "/network", `#network[data-ready="1"]`},
		{"network, quad filter", "/network?quad=material_conflict", `#network[data-ready="1"]`},
		{"network, 300 nodes", "/network?nodes=300", `#network[data-ready="1"]`},
	} {
		for round := range 2 { // the first round warms SQLite's page cache
			b.open(c.path, c.ready)
			m := evaluate[map[string]float64](b, `(function(){var n=performance.getEntriesByType('navigation')[0];
				var g=document.getElementById('network');
				return {ttfb:n.responseStart, dom:n.domContentLoadedEventEnd, load:n.loadEventEnd,
					drawn: g ? Number(g.getAttribute('data-rendered-ms')) : n.loadEventEnd};})()`)
			if round == 1 {
				t.Logf("%-28s server %4.0f ms · DOM ready %4.0f ms · load %4.0f ms · drawn %4.0f ms", c.name, m["ttfb"], m["dom"], m["load"], m["drawn"])
				if m["drawn"] > 1000 {
					t.Logf("%s: over the 1 s target", c.name)
				}
			}
		}
		b.screenshot("scale-" + strings.ReplaceAll(c.name, " ", "-"))
	}
	_ = chromedp.Void{}
}

// generate stores synthetic articles until the store holds n events: 400
// actors with Zipf-like activity, 16 event types, day-precise dates over
// three years, twenty events an article.
func generate(ctx context.Context, db *sqlite.DB, n int) error {
	st, err := db.Stats(ctx)
	if err != nil || st.Events >= n {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	types := []string{"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
		"REJECT", "THREATEN", "SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"}
	actors := make([]doc.Entity, 400)
	countries := []string{"LBY", "ITA", "EGY", "TUR", "TUN", "FRA", "RUS", "USA", "ARE", "DZA"}
	for i := range actors {
		actors[i] = doc.Entity{ID: fmt.Sprintf("gen-%03d", i), Name: fmt.Sprintf("Actor %03d", i), Country: countries[i%len(countries)]}
	}
	zipf := rand.NewZipf(rand.New(rand.NewPCG(3, 4)), 1.2, 4, uint64(len(actors)-1))
	base := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	for a := st.Articles; ; a++ {
		pub := base.AddDate(0, 0, rng.IntN(3*365))
		art := &doc.Article{ID: fmt.Sprintf("gen-%06d", a), URL: fmt.Sprintf("https://gen.test/%06d", a),
			Title: fmt.Sprintf("Generated report %d", a), Source: fmt.Sprintf("src%02d.test", a%40), Lang: "en",
			Published: pub, PublishedPrecision: doc.PrecisionDay}
		var text strings.Builder
		for i := range 20 {
			src, dst := actors[zipf.Uint64()], actors[zipf.Uint64()]
			for dst.ID == src.ID {
				dst = actors[rng.IntN(len(actors))]
			}
			typ := types[rng.IntN(len(types))]
			sentence := fmt.Sprintf("%s and %s: %s number %d of report %d. ", src.Name, dst.Name, strings.ToLower(typ), i, a)
			startAt := text.Len()
			text.WriteString(sentence)
			day := pub.AddDate(0, 0, -rng.IntN(3))
			art.Events = append(art.Events, doc.Event{ID: fmt.Sprintf("gen-%06d-%02d", a, i), EventType: typ,
				Quad: quadOf(typ), Status: doc.StatusOccurred, Date: day.Format(time.DateOnly), DatePrecision: doc.PrecisionDay,
				Actor: []doc.Entity{src}, Recipient: []doc.Entity{dst}, Context: []string{}, Text: sentence,
				Span: [2]int{startAt, startAt + len(sentence)}, Confidence: 0.8, Sentence: i})
		}
		art.Text = text.String()
		if _, err := db.PutArticle(ctx, art.ID, art); err != nil {
			return err
		}
		if a%100 == 99 {
			if st, err = db.Stats(ctx); err != nil || st.Events >= n {
				return err
			}
		}
	}
}

func quadOf(typ string) string {
	switch typ {
	case "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST":
		return "verbal_cooperation"
	case "COOPERATE", "AID", "RETREAT":
		return "material_cooperation"
	case "ACCUSE", "REJECT", "THREATEN":
		return "verbal_conflict"
	}
	return "material_conflict"
}

// BenchmarkScalePages serves the timeline and network pages over the store
// of TestBrowserScale, named by $PARLEY_WEB_SCALE_DB (it must be filled
// already): the server's share of the times the browser measures.
func BenchmarkScalePages(b *testing.B) {
	path := os.Getenv("PARLEY_WEB_SCALE_DB")
	if path == "" {
		b.Skip("set PARLEY_WEB_SCALE_DB to a store TestBrowserScale filled")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	p, err := shared()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(db, p.KB, Options{})
	if err != nil {
		b.Fatal(err)
	}
	fx := &fixture{t: b, db: db, srv: srv}
	for _, c := range []struct{ name, path string }{
		{"timeline-week", "/timeline"},
		{"timeline-day", "/timeline?bucket=day"},
		{"timeline-day-year", "/timeline?since=2024-01-01&until=2024-12-31&bucket=day"},
		{"network", "/network"},
		{"network-quad", "/network?quad=material_conflict"},
		{"network-300", "/network?nodes=300"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				fx.mustGet(c.path)
			}
		})
	}
}
