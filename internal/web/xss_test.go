package web

import (
	"regexp"
	"strings"
	"testing"
)

// TestXSS ingests an article whose title, source, URL and text carry
// script and event-handler payloads, and checks that no page lets them
// through as markup.
func TestXSS(t *testing.T) {
	fx := newFixture(t, Options{}, "xss.jsonl")
	id := fx.articleID("Envoy")
	accuse := fx.event("ACCUSE", "Egypt")
	pages := []string{"/articles/" + id, "/articles", "/events", "/events/" + accuse.ID, "/timeline",
		"/timeline?period=" + mondayOf(t, fx), "/network", "/actors/" + fx.actorID("Dbeibah"), "/events?text=accused"}
	tag := regexp.MustCompile(`(?i)<(script|img|svg)\b[^>]*>`)
	for _, p := range pages {
		body := fx.mustGet(p)
		for _, m := range tag.FindAllString(body, -1) {
			if m != `<script type="application/json" id="graph-data">` && !strings.HasPrefix(m, `<script src="/static/`) &&
				!strings.HasPrefix(m, `<svg id="timeline"`) && !strings.HasPrefix(m, `<svg class="chart balance"`) {
				t.Errorf("%s: live markup %s", p, m)
			}
		}
		if regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+=`).MatchString(body) {
			t.Errorf("%s: event handler attribute", p)
		}
		if strings.Contains(body, `href="javascript:`) {
			t.Errorf("%s: javascript: link", p)
		}
	}
	body := fx.mustGet("/articles/" + id)
	for _, want := range []string{"&lt;script&gt;window.__pwned=1&lt;/script&gt;", "onerror=&#34;window.__pwned=3&#34;",
		"&lt;b&gt;evil&lt;/b&gt;", `href="#ZgotmplZ"`, `<mark class="evidence">`} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %q", want)
		}
	}
	// In the JSON data block, markup is escaped for the script context.
	body = fx.mustGet("/network")
	m := regexp.MustCompile(`(?s)id="graph-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil || strings.Contains(m[1], "<") {
		t.Errorf("data block holds markup: %v", m)
	}
}

func mondayOf(t *testing.T, fx *fixture) string {
	body := fx.mustGet("/timeline")
	m := regexp.MustCompile(`data-period="([0-9-]+)" data-count="[1-9]`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no bar")
	}
	return m[1]
}
