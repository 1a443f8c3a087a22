package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/store/sqlite"
)

// actors runs an actors command with an overlay file of the test's own.
func actors(t *testing.T, overlay string, args ...string) (string, string, int) {
	t.Helper()
	return run(t, "", append(append([]string{"actors"}, args...), "--kb-overlay", overlay)...)
}

func TestActorsCommands(t *testing.T) {
	overlay := filepath.Join(t.TempDir(), "overlay.jsonl")
	tests := []struct {
		args []string
		code int
		want string // in stdout
	}{
		{[]string{"resolve", "Mo'ammar Gadhafi"}, ExitOK, "p-lby-gaddafi-muammar\tMuammar Gaddafi\tLBY\tperson"},
		{[]string{"resolve", "معمر القذافي"}, ExitOK, "Muammar Gaddafi"},
		{[]string{"resolve", "Libyan National Army"}, ExitOK, "Libyan National Army"},
		{[]string{"resolve", "Nobody Atall"}, ExitError, ""},
		{[]string{"resolve"}, ExitUsage, ""},
		{[]string{"search", "haftar"}, ExitOK, "Saddam Haftar"},
		{[]string{"show", "p-lby-haftar-khalifa"}, ExitOK, `"name": "Khalifa Haftar"`},
		{[]string{"show", "Khalifa Hifter"}, ExitOK, `"origin": "curated"`},
		{[]string{"nosuch"}, ExitUsage, ""},
		{[]string{"alias", "p-nosuch", "X"}, ExitError, ""},
	}
	for _, tt := range tests {
		out, stderr, code := actors(t, overlay, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.want) {
			t.Errorf("actors %q: exit %d (want %d), stdout %q (want %q), stderr %q", tt.args, code, tt.code, out, tt.want, stderr)
		}
	}
	if _, err := os.Stat(overlay); err == nil {
		t.Errorf("read-only commands wrote the overlay")
	}
}

func TestActorsEdits(t *testing.T) {
	t.Setenv("PARLEY_DB", filepath.Join(t.TempDir(), "no-store.db")) // no store to re-resolve
	overlay := filepath.Join(t.TempDir(), "overlay.jsonl")
	mustOK := func(args ...string) string {
		t.Helper()
		out, stderr, code := actors(t, overlay, args...)
		if code != ExitOK {
			t.Fatalf("actors %q: exit %d: %s", args, code, stderr)
		}
		return out
	}
	// An alias persists through the overlay.
	mustOK("alias", "p-lby-haftar-khalifa", "The Old Marshal of Rajma")
	if out := mustOK("resolve", "The Old Marshal of Rajma"); !strings.Contains(out, "p-lby-haftar-khalifa") {
		t.Errorf("alias: resolve printed %q", out)
	}
	// Import two people, one of them a duplicate of a curated actor, as CSV.
	csvFile := filepath.Join(t.TempDir(), "team.csv")
	os.WriteFile(csvFile, []byte("id,name,kind,country,sector,aliases,roles\n"+
		"t-lby-zwawi,Abdelraouf Zwawi,person,LBY,GOV,Abdel Raouf Zwawi|Raouf Zwawi,Minister of Planning|Government of National Unity|LBY|GOV|2021-03-15|\n"+
		"t-lby-haftar2,Khalifa Haftar Senior,person,LBY,MIL,,\n"), 0o644)
	mustOK("import", csvFile)
	if out := mustOK("resolve", "Abdel-Raouf Zwawi"); !strings.Contains(out, "t-lby-zwawi") {
		t.Errorf("import: resolve printed %q", out)
	}
	// Merge the duplicate into the curated actor: its id and names follow.
	mustOK("merge", "p-lby-haftar-khalifa", "t-lby-haftar2")
	if out := mustOK("resolve", "Khalifa Haftar Senior"); !strings.Contains(out, "p-lby-haftar-khalifa") {
		t.Errorf("merge: resolve printed %q", out)
	}
	if out := mustOK("show", "t-lby-haftar2"); !strings.Contains(out, `"id": "p-lby-haftar-khalifa"`) {
		t.Errorf("merge: show of the merged id printed %q", out)
	}
	// Split a wrongly joined name off into its own actor.
	if out := mustOK("split", "p-lby-haftar-khalifa", "Khalifa Haftar Senior"); strings.TrimSpace(out) != "u-khalifa-haftar-senior" {
		t.Errorf("split printed %q", out)
	}
	if out := mustOK("resolve", "Khalifa Haftar Senior"); !strings.Contains(out, "u-khalifa-haftar-senior") {
		t.Errorf("split: resolve printed %q", out)
	}
	if out := mustOK("resolve", "Khalifa Hifter"); !strings.Contains(out, "p-lby-haftar-khalifa") {
		t.Errorf("split: the rest of the actor moved too: %q", out)
	}
	// Export has the edits; JSONL export imports back.
	out := mustOK("export")
	var n int
	var found bool
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var a map[string]any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("export: %v: %q", err, line)
		}
		n++
		if a["id"] == "t-lby-zwawi" {
			found = true
		}
	}
	if !found || n < 500 {
		t.Errorf("export: %d actors, imported one present %v", n, found)
	}
	csvOut := mustOK("export", "--format", "csv")
	if !strings.HasPrefix(csvOut, "id,name,kind,country,sector,aliases,roles,qid,source\n") || !strings.Contains(csvOut, "Minister of Planning|Government of National Unity|LBY|GOV|2021-03-15|") {
		t.Errorf("csv export lacks the header or the imported role:\n%.300s", csvOut)
	}
	b, _ := os.ReadFile(overlay)
	if got := strings.Count(string(b), "\n"); got != 5 {
		t.Errorf("overlay has %d edits, want 5:\n%s", got, b)
	}
}

