package web

import (
	"bufio"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestReviewFlow(t *testing.T) {
	fx := newFixture(t, Options{}, "articles.jsonl")
	agree := fx.event("AGREE", "Italy")
	accuse := fx.event("ACCUSE", "Egypt")
	// Correct the type and recipient of one event, mark another wrong.
	res := fx.post("/events/"+agree.ID+"/review", url.Values{"verdict": {"correct"}, "event_type": {"AID"},
		"recipient": {"Libyan Coast Guard"}, "note": {"boats were promised"}, "reviewer": {"ana"}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("review: %d", res.StatusCode)
	}
	if res := fx.post("/events/"+accuse.ID+"/review", url.Values{"verdict": {"wrong"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("wrong: %d", res.StatusCode)
	}
	check := func() {
		t.Helper()
		body := fx.mustGet("/events/" + agree.ID)
		for _, want := range []string{`<h1 class="q-material_cooperation">AID <span class="badge">corrected</span>`,
			"coded as AGREE", "boats were promised", "Reviewed by ana"} {
			if !strings.Contains(body, want) {
				t.Errorf("corrected event page lacks %q", want)
			}
		}
		body = fx.mustGet("/events?type=ACCUSE")
		if !strings.Contains(body, `class="event q-verbal_conflict wrong"`) || !strings.Contains(body, "marked wrong") {
			t.Errorf("wrong event not shown as wrong")
		}
		body = fx.mustGet("/review")
		if n := strings.Count(body, `<tr class="correction-row">`); n != 2 {
			t.Errorf("%d corrections listed", n)
		}
	}
	check()
	// Re-ingesting the articles (and a later report of the same meeting)
	// leaves the corrections in place.
	fx.ingest("articles.jsonl", "xss.jsonl")
	check()

	// The gold export: the articles of reviewed events, corrected, wrong ones out.
	code, body := fx.get("/review/gold.jsonl")
	if code != http.StatusOK {
		t.Fatal(code)
	}
	var lines []goldArticle
	sc := bufio.NewScanner(strings.NewReader(body))
	for sc.Scan() {
		var g goldArticle
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		lines = append(lines, g)
	}
	if len(lines) != 2 {
		t.Fatalf("%d gold articles, want 2:\n%s", len(lines), body)
	}
	byID := map[string]goldArticle{}
	for _, g := range lines {
		byID[g.ID] = g
	}
	rome, cairo := byID["t-1"], byID["t-3"]
	if len(rome.Events) != 1 || rome.Events[0].EventType != "AID" || rome.Events[0].Recipient[0].Name != "Libyan Coast Guard" ||
		len(rome.Events[0].Actor[0].Aliases) == 0 || rome.Published != "2024-05-06" {
		t.Errorf("Rome gold: %+v", rome)
	}
	if len(cairo.Events) != 0 || !strings.Contains(cairo.Notes, "1 marked wrong") {
		t.Errorf("Cairo gold: %+v", cairo)
	}
	if _, body := fx.get("/review/corrections.jsonl"); strings.Count(body, "\n") != 2 {
		t.Errorf("corrections export:\n%s", body)
	}
}

func TestReviewAuth(t *testing.T) {
	form := url.Values{"verdict": {"wrong"}}
	t.Run("public without token", func(t *testing.T) {
		fx := newFixture(t, Options{Public: true}, "articles.jsonl")
		e := fx.event("AGREE", "Italy")
		if res := fx.post("/events/"+e.ID+"/review", form); res.StatusCode != http.StatusForbidden {
			t.Errorf("%d, want 403", res.StatusCode)
		}
		if body := fx.mustGet("/events/" + e.ID); strings.Contains(body, `id="review-form"`) || !strings.Contains(body, "review is off") {
			t.Errorf("review form offered")
		}
	})
	t.Run("token", func(t *testing.T) {
		fx := newFixture(t, Options{Public: true, Token: "s3cret"}, "articles.jsonl")
		e := fx.event("AGREE", "Italy")
		path := "/events/" + e.ID + "/review"
		if res := fx.post(path, form); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("no token: %d", res.StatusCode)
		}
		if res := fx.post("/review/login", url.Values{"token": {"guess"}}); res.StatusCode != http.StatusUnauthorized {
			t.Errorf("wrong token login: %d", res.StatusCode)
		}
		res := fx.post("/review/login", url.Values{"token": {"s3cret"}, "next": {"//evil.test/"}})
		if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/review" {
			t.Fatalf("login: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c := res.Cookies()[0]
		if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || strings.Contains(c.Value, "s3cret") {
			t.Errorf("cookie %+v", c)
		}
		cookie := c.Name + "=" + c.Value
		if res := fx.post(path, form, "Cookie", cookie, "Origin", "https://evil.test"); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site: %d", res.StatusCode)
		}
		if res := fx.post(path, form, "Cookie", cookie, "Sec-Fetch-Site", "cross-site"); res.StatusCode != http.StatusForbidden {
			t.Errorf("cross-site fetch: %d", res.StatusCode)
		}
		if res := fx.post(path, form, "Cookie", cookie, "Origin", "http://example.com"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("signed in: %d", res.StatusCode)
		}
		if res := fx.post(path, form, "Authorization", "Bearer s3cret"); res.StatusCode != http.StatusSeeOther {
			t.Errorf("bearer: %d", res.StatusCode)
		}
	})
}
