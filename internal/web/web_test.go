package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/doc"
)

func TestSecurityHeaders(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	for _, path := range []string{"/timeline", "/network", "/static/app.css", "/nowhere"} {
		rec := fx.post(path, nil) // any method: headers come first
		if got := rec.Header.Get("Content-Security-Policy"); got != csp {
			t.Errorf("%s: CSP %q", path, got)
		}
	}
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline script: %s", csp)
	}
	code, _ := fx.get("/static/vendor/cytoscape.min.js")
	if code != http.StatusOK {
		t.Errorf("vendored cytoscape: %d", code)
	}
	if code, _ := fx.get("/events/nope"); code != http.StatusNotFound {
		t.Errorf("unknown event: %d", code)
	}
	if code, _ := fx.get("/timeline?since=yesterday"); code != http.StatusBadRequest {
		t.Errorf("bad date: %d", code)
	}
}

func TestTimeline(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	body := fx.mustGet("/timeline?since=2024-05-01&until=2024-05-31")
	// Seven events. On 6 May: the Rome meeting (reported by two outlets,
	// one event), the leaders' agreement and Turkey's condemnation, which
	// the text does not date and which take the date of their article's
	// meeting. On 7 May the clashes; on 19 May the Cairo meeting and what
	// its article tells without a date.
	if !strings.Contains(body, `<strong id="total">7</strong> dated events, per day`) {
		t.Fatalf("total:\n%s", body)
	}
	for day, n := range map[string]int{"2024-05-06": 3, "2024-05-07": 1, "2024-05-19": 3} {
		if !regexp.MustCompile(`data-period="` + day + `" data-count="` + strconv.Itoa(n) + `"`).MatchString(body) {
			t.Errorf("no bar of %d events on %s", n, day)
		}
	}
	if n := strings.Count(body, `<g class="bar`); n != 14 { // 6 to 19 May, empty days included
		t.Errorf("%d bars, want 14", n)
	}
	// Selecting the bar lists its events.
	body = fx.mustGet("/timeline?since=2024-05-01&until=2024-05-31&bucket=day&period=2024-05-06")
	sel := body[strings.Index(body, `id="selection"`):]
	if !strings.Contains(sel, `<span id="selection-count">3</span> events`) || !strings.Contains(sel, "CONSULT") ||
		!strings.Contains(sel, "Giorgia Meloni") || strings.Contains(sel, "Haftar") || !strings.Contains(sel, "SUPPORT") {
		t.Errorf("selection:\n%s", sel)
	}
	// Filters narrow the counts and stay in the bars' links.
	body = fx.mustGet("/timeline?actor=Haftar")
	if !strings.Contains(body, `<strong id="total">1</strong>`) || !strings.Contains(body, "actor=Haftar&amp;bucket") {
		t.Errorf("filtered timeline:\n%s", body)
	}
}

func TestNetwork(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	body := fx.mustGet("/network")
	m := regexp.MustCompile(`(?s)<script type="application/json" id="graph-data">(.*?)</script>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no graph data")
	}
	var g graph
	if err := json.Unmarshal([]byte(m[1]), &g); err != nil {
		t.Fatal(err)
	}
	labels := map[string]gnode{}
	for _, n := range g.Nodes {
		labels[n.Label] = n
	}
	for _, name := range []string{"Abdul Hamid Dbeibah", "Giorgia Meloni", "Khalifa Haftar", "Abdel Fattah el-Sisi", "Libya"} {
		if _, ok := labels[name]; !ok {
			t.Errorf("no node %s in %v", name, g.Nodes)
		}
	}
	dbeibah := labels["Abdul Hamid Dbeibah"]
	if !strings.HasPrefix(dbeibah.Href, "/actors/") || dbeibah.Activity != 1 || labels["Libya"].Size <= dbeibah.Size {
		t.Errorf("Dbeibah node: %+v", dbeibah)
	}
	var conflict bool
	for _, e := range g.Edges {
		if e.Quad == "verbal_conflict" && e.Target == labels["Libya"].ID {
			conflict = true
		}
	}
	if !conflict {
		t.Errorf("no conflict edge to Libya: %+v", g.Edges)
	}
	if !strings.Contains(body, `<strong id="node-count">`+itoa(len(g.Nodes))+`</strong> actors`) {
		t.Errorf("node count not shown")
	}
	if !strings.Contains(body, `<script src="/static/network.js"></script>`) {
		t.Errorf("no network script")
	}
}

func itoa(n int) string { return funcs["itoa"].(func(int) string)(n) }

func TestActorPage(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	id := fx.actorID("Dbeibah")
	body := fx.mustGet("/actors/" + url.PathEscape(id))
	for _, want := range []string{"<h1>Abdul Hamid Dbeibah</h1>", `id="aliases"`, "Dbaiba", "Prime Minister",
		`<a href="/actors/`, "Giorgia Meloni", `class="partner cooperation"`, `<span id="coop">`} {
		if !strings.Contains(body, want) {
			t.Errorf("actor page lacks %q", want)
		}
	}
	if n := strings.Count(body, `<tr class="event`); n < 2 {
		t.Errorf("%d events listed", n)
	}
	if code, _ := fx.get("/actors/no-such-actor"); code != http.StatusNotFound {
		t.Errorf("unknown actor: %d", code)
	}
}