// TestActorsRelabelStore edits actors that only a store knows (people
// learned from text) and checks that the stored events follow.
func TestActorsRelabelStore(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PARLEY_DB", filepath.Join(dir, "no-store.db"))
	db, overlay := filepath.Join(dir, "parley.db"), filepath.Join(dir, "overlay.jsonl")
	if _, stderr, code := run(t, "", "ingest", "--quiet", "--db", db, "testdata/relabel.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	must := func(args ...string) string {
		t.Helper()
		out, stderr, code := run(t, "", args...)
		if code != ExitOK {
			t.Fatalf("%q: exit %d: %s", args, code, stderr)
		}
		return out
	}
	events := func() []map[string]any {
		t.Helper()
		var out []map[string]any
		for _, l := range strings.Split(strings.TrimSpace(must("events", "--db", db, "--format", "jsonl")), "\n") {
			var e map[string]any
			if err := json.Unmarshal([]byte(l), &e); err != nil {
				t.Fatalf("%v: %q", err, l)
			}
			out = append(out, e)
		}
		return out
	}
	// Two outlets report one meeting; the commander is named differently.
	before := events()
	if len(before) != 2 {
		t.Fatalf("before: %d events, want 2", len(before))
	}
	ids := map[string]string{}
	for _, l := range strings.Split(must("actors", "list", "--db", db, "--kb-overlay", overlay, "--format", "csv"), "\n")[1:] {
		if f := strings.Split(l, ","); len(f) > 1 {
			ids[f[1]] = f[0]
		}
	}
	into, from := ids["Hamza Belqasem Zwayy"], ids["Abu Hamza al-Tarabulsi"]
	if into == "" || from == "" {
		t.Fatalf("stored actors %v lack the two names", ids)
	}
	// The store's people can be shown before any edit.
	if out := must("actors", "show", "--db", db, "--kb-overlay", overlay, from); !strings.Contains(out, `"origin": "learned"`) {
		t.Errorf("show %s: %s", from, out)
	}
	_, stderr, code := run(t, "", "actors", "merge", "--db", db, "--kb-overlay", overlay, into, from)
	if code != ExitOK || !strings.Contains(stderr, "1 merged into another") {
		t.Fatalf("merge: exit %d: %s", code, stderr)
	}
	after := events()
	if len(after) != 1 || after[0]["num_sources"] != 2.0 {
		t.Fatalf("after merge: %d events (%v), want one reported by 2 sources", len(after), after)
	}
	mergedEventLeadsOn(t, db, before, after[0]["id"].(string))
	out := must("actors", "list", "--db", db, "--kb-overlay", overlay, "--actor", "Abu Hamza al-Tarabulsi")
	if !strings.Contains(out, into) || strings.Contains(out, from) {
		t.Errorf("list --actor after merge:\n%s", out)
	}
	// The overlay stands alone: without the store, the merged name still resolves.
	if out := must("actors", "resolve", "--kb-overlay", overlay, "Abu Hamza al-Tarabulsi"); !strings.Contains(out, into) {
		t.Errorf("resolve without the store: %q", out)
	}
	// Splitting the name off again separates the reports.
	must("actors", "split", "--db", db, "--kb-overlay", overlay, "--id", "u-abu-hamza", into, "Abu Hamza al-Tarabulsi")
	if n := len(events()); n != 2 {
		t.Errorf("after split: %d events, want 2 again", n)
	}
	if out := must("events", "--db", db, "--actor-id", "u-abu-hamza", "--format", "jsonl"); !strings.Contains(out, "Abu Hamza al-Tarabulsi") {
		t.Errorf("after split, no event of the split actor:\n%s", out)
	}
	// A --db that does not exist is an error, not a new store.
	if _, _, code := run(t, "", "actors", "alias", "--db", filepath.Join(dir, "missing.db"), "--kb-overlay", overlay, into, "Hamza Z."); code == ExitOK {
		t.Errorf("alias with a missing --db succeeded")
	}
}

