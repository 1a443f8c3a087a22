package sqlite

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

// The reference aggregates: one SQL GROUP BY each, as the store computed
// them before it summed in Go. The Go sums must agree with them.
const refNetwork = `SELECT
	CASE WHEN s.actor_id != '' THEN s.actor_id ELSE '~' || s.name END AS src, min(s.name),
	CASE WHEN t.actor_id != '' THEN t.actor_id ELSE '~' || t.name END AS dst, min(t.name),
	e.quad, count(DISTINCT e.seq)
	FROM events e JOIN event_actors s ON s.event_seq = e.seq AND s.role = 0
	JOIN event_actors t ON t.event_seq = e.seq AND t.role = 1%s
	GROUP BY src, dst, e.quad ORDER BY src, dst, e.quad`

func (db *DB) refNetwork(ctx context.Context, f store.Filter) ([]store.Edge, error) {
	if err := db.textReady(ctx, f); err != nil {
		return nil, err
	}
	w, err := eventWhere(f, denseFilters{})
	if err != nil {
		return nil, err
	}
	rows, err := db.r.QueryContext(ctx, fmt.Sprintf(refNetwork, w.sql()), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	edges := []store.Edge{}
	for rows.Next() {
		var x store.Edge
		if err := rows.Scan(&x.Source, &x.SourceName, &x.Target, &x.TargetName, &x.Quad, &x.Weight); err != nil {
			return nil, err
		}
		edges = append(edges, x)
	}
	return edges, rows.Err()
}

func (db *DB) refTimeline(ctx context.Context, f store.Filter, bucket, by string) ([]store.Bucket, error) {
	if err := db.textReady(ctx, f); err != nil {
		return nil, err
	}
	period := map[string]string{"day": `e.date_lo`, "week": `date(e.date_lo, 'weekday 0', '-6 days')`}[bucket]
	group := map[string]string{"type": `e.event_type`, "quad": `e.quad`}[by]
	w, err := eventWhere(f, denseFilters{})
	if err != nil {
		return nil, err
	}
	w.add(`e.date_lo != ''`)
	rows, err := db.r.QueryContext(ctx, `SELECT `+period+` AS p, `+group+` AS g, count(*) FROM events e`+w.sql()+
		` GROUP BY p, g ORDER BY p, g`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []store.Bucket{}
	for rows.Next() {
		var b store.Bucket
		if err := rows.Scan(&b.Period, &b.Group, &b.Count); err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

var (
	eHaftar  = doc.Entity{ID: "p-haftar", Name: "Khalifa Haftar", Country: "LBY", Sector: "MIL", EntityText: "Haftar"}
	eDbeibah = doc.Entity{ID: "p-dbeibah", Name: "Abdul Hamid Dbeibah", Country: "LBY", Sector: "GOV", EntityText: "Dbaiba"}
	eItaly   = doc.Entity{ID: "s-ita", Name: "Italy", Country: "ITA", Sector: "GOV", EntityText: "Italy"}
	eEgypt   = doc.Entity{ID: "s-egy", Name: "Egypt", Country: "EGY", Sector: "GOV", EntityText: "Cairo"}
	eMilitia = doc.Entity{Name: "Kaniyat militia", EntityText: "the Kaniyat"}
)

// handStore stores a few hand-made events that the generator does not
// make: several actors on a side, the same actor twice, participants the
// knowledge base does not know, a type and quad outside PLOVER, undated
// and planned events. It returns the store and the event ids by label.
func handStore(t testing.TB) (*DB, map[string]string) {
	t.Helper()
	db := openTemp(t)
	type ev struct {
		label, typ, quad, date, status, text string
		actor, recipient                     []doc.Entity
		loc                                  *doc.Location
	}
	arts := [][]ev{
		{
			{"meet", "CONSULT", "verbal_cooperation", "2024-03-11", "", "Haftar and Dbaiba met the Italians in Rome.",
				[]doc.Entity{eHaftar, eDbeibah}, []doc.Entity{eItaly}, &doc.Location{Name: "Rome", Country: "ITA"}},
			{"accuse", "ACCUSE", "verbal_conflict", "2024-03-12", "", "Dbaiba accused the Kaniyat of shelling Tripoli.",
				[]doc.Entity{eDbeibah}, []doc.Entity{eMilitia}, nil},
		},
		{
			{"aid", "AID", "material_cooperation", "2024-03-18", "", "Italy and Italy's navy sent boats to Haftar.",
				[]doc.Entity{eItaly, eItaly}, []doc.Entity{eHaftar}, nil},
			{"odd", "FROBNICATE", "", "2024-03-19", "", "Egypt frobnicated Haftar, whatever that means.",
				[]doc.Entity{eEgypt}, []doc.Entity{eHaftar}, nil},
			{"plan", "CONSULT", "verbal_cooperation", "2024-04-02", "planned", "Egypt will host Dbaiba next month.",
				[]doc.Entity{eEgypt}, []doc.Entity{eDbeibah}, nil},
		},
		{
			{"assault", "ASSAULT", "material_conflict", "2024-03-20", "", "The Kaniyat attacked Haftar's forces near Tarhuna.",
				[]doc.Entity{eMilitia}, []doc.Entity{eHaftar}, &doc.Location{Name: "Tarhuna", Country: "LBY"}},
			{"undated", "SUPPORT", "verbal_cooperation", "", "", "Egypt backed Haftar, as it long has.",
				[]doc.Entity{eEgypt}, []doc.Entity{eHaftar}, nil},
		},
	}
	pub := []string{"2024-03-12", "2024-03-20", "2024-03-21"}
	ids := map[string]string{}
	ctx := context.Background()
	for i, evs := range arts {
		a := &doc.Article{ID: fmt.Sprintf("hand-%d", i), URL: fmt.Sprintf("https://hand.test/%d", i), Source: "hand.test", Lang: "en"}
		a.Published, _ = time.Parse(time.DateOnly, pub[i])
		a.PublishedPrecision = doc.PrecisionDay
		var text strings.Builder
		for j, e := range evs {
			start := text.Len()
			text.WriteString(e.text + " ")
			st := e.status
			if st == "" {
				st = doc.StatusOccurred
			}
			prec := doc.PrecisionDay
			if e.date == "" {
				prec = ""
			}
			a.Events = append(a.Events, doc.Event{ID: fmt.Sprintf("%s-%d", a.ID, j), ArticleID: a.ID, EventType: e.typ, Quad: e.quad,
				Status: st, Date: e.date, DatePrecision: prec, Actor: e.actor, Recipient: e.recipient, Location: e.loc,
				Context: []string{}, Text: e.text, Span: [2]int{start, start + len(e.text)}, Confidence: 0.9, Sentence: j})
		}
		a.Text = text.String()
		if _, err := db.PutArticle(ctx, a.ID, a); err != nil {
			t.Fatal(err)
		}
		ms, err := db.Mentions(ctx, store.Filter{ArticleID: a.ID, Status: "any"})
		if err != nil || len(ms.Items) != len(evs) {
			t.Fatalf("mentions of %s: %d, %v", a.ID, len(ms.Items), err)
		}
		for j, m := range ms.Items {
			ids[evs[j].label] = m.EventID
		}
	}
	return db, ids
}

// genStore is a store of n generated events.
func genStore(t testing.TB, n int) *DB {
	t.Helper()
	db := openTemp(t)
	if err := db.Generate(context.Background(), n); err != nil {
		t.Fatal(err)
	}
	return db
}

var aggFilters = []struct {
	name string
	f    store.Filter
}{
	{"all", store.Filter{}},
	{"any status", store.Filter{Status: "any"}},
	{"quad", store.Filter{Quad: "material_conflict"}},
	{"type", store.Filter{Type: "consult"}},
	{"actors", store.Filter{ActorIDs: []string{"gen-1", "gen-7", "p-haftar"}}},
	{"actor name", store.Filter{ActorName: "dbaiba"}},
	{"country", store.Filter{Country: "lby"}},
	{"context", store.Filter{Context: "migration"}},
	{"dates", store.Filter{Since: time.Date(2016, 3, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2024, 3, 19, 0, 0, 0, 0, time.UTC)}},
	{"text", store.Filter{Text: "ceasefire"}},
	{"nothing", store.Filter{Type: "NO-SUCH-TYPE"}},
}

// TestNetworkAgreesWithSQL compares the network with the reference SQL,
// whose names (the least per edge) agree with the store's (the actors
// table's) because both stores name each actor one way.
func TestNetworkAgreesWithSQL(t *testing.T) {
	hand, _ := handStore(t)
	stores := []struct {
		name string
		db   *DB
	}{{"hand", hand}, {"generated", genStore(t, 3000)}}
	ctx := context.Background()
	defer func(from float64) { networkScanFrom = from }(networkScanFrom)
	for _, s := range stores {
		for _, c := range aggFilters {
			want, err := s.db.refNetwork(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			for _, from := range []float64{0, 2} { // always scan, never scan
				networkScanFrom = from
				got, err := s.db.Network(ctx, c.f)
				if err != nil {
					t.Fatalf("%s, %s: %v", s.name, c.name, err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s, %s, scan from %g: %d edges, want %d\ngot  %v\nwant %v", s.name, c.name, from, len(got), len(want), head(got), head(want))
				}
			}
		}
	}
}

func TestTimelineAgreesWithSQL(t *testing.T) {
	hand, _ := handStore(t)
	stores := []struct {
		name string
		db   *DB
	}{{"hand", hand}, {"generated", genStore(t, 3000)}}
	ctx := context.Background()
	for _, s := range stores {
		for _, c := range aggFilters {
			for _, per := range [][2]string{{"day", "quad"}, {"week", "quad"}, {"day", "type"}, {"week", "type"}} {
				want, err := s.db.refTimeline(ctx, c.f, per[0], per[1])
				if err != nil {
					t.Fatal(err)
				}
				got, err := s.db.Timeline(ctx, c.f, per[0], per[1])
				if err != nil {
					t.Fatalf("%s, %s: %v", s.name, c.name, err)
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s, %s, by %s per %s: %d buckets, want %d\ngot  %v\nwant %v", s.name, c.name, per[1], per[0],
						len(got), len(want), head(got), head(want))
				}
			}
		}
	}
}

func head[T any](xs []T) []T { return xs[:min(len(xs), 8)] }

// edgeList writes edges as "src>dst quad=weight", for comparing with a want list.
func edgeList(es []store.Edge) []string {
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%s>%s %s=%d", e.Source, e.Target, e.Quad, e.Weight))
	}
	return out
}

func bucketList(bs []store.Bucket) []string {
	var out []string
	for _, b := range bs {
		out = append(out, fmt.Sprintf("%s %s=%d", b.Period, b.Group, b.Count))
	}
	return out
}

func TestCorrectedAggregates(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name     string
		fixes    func(ids map[string]string) []store.Correction
		f        store.Filter
		network  []string
		timeline []string // per week, by quad
		into     []string // labels of the events EventsCorrectedInto returns
	}{
		{
			name: "no corrections",
			f:    store.Filter{Country: "ITA"},
			network: []string{"p-dbeibah>s-ita verbal_cooperation=1", "p-haftar>s-ita verbal_cooperation=1",
				"s-ita>p-haftar material_cooperation=1"},
			timeline: []string{"2024-03-11 verbal_cooperation=1", "2024-03-18 material_cooperation=1"},
		},
		{
			name: "wrong is left out",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["meet"], Wrong: true}}
			},
			f:        store.Filter{Country: "ITA"},
			network:  []string{"s-ita>p-haftar material_cooperation=1"},
			timeline: []string{"2024-03-18 material_cooperation=1"},
		},
		{
			name: "the latest correction is in force",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["meet"], Wrong: true}, {EventID: ids["meet"], Note: "confirmed after all"}}
			},
			f: store.Filter{Country: "ITA"},
			network: []string{"p-dbeibah>s-ita verbal_cooperation=1", "p-haftar>s-ita verbal_cooperation=1",
				"s-ita>p-haftar material_cooperation=1"},
			timeline: []string{"2024-03-11 verbal_cooperation=1", "2024-03-18 material_cooperation=1"},
		},
		{
			name: "corrected type moves the event out of a quad filter",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["aid"], EventType: "THREATEN", Quad: "verbal_conflict"}}
			},
			f:        store.Filter{Quad: "material_cooperation"},
			network:  nil,
			timeline: nil,
		},
		{
			name: "corrected type moves the event into a type filter",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["aid"], EventType: "ACCUSE", Quad: "verbal_conflict"}}
			},
			f:        store.Filter{Type: "ACCUSE"},
			network:  []string{"p-dbeibah>~Kaniyat militia verbal_conflict=1", "s-ita>p-haftar verbal_conflict=1"},
			timeline: []string{"2024-03-11 verbal_conflict=1", "2024-03-18 verbal_conflict=1"},
			into:     []string{"aid"},
		},
		{
			name: "corrected recipient changes the edge and the actor filter",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["accuse"], Recipient: []doc.Entity{eHaftar}}}
			},
			f: store.Filter{ActorIDs: []string{"p-haftar"}},
			network: []string{"p-dbeibah>p-haftar verbal_conflict=1", "p-dbeibah>s-ita verbal_cooperation=1",
				"p-haftar>s-ita verbal_cooperation=1", "s-egy>p-haftar =1", "s-egy>p-haftar verbal_cooperation=1",
				"s-ita>p-haftar material_cooperation=1", "~Kaniyat militia>p-haftar material_conflict=1"},
			// The undated SUPPORT counts in the week its possible dates start.
			timeline: []string{"2024-03-11 verbal_conflict=1", "2024-03-11 verbal_cooperation=2", "2024-03-18 =1",
				"2024-03-18 material_conflict=1", "2024-03-18 material_cooperation=1"},
			into: []string{"accuse"},
		},
		{
			name: "corrected actor, by a name of the corrected participant",
			fixes: func(ids map[string]string) []store.Correction {
				return []store.Correction{{EventID: ids["assault"], Actor: []doc.Entity{eEgypt}}}
			},
			f:        store.Filter{ActorName: "egypt", Quad: "material_conflict"},
			network:  []string{"s-egy>p-haftar material_conflict=1"},
			timeline: []string{"2024-03-18 material_conflict=1"},
			into:     []string{"assault"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, ids := handStore(t)
			if c.fixes != nil {
				for _, fx := range c.fixes(ids) {
					if _, err := db.PutCorrection(ctx, fx); err != nil {
						t.Fatal(err)
					}
				}
			}
			v := db.Corrected()
			edges, err := v.Network(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if got := edgeList(edges); !slices.Equal(got, c.network) {
				t.Errorf("network:\ngot  %q\nwant %q", got, c.network)
			}
			tl, err := v.Timeline(ctx, c.f, "week", "quad")
			if err != nil {
				t.Fatal(err)
			}
			if got := bucketList(tl); !slices.Equal(got, c.timeline) {
				t.Errorf("timeline:\ngot  %q\nwant %q", got, c.timeline)
			}
			into, err := db.EventsCorrectedInto(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range into {
				for label, id := range ids {
					if id == e.ID {
						got = append(got, label)
					}
				}
			}
			if !slices.Equal(got, c.into) {
				t.Errorf("events corrected into the filter: %q, want %q", got, c.into)
			}
			// The coded aggregates do not change.
			raw, err := db.Network(ctx, c.f)
			if err != nil {
				t.Fatal(err)
			}
			if ref, _ := db.refNetwork(ctx, c.f); !slices.Equal(raw, ref) {
				t.Errorf("coded network changed: %q, want %q", edgeList(raw), edgeList(ref))
			}
		})
	}
}

