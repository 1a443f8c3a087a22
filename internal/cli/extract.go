package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/source"
)

func runExtract(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "extract", "[--format jsonl|table] [PATH...]   (PATH may be a file, a directory or - for stdin)")
	format := fs.String("format", "jsonl", "output format: jsonl or table")
	all := fs.Bool("all", false, "also write historical, negated and hypothetical events")
	mentions := fs.Bool("mentions", false, "write each sentence's entity mentions to stderr, to see how actors were found")
	kbDir := fs.String("kb", "", "read the knowledge base from this directory instead of the embedded one")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *format != "jsonl" && *format != "table" {
		return &usageError{fmt.Sprintf("unknown format %q", *format)}
	}
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	k, err := loadKB(*kbDir)
	if err != nil {
		return err
	}
	p, err := pipeline.New(k)
	if err != nil {
		return err
	}
	var table *tabwriter.Writer
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	if *format == "table" {
		table = tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(table, "ARTICLE\tTYPE\tMODE\tDATE\tACTOR\tRECIPIENT\tLOCATION\tTEXT")
		defer table.Flush()
	}
	return eachArticle(ctx, env, paths, p, func(a *doc.Article) error {
		if *mentions {
			writeMentions(env.Stderr, a)
		}
		for _, e := range a.Events {
			if !*all && !counts(e.Status) {
				continue
			}
			if table != nil {
				writeRow(table, e)
				continue
			}
			if err := enc.Encode(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// counts reports whether an event of this status is an event proper.
func counts(status string) bool {
	return status == doc.StatusOccurred || status == doc.StatusPlanned
}

// openSource opens one input path ("-" for standard input), skipping bad
// records with a note on stderr.
func openSource(env *Env, path string) (*source.Reader, error) {
	opts := &source.Options{SkipBad: true, OnError: func(err error) { fmt.Fprintf(env.Stderr, "parley: skipped: %v\n", err) }}
	if path == "-" {
		return source.NewReader(env.Stdin, "stdin", opts), nil
	}
	return source.Open(path, opts)
}

// eachArticle reads every article of paths, runs the pipeline on it and
// calls fn. A bad record is reported on stderr and skipped.
func eachArticle(ctx context.Context, env *Env, paths []string, p *pipeline.Pipeline, fn func(a *doc.Article) error) error {
	for _, path := range paths {
		r, err := openSource(env, path)
		if err != nil {
			return err
		}
		for r.Next() {
			if err := ctx.Err(); err != nil {
				r.Close()
				return err
			}
			a := r.Article()
			if err := p.Process(ctx, a); err != nil {
				fmt.Fprintf(env.Stderr, "parley: %v\n", err)
				continue
			}
			if err := fn(a); err != nil {
				r.Close()
				return err
			}
		}
		err = r.Err()
		r.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

func writeRow(w io.Writer, e doc.Event) {
	loc := ""
	if e.Location != nil {
		loc = e.Location.Name
	}
	text := e.Text
	if len(text) > 90 {
		text = text[:87] + "..."
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", short(e.ArticleID, 16), e.EventType, e.Mode, e.Date,
		names(e.Actor), names(e.Recipient), loc, strings.ReplaceAll(text, "\t", " "))
}

func names(es []doc.Entity) string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	return strings.Join(out, "; ")
}

func short(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// writeMentions lists an article's sentences with the mentions found in each.
func writeMentions(w io.Writer, a *doc.Article) {
	fmt.Fprintf(w, "== %s\n", a.ID)
	mi := 0
	for si, s := range a.Sentences {
		fmt.Fprintf(w, "[%d] %s\n", si, a.Text[s.Start:s.End])
		for mi < len(a.Mentions) && a.Mentions[mi].Sentence == si {
			m := a.Mentions[mi]
			fmt.Fprintf(w, "     %-6s %q → %s (%s %s %s)\n", m.Kind, a.Text[m.Start:m.End], m.Entity.Name, m.Entity.ID, m.Entity.Country, m.Entity.Sector)
			mi++
		}
	}
}
