package watch

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// site is a test server of feeds and pages whose content changes between
// polls.
type site struct {
	mu       sync.Mutex
	round    int // incremented by the test between polls
	hits     map[string]int
	agents   map[string]bool
	times    []time.Time
	pageHits map[string]int
	srv      *httptest.Server
}

func page(title, body string) string {
	return fmt.Sprintf(`<html lang="en"><head><title>%s</title></head><body><article><h1>%s</h1>
<p>%s The delegations met for four hours at the ministry and agreed to meet again next month, officials said.</p>
<p>Both sides described the talks as constructive and said a joint committee would prepare the next meeting.</p></article></body></html>`, title, title, body)
}

func rss(items ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title><language>en</language>` +
		strings.Join(items, "") + `</channel></rss>`
}

func item(guid, link, title string) string {
	return fmt.Sprintf(`<item><guid>%s</guid><link>%s</link><title>%s</title><description>Summary of %s, which is long enough to stand alone as the text of an article.</description></item>`, guid, link, title, title)
}

func newSite(t *testing.T) *site {
	s := &site{hits: map[string]int{}, agents: map[string]bool{}, pageHits: map[string]int{}}
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hits[r.URL.Path]++
		s.agents[r.UserAgent()] = true
		s.times = append(s.times, time.Now())
		round := s.round
		s.mu.Unlock()
		s.serve(w, r, round)
	})
	s.srv = httptest.NewServer(mux)
	t.Cleanup(s.srv.Close)
	return s
}

func (s *site) serve(w http.ResponseWriter, r *http.Request, round int) {
	p := r.URL.Path
	switch {
	case p == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case p == "/changing.xml":
		// Round 0: a, b. Round 1 on: b, c (b repeated). ETag per content.
		body, etag := rss(item("b", "/news/b", "Story B"), item("a", "/news/a", "Story A")), `"v1"`
		if round >= 1 {
			body, etag = rss(item("c", "/news/c", "Story C"), item("b", "/news/b", "Story B")), `"v2"`
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	case p == "/lastmod.xml":
		const lm = "Mon, 02 Oct 2023 10:00:00 GMT"
		if r.Header.Get("If-Modified-Since") == lm {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Last-Modified", lm)
		// The same story as /changing.xml's b, under another guid and a
		// tracking parameter: not doubled.
		fmt.Fprint(w, rss(item("other-b", "/news/b?utm_source=rss", "Story B again"), item("d", "/news/d", "Story D")))
	case p == "/flaky.xml":
		if round < 2 {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		fmt.Fprint(w, rss(item("e", "/news/e", "Story E")))
	case p == "/slow.xml":
		if round == 0 {
			time.Sleep(300 * time.Millisecond) // past the timeout
		} else {
			time.Sleep(30 * time.Millisecond) // slow but in time
		}
		fmt.Fprint(w, rss(item("s", "/news/s", "Story S")))
	case p == "/broken.xml":
		fmt.Fprint(w, `<?xml version="1.0"?><rss><channel><item><title>unclosed`)
	case p == "/control.xml":
		fmt.Fprint(w, rss(item("ctl", "/news/ctl", "Control\x0b\x01 characters")))
	case p == "/errors.xml":
		fmt.Fprint(w, rss(item("p500", "/news/always500", "Always 500"), item("p404", "/news/gone", "Gone"),
			item("priv", "/private/x", "Private"), item("nolink", "", "No link")))
	case p == "/news/always500":
		s.mu.Lock()
		s.pageHits[p]++
		s.mu.Unlock()
		http.Error(w, "boom", http.StatusInternalServerError)
	case strings.HasPrefix(p, "/news/") && p != "/news/gone":
		name := strings.TrimPrefix(p, "/news/")
		fmt.Fprint(w, page("Story "+strings.ToUpper(name), "In story "+name+", the ministers of the two countries met in the capital on Sunday."))
	default:
		http.NotFound(w, r)
	}
}

func (s *site) next() {
	s.mu.Lock()
	s.round++
	s.mu.Unlock()
}

type collector struct {
	mu   sync.Mutex
	arts []*doc.Article
}

func (c *collector) handle(_ context.Context, a *doc.Article) error {
	c.mu.Lock()
	c.arts = append(c.arts, a)
	c.mu.Unlock()
	return nil
}

func TestWatcher(t *testing.T) {
	s := newSite(t)
	feeds := []string{"/changing.xml", "/lastmod.xml", "/flaky.xml", "/slow.xml", "/broken.xml", "/control.xml", "/errors.xml"}
	for i := range feeds {
		feeds[i] = s.srv.URL + feeds[i]
	}
	statePath := filepath.Join(t.TempDir(), "state.json")
	var logs strings.Builder
	var logMu sync.Mutex
	opts := &Options{
		Interval: time.Millisecond, MaxBackoff: 5 * time.Millisecond, HostDelay: -1, Timeout: 100 * time.Millisecond,
		StatePath: statePath, Logger: slog.New(slog.NewTextHandler(&lockedWriter{w: &logs, mu: &logMu}, nil)),
	}
	c := &collector{}
	ctx := context.Background()
	poll := func(w *Watcher) {
		time.Sleep(10 * time.Millisecond) // past every backoff
		if err := w.Poll(ctx); err != nil {
			t.Fatal(err)
		}
	}
	w, err := New(feeds, c.handle, opts)
	if err != nil {
		t.Fatal(err)
	}
	poll(w) // round 0
	s.next()
	poll(w) // round 1: changing.xml has c; flaky still 500
	s.next()
	poll(w) // round 2: flaky recovers
	poll(w) // nothing new; 304s
	// Restart: a new watcher from the saved state doubles nothing.
	w2, err := New(feeds, c.handle, opts)
	if err != nil {
		t.Fatal(err)
	}
	poll(w2)
	poll(w2)

	got := map[string]int{}
	for _, a := range c.arts {
		got[a.Title]++
		if a.Lang == "" || a.ID == "" || a.Text == "" {
			t.Errorf("article without language, id or text: %+v", a)
		}
	}
	want := []string{"Story A", "Story B", "Story C", "Story D", "Story E", "Story S", "Story CTL", "No link"}
	for _, title := range want {
		if got[title] != 1 {
			t.Errorf("%q handled %d times, want once", title, got[title])
		}
	}
	if len(c.arts) != len(want) {
		t.Errorf("%d articles %v, want %d", len(c.arts), got, len(want))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hits["/private/x"] != 0 {
		t.Error("fetched a page robots.txt disallows")
	}
	if n := s.pageHits["/news/always500"]; n != opts.PageTries && n != 3 {
		t.Errorf("failing page fetched %d times, want 3", n)
	}
	if s.hits["/news/b"] != 1 {
		t.Errorf("/news/b fetched %d times", s.hits["/news/b"])
	}
	for ua := range s.agents {
		if !strings.HasPrefix(ua, "parley/") {
			t.Errorf("User-Agent %q", ua)
		}
	}
	logMu.Lock()
	log := logs.String()
	logMu.Unlock()
	for _, want := range []string{"/broken.xml", "/flaky.xml", "/slow.xml", "/news/always500", "/news/gone"} {
		if !strings.Contains(log, want) {
			t.Errorf("log does not name %s", want)
		}
	}
	st := w2.Stats()
	if st.NotModified == 0 {
		t.Error("no 304 seen")
	}
}

func TestHostDelay(t *testing.T) {
	s := newSite(t)
	c := &collector{}
	w, err := New([]string{s.srv.URL + "/changing.xml"}, c.handle, &Options{HostDelay: 30 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Poll(context.Background()); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.times) < 4 { // robots.txt, feed, two pages
		t.Fatalf("%d requests", len(s.times))
	}
	for i := 1; i < len(s.times); i++ {
		if gap := s.times[i].Sub(s.times[i-1]); gap < 25*time.Millisecond {
			t.Errorf("request %d came %v after the previous one", i, gap)
		}
	}
}

func TestRunStops(t *testing.T) {
	s := newSite(t)
	c := &collector{}
	w, err := New([]string{s.srv.URL + "/changing.xml"}, c.handle, &Options{HostDelay: -1, Interval: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	if err := w.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if len(c.arts) != 2 || w.Stats().Polls < 2 {
		t.Errorf("%d articles in %d polls", len(c.arts), w.Stats().Polls)
	}
}

func TestNewRejectsBadURL(t *testing.T) {
	if _, err := New([]string{"ftp://x/feed"}, nil, nil); err == nil {
		t.Error("no error")
	}
}

type lockedWriter struct {
	w  *strings.Builder
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
