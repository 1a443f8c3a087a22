package cli

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
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
	if _, _, code := run(t, "", "export", "--db", db, "--format", "parquet"); code != ExitUsage {
		t.Errorf("unknown format: exit %d", code)
	}
}
