package cli

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

func testAPI(t *testing.T, token string) (*httptest.Server, *apiServer) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.db")
	if _, stderr, code := run(t, "", "ingest", "--db", path, "../../examples/articles/sample.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	db, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	k, err := loadKB("")
	if err != nil {
		t.Fatal(err)
	}
	api := &apiServer{db: db, kb: k, token: token}
	if token != "" {
		if api.pipe, err = pipeline.New(k); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(api.handler())
	t.Cleanup(srv.Close)
	return srv, api
}

func get(t *testing.T, srv *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if v != nil && resp.StatusCode == http.StatusOK {
		if err := json.Unmarshal(body, v); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, body)
		}
	}
	return resp.StatusCode
}

func TestAPIRead(t *testing.T) {
	srv, _ := testAPI(t, "")
	var page store.Page[store.Event]
	if code := get(t, srv, "/api/events?actor=Hafter&type=CONSULT", &page); code != 200 || len(page.Items) != 1 {
		t.Fatalf("events: %d %+v", code, page)
	}
	id := page.Items[0].ID
	var ev store.Event
	if code := get(t, srv, "/api/events/"+id, &ev); code != 200 || len(ev.Mentions) != 1 || ev.Mentions[0].Span[1] == 0 {
		t.Errorf("event: %d %+v", code, ev)
	}
	// Cursor pagination visits every event once.
	seen := map[string]bool{}
	cursor := ""
	for i := 0; i < 20; i++ {
		var p store.Page[store.Event]
		if code := get(t, srv, "/api/events?limit=2&cursor="+cursor, &p); code != 200 {
			t.Fatalf("page %d: %d", i, code)
		}
		for _, e := range p.Items {
			if seen[e.ID] {
				t.Errorf("event %s twice", e.ID)
			}
			seen[e.ID] = true
		}
		if cursor = p.Next; cursor == "" {
			break
		}
	}
	var all store.Page[store.Event]
	get(t, srv, "/api/events", &all)
	if len(seen) != len(all.Items) || len(seen) < 5 {
		t.Errorf("pages gave %d events, one page %d", len(seen), len(all.Items))
	}
	var actors store.Page[store.Actor]
	if code := get(t, srv, "/api/actors?country=LBY", &actors); code != 200 || len(actors.Items) == 0 {
		t.Errorf("actors: %d %+v", code, actors)
	}
	var actor store.Actor
	if code := get(t, srv, "/api/actors/"+page.Items[0].Recipient[0].ID, &actor); code != 200 || actor.NumEvents == 0 {
		t.Errorf("actor: %d %+v", code, actor)
	}
	var art store.Article
	if code := get(t, srv, "/api/articles/"+ev.Mentions[0].ArticleID, &art); code != 200 || !strings.Contains(art.Text, "Haftar") {
		t.Errorf("article: %d %+v", code, art)
	}
	var netw struct {
		Nodes []map[string]string `json:"nodes"`
		Edges []store.Edge        `json:"edges"`
	}
	if code := get(t, srv, "/api/network?since=2020-01-01", &netw); code != 200 || len(netw.Edges) == 0 || len(netw.Nodes) < 2 {
		t.Errorf("network: %d %+v", code, netw)
	}
	var tl struct {
		Counts []store.Bucket `json:"counts"`
	}
	if code := get(t, srv, "/api/timeline?bucket=week&by=type", &tl); code != 200 || len(tl.Counts) == 0 {
		t.Errorf("timeline: %d %+v", code, tl)
	}
	var spec map[string]any
	if code := get(t, srv, "/api/openapi.json", &spec); code != 200 || spec["openapi"] != "3.1.0" {
		t.Errorf("openapi: %d", code)
	}
	for path, want := range map[string]int{
		"/api/events/nope": 404, "/api/actors/nope": 404, "/api/articles/nope": 404,
		"/api/events?since=yesterday": 400, "/api/events?cursor=!!": 400, "/api/events?text=%2B%2B": 400, "/api/events?limit=x": 400,
		"/api/timeline?bucket=hour": 400,
	} {
		if code := get(t, srv, path, nil); code != want {
			t.Errorf("%s: %d, want %d", path, code, want)
		}
	}
}

const submitted = `{"url":"https://example.net/talks","published":"2024-05-08","text":"Talks\n\nLibyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday."}`

func post(t *testing.T, srv *httptest.Server, token string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", srv.URL+"/api/articles", strings.NewReader(submitted))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestAPIWrite(t *testing.T) {
	ro, _ := testAPI(t, "")
	if code := post(t, ro, "anything"); code != http.StatusForbidden {
		t.Errorf("read-only server accepted a write: %d", code)
	}
	srv, _ := testAPI(t, "s3cret")
	if code := post(t, srv, ""); code != http.StatusUnauthorized {
		t.Errorf("no token: %d", code)
	}
	if code := post(t, srv, "wrong"); code != http.StatusUnauthorized {
		t.Errorf("wrong token: %d", code)
	}
	if code := post(t, srv, "s3cret"); code != http.StatusCreated {
		t.Errorf("write: %d", code)
	}
	if code := post(t, srv, "s3cret"); code != http.StatusOK {
		t.Errorf("same article again: %d, want 200", code)
	}
	var page store.Page[store.Event]
	if get(t, srv, "/api/events?actor=Dbaiba", &page); len(page.Items) != 1 {
		t.Errorf("submitted event not found: %+v", page)
	}
}

