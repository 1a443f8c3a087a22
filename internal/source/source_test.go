package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

// readAllArticles drains r and returns the articles, the sticky error and the
// errors reported under SkipBad.
func readAllArticles(t *testing.T, path string, opts *Options) ([]*doc.Article, error, []error) {
	t.Helper()
	var skipped []error
	if opts != nil && opts.SkipBad {
		opts.OnError = func(err error) { skipped = append(skipped, err) }
	}
	r, err := Open(path, opts)
	if err != nil {
		return nil, err, nil
	}
	defer r.Close()
	var arts []*doc.Article
	for r.Next() {
		arts = append(arts, r.Article())
	}
	return arts, r.Err(), skipped
}

func ids(arts []*doc.Article) string {
	var s []string
	for _, a := range arts {
		s = append(s, a.ID)
	}
	return strings.Join(s, ",")
}

func TestOpen(t *testing.T) {
	tests := []struct {
		name     string
		path     string
		skipBad  bool
		wantIDs  string   // comma-separated; "*" skips the check
		wantErr  []string // substrings of the sticky error
		wantIs   error
		skipped  int
		wantLine int
	}{
		{name: "jsonl", path: "articles.jsonl", wantIDs: "a1,*,*,42"},
		{name: "news-please object", path: "newsplease.json", wantIDs: "*"},
		{name: "json array", path: "array.json", wantIDs: "arr-1,arr-2"},
		{name: "plain text", path: "plain.txt", wantIDs: "*"},
		{name: "directory sorted, hidden skipped", path: "dir", wantIDs: "*,dir-b,*"},
		{name: "html page", path: "page.html", wantIDs: "*"},
		{name: "feed without items", path: "feed.xml"},
		{name: "binary", path: "binary.dat", wantErr: []string{"binary.dat", "binary file"}, wantIs: ErrBinary},
		{name: "truncated jsonl keeps earlier records", path: "truncated.jsonl", wantIDs: "t1,t2",
			wantErr: []string{"truncated.jsonl:3:", "JSON"}, wantLine: 3},
		{name: "bad line stops", path: "badline.jsonl", wantIDs: "b1",
			wantErr: []string{"badline.jsonl:2:", `field "text"`}, wantLine: 2},
		{name: "bad lines skipped", path: "badline.jsonl", skipBad: true, wantIDs: "b1,b5", skipped: 3},
		{name: "truncated array", path: "truncated_doc.json", wantIDs: "d1",
			wantErr: []string{"truncated_doc.json:3:", "truncated JSON"}, wantLine: 3},
		{name: "concatenated objects", path: "concat.json", wantIDs: "c1,c2"},
		{name: "bad array element stops", path: "array_bad.json", wantErr: []string{"array_bad.json:2:", `field "text"`}, wantLine: 2},
		{name: "bad array element skipped", path: "array_bad.json", skipBad: true, wantIDs: "x2", skipped: 1},
		{name: "invalid utf-8 text", path: "invalid_utf8.txt", wantIDs: "*"},
		{name: "invalid utf-8 jsonl", path: "invalid_utf8.jsonl", wantIDs: "u1"},
		{name: "missing file", path: "no-such-file.jsonl", wantErr: []string{"no-such-file.jsonl"}, wantIs: os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &Options{SkipBad: tt.skipBad}
			arts, err, skipped := readAllArticles(t, filepath.Join("testdata", tt.path), opts)
			if tt.wantErr == nil && err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			for _, sub := range tt.wantErr {
				if err == nil || !strings.Contains(err.Error(), sub) {
					t.Errorf("error %v does not contain %q", err, sub)
				}
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("error %v is not %v", err, tt.wantIs)
			}
			if tt.wantLine > 0 {
				var ie *InputError
				if !errors.As(err, &ie) || ie.Line != tt.wantLine {
					t.Errorf("error %v: want line %d", err, tt.wantLine)
				}
			}
			if len(skipped) != tt.skipped {
				t.Errorf("skipped %d errors %v, want %d", len(skipped), skipped, tt.skipped)
			}
			if tt.wantIDs == "" {
				if len(arts) != 0 {
					t.Errorf("got %d articles, want none", len(arts))
				}
				return
			}
			want := strings.Split(tt.wantIDs, ",")
			if len(arts) != len(want) {
				t.Fatalf("got articles %s, want %s", ids(arts), tt.wantIDs)
			}
			for i, a := range arts {
				if want[i] != "*" && a.ID != want[i] {
					t.Errorf("article %d: id %q, want %q", i, a.ID, want[i])
				}
				if a.ID == "" || a.Text == "" || !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) {
					t.Errorf("article %d: bad article %+v", i, a)
				}
			}
		})
	}
}

