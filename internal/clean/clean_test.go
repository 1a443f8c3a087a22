package clean

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

// testCase is one sample article in testdata/cases: a comment, then
// sections opened by "-- name --" lines: url, published, title, lang and
// text for the input; want.title, want.text, want.dateline, want.published
// ("YYYY-MM-DD precision" or "unknown") and want.lang for the output.
type testCase struct {
	name     string
	sections map[string]string
}

func readCases(t *testing.T) []testCase { return readCasesFS(t) }

func readCasesFS(t testing.TB) []testCase {
	t.Helper()
	files, err := filepath.Glob("testdata/cases/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no test cases: %v", err)
	}
	var cases []testCase
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		tc := testCase{name: strings.TrimSuffix(filepath.Base(f), ".txt"), sections: map[string]string{}}
		cur := ""
		var buf []string
		flush := func() {
			if cur != "" {
				tc.sections[cur] = strings.Join(buf, "\n")
			}
		}
		for _, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
			if strings.HasPrefix(line, "-- ") && strings.HasSuffix(line, " --") {
				flush()
				cur, buf = strings.TrimSuffix(strings.TrimPrefix(line, "-- "), " --"), nil
				continue
			}
			buf = append(buf, line)
		}
		flush()
		cases = append(cases, tc)
	}
	return cases
}

func (tc testCase) article(t *testing.T) *doc.Article {
	a := &doc.Article{
		ID:    tc.name,
		URL:   tc.sections["url"],
		Title: tc.sections["title"],
		Text:  tc.sections["text"],
		Lang:  tc.sections["lang"],
	}
	if p := tc.sections["published"]; p != "" {
		d, err := time.Parse("2006-01-02", p)
		if err != nil {
			t.Fatal(err)
		}
		a.Published, a.PublishedPrecision, a.PublishedText = d, doc.PrecisionDay, p
	}
	return a
}

func publishedString(a *doc.Article) string {
	if a.Published.IsZero() {
		return string(a.PublishedPrecision)
	}
	return a.Published.Format("2006-01-02") + " " + string(a.PublishedPrecision)
}

func TestCases(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range readCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.article(t)
			if err := c.Process(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			checks := []struct{ field, got string }{
				{"want.title", a.Title},
				{"want.text", a.Text},
				{"want.dateline", a.Dateline},
				{"want.published", publishedString(a)},
				{"want.lang", a.Lang},
			}
			for _, ch := range checks {
				want, ok := tc.sections[ch.field]
				if ok && ch.got != want {
					t.Errorf("%s:\n got %q\nwant %q", ch.field, ch.got, want)
				}
			}
		})
	}
}

// TestIdempotent checks that cleaning cleaned text changes nothing.
func TestIdempotent(t *testing.T) {
	var c Cleaner // the zero value works
	for _, tc := range readCases(t) {
		a := tc.article(t)
		if err := c.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		first := a.Text
		b := &doc.Article{Title: a.Title, Text: a.Text, URL: a.URL}
		if err := c.Process(context.Background(), b); err != nil {
			t.Fatal(err)
		}
		if b.Text != first {
			t.Errorf("%s: second pass changed the text:\n got %q\nwant %q", tc.name, b.Text, first)
		}
	}
}

func TestContextDone(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var c Cleaner
	a := &doc.Article{Text: "Some text."}
	if err := c.Process(ctx, a); err == nil {
		t.Error("Process ignored a cancelled context")
	}
	if a.Text != "Some text." {
		t.Error("Process changed the article after the context was done")
	}
}

func TestEmptyAndOdd(t *testing.T) {
	tests := []struct{ name, title, text, want string }{
		{"empty", "", "", ""},
		{"blank", "", " \n\t\n", ""},
		{"title only", "Only a title", "", "Only a title"},
		{"invalid utf-8", "", "Title \xff\n\nBody \xfe text here.", "Title \uFFFD\n\nBody \uFFFD text here."},
		{"crlf", "", "Title\r\n\r\nFirst line.\r\nSecond line.", "Title\n\nFirst line.\nSecond line."},
	}
	var c Cleaner
	for _, tt := range tests {
		a := &doc.Article{Title: tt.title, Text: tt.text}
		if err := c.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if a.Text != tt.want || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
			t.Errorf("%s: got %q, want %q", tt.name, a.Text, tt.want)
		}
	}
}

// TestConcurrent runs one Cleaner from many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cases := readCases(t)
	want := map[string]string{}
	for _, tc := range cases {
		a := tc.article(t)
		c.Process(context.Background(), a)
		want[tc.name] = a.Text
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			for _, tc := range cases {
				a := tc.article(t)
				c.Process(context.Background(), a)
				if a.Text != want[tc.name] {
					t.Errorf("%s: concurrent result differs", tc.name)
				}
			}
		})
	}
	wg.Wait()
}
