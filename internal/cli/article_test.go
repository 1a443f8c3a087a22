package cli

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/parleyhq/parley/internal/source/warc"
)

// diplomacyPage is a news page whose story codes to events.
func diplomacyPage(n int, charset string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="en"><head><meta charset="%s">
<title>Sisi receives Dbeibah in Cairo (%d) | Example Wire</title>
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-03T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav><article>
<h1>Sisi receives Dbeibah in Cairo (%d)</h1>
<p>CAIRO – Egyptian President Abdel Fattah al-Sisi met Libyan Prime Minister Abdul Hamid Dbeibah in Cairo on Sunday, the Egyptian presidency said in a statement.</p>
<p>The two leaders discussed the security situation on the border and the preparations for elections in Libya, the statement said. Story number %d.</p>
<p>Dbeibah later met the Egyptian foreign minister, Sameh Shoukry, before flying back to Tripoli. Café owners said the streets were closed.</p>
</article><footer>Related: more stories. © Example Wire</footer></body></html>`, charset, n, n, n)
}

func TestArticleFile(t *testing.T) {
	dir := t.TempDir()
	page, _ := charmap.Windows1252.NewEncoder().String(strings.Replace(diplomacyPage(1, "windows-1252"), "–", "-", 1))
	path := filepath.Join(dir, "page.html")
	os.WriteFile(path, []byte(page), 0o644)
	out, stderr, code := run(t, "", "article", path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rec articleRecord
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if rec.ID == "" || rec.Lang != "en" || rec.Author != "Jane Doe" || !strings.HasPrefix(rec.Published, "2024-03-03") ||
		!strings.HasPrefix(rec.Text, "CAIRO - Egyptian President") || !strings.Contains(rec.Text, "Café owners") || strings.Contains(rec.Text, "Home") {
		t.Errorf("%+v", rec)
	}
}

func TestArticleURL(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "parley/") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, diplomacyPage(2, "utf-8"))
	}))
	defer srv.Close()
	out, stderr, code := run(t, "", "article", srv.URL+"/2024/03/03/story")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var rec articleRecord
	if err := json.Unmarshal([]byte(out), &rec); err != nil {
		t.Fatal(err)
	}
	if rec.URL != srv.URL+"/2024/03/03/story" || rec.Title == "" || rec.Lang != "en" {
		t.Errorf("%+v", rec)
	}
	if _, stderr, code := run(t, "", "article", srv.URL+"/x", "--timeout", "1ns"); code != ExitError {
		t.Errorf("exit %d with a timeout: %s", code, stderr)
	}
}

func TestExtractHTML(t *testing.T) {
	path := filepath.Join(t.TempDir(), "page.html.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte(diplomacyPage(3, "utf-8")))
	zw.Close()
	os.WriteFile(path, buf.Bytes(), 0o644)
	out, stderr, code := run(t, "", "extract", path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"event_type"`) || !strings.Contains(out, "Sisi") {
		t.Errorf("no events from the page:\n%s\n%s", out, stderr)
	}
}

func TestIngestWARC(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "crawl.warc.gz")
	f, _ := os.Create(path)
	w := warc.NewWriter(f, true)
	for i := range 20 {
		body := diplomacyPage(i, "utf-8")
		block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		w.WriteRecord(warc.Fields("WARC-Type", "response", "WARC-Target-URI", fmt.Sprintf("https://wire.example.org/%d", i), "Content-Type", "application/http; msgtype=response"), []byte(block))
		w.WriteRecord(warc.Fields("WARC-Type", "metadata", "Content-Type", "application/warc-fields"), []byte("x: y\r\n"))
	}
	w.Flush()
	f.Close()
	db := filepath.Join(dir, "p.db")
	_, stderr, code := run(t, "", "ingest", "--db", db, path)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "20 articles read: 20 stored") {
		t.Errorf("summary: %s", stderr)
	}
	_, stderr, _ = run(t, "", "ingest", "--db", db, path)
	if !strings.Contains(stderr, "20 already stored") {
		t.Errorf("second ingest: %s", stderr)
	}
}

// TestIngestWARCMemory ingests a generated archive of 10,000 records
// (1,000 pages, each with its request and metadata records, and seven
// records that hold no article: images, redirects, revisits) into a store
// and bounds the peak heap.
func TestIngestWARCMemory(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("short, or slowed down by the race detector")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "big.warc.gz")
	f, _ := os.Create(path)
	w := warc.NewWriter(f, true)
	pages := 1000
	img := "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n" + strings.Repeat("\x00", 4000)
	moved := "HTTP/1.1 301 Moved Permanently\r\nLocation: /x\r\nContent-Length: 0\r\n\r\n"
	for i := range pages {
		uri := fmt.Sprintf("https://wire.example.org/%d", i)
		w.WriteRecord(warc.Fields("WARC-Type", "request", "WARC-Target-URI", uri, "Content-Type", "application/http; msgtype=request"), []byte("GET / HTTP/1.1\r\n\r\n"))
		body := diplomacyPage(i, "utf-8")
		block := fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n%s", len(body), body)
		w.WriteRecord(warc.Fields("WARC-Type", "response", "WARC-Target-URI", uri, "Content-Type", "application/http; msgtype=response"), []byte(block))
		w.WriteRecord(warc.Fields("WARC-Type", "metadata", "WARC-Target-URI", uri, "Content-Type", "application/warc-fields"), []byte("x: y\r\n"))
		for j := range 7 {
			typ, block := "response", img
			switch j % 3 {
			case 1:
				block = moved
			case 2:
				typ = "revisit"
			}
			w.WriteRecord(warc.Fields("WARC-Type", typ, "WARC-Target-URI", fmt.Sprintf("%s/%d", uri, j), "Content-Type", "application/http; msgtype=response"), []byte(block))
		}
	}
	w.Flush()
	f.Close()
	done := make(chan struct{})
	var peak uint64
	go func() {
		var ms runtime.MemStats
		tk := time.NewTicker(20 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	start := time.Now()
	_, stderr, code := run(t, "", "ingest", "--db", filepath.Join(dir, "p.db"), path)
	close(done)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	t.Logf("ingested %d records (%d pages) in %v; peak heap in use %.1f MB; %s", 10*pages, pages, time.Since(start).Round(time.Millisecond), float64(peak)/(1<<20), strings.TrimSpace(stderr))
	if peak > 200<<20 {
		t.Errorf("peak heap %d MB, want < 200 MB", peak>>20)
	}
}
