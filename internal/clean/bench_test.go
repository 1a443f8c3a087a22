package clean

import (
	"context"
	"os"
	"testing"

	"github.com/parleyhq/parley/internal/doc"
)

// BenchmarkClean cleans a 1.9 KB sample article with the usual page
// furniture around it.
func BenchmarkClean(b *testing.B) {
	raw, err := os.ReadFile("testdata/bench_article.txt")
	if err != nil {
		b.Fatal(err)
	}
	c, err := New()
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	ctx := context.Background()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		a := &doc.Article{Text: text, URL: "https://example.org/world/coast-guards-agree"}
		if err := c.Process(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCleanCases cleans every sample article of testdata/cases in turn.
func BenchmarkCleanCases(b *testing.B) {
	cases := readCasesFS(b)
	c, _ := New()
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		for _, tc := range cases {
			a := &doc.Article{Title: tc.sections["title"], Text: tc.sections["text"], URL: tc.sections["url"]}
			c.Process(ctx, a)
		}
	}
}
