package web

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"

	"github.com/parleyhq/parley/internal/ner"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/store"
)

// The article page highlights the entity mentions the store kept; they
// must be the ones re-running the mention finder on the text gives.
func TestStoredMentionsAgreeWithFinder(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl", "xss.jsonl")
	finder, err := ner.New(fx.pipe.KB)
	if err != nil {
		t.Fatal(err)
	}
	splitter, err := segment.New("en")
	if err != nil {
		t.Fatal(err)
	}
	found := &Server{db: fx.db, finder: finder, splitter: splitter}
	ctx := context.Background()
	for _, title := range []string{"Italy and Libya discuss", "Clashes in Tripoli", "Haftar visits Cairo", "Meloni and Dbeibah agree", "Envoy"} {
		t.Run(title, func(t *testing.T) {
			a, err := fx.db.Article(ctx, fx.articleID(title))
			if err != nil {
				t.Fatal(err)
			}
			stored, err := fx.srv.entityMentions(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			again, err := found.entityMentionsAgain(ctx, a)
			if err != nil {
				t.Fatal(err)
			}
			if len(stored) < 3 || len(stored) != len(again) {
				t.Fatalf("%d stored mentions, %d found again", len(stored), len(again))
			}
			// The store keeps no country for a mention that resolved to no
			// actor (a place): its title is its name alone.
			marks := func(ps []piece) []string {
				var out []string
				for _, p := range ps {
					if p.Ent != nil {
						title := p.Ent.Title
						if !strings.HasPrefix(p.Ent.Href, "/actors/") {
							title, _, _ = strings.Cut(title, " (")
						}
						out = append(out, fmt.Sprintf("%q %s %s %s", p.Text, p.Ent.Kind, p.Ent.Href, title))
					}
				}
				return out
			}
			got, want := marks(highlight(a.Text, stored, nil, nil)), marks(highlight(a.Text, again, nil, nil))
			if !slices.Equal(got, want) {
				t.Errorf("stored mentions highlight\n%s\nfound again\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
	if _, err := fx.db.EntityMentions(ctx, "no-such-article"); err != store.ErrNotFound {
		t.Errorf("mentions of no article: %v", err)
	}
}

// total reads the timeline's count of events.
func total(t *testing.T, fx *fixture, path string) int {
	t.Helper()
	m := regexp.MustCompile(`<strong id="total">(\d+)</strong>`).FindStringSubmatch(fx.mustGet(path))
	if m == nil {
		t.Fatalf("%s: no total", path)
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// graphOf reads the network page's graph.
func graphOf(t *testing.T, fx *fixture, path string) graph {
	t.Helper()
	m := regexp.MustCompile(`(?s)<script type="application/json" id="graph-data">(.*?)</script>`).FindStringSubmatch(fx.mustGet(path))
	var g graph
	if m == nil || json.Unmarshal([]byte(m[1]), &g) != nil {
		t.Fatalf("%s: no graph", path)
	}
	return g
}

// hasEdge reports whether g has the edge "src>dst quad".
func hasEdge(g graph, edge string) bool {
	pair, quad, _ := strings.Cut(edge, " ")
	src, dst, _ := strings.Cut(pair, ">")
	return slices.ContainsFunc(g.Edges, func(e gedge) bool { return e.Source == src && e.Target == dst && e.Quad == quad })
}

func TestCountsHonourCorrections(t *testing.T) {
	for _, c := range []struct {
		name string
		// fix corrects one event of the fixture.
		fix func(fx *fixture) store.Correction
		// The timeline of path counts delta more events once corrected.
		path  string
		delta int
		// The network has the edge gone and the edge come, as src>dst quad.
		gone, come string
	}{
		{
			name: "wrong",
			fix: func(fx *fixture) store.Correction {
				return store.Correction{EventID: fx.event("ACCUSE", "Egypt").ID, Wrong: true}
			},
			path: "/timeline", delta: -1,
			gone: "s-egy>s-lby verbal_conflict",
		},
		{
			name: "type",
			fix: func(fx *fixture) store.Correction {
				return store.Correction{EventID: fx.event("AGREE", "Italy").ID, EventType: "AID", Quad: "material_cooperation"}
			},
			path: "/timeline?quad=material_cooperation", delta: 1,
			gone: "s-ita>o-lby-coast-guard verbal_cooperation", come: "s-ita>o-lby-coast-guard material_cooperation",
		},
		{
			name: "type, out of the filter",
			fix: func(fx *fixture) store.Correction {
				return store.Correction{EventID: fx.event("AGREE", "Italy").ID, EventType: "AID", Quad: "material_cooperation"}
			},
			path: "/timeline?type=AGREE", delta: -1,
		},
		{
			name: "recipient",
			fix: func(fx *fixture) store.Correction {
				return store.Correction{EventID: fx.event("CONSULT", "Haftar").ID,
					Recipient: []doc.Entity{{ID: "s-ita", Name: "Italy", Country: "ITA"}}}
			},
			path: "/timeline?country=ITA", delta: 1,
			gone: "p-lby-haftar-khalifa>p-egy-sisi-abdelfattah verbal_cooperation", come: "p-lby-haftar-khalifa>s-ita verbal_cooperation",
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			fx := newFixture(t, Options{}, "articles.jsonl")
			before, g := total(t, fx, c.path), graphOf(t, fx, "/network")
			if c.gone != "" && !hasEdge(g, c.gone) {
				t.Fatalf("no edge %s before the correction: %+v", c.gone, g.Edges)
			}
			if _, err := fx.db.PutCorrection(context.Background(), c.fix(fx)); err != nil {
				t.Fatal(err)
			}
			if after := total(t, fx, c.path); after != before+c.delta {
				t.Errorf("%s: %d events, then %d once corrected; want %d", c.path, before, after, before+c.delta)
			}
			g = graphOf(t, fx, "/network")
			if c.gone != "" && hasEdge(g, c.gone) {
				t.Errorf("edge %s still drawn", c.gone)
			}
			if c.come != "" && !hasEdge(g, c.come) {
				t.Errorf("edge %s not drawn: %+v", c.come, g.Edges)
			}
		})
	}
}

func TestLongDayTimelineDrawsWeeks(t *testing.T) {
	fx := newFixture(t, Options{})
	if err := generate(context.Background(), fx.db, 400); err != nil { // 20 articles over three years
		t.Fatal(err)
	}
	for _, c := range []struct {
		path   string
		bucket string
		note   bool
	}{
		{"/timeline?bucket=day", "week", true},
		{"/timeline?bucket=day&since=2023-01-01&until=2023-12-31", "day", false},
		{"/timeline?bucket=week&since=2023-01-01&until=2023-12-31", "week", false},
		{"/timeline", "week", false},
	} {
		body := fx.mustGet(c.path)
		if !strings.Contains(body, `dated events, per `+c.bucket) || strings.Contains(body, `id="bucket-note"`) != c.note {
			t.Errorf("%s: not per %s (or the note wrong):\n%s", c.path, c.bucket, body[strings.Index(body, "<h1>"):][:600])
		}
		if c.bucket == "week" && !regexp.MustCompile(`data-period="\d{4}-\d\d-\d\d"`).MatchString(body) {
			t.Errorf("%s: no bars", c.path)
		}
		for _, m := range regexp.MustCompile(`data-period="(\d{4}-\d\d-\d\d)"`).FindAllStringSubmatch(body, -1) {
			if d, _ := time.Parse(time.DateOnly, m[1]); c.bucket == "week" && d.Weekday() != time.Monday {
				t.Errorf("%s: bar of %s, not a Monday", c.path, m[1])
				break
			}
		}
	}
}

func TestWeeks(t *testing.T) {
	d := func(period, group string, n int) store.Bucket {
		return store.Bucket{Period: period, Group: group, Count: n}
	}
	for _, c := range []struct {
		name string
		days []store.Bucket
		span int
		want []store.Bucket
	}{
		{"none", nil, 0, nil},
		{"one day", []store.Bucket{d("2024-05-08", "verbal_conflict", 2)}, 1, []store.Bucket{d("2024-05-06", "verbal_conflict", 2)}},
		{
			"a week and a day, Sunday to Monday",
			[]store.Bucket{d("2024-05-05", "verbal_conflict", 1), d("2024-05-06", "verbal_conflict", 2), d("2024-05-06", "verbal_cooperation", 1),
				d("2024-05-12", "verbal_conflict", 4), d("2024-05-13", "material_conflict", 1)},
			9,
			[]store.Bucket{d("2024-04-29", "verbal_conflict", 1), d("2024-05-06", "verbal_conflict", 6), d("2024-05-06", "verbal_cooperation", 1),
				d("2024-05-13", "material_conflict", 1)},
		},
	} {
		if got := daySpan(c.days); got != c.span {
			t.Errorf("%s: span %d, want %d", c.name, got, c.span)
		}
		if got := weeks(c.days); !slices.Equal(got, c.want) {
			t.Errorf("%s: weeks %v, want %v", c.name, got, c.want)
		}
	}
}

func TestStrongest(t *testing.T) {
	e := func(src, dst string, w int) gedge { return gedge{Source: src, Target: dst, Weight: w} }
	for _, c := range []struct {
		name string
		in   []gedge
		n    int
		want []gedge
	}{
		{"under the bound", []gedge{e("a", "b", 1), e("b", "c", 3)}, 5, []gedge{e("b", "c", 3), e("a", "b", 1)}},
		{"the heaviest", []gedge{e("a", "b", 1), e("b", "c", 3), e("a", "c", 2)}, 2, []gedge{e("b", "c", 3), e("a", "c", 2)}},
		{
			"and each node's heaviest",
			[]gedge{e("a", "b", 5), e("b", "a", 4), e("c", "d", 1), e("a", "d", 2), e("e", "a", 1)},
			2,
			[]gedge{e("a", "b", 5), e("b", "a", 4), e("a", "d", 2), e("c", "d", 1), e("e", "a", 1)},
		},
	} {
		if got := strongest(slices.Clone(c.in), c.n); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func TestLayout(t *testing.T) {
	ring := func(n, links int) graph {
		var g graph
		for i := range n {
			g.Nodes = append(g.Nodes, gnode{ID: fmt.Sprint(i), Size: 16 + 44*(n-i)/n})
		}
		for i := range min(links, n*(n-1)) {
			g.Edges = append(g.Edges, gedge{Source: fmt.Sprint(i % n), Target: fmt.Sprint((i/n + 1 + i) % n), Weight: 1 + i%7})
		}
		return g
	}
	for _, c := range []struct {
		name string
		g    graph
	}{
		{"one node", ring(1, 0)},
		{"two nodes", ring(2, 1)},
		{"no links", ring(12, 0)},
		{"a hundred", ring(100, 400)},
		{"three hundred", ring(300, 500)},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := c.g
			layout(&g)
			again := graph{Nodes: slices.Clone(c.g.Nodes), Edges: c.g.Edges}
			layout(&again)
			if !slices.Equal(g.Nodes, again.Nodes) {
				t.Errorf("two layouts of one graph differ")
			}
			// Apart: no two nodes overlap (with a pixel of rounding).
			for i, a := range g.Nodes {
				for _, b := range g.Nodes[i+1:] {
					if d := math.Hypot(a.X-b.X, a.Y-b.Y); d < float64(a.Size+b.Size)/2-1 {
						t.Fatalf("nodes %s and %s overlap: %.1f apart, sizes %d and %d", a.ID, b.ID, d, a.Size, b.Size)
					}
				}
			}
		})
	}
}