func TestFields(t *testing.T) {
	arts, err, _ := readAllArticles(t, "testdata/articles.jsonl", nil)
	if err != nil || len(arts) != 4 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	day := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		a                         *doc.Article
		title, lang, source, url  string
		published                 time.Time
		prec                      doc.Precision
		publishedText, textPrefix string
	}{
		{arts[0], "Harbour talks open in Port Elmwood", "en", "Example Gazette", "https://example.org/2024/03/05/harbour-talks/",
			day("2024-03-05"), doc.PrecisionDay, "2024-03-05", "Harbour talks"},
		{arts[1], "Ferry deal signed", "en", "example.org", "https://www.example.org/news/ferry-deal?utm_source=feed&id=7",
			time.Date(2023, 11, 20, 8, 15, 0, 0, time.UTC), doc.PrecisionDay, "2023-11-20 08:15:00", "The two ministers"},
		{arts[2], "", "fr", "", "", time.Time{}, "", "", "Un accord"},
		{arts[3], "", "", "", "", time.Date(2021, 6, 1, 8, 0, 0, 0, time.UTC), doc.PrecisionDay, "2021-06-01T10:00:00+02:00", "A record"},
	}
	for i, tt := range tests {
		a := tt.a
		if a.Title != tt.title || a.Lang != tt.lang || a.Source != tt.source || a.URL != tt.url {
			t.Errorf("%d: got title %q lang %q source %q url %q", i, a.Title, a.Lang, a.Source, a.URL)
		}
		if !a.Published.Equal(tt.published) || a.PublishedPrecision != tt.prec || a.PublishedText != tt.publishedText {
			t.Errorf("%d: got published %v %q %q", i, a.Published, a.PublishedPrecision, a.PublishedText)
		}
		if !strings.HasPrefix(a.Text, tt.textPrefix) {
			t.Errorf("%d: text %q", i, a.Text)
		}
	}
	if want := hashID(NormalizeURL(arts[1].URL)); arts[1].ID != want {
		t.Errorf("id from URL: got %q, want %q", arts[1].ID, want)
	}
	if want := hashID(arts[2].Text); arts[2].ID != want {
		t.Errorf("id from text: got %q, want %q", arts[2].ID, want)
	}
}

func TestPlainText(t *testing.T) {
	arts, err, _ := readAllArticles(t, "testdata/plain.txt", nil)
	if err != nil || len(arts) != 1 {
		t.Fatalf("got %d articles, err %v", len(arts), err)
	}
	raw, _ := os.ReadFile("testdata/plain.txt")
	a := arts[0]
	if a.Title != "Coast guards train together" || a.Text != string(raw) || len(a.ID) != 16 {
		t.Errorf("got %+v", a)
	}
	arts, _, _ = readAllArticles(t, "testdata/invalid_utf8.txt", nil)
	if got := arts[0].Title; got != "Caf\uFFFD title" {
		t.Errorf("title %q", got)
	}
	if !strings.Contains(arts[0].Text, "bad byte \uFFFD here") {
		t.Errorf("text %q", arts[0].Text)
	}
}

func TestDirectoryOrder(t *testing.T) {
	arts, err, _ := readAllArticles(t, "testdata/dir", nil)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, a := range arts {
		titles = append(titles, a.Title)
	}
	if got := strings.Join(titles, "|"); got != "Alpha title||Charlie title" {
		t.Errorf("titles %q", got)
	}
}

func TestNormalizeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.Example.org/a/b/", "example.org/a/b"},
		{"http://example.org/a/b?utm_source=x&utm_medium=y", "example.org/a/b"},
		{"https://example.org:443/a?b=2&a=1#frag", "example.org/a?a=1&b=2"},
		{"https://example.org:8080/a", "example.org:8080/a"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		if got := NormalizeURL(tt.in); got != tt.want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParsePublished(t *testing.T) {
	tests := []struct {
		in   string
		want string
		prec doc.Precision
		ok   bool
	}{
		{"2021-09-29", "2021-09-29T00:00:00Z", doc.PrecisionDay, true},
		{"2021-09-29T10:11:12Z", "2021-09-29T10:11:12Z", doc.PrecisionDay, true},
		{"2021-09-29 10:11:12", "2021-09-29T10:11:12Z", doc.PrecisionDay, true},
		{"2021-09", "2021-09-01T00:00:00Z", doc.PrecisionMonth, true},
		{"2021", "2021-01-01T00:00:00Z", doc.PrecisionYear, true},
		{"September 29, 2021", "", "", false},
		{"2021-13-01", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		got, prec, ok := ParsePublished(tt.in)
		if ok != tt.ok || prec != tt.prec || ok && got.UTC().Format(time.RFC3339) != tt.want {
			t.Errorf("ParsePublished(%q) = %v %q %v", tt.in, got, prec, ok)
		}
	}
}

// TestLongLines checks that lines of 16 MiB are read and longer ones are
// reported with the file name and line number, and skipped under SkipBad.
func TestLongLines(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 40 MB file")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "long.jsonl")
	var b bytes.Buffer
	b.WriteString(`{"id":"short","text":"x"}` + "\n")
	b.WriteString(`{"id":"big","text":"` + strings.Repeat("a", 16<<20) + `"}` + "\n")
	b.WriteString(`{"id":"huge","text":"` + strings.Repeat("b", 20<<20) + `"}` + "\n")
	b.WriteString(`{"id":"after","text":"y"}` + "\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := &Options{MaxLineBytes: 17 << 20}
	arts, err, _ := readAllArticles(t, path, opts)
	if ids(arts) != "short,big" || !errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "long.jsonl:3:") {
		t.Errorf("got %s, err %v", ids(arts), err)
	}
	opts = &Options{MaxLineBytes: 17 << 20, SkipBad: true}
	arts, err, skipped := readAllArticles(t, path, opts)
	if ids(arts) != "short,big,after" || err != nil || len(skipped) != 1 {
		t.Errorf("skip: got %s, err %v, skipped %v", ids(arts), err, skipped)
	}
}

func TestNewReaderStdinLike(t *testing.T) {
	r := NewReader(strings.NewReader(`{"text":"one"}`+"\n"+`{"text":"two"}`), "stdin", nil)
	defer r.Close()
	n := 0
	for r.Next() {
		n++
	}
	if n != 2 || r.Err() != nil {
		t.Errorf("got %d articles, err %v", n, r.Err())
	}
	if r.Next() {
		t.Error("Next after the end returned true")
	}
}

func TestCloseStops(t *testing.T) {
	r, err := Open("testdata/articles.jsonl", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Next() {
		t.Fatal("no first article")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if r.Next() {
		t.Error("Next after Close returned true")
	}
}

func TestDetect(t *testing.T) {
	tests := []struct {
		head, name string
		want       format
		err        error
	}{
		{`{"text":"a"}` + "\n", "x", formatJSONL, nil},
		{"{\n  \"text\": \"a\"\n}\n", "x.json", formatJSON, nil},
		{"{\n  \"text\": \"a\"\n}\n", "x.jsonl", formatJSONL, nil},
		{"  [ {\"text\":\"a\"} ]", "x", formatJSON, nil},
		{"\n\n<!doctype html><p>", "x.txt", formatHTML, nil},
		{"<HTML>", "x", formatHTML, nil},
		{"<?xml version='1.0'?><rss>", "x", formatFeed, nil},
		{"WARC/1.1\r\n", "x.warc", formatWARC, nil},
		{"<3 plain text that opens oddly", "x", formatText, nil},
		{"Title\n\nBody.", "x.jsonl", formatJSONL, nil},
		{"Title\n\nBody.", "x", formatText, nil},
		{"a\x00b", "x", 0, ErrBinary},
	}
	for _, tt := range tests {
		got, err := detect([]byte(tt.head), tt.name)
		if got != tt.want || !errors.Is(err, tt.err) {
			t.Errorf("detect(%q, %q) = %v, %v; want %v, %v", tt.head, tt.name, got, err, tt.want, tt.err)
		}
	}
}
