package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"
)

func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "../../examples/articles/sample.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	first, stderr, code := run(t, "", "export", "--db", db, "--format", "plover-jsonl", "--status", "any")
	if code != ExitOK || strings.Count(first, "\n") < 5 || !strings.Contains(first, `"event_id"`) {
		t.Fatalf("export: exit %d: %s\n%s", code, stderr, first)
	}
	copyDB := filepath.Join(dir, "copy.db")
	if _, stderr, code := run(t, first, "import", "--db", copyDB, "-"); code != ExitOK {
		t.Fatalf("import: %s", stderr)
	}
	again, _, _ := run(t, "", "export", "--db", copyDB, "--format", "plover-jsonl", "--status", "any")
	if again != first {
		t.Errorf("round trip changed the events:\nfirst:\n%s\nagain:\n%s", first, again)
	}
	before, _, _ := run(t, "", "events", "--db", db, "--format", "csv")
	after, _, _ := run(t, "", "events", "--db", copyDB, "--format", "csv")
	if before != after {
		t.Errorf("deduplicated events differ after import:\n%s\n%s", before, after)
	}
	if _, stderr, code := run(t, first, "import", "--db", copyDB, "-"); code != ExitOK || !strings.Contains(stderr, "already stored") {
		t.Errorf("second import not idempotent: %s", stderr)
	}
}

func TestExportGraphs(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "../../examples/articles/sample.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	for _, f := range []string{"gexf", "graphml"} {
		out, stderr, code := run(t, "", "export", "--db", db, "--format", f)
		if code != ExitOK {
			t.Fatalf("%s: %s", f, stderr)
		}
		var doc struct {
			XMLName xml.Name
			Nodes   []struct {
				ID string `xml:"id,attr"`
			} `xml:"graph>nodes>node"`
			GNodes []struct {
				ID string `xml:"id,attr"`
			} `xml:"graph>node"`
		}
		if err := xml.Unmarshal([]byte(out), &doc); err != nil {
			t.Fatalf("%s is not XML: %v\n%s", f, err, out)
		}
		if doc.XMLName.Local != f || len(doc.Nodes)+len(doc.GNodes) < 4 || !strings.Contains(out, "Khalifa Haftar") {
			t.Errorf("%s: %s with %d nodes:\n%s", f, doc.XMLName.Local, len(doc.Nodes)+len(doc.GNodes), out)
		}
	}
	out, _, code := run(t, "", "export", "--db", db, "--format", "csv")
	if code != ExitOK || !strings.HasPrefix(out, "id,date,") {
		t.Errorf("csv export: %s", out)
	}
	if _, _, code := run(t, "", "export", "--db", db, "--format", "xml"); code != ExitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
}

func TestExportTables(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	if _, stderr, code := run(t, "", "ingest", "--db", db, "../../examples/articles/sample.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	events, _, _ := run(t, "", "events", "--db", db, "--format", "csv")
	want := strings.Count(events, "\n") - 1
	read := func(format string, comma rune) [][]string {
		out, stderr, code := run(t, "", "export", "--db", db, "--format", format)
		if code != ExitOK {
			t.Fatalf("%s: exit %d: %s", format, code, stderr)
		}
		r := csv.NewReader(strings.NewReader(out))
		r.Comma = comma
		rows, err := r.ReadAll()
		if err != nil || len(rows) != want+1 {
			t.Fatalf("%s: %d rows, %v; want %d and a header:\n%s", format, len(rows), err, want, out)
		}
		return rows
	}
	col := func(rows [][]string, name string) []string {
		i := slices.Index(rows[0], name)
		if i < 0 {
			t.Fatalf("no column %s in %v", name, rows[0])
		}
		var out []string
		for _, r := range rows[1:] {
			out = append(out, r[i])
		}
		return out
	}
	g := read("gdelt-csv", ',')
	if len(g[0]) != 61 || g[0][0] != "GLOBALEVENTID" || g[0][60] != "SOURCEURL" {
		t.Errorf("gdelt header: %d columns %v", len(g[0]), g[0])
	}
	for i, c := range col(g, "EventCode") {
		root, quad, gs := col(g, "EventRootCode")[i], col(g, "QuadClass")[i], col(g, "GoldsteinScale")[i]
		if _, err := strconv.ParseFloat(gs, 64); err != nil || len(c) < 3 || root != c[:2] || quad < "1" || quad > "4" {
			t.Errorf("gdelt row %d: code %q root %q quad %q goldstein %q", i, c, root, quad, gs)
		}
	}
	if !slices.Contains(col(g, "EventRootCode"), "04") || !slices.Contains(col(g, "Actor2Name"), "Khalifa Haftar") ||
		!slices.Contains(col(g, "SQLDATE"), "20240311") || slices.Contains(col(g, "SQLDATE"), "") {
		t.Errorf("gdelt: no CONSULT (04) or no Haftar or no date: %v", g[1:])
	}
	p := read("polecat-tsv", '\t')
	if p[0][0] != "Event ID" || !slices.Contains(col(p, "Event Type"), "CONSULT") || !slices.Contains(col(p, "Recipient Name"), "Khalifa Haftar") {
		t.Errorf("polecat: %v", p)
	}
	out, stderr, code := run(t, "", "export", "--db", db, "--format", "parquet")
	if code != ExitOK {
		t.Fatalf("parquet: %s", stderr)
	}
	rows, err := parquet.Read[parquetEvent](bytes.NewReader([]byte(out)), int64(len(out)))
	if err != nil || len(rows) != want {
		t.Fatalf("parquet: %d rows, %v; want %d", len(rows), err, want)
	}
	found := false
	for _, r := range rows {
		if r.EventType == "CONSULT" && r.CAMEO != "" && r.CAMEO[:2] == "04" && r.Goldstein != nil && slices.Contains(r.RecipientNames, "Khalifa Haftar") {
			found = true
		}
	}
	if !found {
		t.Errorf("parquet: no CONSULT of Haftar with a CAMEO code: %+v", rows)
	}
}