// TestLearnedAcrossRuns ingests two articles in two runs, the second
// spelling the commander the first one taught parley differently: the
// second run joins him instead of learning someone new.
func TestLearnedAcrossRuns(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PARLEY_DB", filepath.Join(dir, "no-store.db"))
	db := filepath.Join(dir, "parley.db")
	first := `{"id":"t-run-1","url":"https://example.org/r/1","source":"Example Wire","published":"2024-06-03","title":"Commander meets envoy","text":"Libyan militia commander Hamza Belqasem Zwayy met the Italian ambassador Giuseppe Verdi in Tripoli on Monday."}`
	second := `{"id":"t-run-2","url":"https://example.net/r/2","source":"Other Daily","published":"2024-07-01","title":"Commander visits Rome","text":"Libyan militia commander Hamza Belqadem Zwayy visited Rome on Monday, June 30, to meet Italian officials."}`
	for _, in := range []string{first, second} {
		if _, stderr, code := run(t, in, "ingest", "--quiet", "--db", db, "-"); code != ExitOK {
			t.Fatalf("ingest: %s", stderr)
		}
	}
	out, stderr, code := run(t, "", "actors", "list", "--db", db, "--kb-overlay", filepath.Join(dir, "o.jsonl"), "--format", "csv")
	if code != ExitOK {
		t.Fatalf("actors list: %s", stderr)
	}
	var commanders []string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Hamza") {
			commanders = append(commanders, l)
		}
	}
	if len(commanders) != 1 || !strings.HasSuffix(commanders[0], ",2") {
		t.Errorf("the commander is %d stored actors, want one with 2 events: %q", len(commanders), commanders)
	}
}

// mergedEventLeadsOn checks that the ids of the events before a merge
// lead, in the API, to the event kept: itself, or a redirect to it.
func mergedEventLeadsOn(t *testing.T, path string, before []map[string]any, kept string) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	srv := httptest.NewServer((&apiServer{db: db}).handler())
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, e := range before {
		id := e["id"].(string)
		resp, err := client.Get(srv.URL + "/api/events/" + id)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch {
		case id == kept && resp.StatusCode != http.StatusOK:
			t.Errorf("kept event %s: %s", id, resp.Status)
		case id != kept && (resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != "/api/events/"+kept):
			t.Errorf("merged-away event %s: %s to %q, want a redirect to %s", id, resp.Status, resp.Header.Get("Location"), kept)
		}
	}
}
