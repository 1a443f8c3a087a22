package cli

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func feedServer(t *testing.T) (*httptest.Server, *atomic.Int32) {
	var round atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("GET /robots.txt", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "User-agent: *\nAllow: /\n") })
	mux.HandleFunc("GET /feed.xml", func(w http.ResponseWriter, r *http.Request) {
		items := `<item><guid>1</guid><link>/story/1</link><title>One</title></item>`
		if round.Load() > 0 {
			items = `<item><guid>2</guid><link>/story/2</link><title>Two</title></item>` + items
		}
		fmt.Fprintf(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>%s</channel></rss>`, items)
	})
	mux.HandleFunc("GET /broken.xml", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "<rss><channel><item>") })
	mux.HandleFunc("GET /story/{n}", func(w http.ResponseWriter, r *http.Request) {
		var n int
		fmt.Sscan(r.PathValue("n"), &n)
		fmt.Fprint(w, diplomacyPage(n, "utf-8"))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, &round
}

func TestWatchOnce(t *testing.T) {
	srv, round := feedServer(t)
	dir := t.TempDir()
	feeds := filepath.Join(dir, "feeds.txt")
	os.WriteFile(feeds, []byte("# feeds\n"+srv.URL+"/broken.xml\n"), 0o644)
	state := filepath.Join(dir, "state.json")
	args := []string{"watch", "--once", "--state", state, "--host-delay", "-1ns", "--feeds", feeds, srv.URL + "/feed.xml"}
	out, stderr, code := run(t, "", args...)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, `"event_type"`) || !strings.Contains(stderr, "/broken.xml") {
		t.Fatalf("out:\n%s\nstderr:\n%s", out, stderr)
	}
	first := strings.Count(out, "\n")
	out, _, _ = run(t, "", args...)
	if out != "" {
		t.Errorf("second poll wrote events again:\n%s", out)
	}
	round.Store(1)
	out, stderr, _ = run(t, "", args...)
	if n := strings.Count(out, "\n"); n != first || !strings.Contains(stderr, "1 articles") {
		t.Errorf("third poll: %d events (want %d, the new story only):\n%s", n, first, stderr)
	}
}

func TestWatchStore(t *testing.T) {
	srv, _ := feedServer(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	_, stderr, code := run(t, "", "watch", "--once", "--state", filepath.Join(dir, "s.json"), "--host-delay", "-1ns", "--db", db, srv.URL+"/feed.xml")
	if code != ExitOK || !strings.Contains(stderr, "1 articles") {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	out, stderr, code := run(t, "", "articles", "--db", db)
	if code != ExitOK || !strings.Contains(out, "Sisi receives Dbeibah in Cairo (1)") {
		t.Errorf("stored articles (exit %d):\n%s\n%s", code, out, stderr)
	}
}

func TestWatchUsage(t *testing.T) {
	if _, _, code := run(t, "", "watch", "--once"); code != ExitUsage {
		t.Errorf("exit %d without feeds", code)
	}
}
