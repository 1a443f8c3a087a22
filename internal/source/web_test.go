package source

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/source/warc"
)

// newsPage is a generated news page; i varies its story.
func newsPage(i int) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Talks number %[1]d open in Tripoli</title>
<meta property="article:published_time" content="2024-03-%02[2]dT08:00:00Z"></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Talks number %[1]d open in Tripoli</h1>
<p>TRIPOLI – Delegations from the two governments opened their %[1]dth round of talks in Tripoli on Monday, seeking an agreement on the unification of the central bank and on the date of elections.</p>
<p>The United Nations envoy, who chairs the talks, said both sides had shown a willingness to compromise, and that a joint statement was expected before the end of the week.</p>
<p>Previous rounds, held in Geneva and in Cairo, ended without agreement on the distribution of oil revenue between the regions.</p>
</article><footer>© Example Wire</footer></body></html>`, i, i%28+1)
}

func gz(t testing.TB, b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func readArticles(t *testing.T, r *Reader) []*doc.Article {
	t.Helper()
	defer r.Close()
	var arts []*doc.Article
	for r.Next() {
		arts = append(arts, r.Article())
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return arts
}

func TestHTMLInput(t *testing.T) {
	for _, tt := range []struct {
		name string
		data []byte
	}{{"page.html", []byte(newsPage(3))}, {"page.html.gz", gz(t, []byte(newsPage(3)))}} {
		t.Run(tt.name, func(t *testing.T) {
			arts := readArticles(t, NewReader(bytes.NewReader(tt.data), tt.name, nil))
			if len(arts) != 1 {
				t.Fatalf("%d articles", len(arts))
			}
			a := arts[0]
			if a.Title != "Talks number 3 open in Tripoli" || a.Lang != "en" || a.ID == "" ||
				!strings.HasPrefix(a.Text, "TRIPOLI – Delegations") || a.Published.Format("2006-01-02") != "2024-03-04" {
				t.Errorf("%+v", a)
			}
		})
	}
}

func TestFeedInput(t *testing.T) {
	feed := `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><language>fr</language>
