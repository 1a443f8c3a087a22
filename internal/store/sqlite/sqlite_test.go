package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestReopenAndVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "parley.db")
	for i := 0; i < 2; i++ {
		db, err := Open(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := db.Version(ctx)
		// 900: the corrections migration (00900_corrections.sql).
		if err != nil || v != 900 {
			t.Errorf("version %d, %v; want 900", v, err)
		}
		var mode string
		if err := db.Pragma(ctx, "journal_mode", &mode); err != nil || mode != "wal" {
			t.Errorf("journal mode %q, %v", mode, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("PARLEY_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, err := DefaultPath(); err != nil || p != "/data/parley/parley.db" {
		t.Errorf("XDG: %q, %v", p, err)
	}
	t.Setenv("PARLEY_DB", "/x.db")
	if p, _ := DefaultPath(); p != "/x.db" {
		t.Errorf("PARLEY_DB: %q", p)
	}
}

func writeTestStore(t *testing.T) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "w.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// writeTestCorpus returns n articles whose events merge across articles
// (a few actors, a few days, some undated), with near-duplicate copies,
// exact copies, articles without URL and without events.
func writeTestCorpus(n int) []store.Keyed {
	r := rand.New(rand.NewPCG(3, 4))
	actors := []doc.Entity{
		{ID: "p-a", Name: "Anna Alpha", Country: "LBY", Sector: "GOV"},
		{ID: "p-b", Name: "Boris Beta", Country: "TUR", Sector: "MIL"},
		{ID: "p-c", Name: "Carla Gamma", Country: "ITA", Sector: "GOV"},
		{ID: "", Name: "Tribal elders"},
	}
	words := strings.Fields("talks border oil ports militia election bank court water grid schools roads loans")
	precs := []doc.Precision{doc.PrecisionDay, doc.PrecisionDay, doc.PrecisionWeek, doc.PrecisionMonth, doc.PrecisionYear, ""}
	var out []store.Keyed
	for i := range n {
		if i > 0 && r.IntN(10) == 0 { // an exact copy of an earlier article
			out = append(out, out[r.IntN(len(out))])
			continue
		}
		pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(40))
		var body []string
		for range 30 {
			body = append(body, words[r.IntN(len(words))])
		}
		a := &doc.Article{ID: fmt.Sprintf("in-%d", i), URL: fmt.Sprintf("https://n%d.example/%d", i%3, i),
			Source: fmt.Sprintf("Outlet %d", i%4), Published: pub, PublishedPrecision: doc.PrecisionDay,
			Text: fmt.Sprintf("Report %d. %s.", i, strings.Join(body, " "))}
		if i%9 == 0 && i > 0 { // a syndicated copy of an earlier one
			prev := out[r.IntN(len(out))].Article
			a.Text = "WIRE - " + prev.Text + " Follow us."
		}
		if i%11 == 0 {
			a.URL = ""
		}
		for k := range r.IntN(3) {
			x, y := actors[r.IntN(len(actors))], actors[r.IntN(len(actors))]
			prec := precs[r.IntN(len(precs))]
			date := dateAt(pub.AddDate(0, 0, -r.IntN(3)), prec)
			e := doc.Event{ID: fmt.Sprintf("r%d-%d", i%50, k), EventType: []string{"CONSULT", "ACCUSE"}[r.IntN(2)],
				Quad: "verbal_cooperation", Status: doc.StatusOccurred, Date: date, DatePrecision: prec,
				Actor: []doc.Entity{x}, Recipient: []doc.Entity{y}, Context: []string{},
				Text: fmt.Sprintf("%s met %s about %s", x.Name, y.Name, words[r.IntN(len(words))])}
			if r.IntN(2) == 0 {
				e.Location = &doc.Location{Name: []string{"Tripoli", "Rome"}[r.IntN(2)]}
			}
			a.Events = append(a.Events, e)
			a.Mentions = append(a.Mentions, doc.Mention{Span: doc.Span{Start: 0, End: 6}, Kind: doc.KindPerson, Entity: x})
		}
		out = append(out, store.Keyed{Key: dedup.ArticleID(a.URL, a.Text), Article: a})
	}
	return out
}

// dateAt writes day d as an event date of precision prec: "2024-03",
// "2024", the day itself, or "" for none.
func dateAt(d time.Time, prec doc.Precision) string {
	date := d.Format(time.DateOnly)
	switch prec {
	case doc.PrecisionMonth:
		return date[:7]
	case doc.PrecisionYear:
		return date[:4]
	case "":
		return ""
	}
	return date
}

// dumpStore lists every row of the tables a write fills, but for the time
// of ingest, and the full-text matches of a few words.
func dumpStore(t *testing.T, db *DB) []string {
	t.Helper()
	ctx := context.Background()
	if err := db.flushEvidence(ctx); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, q := range []string{
		`SELECT seq, id, source_id, story_id, url, source, source_key, published, text, hex(minhash), num_mentions, num_events, first_mention FROM articles ORDER BY seq`,
		`SELECT * FROM events ORDER BY seq`,
		`SELECT * FROM event_actors ORDER BY event_seq, role, pos`,
		`SELECT * FROM event_mentions ORDER BY seq`,
		`SELECT * FROM entity_mentions ORDER BY article_seq, idx`,
		`SELECT * FROM actors ORDER BY id`,
		`SELECT * FROM actor_names ORDER BY actor_id, name`,
		`SELECT rowid FROM evidence WHERE evidence MATCH 'oil OR talks' ORDER BY rowid`,
	} {
		rows, err := db.r.QueryContext(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(q[:20], vals))
		}
		rows.Close()
	}
	return out
}

// TestGroupCommit: articles stored in groups give the store they give one
// by one, row for row, through duplicates, copies and merges inside a group.
func TestGroupCommit(t *testing.T) {
	ctx := context.Background()
	arts := writeTestCorpus(300)
	one, grouped := writeTestStore(t), writeTestStore(t)
	var want, got []store.Result
	for _, a := range arts {
		r, err := one.PutArticle(ctx, a.Key, a.Article)
		if err != nil {
			t.Fatal(err)
		}
		want = append(want, r)
	}
	for lo, size := 0, 1; lo < len(arts); lo, size = lo+size, size%70+7 {
		res, err := grouped.PutArticles(ctx, arts[lo:min(lo+size, len(arts))])
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, res...)
	}
	if !slices.Equal(got, want) {
		t.Errorf("results differ:\n%v\n%v", got, want)
	}
	if g, w := dumpStore(t, grouped), dumpStore(t, one); !slices.Equal(g, w) {
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("grouped store differs (%d vs %d rows), first at %d:\n%s\n%s", len(g), len(w), i, g[i], w[i])
			}
		}
		t.Fatalf("grouped store has %d rows, one by one %d", len(g), len(w))
	}
}

