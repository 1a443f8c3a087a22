package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Browser tests drive Debian's chromium through chromedp. They skip when
// chromium is absent; $PARLEY_CHROMIUM names another binary, and
// $PARLEY_SCREENSHOTS a directory to keep the screenshots in (else the
// test's temporary directory).

func chromium() string {
	if p := os.Getenv("PARLEY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserT is one browser tab on a test server, collecting the console
// errors, exceptions and Content-Security-Policy reports of its pages.
type browserT struct {
	t    *testing.T
	ctx  context.Context
	base string
	shot string
	mu   sync.Mutex
	logs []string
}

func newBrowser(t *testing.T, fx *fixture) *browserT {
	t.Helper()
	path := chromium()
	if path == "" {
		t.Skip("chromium not installed (apt-get install -y chromium)")
	}
	srv := httptest.NewServer(fx.srv)
	t.Cleanup(srv.Close)
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path), chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900)}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelB := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelB(); cancelA() })
	// The first call starts the browser, on a context without a timeout.
	if _, err := chromedp.Call(bctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(bctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancelC := context.WithTimeout(bctx, 120*time.Second)
	t.Cleanup(cancelC)
	b := &browserT{t: t, ctx: ctx, base: srv.URL, shot: os.Getenv("PARLEY_SCREENSHOTS")}
	if b.shot == "" {
		b.shot = t.TempDir()
	} else if err := os.MkdirAll(b.shot, 0o755); err != nil {
		t.Fatal(err)
	}
	err := chromedp.Listen(bctx, func(ev any) {
		var msg string
		switch ev := ev.(type) {
		case *log.EventEntryAdded:
			msg = logEntry(ev.Entry)
		case log.EventEntryAdded:
			msg = logEntry(ev.Entry)
		case *runtime.EventExceptionThrown:
			msg = exception(ev.ExceptionDetails)
		case runtime.EventExceptionThrown:
			msg = exception(ev.ExceptionDetails)
		}
		if msg != "" {
			b.mu.Lock()
			b.logs = append(b.logs, msg)
			b.mu.Unlock()
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func logEntry(e *log.Entry) string {
	if e != nil && (e.Level == log.EntryLevelError || strings.Contains(e.Text, "Content Security Policy")) {
		return "log: " + e.Text
	}
	return ""
}

func exception(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "exception"
	}
	msg := "exception: " + d.Text
	if d.Exception != nil {
		msg += " " + d.Exception.Description
	}
	return msg
}

func (b *browserT) run(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

// evaluate runs a JavaScript expression (awaiting a promise) for its value.
func evaluate[T any](b *browserT, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return v
}

// open loads path and waits for sel to be visible.
func (b *browserT) open(path, sel string) {
	b.t.Helper()
	b.run(chromedp.Navigate(b.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// waitURL waits for the tab's location to contain s.
func (b *browserT) waitURL(s string) {
	b.t.Helper()
	for {
		loc, err := chromedp.Run(b.ctx, chromedp.Location())
		if err != nil {
			b.t.Fatalf("waiting for a URL with %s: %v", s, err)
		}
		if strings.Contains(loc, s) {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (b *browserT) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

func (b *browserT) screenshot(name string) {
	b.t.Helper()
	buf, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(b.shot, name+".png"), buf, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// clean fails on console errors, exceptions or CSP reports so far.
func (b *browserT) clean(page string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range b.logs {
		b.t.Errorf("%s: %s", page, l)
	}
	b.logs = nil
}

func TestBrowserPages(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	b := newBrowser(t, fx)
	b.open("/timeline", "#timeline")
	if got := b.text("#total"); got != "7" {
		t.Errorf("timeline total %q", got)
	}
	b.screenshot("timeline")
	b.clean("timeline")

	b.open("/network", `#network[data-ready="1"]`)
	nodes := evaluate[int](b, `parleyNetwork.nodes().length`)
	if want := b.text("#node-count"); fmt.Sprint(nodes) != want || nodes < 5 {
		t.Errorf("network draws %d nodes, page says %s", nodes, want)
	}
	b.screenshot("network")
	b.clean("network")
	// Selecting a node opens its actor page.
	pos := evaluate[struct{ X, Y float64 }](b, `(function(){var n=parleyNetwork.nodes().filter(function(n){return n.data('label')==='Giorgia Meloni'})[0];
		var p=n.renderedPosition(), r=document.getElementById('network').getBoundingClientRect();
		return {X: r.left+p.x, Y: r.top+p.y};})()`)
	b.run(chromedp.MouseClickXY(pos.X, pos.Y), chromedp.WaitVisible(chromedp.CSS("#aliases")))
	if h := b.text("h1"); h != "Giorgia Meloni" {
		t.Errorf("node click opened %q", h)
	}

	b.open("/actors/p-lby-dbeibah-abdulhamid", "#aliases")
	if a := b.text("#aliases"); !strings.Contains(a, "Dbaiba") {
		t.Errorf("aliases %q", a)
	}
	if p := b.text("table.partners"); !strings.Contains(p, "Giorgia Meloni") {
		t.Errorf("partners %q", p)
	}
	b.screenshot("actor")
	b.clean("actor")

	b.open("/articles/"+fx.articleID("Italy and Libya discuss"), "#article-text")
	marks := evaluate[int](b, `document.querySelectorAll('#article-text mark.evidence').length`)
	ents := evaluate[int](b, `document.querySelectorAll('#article-text a.ent').length`)
	if marks < 3 || ents < 5 {
		t.Errorf("article: %d evidence marks, %d entity links", marks, ents)
	}
	b.screenshot("article")
	b.clean("article")

	e := fx.event("CONSULT", "Meloni")
	b.open("/events/"+e.ID, "table.mentions")
	rows := evaluate[int](b, `document.querySelectorAll('tr.mention').length`)
	if rows != 2 {
		t.Errorf("event page: %d mentions", rows)
	}
	b.screenshot("event")
	b.open("/events", "table.events")
	b.open("/articles", "table.articles")
	b.open("/review", "table.corrections")
	b.screenshot("review-empty")
	b.clean("lists")
}

func TestBrowserFilterAndTimelineSelection(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	b := newBrowser(t, fx)
	b.open("/timeline", "#timeline")
	b.run(chromedp.SetValue(chromedp.CSS(`select[name="type"]`), "CONSULT"),
		chromedp.Click(chromedp.CSS("#apply")))
	b.waitURL("type=CONSULT")
	b.run(chromedp.WaitVisible(chromedp.CSS("#timeline")))
	if got := b.text("#total"); got != "2" {
		t.Errorf("filtered total %q, want 2", got)
	}
	// Select a bar: it lists its events, and the filter stays.
	b.run(chromedp.Click(chromedp.CSS(`#timeline g.bar[data-count="1"] rect`)),
		chromedp.WaitVisible(chromedp.CSS("#selection")))
	if n := b.text("#selection-count"); n != "1" {
		t.Errorf("selection count %q", n)
	}
	if rows := b.text("#selection table.events"); !strings.Contains(rows, "CONSULT") {
		t.Errorf("selection %q", rows)
	}
	b.screenshot("timeline-selection")
	b.clean("timeline")
}

func TestBrowserReview(t *testing.T) {
	fx := newFixture(t, Options{Token: "t0ken", Public: true}, "articles.jsonl")
	b := newBrowser(t, fx)
	agree := fx.event("AGREE", "Italy")
	b.open("/events/"+agree.ID, "#login-form")
	b.run(chromedp.SendKeys(chromedp.CSS("#login-token"), "t0ken"),
		chromedp.Submit(chromedp.CSS("#login-token")),
		chromedp.WaitVisible(chromedp.CSS("#review-form")))
	b.run(chromedp.Click(chromedp.CSS("#verdict-correct")),
		chromedp.SetValue(chromedp.CSS("#review-type"), "AID"),
		chromedp.SendKeys(chromedp.CSS("#review-recipient"), "Libyan Coast Guard"),
		chromedp.SendKeys(chromedp.CSS("#review-note"), "boats promised, not agreed"),
		chromedp.SendKeys(chromedp.CSS("#review-reviewer"), "ana"),
		chromedp.Click(chromedp.CSS("#review-submit")),
		chromedp.WaitVisible(chromedp.CSS("ol.history")))
	if h := b.text("h1"); !strings.HasPrefix(h, "AID") || !strings.Contains(h, "corrected") {
		t.Errorf("after review: %q", h)
	}
	if c := b.text("p.correction"); !strings.Contains(c, "coded as AGREE") || !strings.Contains(c, "ana") {
		t.Errorf("correction shown as %q", c)
	}
	b.screenshot("review-event")
	b.open("/review", "table.corrections")
	n := evaluate[int](b, `document.querySelectorAll('tr.correction-row').length`)
	if n != 1 {
		t.Errorf("%d corrections listed", n)
	}
	gold := evaluate[string](b, `fetch('/review/gold.jsonl').then(function(r){return r.text()})`)
	if !strings.Contains(gold, `"event_type":"AID"`) {
		t.Errorf("gold export %q", gold)
	}
	b.screenshot("review-list")
	b.clean("review")
}

func TestBrowserXSS(t *testing.T) {
	fx := newFixture(t, Options{}, "xss.jsonl")
	b := newBrowser(t, fx)
	for _, p := range []string{"/articles/" + fx.articleID("Envoy"), "/events", "/events/" + fx.event("ACCUSE", "Egypt").ID, "/articles"} {
		b.open(p, "main")
		pwned := evaluate[int](b, `typeof window.__pwned === 'undefined' ? 0 : window.__pwned`)
		live := evaluate[int](b, `document.querySelectorAll('main img, main script, main svg:not(.chart), main [onerror], main [onload]').length`)
		if pwned != 0 || live != 0 {
			t.Errorf("%s: payload ran (%d) or left %d live elements", p, pwned, live)
		}
		b.clean(p)
	}
	b.open("/articles/"+fx.articleID("Envoy"), "#article-text")
	text := b.text("#article-text")
	if !strings.Contains(text, `<script>window.__pwned=1</script>`) {
		t.Errorf("payload not shown as text: %q", text)
	}
	b.screenshot("xss-article")
}