func TestAPIEditKB(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "p.db")
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", path, "testdata/relabel.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	db, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	overlay := filepath.Join(dir, "overlay.jsonl")
	k, err := loadKBOverlay("", overlay)
	if err != nil {
		t.Fatal(err)
	}
	api := &apiServer{db: db, kb: k, token: "s3cret", overlay: overlay}
	if api.pipe, err = pipeline.New(k); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(api.handler())
	t.Cleanup(srv.Close)

	var actors store.Page[store.Actor]
	get(t, srv, "/api/actors?limit=100", &actors)
	ids := map[string]string{}
	for _, a := range actors.Items {
		ids[a.Name] = a.ID
	}
	into, from := ids["Hamza Belqasem Zwayy"], ids["Abu Hamza al-Tarabulsi"]
	if into == "" || from == "" {
		t.Fatalf("stored actors %v lack the two names", ids)
	}
	merge := `{"op":"merge","id":"` + into + `","from":"` + from + `"}`
	send := func(token, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest("POST", srv.URL+"/api/kb/edits", strings.NewReader(body))
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	tests := []struct {
		name, token, body string
		code              int
		want              string
	}{
		{"no token", "", merge, http.StatusUnauthorized, ""},
		{"not an edit", "s3cret", `{"op":`, http.StatusBadRequest, ""},
		{"unknown field", "s3cret", `{"op":"alias","idd":"x"}`, http.StatusBadRequest, ""},
		{"unknown actor", "s3cret", `{"op":"alias","id":"p-nosuch","name":"X"}`, http.StatusUnprocessableEntity, "unknown actor"},
		{"merge", "s3cret", merge, http.StatusOK, `"merged":1`},
		{"alias as JSON lines", "s3cret", `{"op":"alias","id":"` + into + `","name":"Hamza the Tripolitan"}` + "\n", http.StatusOK, `"op":"alias"`},
	}
	for _, tt := range tests {
		code, body := send(tt.token, tt.body)
		if code != tt.code || !strings.Contains(body, tt.want) {
			t.Errorf("%s: %d %s; want %d with %q", tt.name, code, body, tt.code, tt.want)
		}
	}
	var page store.Page[store.Event]
	if get(t, srv, "/api/events", &page); len(page.Items) != 1 || page.Items[0].NumSources != 2 {
		t.Errorf("after the merge: %d events, want one with 2 sources: %+v", len(page.Items), page.Items)
	}
	// The server's own knowledge base has the edits: the new alias finds the events.
	if get(t, srv, "/api/events?actor=Hamza+the+Tripolitan", &page); len(page.Items) != 1 {
		t.Errorf("the new alias finds %d events, want 1", len(page.Items))
	}
	b, _ := os.ReadFile(overlay)
	if n := strings.Count(string(b), "\n"); n != 4 { // two adds, the merge, the alias
		t.Errorf("overlay has %d edits, want 4:\n%s", n, b)
	}
}

// TestAPIAggregatesCorrected checks that the API's timeline and network
// leave out an event an analyst marked wrong.
func TestAPIAggregatesCorrected(t *testing.T) {
	srv, api := testAPI(t, "")
	total := func() (events, weight int) {
		t.Helper()
		var tl struct {
			Counts []store.Bucket `json:"counts"`
		}
		var netw struct {
			Edges []store.Edge `json:"edges"`
		}
		if get(t, srv, "/api/timeline?bucket=week&by=quad", &tl) != 200 || get(t, srv, "/api/network", &netw) != 200 {
			t.Fatal("aggregates failed")
		}
		for _, b := range tl.Counts {
			events += b.Count
		}
		for _, e := range netw.Edges {
			weight += e.Weight
		}
		return events, weight
	}
	events0, weight0 := total()
	var page store.Page[store.Event]
	get(t, srv, "/api/events", &page)
	var wrong *store.Event
	for i := range page.Items {
		if e := &page.Items[i]; e.Date != "" && len(e.Actor) > 0 && len(e.Recipient) > 0 {
			wrong = e
			break
		}
	}
	if wrong == nil {
		t.Fatal("no dated event with two sides in the samples")
	}
	if _, err := api.db.(store.Reviewer).PutCorrection(context.Background(), store.Correction{EventID: wrong.ID, Wrong: true}); err != nil {
		t.Fatal(err)
	}
	events1, weight1 := total()
	if events1 != events0-1 || weight1 >= weight0 {
		t.Errorf("after marking %s wrong: timeline %d -> %d events, network weight %d -> %d; want one event fewer", wrong.ID, events0, events1, weight0, weight1)
	}
}