// TestGroupFailure: when an article of a group fails, the ones before it
// are stored, it and the rest are not, and the writer's memory (near
// duplicates, known actors) still matches the file.
func TestGroupFailure(t *testing.T) {
	ctx := context.Background()
	arts := writeTestCorpus(40)
	boom := 25
	for len(arts[boom].Article.Events) == 0 {
		boom++
	}
	arts[boom].Article.Events[0].Text = "boom"
	one, grouped := writeTestStore(t), writeTestStore(t)
	for _, a := range arts {
		if _, err := one.PutArticle(ctx, a.Key, a.Article); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := grouped.w.ExecContext(ctx, `CREATE TEMP TRIGGER boom BEFORE INSERT ON event_mentions
		WHEN json_extract(NEW.record, '$.text') = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`); err != nil {
		t.Fatal(err)
	}
	if res, err := grouped.PutArticles(ctx, arts[:10]); err != nil || len(res) != 10 {
		t.Fatalf("first group: %d, %v", len(res), err)
	}
	res, err := grouped.PutArticles(ctx, arts[10:])
	if err == nil || !strings.Contains(err.Error(), "boom") || len(res) != boom-10 {
		t.Fatalf("failing group: %d results, %v; want %d and boom", len(res), err, boom-10)
	}
	var stored int
	if err := grouped.r.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if _, err := grouped.w.ExecContext(ctx, `DROP TRIGGER temp.boom`); err != nil {
		t.Fatal(err)
	}
	if _, err := grouped.PutArticles(ctx, arts[boom:]); err != nil {
		t.Fatal(err)
	}
	if g, w := dumpStore(t, grouped), dumpStore(t, one); !slices.Equal(g, w) {
		t.Errorf("after a failure and a retry the store differs from one stored one by one (%d vs %d rows)", len(g), len(w))
	}
	if _, err := grouped.PutArticles(ctx, []store.Keyed{{Key: "", Article: arts[0].Article}}); err == nil {
		t.Error("an article without key: no error")
	}
}

// TestSinceFloor: a query from a day on finds every event still going on
// that day, however long its dates span, and in order.
func TestSinceFloor(t *testing.T) {
	ctx := context.Background()
	db := writeTestStore(t)
	r := rand.New(rand.NewPCG(5, 6))
	precs := []doc.Precision{doc.PrecisionDay, doc.PrecisionWeek, doc.PrecisionMonth, doc.PrecisionYear, ""}
	for i := range 400 {
		pub := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(900))
		prec := precs[r.IntN(len(precs))]
		date := dateAt(pub, prec)
		a := &doc.Article{ID: fmt.Sprint(i), Text: fmt.Sprintf("Report %d.", i), Published: pub, Events: []doc.Event{{
			EventType: "CONSULT", Status: doc.StatusOccurred, Date: date, DatePrecision: prec,
			Actor: []doc.Entity{{ID: fmt.Sprintf("x%d", i), Name: "X"}}, Text: "met"}}}
		if _, err := db.PutArticle(ctx, a.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, day := range []string{"2021-06-01", "2022-01-01", "2022-03-15", "2023-01-02", "2023-07-31", "2024-06-01", "2030-01-01"} {
		since, _ := time.Parse(time.DateOnly, day)
		var want []string
		rows, err := db.r.QueryContext(ctx, `SELECT id FROM events WHERE date_hi >= ? ORDER BY date_lo, seq`, day)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id string
			rows.Scan(&id)
			want = append(want, id)
		}
		rows.Close()
		var got []string
		f := store.Filter{Since: since, Status: "any", Limit: 7}
		for {
			p, err := db.Events(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range p.Items {
				got = append(got, e.ID)
			}
			if f.Cursor = p.Next; f.Cursor == "" {
				break
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("since %s: %d events, want %d", day, len(got), len(want))
		}
	}
}

// TestTextPlans: the ways eventWhere asks the full-text index select the
// same events in the same order.
func TestTextPlans(t *testing.T) {
	ctx := context.Background()
	db := writeTestStore(t)
	if err := db.Generate(ctx, 600); err != nil {
		t.Fatal(err)
	}
	since, _ := time.Parse(time.DateOnly, "2021-01-01")
	for _, f := range []store.Filter{{Text: "the"}, {Text: "ceasefire"}, {Text: "ceasefire drones"}, {Text: "w7*"},
		{Text: "nothing"}, {Text: "the", Since: since, Type: "CONSULT"}, {Text: "of", Status: "any", Until: since}} {
		var matches string
		if err := db.r.QueryRowContext(ctx, `SELECT json_group_array(rowid) FROM evidence WHERE evidence MATCH ?`,
			ftsQuery(f.Text)).Scan(&matches); err != nil {
			t.Fatal(err)
		}
		plans := []denseFilters{{text: textSparse}, {text: textDense}, {text: textDensest}, {textMatches: matches}}
		lists := make([][]string, len(plans))
		for plan, d := range plans {
			w, err := eventWhere(f, d)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := db.r.QueryContext(ctx, `SELECT e.id FROM events e`+w.sql()+` ORDER BY e.date_lo, e.seq`, w.args...)
			if err != nil {
				t.Fatalf("%+v plan %d: %v", f, plan, err)
			}
			for rows.Next() {
				var id string
				rows.Scan(&id)
				lists[plan] = append(lists[plan], id)
			}
			rows.Close()
		}
		for plan := range plans[1:] {
			if !slices.Equal(lists[0], lists[plan+1]) {
				t.Errorf("%q: plan %d finds %d events, plan 0 %d", f.Text, plan+1, len(lists[plan+1]), len(lists[0]))
			}
		}
	}
	if d, err := db.density(ctx, store.Filter{Text: "the"}); err != nil || d.text != textDense || d.textMatches != "" {
		t.Errorf("density of a word in most sentences of 600: %+v, %v", d, err)
	}
	if d, err := db.density(ctx, store.Filter{Text: "ceasefire"}); err != nil || d.text != textSparse || d.textMatches == "" {
		t.Errorf("density of a rarer word: %+v, %v", d, err)
	}
}

func TestStored(t *testing.T) {
	ctx := context.Background()
	db := writeTestStore(t)
	a := writeTestCorpus(1)[0]
	if ok, err := db.Stored(ctx, a.Key); ok || err != nil {
		t.Errorf("before: %v, %v", ok, err)
	}
	if _, err := db.PutArticle(ctx, a.Key, a.Article); err != nil {
		t.Fatal(err)
	}
	if ok, err := db.Stored(ctx, a.Key); !ok || err != nil {
		t.Errorf("after: %v, %v", ok, err)
	}
}

// TestMergeIntoLongSpan: a record joins a stored event whose dates span a
// month or a year, found by the walk of events_long, whether that event
// came in an earlier transaction or earlier in the same one.
func TestMergeIntoLongSpan(t *testing.T) {
	ctx := context.Background()
	pair := func(date string, prec doc.Precision) doc.Event {
		return doc.Event{EventType: "CONSULT", Quad: "verbal_cooperation", Status: doc.StatusOccurred,
			Date: date, DatePrecision: prec, Context: []string{},
			Actor:     []doc.Entity{{ID: "p-a", Name: "Anna Alpha", Country: "LBY"}},
			Recipient: []doc.Entity{{ID: "p-b", Name: "Boris Beta", Country: "TUR"}},
			Text:      "Anna Alpha met Boris Beta."}
	}
	article := func(i int, e doc.Event) store.Keyed {
		a := &doc.Article{URL: fmt.Sprintf("https://span.example/%d", i), Source: fmt.Sprintf("Outlet %d", i),
			Published: time.Date(2024, 12, 30, 0, 0, 0, 0, time.UTC), PublishedPrecision: doc.PrecisionDay,
			Text: fmt.Sprintf("Story %d about a meeting of two people in a year of many.", i), Events: []doc.Event{e}}
		return store.Keyed{Key: dedup.ArticleID(a.URL, a.Text), Article: a}
	}
	for _, tc := range []struct {
		name      string
		wide      doc.Event
		day       string
		sameGroup bool
		want      int // events stored besides the one of 2023
	}{
		{"year then day, two transactions", pair("2024", doc.PrecisionYear), "2024-03-05", false, 1},
		{"year then day, one transaction", pair("2024", doc.PrecisionYear), "2024-03-05", true, 1},
		{"month then day, two transactions", pair("2024-03", doc.PrecisionMonth), "2024-03-02", false, 1},
		{"month then day, one transaction", pair("2024-03", doc.PrecisionMonth), "2024-03-02", true, 1},
		{"month then a day of another month", pair("2024-03", doc.PrecisionMonth), "2024-05-20", false, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			db := writeTestStore(t)
			// A day-precision meeting of the pair first, so that the
			// store holds short spans too.
			arts := []store.Keyed{article(0, pair("2023-06-10", doc.PrecisionDay)), article(1, tc.wide),
				article(2, pair(tc.day, doc.PrecisionDay))}
			groups := [][]store.Keyed{arts[:1], arts[1:2], arts[2:]}
			if tc.sameGroup {
				groups = [][]store.Keyed{arts[:1], arts[1:]}
			}
			for _, g := range groups {
				if _, err := db.PutArticles(ctx, g); err != nil {
					t.Fatal(err)
				}
			}
			var n int
			if err := db.r.QueryRowContext(ctx, `SELECT count(*) FROM events`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != tc.want+1 {
				t.Errorf("%d events stored besides the meeting of 2023, want %d", n-1, tc.want)
			}
		})
	}
}

// TestNearQueryPlan: the candidates of a merge come from two index walks,
// events_key for short events and events_long for long ones, never from a
// scan of the table.
func TestNearQueryPlan(t *testing.T) {
	db := writeTestStore(t)
	if _, err := db.PutArticles(context.Background(), writeTestCorpus(50)); err != nil {
		t.Fatal(err)
	}
	rows, err := db.r.QueryContext(context.Background(), "EXPLAIN QUERY PLAN "+nearQuery,
		"CONSULT|occurred|p-a,p-b", "2024-03-05", "2024-03-03", "2024-03-15", "2023-02-01")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	got := strings.Join(plan, "; ")
	for _, want := range []string{"USING INDEX events_key (merge_key=? AND date_hi>? AND date_hi<?)", "USING INDEX events_long (merge_key=? AND date_lo>? AND date_lo<?)"} {
		if !strings.Contains(got, want) {
			t.Errorf("plan %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "SCAN") {
		t.Errorf("plan %q scans", got)
	}
}
