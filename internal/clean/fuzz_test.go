package clean

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

// FuzzClean checks that the cleaner never panics, always returns valid
// UTF-8 that starts with the title, and is stable on its own output.
func FuzzClean(f *testing.F) {
	for _, tc := range readCasesFS(f) {
		f.Add(tc.sections["title"], tc.sections["text"], tc.sections["url"])
	}
	f.Add("", "\xff\xfe\x00garbage\n\n\x80", "http://x/2020/13/45/")
	f.Add("Title", "Title\nDecember 99, 2019 (X) - \n( ( ( [ [\n-- -- --", "")
	f.Add("", "date 2021-02-30 x\n0:00\n12/12/12/12\n٤-٠٧-٢٠٢٠", "/20251301-")
	f.Add("a | b", strings.Repeat("Share\n", 50)+"Related\n", "")
	var c Cleaner
	f.Fuzz(func(t *testing.T, title, text, url string) {
		a := &doc.Article{Title: title, Text: text, URL: url}
		if err := c.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.Dateline) {
			t.Fatalf("invalid UTF-8 out: %q / %q", a.Title, a.Text)
		}
		if !strings.HasPrefix(a.Text, a.Title) {
			t.Fatalf("text %q does not start with title %q", a.Text, a.Title)
		}
		// Every line of the body is a line of the input, unchanged: evidence
		// quoted from the cleaned text is verbatim source text.
		in := strings.ToValidUTF8(text, "\uFFFD")
		if _, body, ok := strings.Cut(a.Text, "\n\n"); ok {
			for _, line := range strings.Split(body, "\n") {
				if !strings.Contains(in, line) {
					t.Fatalf("line %q is not in the input %q", line, in)
				}
			}
		}
		if a.PublishedPrecision == "" {
			t.Fatal("precision left empty")
		}
		if !a.Published.IsZero() && (a.Published.Year() < 1900 || a.Published.Year() > 2100) {
			t.Fatalf("published %v out of range", a.Published)
		}
	})
}
