package pipeline

import (
	"context"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/source"
)

var (
	once    sync.Once
	shared  *Pipeline
	initErr error
)

func testPipeline(tb testing.TB) *Pipeline {
	tb.Helper()
	once.Do(func() { shared, initErr = New(nil) })
	if initErr != nil {
		tb.Fatal(initErr)
	}
	return shared
}

// samples reads the bundled sample articles.
func samples(tb testing.TB) []*doc.Article {
	tb.Helper()
	r, err := source.Open("testdata/sample.jsonl", nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer r.Close()
	var out []*doc.Article
	for r.Next() {
		out = append(out, r.Article())
	}
	if err := r.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func clone(a *doc.Article) *doc.Article {
	c := *a
	c.Sentences, c.Mentions, c.Events = nil, nil, nil
	return &c
}

func TestSamples(t *testing.T) {
	p := testPipeline(t)
	total := 0
	for _, a := range samples(t) {
		a = clone(a)
		if err := p.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		for _, e := range a.Events {
			if e.Span[0] < 0 || e.Span[1] > len(a.Text) || a.Text[e.Span[0]:e.Span[1]] != e.Text {
				t.Errorf("%s: event evidence does not point into the cleaned text: %+v", a.ID, e)
			}
			if len(e.Actor) == 0 || e.EventType == "" || e.Quad == "" {
				t.Errorf("%s: incomplete event %+v", a.ID, e)
			}
			if e.Status == doc.StatusOccurred || e.Status == doc.StatusPlanned {
				total++
			}
		}
	}
	if total < 5 {
		t.Errorf("the samples should give at least 5 events, got %d", total)
	}
}

func FuzzPipeline(f *testing.F) {
	for _, a := range samples(f) {
		f.Add(a.Text)
	}
	f.Add("\xff\xfe\x00 met \xc3")
	f.Add("Haftar met (((")
	f.Fuzz(func(t *testing.T, text string) {
		p := testPipeline(t)
		a := &doc.Article{ID: "fuzz", Text: text}
		if err := p.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(a.Text) {
			t.Fatal("cleaned text is not valid UTF-8")
		}
		for _, e := range a.Events {
			if e.Span[0] < 0 || e.Span[1] > len(a.Text) || e.Span[0] > e.Span[1] {
				t.Fatalf("span %v out of range", e.Span)
			}
		}
	})
}

// BenchmarkExtract runs the whole pipeline over the bundled samples; it
// reports articles/s and sentences/s on one goroutine.
func BenchmarkExtract(b *testing.B) {
	p := testPipeline(b)
	arts := samples(b)
	sents := 0
	bytes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := clone(arts[i%len(arts)])
		if err := p.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		sents += len(a.Sentences)
		bytes += len(a.Text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
	b.SetBytes(int64(bytes / max(b.N, 1)))
}

// BenchmarkTokenizeOnly is the baseline for BenchmarkExtract: one
// tokenising pass over the same bytes.
func BenchmarkTokenizeOnly(b *testing.B) {
	arts := samples(b)
	var toks []segment.Token
	bytes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := arts[i%len(arts)]
		toks = segment.Tokenize(toks[:0], a.Text, 0, len(a.Text))
		bytes += len(a.Text)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.SetBytes(int64(bytes / max(b.N, 1)))
}

// BenchmarkExtractDev runs the whole pipeline over the dev set's real
// articles (about 2 KB each), when ../shared is there.
func BenchmarkExtractDev(b *testing.B) {
	p := testPipeline(b)
	r, err := source.Open(devset.Path(b, "dev/articles.jsonl"), nil)
	if err != nil {
		b.Fatal(err)
	}
	var arts []*doc.Article
	for r.Next() {
		arts = append(arts, r.Article())
	}
	r.Close()
	sents := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		a := clone(arts[i%len(arts)])
		if err := p.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		sents += len(a.Sentences)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(sents)/b.Elapsed().Seconds(), "sentences/s")
}

func TestLanguageGate(t *testing.T) {
	p := testPipeline(t)
	tests := []struct {
		lang  string
		coded bool
	}{
		{"en", true},
		{"", true},
		{"fr", false},
	}
	for _, tt := range tests {
		a := &doc.Article{ID: "l", Lang: tt.lang, Text: "Talks\n\nField Marshal Khalifa Haftar met Italian Foreign Minister Marco Bellini in Benghazi."}
		if err := p.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if coded := len(a.Sentences) > 0; coded != tt.coded {
			t.Errorf("lang %q: coded %v, want %v", tt.lang, coded, tt.coded)
		}
	}
}

// TestArabic codes two sentences of our own in Arabic: a verb before its
// subject, and a conjunction glued to the verb.
func TestArabic(t *testing.T) {
	p := testPipeline(t)
	a := &doc.Article{ID: "ar", Lang: "ar", Text: "لقاء\n\nالتقى محمد المنفي عبد الفتاح السيسي في القاهرة.\n\nوأشاد خليفة حفتر بدور مصر."}
	if err := p.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"CONSULT": "Mohamed al-Menfi", "SUPPORT": "Khalifa Haftar"}
	got := map[string]string{}
	for _, e := range a.Events {
		if len(e.Actor) > 0 {
			got[e.EventType] = e.Actor[0].Name
		}
	}
	for typ, actor := range want {
		if got[typ] != actor {
			t.Errorf("%s actor = %q, want %q (events %+v)", typ, got[typ], actor, a.Events)
		}
	}
}