func TestArticlePage(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	id := fx.articleID("Italy and Libya discuss")
	body := fx.mustGet("/articles/" + id)
	text := body[strings.Index(body, `id="article-text"`):]
	text = text[:strings.Index(text, "</article>")]
	if n := strings.Count(text, `<mark class="evidence">`); n < 3 {
		t.Errorf("%d evidence marks", n)
	}
	if !regexp.MustCompile(`<a class="ent ent-person" href="/actors/[^"]+" title="Giorgia Meloni \(ITA\)">Italian Prime Minister Giorgia Meloni</a>`).MatchString(text) {
		t.Errorf("Meloni not highlighted:\n%s", text)
	}
	consult := fx.event("CONSULT", "Meloni")
	if !strings.Contains(text, `<a class="evlink q-verbal_cooperation" href="/events/`+consult.ID+`">CONSULT</a>`) {
		t.Errorf("no link to the CONSULT event:\n%s", text)
	}
	if !strings.Contains(text, `<span class="anchor" id="ev-`+consult.ID+`">`) {
		t.Errorf("no anchor for the event")
	}
	// Every character of the text is there once, in order.
	plain := html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(text[strings.Index(text, ">")+1:], ""))
	for _, label := range []string{"CONSULT", "SUPPORT", "AGREE"} {
		plain = strings.ReplaceAll(plain, label, "")
	}
	if !strings.Contains(plain, "Italy pledged to send four patrol boats to the Libyan coast guard.") ||
		!strings.HasPrefix(plain, "Italy and Libya discuss migration in Rome") {
		t.Errorf("text garbled:\n%s", plain)
	}
}

func TestEventPage(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	e := fx.event("CONSULT", "Meloni")
	body := fx.mustGet("/events/" + e.ID)
	if n := strings.Count(body, `<tr class="mention">`); n != 2 {
		t.Errorf("%d mentions, want 2 (two outlets)", n)
	}
	for _, want := range []string{"news.test", "wire.test", "https://news.test/2024/05/06/rome-talks",
		"over 2 days", `<span id="mention-count">2</span>`, `/articles/`} {
		if !strings.Contains(body, want) {
			t.Errorf("event page lacks %q", want)
		}
	}
}

func TestEventsFilter(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	body := fx.mustGet("/events?type=ACCUSE")
	if n := strings.Count(body, `<tr class="event`); n != 1 || !strings.Contains(body, "Egypt") {
		t.Errorf("%d ACCUSE events:\n%s", n, body)
	}
	body = fx.mustGet("/events?quad=verbal_cooperation&country=EGY")
	if strings.Contains(body, `">ACCUSE</a>`) || !strings.Contains(body, "Abdel Fattah el-Sisi") {
		t.Errorf("quad and country filter:\n%s", body)
	}
	// The filter bar shows the filters back.
	if !strings.Contains(body, `<option value="verbal_cooperation" selected>`) || !strings.Contains(body, `value="EGY"`) {
		t.Errorf("filter bar lost the filters")
	}
	body = fx.mustGet("/events?text=patrol*")
	if n := strings.Count(body, `<tr class="event`); n != 2 {
		t.Errorf("text search: %d events", n)
	}
	if code, _ := fx.get("/events?quad=nonsense"); code != http.StatusBadRequest {
		t.Errorf("bad quad: %d", code)
	}
}

func TestArticlesList(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	body := fx.mustGet("/articles")
	if n := strings.Count(body, `<a href="/articles/`); n != 4 {
		t.Errorf("%d articles", n)
	}
}

// TestMergedEventRedirects: the page of an event merged into another by a
// knowledge-base edit sends the reader to the event kept.
func TestMergedEventRedirects(t *testing.T) {
	fx := newFixture(t, Options{}, "../../cli/testdata/relabel.jsonl")
	into, from := fx.actorID("Hamza Belqasem Zwayy"), fx.actorID("Abu Hamza al-Tarabulsi")
	away := fx.event("CONSULT", "Abu Hamza al-Tarabulsi")
	res, err := fx.db.Relabel(context.Background(), func(id, spelling string) (doc.Entity, bool) {
		if id == from {
			return doc.Entity{ID: into, Name: "Hamza Belqasem Zwayy", Country: "LBY"}, true
		}
		return doc.Entity{}, false
	})
	if err != nil || res.Merged != 1 {
		t.Fatalf("relabel: %+v, %v; want one merge", res, err)
	}
	kept := fx.event("CONSULT", "Hamza Belqasem Zwayy")
	if kept.ID == away.ID {
		t.Fatalf("the event kept has the id merged away")
	}
	rec := httptest.NewRecorder()
	fx.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/events/"+away.ID, nil))
	if rec.Code != http.StatusFound || rec.Header().Get("Location") != "/events/"+kept.ID {
		t.Errorf("page of the merged-away event: %d to %q, want %d to /events/%s", rec.Code, rec.Header().Get("Location"), http.StatusFound, kept.ID)
	}
	fx.mustGet("/events/" + kept.ID)
}