// BenchmarkAggregates compares the aggregates with the reference SQL over
// a generated store of 100,000 events ($PARLEY_AGG_DB: a store to use
// instead, such as the web scale test's).
func BenchmarkAggregates(b *testing.B) {
	ctx := context.Background()
	var db *DB
	if p := os.Getenv("PARLEY_AGG_DB"); p != "" {
		var err error
		if db, err = Open(ctx, p, nil); err != nil {
			b.Fatal(err)
		}
		defer db.Close()
	} else {
		db = genStore(b, 100_000)
	}
	quad, typ := store.Filter{Quad: "material_conflict"}, store.Filter{Type: "AGREE"}
	// network sums in Go, scanning from a share of matches (-1: as the store does).
	network := func(f store.Filter, from float64) func() error {
		return func() error {
			defer func(v float64) { networkScanFrom = v }(networkScanFrom)
			if from >= 0 {
				networkScanFrom = from
			}
			_, err := db.Network(ctx, f)
			return err
		}
	}
	timeline := func(bucket, by string, ref bool) func() error {
		return func() error {
			var err error
			if ref {
				_, err = db.refTimeline(ctx, store.Filter{}, bucket, by)
			} else {
				_, err = db.Timeline(ctx, store.Filter{}, bucket, by)
			}
			return err
		}
	}
	refNet := func(f store.Filter) func() error {
		return func() error { _, err := db.refNetwork(ctx, f); return err }
	}
	for _, c := range []struct {
		name string
		fn   func() error
	}{
		{"network/sql", refNet(store.Filter{})},
		{"network/go", network(store.Filter{}, -1)},
		{"network/go-scan", network(store.Filter{}, 0)},
		{"network/go-lookup", network(store.Filter{}, 2)},
		{"network-quad/sql", refNet(quad)},
		{"network-quad/go", network(quad, -1)},
		{"network-quad/go-scan", network(quad, 0)},
		{"network-quad/go-lookup", network(quad, 2)},
		{"network-type/sql", refNet(typ)},
		{"network-type/go", network(typ, -1)},
		{"timeline-day/sql", timeline("day", "quad", true)},
		{"timeline-day/go", timeline("day", "quad", false)},
		{"timeline-week/sql", timeline("week", "quad", true)},
		{"timeline-week/go", timeline("week", "quad", false)},
		{"timeline-week-type/sql", timeline("week", "type", true)},
		{"timeline-week-type/go", timeline("week", "type", false)},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if err := c.fn(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
