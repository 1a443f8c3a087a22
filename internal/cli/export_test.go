package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/parleyhq/parley/internal/cameo"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
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
	for i, row := range p {
		if len(row) != 40 { // POLECAT's files have 40 columns
			t.Errorf("polecat row %d has %d columns, want 40", i, len(row))
		}
	}
	if !slices.Contains(col(p, "Language"), "en") || col(p, "Intensity")[0] == "" {
		t.Errorf("polecat: no language or intensity: %v", p[:2])
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

// exported reads one export: each event's type and recipients (per
// record, for plover-jsonl), or the network's weight per "src>dst quad".
type exported struct {
	events map[string][][2]string
	edges  map[string]int
}

func readExport(t *testing.T, format, out string) exported {
	t.Helper()
	x := exported{events: map[string][][2]string{}, edges: map[string]int{}}
	add := func(id, typ, recipients string) { x.events[id] = append(x.events[id], [2]string{typ, recipients}) }
	table := func(comma rune, id, typ, recipients string) {
		r := csv.NewReader(strings.NewReader(out))
		r.Comma = comma
		rows, err := r.ReadAll()
		if err != nil || len(rows) == 0 {
			t.Fatalf("%s: %v\n%s", format, err, out)
		}
		col := func(name string) int {
			i := slices.Index(rows[0], name)
			if i < 0 {
				t.Fatalf("%s: no column %s", format, name)
			}
			return i
		}
		ci, ct, cr := col(id), col(typ), col(recipients)
		for _, row := range rows[1:] {
			add(row[ci], row[ct], row[cr])
		}
	}
	switch format {
	case "plover-jsonl":
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			var rec ploverRecord
			if l == "" {
				continue
			}
			if err := json.Unmarshal([]byte(l), &rec); err != nil {
				t.Fatalf("plover-jsonl: %v: %s", err, l)
			}
			add(rec.EventID, rec.EventType, names(rec.Recipient))
		}
	case "csv":
		table(',', "id", "event_type", "recipient_names")
	case "polecat-tsv":
		table('\t', "Event ID", "Event Type", "Recipient Name")
	case "gdelt-csv":
		table(',', "GLOBALEVENTID", "EventRootCode", "Actor2Name")
	case "parquet":
		rows, err := parquet.Read[parquetEvent](bytes.NewReader([]byte(out)), int64(len(out)))
		if err != nil {
			t.Fatalf("parquet: %v", err)
		}
		for _, r := range rows {
			add(r.ID, r.EventType, strings.Join(r.RecipientNames, ";"))
		}
	case "gexf", "graphml":
		var g struct {
			Edges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Weight int    `xml:"weight,attr"`
				Quad   struct {
					Value string `xml:"value,attr"`
				} `xml:"attvalues>attvalue"`
				Data []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"graph>edges>edge"`
			MLEdges []struct {
				Source string `xml:"source,attr"`
				Target string `xml:"target,attr"`
				Data   []struct {
					Key   string `xml:"key,attr"`
					Value string `xml:",chardata"`
				} `xml:"data"`
			} `xml:"graph>edge"`
		}
		if err := xml.Unmarshal([]byte(out), &g); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		for _, e := range g.Edges {
			x.edges[e.Source+">"+e.Target+" "+e.Quad.Value] += e.Weight
		}
		for _, e := range g.MLEdges {
			var quad string
			var w int
			for _, d := range e.Data {
				switch d.Key {
				case "quad":
					quad = d.Value
				case "weight":
					w, _ = strconv.Atoi(d.Value)
				}
			}
			x.edges[e.Source+">"+e.Target+" "+quad] += w
		}
	}
	return x
}

func TestExportHonoursCorrections(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	if _, stderr, code := run(t, "", "ingest", "--db", path, "../../examples/articles/sample.jsonl"); code != ExitOK {
		t.Fatalf("ingest: %s", stderr)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := db.Events(ctx, store.Filter{Type: "CONSULT", ActorName: "Bellini"})
	if err != nil || len(p.Items) != 1 || names(p.Items[0].Recipient) != "Khalifa Haftar" {
		t.Fatalf("the meeting of Bellini and Haftar: %+v, %v", p.Items, err)
	}
	meeting := p.Items[0]
	bellini, haftar := meeting.Actor[0].ID, meeting.Recipient[0].ID
	italy := doc.Entity{ID: "s-ita", Name: "Italy", Country: "ITA"}
	db.Close()
	tab, err := cameo.Load()
	if err != nil {
		t.Fatal(err)
	}
	// In gdelt-csv, the type is its CAMEO root.
	root := func(typ string) string { c, _ := tab.Lookup(typ, "", nil); return c.Root }
	export := func(format string, args ...string) exported {
		out, stderr, code := run(t, "", append([]string{"export", "--db", path, "--format", format}, args...)...)
		if code != ExitOK {
			t.Fatalf("export %s %v: exit %d: %s", format, args, code, stderr)
		}
		return readExport(t, format, out)
	}
	formats := []string{"plover-jsonl", "csv", "polecat-tsv", "gdelt-csv", "parquet"}
	coded := map[string]exported{}
	for _, g := range []string{"gexf", "graphml"} {
		coded[g] = export(g)
	}
	for _, c := range []struct {
		name string
		fix  store.Correction
		args []string
		// want is the meeting's type and recipients as exported; "" when
		// it is not exported.
		want [2]string
		// edges are the network's changes of weight per "src>dst quad".
		edges map[string]int
	}{
		{name: "as coded", fix: store.Correction{Note: "right as coded"}, want: [2]string{"CONSULT", "Khalifa Haftar"}},
		{name: "wrong", fix: store.Correction{Wrong: true},
			edges: map[string]int{bellini + ">" + haftar + " verbal_cooperation": -1}},
		{name: "type", fix: store.Correction{EventType: "AID", Quad: "material_cooperation"}, want: [2]string{"AID", "Khalifa Haftar"},
			edges: map[string]int{bellini + ">" + haftar + " verbal_cooperation": -1, bellini + ">" + haftar + " material_cooperation": 1}},
		{name: "recipient", fix: store.Correction{Recipient: []doc.Entity{italy}}, want: [2]string{"CONSULT", "Italy"},
			edges: map[string]int{bellini + ">" + haftar + " verbal_cooperation": -1, bellini + ">s-ita verbal_cooperation": 1}},
		{name: "type into the filter", fix: store.Correction{EventType: "AID", Quad: "material_cooperation"}, args: []string{"--type", "AID"},
			want: [2]string{"AID", "Khalifa Haftar"}},
		{name: "type out of the filter", fix: store.Correction{EventType: "AID", Quad: "material_cooperation"}, args: []string{"--type", "CONSULT"}},
		{name: "recipient into the filter", fix: store.Correction{Recipient: []doc.Entity{italy}}, args: []string{"--country", "ITA"},
			want: [2]string{"CONSULT", "Italy"}},
		{name: "recipient out of the actor filter", fix: store.Correction{Recipient: []doc.Entity{italy}}, args: []string{"--actor", "Haftar"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			db, err := sqlite.Open(ctx, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			c.fix.EventID = meeting.ID
			_, err = db.PutCorrection(ctx, c.fix)
			db.Close()
			if err != nil {
				t.Fatal(err)
			}
			for _, format := range formats {
				got := export(format, c.args...).events[meeting.ID]
				want := c.want
				if format == "gdelt-csv" && want[0] != "" {
					want[0] = root(want[0])
				}
				switch {
				case want[0] == "" && len(got) > 0:
					t.Errorf("%s: the meeting is exported: %v", format, got)
				case want[0] != "" && (len(got) == 0 || slices.ContainsFunc(got, func(r [2]string) bool { return r != want })):
					t.Errorf("%s: the meeting is exported as %v, want %v", format, got, want)
				}
			}
			if c.args != nil {
				return
			}
			for _, g := range []string{"gexf", "graphml"} {
				got := export(g).edges
				for k, w := range coded[g].edges {
					if got[k] != w+c.edges[k] {
						t.Errorf("%s: edge %s weighs %d, want %d", g, k, got[k], w+c.edges[k])
					}
				}
				for k, d := range c.edges {
					if _, ok := coded[g].edges[k]; !ok && got[k] != d {
						t.Errorf("%s: new edge %s weighs %d, want %d", g, k, got[k], d)
					}
				}
			}
		})
	}
}
