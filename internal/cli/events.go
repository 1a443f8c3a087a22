package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/store"
)

// filterFlags are the query flags shared by events, articles and the API.
type filterFlags struct {
	db, kbDir, format                       string
	actor, actorID, country, typ, quad, ctx string
	since, until, text, status, article     string
	minSources, limit                       int
	cursor                                  string
}

func (ff *filterFlags) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&ff.db, "db", "", "store file (default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	fs.StringVar(&ff.kbDir, "kb", "", "knowledge base directory used to resolve --actor (default: the embedded one)")
	fs.StringVar(&ff.format, "format", "table", "output format: "+formats)
	fs.StringVar(&ff.actor, "actor", "", "actor name, any spelling the knowledge base knows (or an actor id)")
	fs.StringVar(&ff.actorID, "actor-id", "", "actor ids, comma-separated")
	fs.StringVar(&ff.since, "since", "", "from this date (YYYY-MM-DD)")
	fs.StringVar(&ff.until, "until", "", "up to this date (YYYY-MM-DD), inclusive")
	fs.StringVar(&ff.text, "text", "", "full-text search on the evidence (the title for articles)")
	fs.IntVar(&ff.limit, "limit", 0, "at most this many (0: all)")
	fs.StringVar(&ff.cursor, "cursor", "", "continue after a previous page")
}

func (ff *filterFlags) registerEvents(fs *flag.FlagSet) {
	fs.StringVar(&ff.country, "country", "", "a participant's or the location's country (ISO 3166 alpha-3)")
	fs.StringVar(&ff.typ, "type", "", "PLOVER event type (CONSULT, ACCUSE, ...)")
	fs.StringVar(&ff.quad, "quad", "", "quad class (verbal_cooperation, material_conflict, ...)")
	fs.StringVar(&ff.ctx, "context", "", "event context (terrorism, election, ...)")
	fs.StringVar(&ff.status, "status", "", "event status (default occurred or planned; any for all)")
	fs.StringVar(&ff.article, "article", "", "events of this article id")
	fs.IntVar(&ff.minSources, "min-sources", 0, "events reported by at least this many sources")
}

// filter builds the store filter, resolving --actor through the knowledge
// base so that every spelling finds the same actor.
func (ff *filterFlags) filter() (store.Filter, error) {
	f := store.Filter{Country: ff.country, Type: ff.typ, Quad: ff.quad, Context: ff.ctx, Text: ff.text,
		Status: ff.status, ArticleID: ff.article, MinSources: ff.minSources, Cursor: ff.cursor}
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{ff.since, &f.Since}, {ff.until, &f.Until}} {
		if d.s == "" {
			continue
		}
		t, err := time.Parse(time.DateOnly, d.s)
		if err != nil {
			return f, &usageError{fmt.Sprintf("bad date %q: want YYYY-MM-DD", d.s)}
		}
		*d.dst = t
	}
	for _, id := range strings.Split(ff.actorID, ",") {
		if id = strings.TrimSpace(id); id != "" {
			f.ActorIDs = append(f.ActorIDs, id)
		}
	}
	if ff.actor != "" {
		k, err := loadKB(ff.kbDir)
		if err != nil {
			return f, err
		}
		if ids := resolveActor(k, ff.actor); len(ids) > 0 {
			f.ActorIDs = append(f.ActorIDs, ids...)
		} else {
			f.ActorName = ff.actor
		}
	}
	return f, nil
}

