package html

import (
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/parleyhq/parley/internal/devset"
)

// The article-extraction benchmark of scrapinghub (peer/extraction-benchmark
// in ../shared): 181 news pages and the true article body of each. Its
// metric, reimplemented here from its README and evaluate.py: word 4-gram
// shingles of the true and predicted bodies, counted as a multiset;
// precision and recall per page from the normalised tp/fp/fn; each
// averaged over pages; F1 from the two averages.

type truth struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

type benchPage struct {
	id   string
	url  string
	html []byte
	want string
}

func loadBenchmark(tb testing.TB) []benchPage {
	tb.Helper()
	dir := devset.Path(tb, "peer/extraction-benchmark")
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		tb.Fatal(err)
	}
	var gt map[string]truth
	if err := json.Unmarshal(raw, &gt); err != nil {
		tb.Fatal(err)
	}
	var pages []benchPage
	for id, t := range gt {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			tb.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
		pages = append(pages, benchPage{id: id, url: t.URL, html: b, want: t.ArticleBody})
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].id < pages[j].id })
	return pages
}

// tokens splits like Python's re.findall(r'\w+'): runs of letters, digits
// and underscores.
func tokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_')
	})
}

// shingles counts the word 4-grams of s (one shorter shingle when s has
// fewer than 4 words, none when it has none).
func shingles(s string) map[string]int {
	toks := tokens(s)
	out := map[string]int{}
	n := max(1, len(toks)-4+1)
	for i := 0; i < n; i++ {
		if i >= len(toks) {
			break
		}
		out[strings.Join(toks[i:min(i+4, len(toks))], "\x00")]++
	}
	return out
}

// match returns the normalised tp, fp and fn of pred against truth.
func match(truth, pred string) (tp, fp, fn float64) {
	ts, ps := shingles(truth), shingles(pred)
	for k, tc := range ts {
		pc := ps[k]
		tp += float64(min(tc, pc))
		fn += float64(max(0, tc-pc))
	}
	for k, pc := range ps {
		fp += float64(max(0, pc-ts[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return tp, fp, fn
}

func precisionScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fp == 0:
		return 0
	}
	return tp / (tp + fp)
}

func recallScore(tp, fp, fn float64) float64 {
	switch {
	case fp == 0 && fn == 0:
		return 1
	case tp == 0 && fn == 0:
		return 0
	}
	return tp / (tp + fn)
}

type score struct{ p, r, f1 float64 }

func scoreAll(tps [][3]float64) score {
	var ps, rs float64
	var np, nr int
	for _, x := range tps {
		tp, fp, fn := x[0], x[1], x[2]
		if tp+fp > 0 {
			ps += precisionScore(tp, fp, fn)
			np++
		}
		if tp+fn > 0 {
			rs += recallScore(tp, fp, fn)
			nr++
		}
	}
	p, r := ps/float64(max(np, 1)), rs/float64(max(nr, 1))
	return score{p, r, 2 * p * r / (p + r)}
}

func TestMetric(t *testing.T) {
	tp, fp, fn := match("a b c d e", "a b c d e")
	if tp != 1 || fp != 0 || fn != 0 {
		t.Errorf("identical: %v %v %v", tp, fp, fn)
	}
	tp, fp, fn = match("one two three four five six", "one two three four")
	if tp != 1.0/3 || fp != 0 || fn != 2.0/3 {
		t.Errorf("prefix: %v %v %v", tp, fp, fn)
	}
	if s := scoreAll([][3]float64{{1, 0, 0}, {0.5, 0.5, 0}}); s.p != 0.75 || s.r != 1 {
		t.Errorf("scoreAll: %+v", s)
	}
}

// TestExtractionBenchmark measures F1 on the benchmark and holds it at the
// published go_trafilatura score.
func TestExtractionBenchmark(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	pages := loadBenchmark(t)
	var tps [][3]float64
	type worst struct {
		id string
		f  float64
	}
	var ws []worst
	for _, pg := range pages {
		got := ""
		if p, err := Extract(pg.html, &Options{URL: pg.url}); err == nil {
			got = p.Text
		}
		tp, fp, fn := match(pg.want, got)
		tps = append(tps, [3]float64{tp, fp, fn})
		pr, rc := precisionScore(tp, fp, fn), recallScore(tp, fp, fn)
		ws = append(ws, worst{pg.id, 2 * pr * rc / max(pr+rc, 1e-9)})
	}
	s := scoreAll(tps)
	sort.Slice(ws, func(i, j int) bool { return ws[i].f < ws[j].f })
	for _, w := range ws[:min(10, len(ws))] {
		t.Logf("low: %s F1=%.3f", w.id, w.f)
	}
	t.Logf("extraction benchmark: %d pages, precision %.3f, recall %.3f, F1 %.3f", len(pages), s.p, s.r, s.f1)
	if s.f1 < 0.960 {
		t.Errorf("F1 = %.3f, want at least 0.960 (published go_trafilatura)", s.f1)
	}
}

// BenchmarkExtract reports pages per second on one core over the benchmark
// pages.
func BenchmarkExtract(b *testing.B) {
	pages := loadBenchmark(b)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var bytes int64
	for _, p := range pages {
		bytes += int64(len(p.html))
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for _, pg := range pages {
			Extract(pg.html, &Options{URL: pg.url})
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "pages/s")
	b.SetBytes(bytes)
}
