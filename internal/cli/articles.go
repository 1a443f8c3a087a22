package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

func runArticles(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "articles", "[--actor NAME] [--since DATE] [--until DATE] [--text TITLE WORDS] [event filters] [--format table|jsonl|csv]")
	var ff filterFlags
	ff.register(fs, "table, jsonl or csv")
	ff.registerEvents(fs) // --type, --country, --min-sources ...: articles that report such an event
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
	var write func(a *store.Article) error
	var flush func() error
	switch ff.format {
	case "table":
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tSTORY\tPUBLISHED\tSOURCE\tEVENTS\tTITLE")
		write = func(a *store.Article) error {
			_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t%s\n", a.ID, a.StoryID, a.Published, a.Source, a.NumEvents, short(a.Title, 70))
			return err
		}
		flush = tw.Flush
	case "jsonl":
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		write = func(a *store.Article) error { return enc.Encode(a) }
		flush = func() error { return nil }
	case "csv":
		cw := csv.NewWriter(env.Stdout)
		cw.Write([]string{"id", "source_id", "story_id", "url", "title", "source", "lang", "published", "num_mentions", "num_events"})
		write = func(a *store.Article) error {
			return cw.Write([]string{a.ID, a.SourceID, a.StoryID, a.URL, a.Title, a.Source, a.Lang, a.Published,
				strconv.Itoa(a.NumMentions), strconv.Itoa(a.NumEvents)})
		}
		flush = func() error { cw.Flush(); return cw.Error() }
	}
	_, err = eachPage(f, ff.limit, func(f store.Filter) (string, int, error) {
		p, err := db.Articles(ctx, f)
		if err != nil {
			return "", 0, err
		}
		for i := range p.Items {
			if err := write(&p.Items[i]); err != nil {
				return "", 0, err
			}
		}
		return p.Next, len(p.Items), nil
	})
	if ferr := flush(); err == nil {
		err = ferr
	}
	return err
}

func ids(es []doc.Entity) string {
	var out []string
	for _, e := range es {
		out = append(out, e.ID)
	}
	return strings.Join(out, ";")
}