<item><title>Réunion</title><link>http://example.org/r</link><pubDate>Mon, 02 Oct 2023 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Les ministres des affaires étrangères se sont réunis lundi à Alger pour discuter de la sécurité.&lt;/p&gt;</description></item>
<item><title>No text</title><link>http://example.org/none</link></item>
<item><title>Ctl` + "\x02" + `</title><link>http://example.org/c</link><description>Talks opened in Cairo on Monday between the two delegations.</description></item>
</channel></rss>`
	arts := readArticles(t, NewReader(strings.NewReader(feed), "feed.xml", nil))
	if len(arts) != 2 {
		t.Fatalf("%d articles", len(arts))
	}
	if a := arts[0]; a.URL != "http://example.org/r" || a.Lang != "fr" || !strings.HasPrefix(a.Text, "Les ministres") || a.Published.IsZero() {
		t.Errorf("%+v", a)
	}
	if a := arts[1]; a.Title != "Ctl" || a.Lang != "en" {
		t.Errorf("%+v", a)
	}
}

// writeWARC writes a test archive: a warcinfo record, then per page a
// request, a response and a metadata record; every 50th response is a
// 404, every 70th an image, every 90th a revisit.
func writeWARC(t testing.TB, w io.Writer, pages int) {
	ww := warc.NewWriter(w, true)
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(ww.WriteRecord(warc.Fields("WARC-Type", "warcinfo"), []byte("software: parley test\r\n")))
	for i := range pages {
		uri := "https://news.example.org/story/" + strconv.Itoa(i)
		must(ww.WriteRecord(warc.Fields("WARC-Type", "request", "WARC-Target-URI", uri, "Content-Type", "application/http; msgtype=request"),
			[]byte("GET /story/"+strconv.Itoa(i)+" HTTP/1.1\r\nHost: news.example.org\r\n\r\n")))
		status, ctype, body, typ := "200 OK", "text/html; charset=utf-8", newsPage(i), "response"
		switch {
		case i%50 == 49:
			status, body = "404 Not Found", "<html><body>gone</body></html>"
		case i%70 == 69:
			ctype, body = "image/png", "\x89PNG\r\n\x1a\n"
		case i%90 == 89:
			typ = "revisit"
		}
		block := fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", status, ctype, len(body), body)
		must(ww.WriteRecord(warc.Fields("WARC-Type", typ, "WARC-Target-URI", uri, "WARC-Date", "2024-03-05T00:00:00Z", "WARC-Record-ID", fmt.Sprintf("<urn:uuid:%08d>", i), "Content-Type", "application/http; msgtype=response"), []byte(block)))
		must(ww.WriteRecord(warc.Fields("WARC-Type", "metadata", "WARC-Target-URI", uri, "Content-Type", "application/warc-fields"),
			[]byte("fetchTimeMs: 12\r\n")))
	}
	must(ww.Flush())
}

// wantPages counts the pages writeWARC makes readable.
func wantPages(pages int) int {
	n := 0
	for i := range pages {
		if i%50 != 49 && i%70 != 69 && i%90 != 89 {
			n++
		}
	}
	return n
}

func TestWARCInput(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crawl.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	writeWARC(t, f, 200)
	f.Close()
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	arts := readArticles(t, r)
	if len(arts) != wantPages(200) {
		t.Fatalf("%d articles, want %d", len(arts), wantPages(200))
	}
	seen := map[string]bool{}
	for _, a := range arts {
		if seen[a.ID] || !strings.HasPrefix(a.URL, "https://news.example.org/story/") || a.Lang != "en" || a.Published.IsZero() {
			t.Fatalf("%+v", a)
		}
		seen[a.ID] = true
	}
}

func TestWARCBadRecord(t *testing.T) {
	var buf bytes.Buffer
	ww := warc.NewWriter(&buf, false)
	ww.WriteRecord(warc.Fields("WARC-Type", "response", "WARC-Target-URI", "http://a/1", "Content-Type", "application/http"), []byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"+newsPage(1)))
	ww.WriteRecord(warc.Fields("WARC-Type", "response", "WARC-Target-URI", "http://a/2", "Content-Type", "application/http"), []byte("this is no HTTP\r\n\r\n"))
	ww.WriteRecord(warc.Fields("WARC-Type", "resource", "WARC-Target-URI", "http://a/3", "Content-Type", "text/html"), []byte(newsPage(3)))
	ww.Flush()
	var skipped []error
	r := NewReader(&buf, "x.warc", &Options{SkipBad: true, OnError: func(err error) { skipped = append(skipped, err) }})
	arts := readArticles(t, r)
	if len(arts) != 2 || len(skipped) != 1 || !strings.Contains(skipped[0].Error(), "http://a/2") {
		t.Errorf("%d articles, skipped %v", len(arts), skipped)
	}
}

// TestWARCMemory reads a generated archive of 10,000 records (2,500 pages,
// each with its request and metadata records, and a warcinfo) through the
// whole reader, HTML extraction included, and bounds peak memory.
func TestWARCMemory(t *testing.T) {
	pages := 2500
	if raceEnabled || testing.Short() {
		pages = 250
	}
	path := filepath.Join(t.TempDir(), "big.warc.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	writeWARC(t, f, pages)
	f.Close()
	st, _ := os.Stat(path)
	// Measure this test alone: return the memory of earlier tests to the
	// system and reset the peak RSS (Linux 4.0 and later).
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	start := time.Now()
	r, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var peak uint64
	n := 0
	for r.Next() {
		n++
		if n%50 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&ms)
	peak = max(peak, ms.HeapInuse)
	if n != wantPages(pages) {
		t.Fatalf("%d articles, want %d", n, wantPages(pages))
	}
	hwm := peakRSS()
	t.Logf("%d records (%d KB compressed): %d articles in %v; peak heap in use %.1f MB (%.1f MB before); peak RSS %.1f MB",
		4*pages+1, st.Size()>>10, n, time.Since(start).Round(time.Millisecond), float64(peak)/(1<<20), float64(base)/(1<<20), hwm)
	if peak > 200<<20 {
		t.Errorf("peak heap %d MB, want < 200 MB", peak>>20)
	}
	if hwm > 200 && !raceEnabled { // the race detector's shadow memory inflates RSS
		t.Errorf("peak RSS %.0f MB, want < 200 MB", hwm)
	}
}

// peakRSS returns the process's peak resident set (VmHWM) in MB, or 0
// where /proc is absent.
func peakRSS() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 64)
			return kb / 1024
		}
	}
	return 0
}