// resolveActor returns the ids of the actors a name stands for: an id, a
// person under any spelling (kb.ResolvePerson), or a state, organisation or
// IGO named in full.
func resolveActor(k *kb.KB, name string) []string {
	if a := k.Actor(name); a != nil {
		return []string{a.ID}
	}
	if a := k.ResolvePerson(name, ""); a != nil {
		return []string{a.ID}
	}
	words := fold.Words(name)
	n, entries := k.Index().Longest(words)
	if n == 0 || n != len(words) {
		return nil
	}
	var ids []string
	for _, e := range entries {
		if e.Actor != nil && !contains(ids, e.Actor.ID) {
			ids = append(ids, e.Actor.ID)
		}
	}
	return ids
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// eachPage calls read for successive pages until limit items (0: all) or
// the last page, and returns the cursor after the last page read.
func eachPage(f store.Filter, limit int, read func(f store.Filter) (next string, n int, err error)) (string, error) {
	total := 0
	for {
		f.Limit = 1000
		if limit > 0 {
			f.Limit = min(1000, limit-total)
		}
		next, n, err := read(f)
		if err != nil {
			return "", err
		}
		total += n
		if next == "" || (limit > 0 && total >= limit) {
			return next, nil
		}
		f.Cursor = next
	}
}

func checkFormat(format string, allowed ...string) error {
	if !contains(allowed, format) {
		return &usageError{fmt.Sprintf("unknown format %q (want %s)", format, strings.Join(allowed, ", "))}
	}
	return nil
}

func runEvents(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "events", "[filters] [--format table|jsonl|csv]")
	var ff filterFlags
	ff.register(fs, "table, jsonl or csv")
	ff.registerEvents(fs)
	mentions := fs.Bool("mentions", false, "with --format jsonl, include every event's mentions")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if err := checkFormat(ff.format, "table", "jsonl", "csv"); err != nil {
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
	out := newEventWriter(env.Stdout, ff.format)
	next, err := eachPage(f, ff.limit, func(f store.Filter) (string, int, error) {
		p, err := db.Events(ctx, f)
		if err != nil {
			return "", 0, err
		}
		for i := range p.Items {
			e := &p.Items[i]
			if *mentions {
				full, err := db.Event(ctx, e.ID)
				if err != nil {
					return "", 0, err
				}
				e = full
			}
			if err := out.write(e); err != nil {
				return "", 0, err
			}
		}
		return p.Next, len(p.Items), nil
	})
	if ferr := out.flush(); err == nil {
		err = ferr
	}
	if err == nil && next != "" && ff.limit > 0 {
		fmt.Fprintf(env.Stderr, "parley events: more with --cursor %s\n", next)
	}
	return err
}

// eventWriter writes events as a table, JSONL or CSV.
type eventWriter struct {
	format string
	tw     *tabwriter.Writer
	enc    *json.Encoder
	csv    *csv.Writer
}

var eventCSVHeader = []string{"id", "date", "date_precision", "event_type", "quad", "mode", "status", "context",
	"actor_ids", "actor_names", "recipient_ids", "recipient_names", "location", "location_country",
	"num_mentions", "num_sources", "num_articles", "num_stories", "first_seen", "last_seen", "text"}

func newEventWriter(w io.Writer, format string) *eventWriter {
	ew := &eventWriter{format: format}
	switch format {
	case "table":
		ew.tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(ew.tw, "ID\tDATE\tTYPE\tACTOR\tRECIPIENT\tLOCATION\tMENTIONS\tSOURCES\tARTICLES\tTEXT")
	case "jsonl":
		ew.enc = json.NewEncoder(w)
		ew.enc.SetEscapeHTML(false)
	case "csv":
		ew.csv = csv.NewWriter(w)
		ew.csv.Write(eventCSVHeader)
	}
	return ew
}

func (ew *eventWriter) write(e *store.Event) error {
	loc, locCountry := "", ""
	if e.Location != nil {
		loc, locCountry = e.Location.Name, e.Location.Country
	}
	switch ew.format {
	case "table":
		text := strings.ReplaceAll(e.Text, "\t", " ")
		if len(text) > 80 {
			text = text[:77] + "..."
		}
		_, err := fmt.Fprintf(ew.tw, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", short(e.ID, 16), e.Date, e.EventType,
			names(e.Actor), names(e.Recipient), loc, e.NumMentions, e.NumSources, e.NumArticles, text)
		return err
	case "jsonl":
		return ew.enc.Encode(e)
	}
	return ew.csv.Write([]string{e.ID, e.Date, string(e.DatePrecision), e.EventType, e.Quad, e.Mode, e.Status,
		strings.Join(e.Context, ";"), ids(e.Actor), names(e.Actor), ids(e.Recipient), names(e.Recipient), loc, locCountry,
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles), strconv.Itoa(e.NumStories),
		e.FirstSeen, e.LastSeen, e.Text})
}

func (ew *eventWriter) flush() error {
	switch {
	case ew.tw != nil:
		return ew.tw.Flush()
	case ew.csv != nil:
		ew.csv.Flush()
		return ew.csv.Error()
	}
	return nil
}
