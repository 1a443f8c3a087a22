package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

// ploverRecord is one line of the plover-jsonl export: an event record in
// the event JSONL format (one per event per article), with the id of the
// deduplicated event it belongs to and its article's provenance.
type ploverRecord struct {
	doc.Event
	EventID   string `json:"event_id"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// exportFormats are the formats of parley export: event records
// (plover-jsonl), deduplicated events in parley's CSV, POLECAT's TSV,
// GDELT 2.0's columns or Parquet, and the actor network for Gephi (gexf)
// and networkx (graphml).
var exportFormats = []string{"plover-jsonl", "csv", "polecat-tsv", "gdelt-csv", "parquet", "gexf", "graphml"}

func runExport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "export", "--format "+strings.Join(exportFormats, "|")+" [filters]")
	var ff filterFlags
	ff.register(fs, strings.Join(exportFormats, ", "))
	ff.registerEvents(fs)
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat(ff.format, exportFormats...); err != nil {
		return err
	}
	f, err := ff.filter()
	if err != nil {
		return err
	}
	db, err := openStore(ctx, ff.db)
	if err != nil {
		return err
	}
	defer db.Close()
	rv, err := loadReviewed(ctx, db, f)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	switch ff.format {
	case "plover-jsonl":
		err = exportPLOVER(ctx, w, db, f, ff.limit, rv)
	case "polecat-tsv":
		err = exportPOLECAT(ctx, w, db, f, ff.limit, rv)
	case "gdelt-csv":
		err = exportGDELT(ctx, w, db, f, ff.limit, rv)
	case "parquet":
		err = exportParquet(ctx, w, db, f, ff.limit, rv)
	case "csv":
		out := newEventWriter(w, "csv")
		err = eachEvent(ctx, db, f, ff.limit, rv, out.write)
		if ferr := out.flush(); err == nil {
			err = ferr
		}
	default:
		var agg store.Aggregator = db
		if c, ok := any(db).(store.CorrectedAggregator); ok {
			agg = c.Corrected()
		}
		var edges []store.Edge
		if edges, err = agg.Network(ctx, f); err == nil {
			err = writeGraph(w, ff.format, edges)
		}
	}
	if err != nil {
		return err
	}
	return w.Flush()
}

func exportPLOVER(ctx context.Context, w io.Writer, db store.EventReader, f store.Filter, limit int, rv *reviewed) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	write := func(m *store.Mention) error {
		return enc.Encode(ploverRecord{m.Event, m.EventID, m.Source, m.URL, m.Published})
	}
	written := 0
	next, err := eachPage(f, limit, func(f store.Filter) (string, int, error) {
		p, err := db.Mentions(ctx, f)
		if err != nil {
			return "", 0, err
		}
		n := 0
		for i := range p.Items {
			m := &p.Items[i]
			if keep, err := rv.record(ctx, db, m); err != nil || !keep {
				if err != nil {
					return "", 0, err
				}
				continue
			}
			if err := write(m); err != nil {
				return "", 0, err
			}
			n++
		}
		written += n
		return p.Next, n, nil
	})
	if err != nil || next != "" || rv == nil {
		return err
	}
	// The events the filter selects only as corrected, with all their records.
	for _, e := range rv.extra {
		full, err := db.Event(ctx, e.ID)
		if err != nil {
			return err
		}
		for i := range full.Mentions {
			m := &full.Mentions[i]
			if (f.ArticleID != "" && m.ArticleID != f.ArticleID) || (limit > 0 && written >= limit) {
				continue
			}
			if keep, err := rv.record(ctx, db, m); err != nil || !keep {
				if err != nil {
					return err
				}
				continue
			}
			if err := write(m); err != nil {
				return err
			}
			written++
		}
	}
	return nil
}

// reviewed is what an export needs to honour analysts' corrections: an
// event marked wrong is not written; the others are written as corrected,
// and the filter selects them by their corrected type, quad and
// participants (see [store.Filter.MatchCorrectable]); the events it
// selects only as corrected follow the others. A nil *reviewed changes
// nothing.
type reviewed struct {
	f      store.Filter
	latest map[string]store.Correction
	// named holds the actors whose stored names contain f.ActorName.
	named map[string]bool
	// extra are the events f selects only as corrected, corrected.
	extra []store.Event
	// keep says, by event id, whether a corrected event is written (for
	// event records, whose own participants may differ from the event's).
	keep map[string]bool
}

// correctedInto is the engine's finder of the events a filter selects only
// as corrected (sqlite.DB.EventsCorrectedInto).
type correctedInto interface {
	EventsCorrectedInto(ctx context.Context, f store.Filter) ([]store.Event, error)
}

// loadReviewed reads the corrections in force; nil when the store keeps
// none or there are none.
func loadReviewed(ctx context.Context, db store.Store, f store.Filter) (*reviewed, error) {
	rev, ok := db.(store.Reviewer)
	if !ok {
		return nil, nil
	}
	cs, err := rev.Corrections(ctx)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	rv := &reviewed{f: f, latest: store.Latest(cs), keep: map[string]bool{}}
	if f.ActorName != "" {
		rv.named = map[string]bool{}
		_, err := eachPage(store.Filter{ActorName: f.ActorName}, 0, func(af store.Filter) (string, int, error) {
			p, err := db.Actors(ctx, af)
			for _, a := range p.Items {
				rv.named[a.ID] = true
			}
			return p.Next, len(p.Items), err
		})
		if err != nil {
			return nil, err
		}
	}
	if ci, ok := db.(correctedInto); ok {
		if rv.extra, err = ci.EventsCorrectedInto(ctx, f); err != nil {
			return nil, err
		}
	}
	return rv, nil
}

// event applies the correction of e, if any, and reports whether to write it.
func (rv *reviewed) event(e *store.Event) bool {
	if rv == nil {
		return true
	}
	c, ok := rv.latest[e.ID]
	if !ok {
		return true
	}
	return c.ApplyEvent(e) && rv.f.MatchCorrectable(e, rv.named)
}

// record applies the correction of m's event, if any, and reports whether
// to write it: whether the filter selects its event as corrected.
func (rv *reviewed) record(ctx context.Context, db store.EventReader, m *store.Mention) (bool, error) {
	if rv == nil {
		return true, nil
	}
	c, ok := rv.latest[m.EventID]
	if !ok {
		return true, nil
	}
	keep, seen := rv.keep[m.EventID]
	if !seen {
		e, err := db.Event(ctx, m.EventID)
		if err != nil {
			return false, err
		}
		keep = rv.event(e)
		rv.keep[m.EventID] = keep
	}
	c.ApplyRecord(&m.Event)
	return keep, nil
}

// node is one actor of the exported network.
type node struct{ id, label string }

func nodes(edges []store.Edge) []node {
	seen := map[string]string{}
	for _, e := range edges {
		seen[e.Source], seen[e.Target] = e.SourceName, e.TargetName
	}
	out := make([]node, 0, len(seen))
	for id, l := range seen {
		out = append(out, node{id, l})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].id < out[j].id })
	return out
}

// writeGraph writes the actor network as GEXF 1.3 (Gephi) or GraphML
// (networkx, yEd): directed edges actor → recipient, one per quad class,
// weighted by the number of events.
func writeGraph(w io.Writer, format string, edges []store.Edge) error {
	esc := func(s string) string {
		var b strings.Builder
		xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	fmt.Fprintln(w, xml.Header[:len(xml.Header)-1])
	ns := nodes(edges)
	if format == "gexf" {
		fmt.Fprintln(w, `<gexf xmlns="http://gexf.net/1.3" version="1.3">`)
		fmt.Fprintf(w, "  <meta lastmodifieddate=%q><creator>parley</creator></meta>\n", time.Now().UTC().Format(time.DateOnly))
		fmt.Fprintln(w, `  <graph defaultedgetype="directed" mode="static">`)
		fmt.Fprintln(w, `    <attributes class="edge"><attribute id="quad" title="quad" type="string"/></attributes>`)
		fmt.Fprintln(w, `    <nodes>`)
		for _, n := range ns {
			fmt.Fprintf(w, "      <node id=\"%s\" label=\"%s\"/>\n", esc(n.id), esc(n.label))
		}
		fmt.Fprintln(w, "    </nodes>\n    <edges>")
		for i, e := range edges {
			fmt.Fprintf(w, "      <edge id=\"%d\" source=\"%s\" target=\"%s\" weight=\"%d\"><attvalues><attvalue for=\"quad\" value=\"%s\"/></attvalues></edge>\n",
				i, esc(e.Source), esc(e.Target), e.Weight, esc(e.Quad))
		}
		_, err := fmt.Fprintln(w, "    </edges>\n  </graph>\n</gexf>")
		return err
	}
	fmt.Fprintln(w, `<graphml xmlns="http://graphml.graphdrawing.org/xmlns">`)
	fmt.Fprintln(w, `  <key id="label" for="node" attr.name="label" attr.type="string"/>`)
	fmt.Fprintln(w, `  <key id="quad" for="edge" attr.name="quad" attr.type="string"/>`)
	fmt.Fprintln(w, `  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>`)
	fmt.Fprintln(w, `  <graph id="parley" edgedefault="directed">`)
	for _, n := range ns {
		fmt.Fprintf(w, "    <node id=\"%s\"><data key=\"label\">%s</data></node>\n", esc(n.id), esc(n.label))
	}
	for i, e := range edges {
		fmt.Fprintf(w, "    <edge id=\"e%d\" source=\"%s\" target=\"%s\"><data key=\"quad\">%s</data><data key=\"weight\">%d</data></edge>\n",
			i, esc(e.Source), esc(e.Target), esc(e.Quad), e.Weight)
	}
	_, err := fmt.Fprintln(w, "  </graph>\n</graphml>")
	return err
}

// runImport stores plover-jsonl event records (as written by parley export)
// without their article text: records are grouped by article, and each
// article is stored, and deduplicated, as if it had been ingested.
func runImport(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "import", "[--db FILE] FILE...   (plover-jsonl; - for stdin)")
	dbPath := fs.String("db", "", "store file (default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	st := &ingestStats{start: time.Now()}
	for _, p := range paths {
		if err := importFile(ctx, env, p, db, st); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stderr, "parley import:", st.summary())
	return nil
}

func importFile(ctx context.Context, env *Env, path string, db store.Writer, st *ingestStats) error {
	r := env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var cur *doc.Article
	flush := func() error {
		if cur == nil {
			return nil
		}
		st.read++
		res, err := db.PutArticle(ctx, cur.ID, cur)
		if err != nil {
			return err
		}
		st.add(res)
		cur = nil
		return nil
	}
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var rec ploverRecord
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if rec.ArticleID == "" {
			return fmt.Errorf("%s:%d: record without article_id", path, line)
		}
		if cur == nil || cur.ID != rec.ArticleID {
			if err := flush(); err != nil {
				return err
			}
			cur = &doc.Article{ID: rec.ArticleID, URL: rec.URL, Source: rec.Source}
			cur.Published, cur.PublishedPrecision = parsePublished(rec.Published)
		}
		cur.Events = append(cur.Events, rec.Event)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return flush()
}

func parsePublished(s string) (time.Time, doc.Precision) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, doc.PrecisionDay
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, doc.PrecisionDay
	}
	return time.Time{}, ""
}
