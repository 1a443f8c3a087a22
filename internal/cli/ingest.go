package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// openStore opens the SQLite store at path, or at its default place.
func openStore(ctx context.Context, path string) (*sqlite.DB, error) {
	if path == "" {
		var err error
		if path, err = sqlite.DefaultPath(); err != nil {
			return nil, err
		}
	}
	return sqlite.Open(ctx, path, nil)
}

// ingestStats counts what an ingest did.
type ingestStats struct {
	read, stored, duplicates, copies, failed int
	newEvents, mergedEvents                  int
	start                                    time.Time
}

func (s *ingestStats) add(r store.Result) {
	switch {
	case r.Duplicate:
		s.duplicates++
		return
	case r.NearDuplicate:
		s.copies++
	}
	s.stored++
	s.newEvents += r.NewEvents
	s.mergedEvents += r.MergedEvents
}

func (s *ingestStats) rate() float64 {
	return float64(s.read) / max(time.Since(s.start).Seconds(), 1e-9)
}

func (s *ingestStats) summary() string {
	return fmt.Sprintf("%d articles read: %d stored (%d copies of stored stories), %d already stored, %d failed; events: %d new, %d merged; %.1fs, %.0f articles/s",
		s.read, s.stored, s.copies, s.duplicates, s.failed, s.newEvents, s.mergedEvents, time.Since(s.start).Seconds(), s.rate())
}

// job is one article on its way from the reader to the store.
type job struct {
	key  string
	a    *doc.Article
	skip bool // stored already: no need to run the pipeline
	err  error
	done chan struct{}
}

func runIngest(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "ingest", "[--db FILE] [--kb DIR] PATH...   (PATH may be a file, a directory or - for stdin)")
	dbPath := fs.String("db", "", "store file (default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	kbDir := fs.String("kb", "", "read the knowledge base from this directory instead of the embedded one")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles processed in parallel")
	quiet := fs.Bool("quiet", false, "no progress and no summary")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return &usageError{"ingest: no PATH given (use - for standard input)"}
	}
	k, err := loadKB(*kbDir)
	if err != nil {
		return err
	}
	p, err := pipeline.New(k)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	// People learned from text in earlier runs: new mentions join them.
	if err := rememberStored(ctx, db, k); err != nil {
		return err
	}
	st := &ingestStats{start: time.Now()}
	prog := newProgress(env.Stderr, *quiet)
	err = ingest(ctx, env, paths, p, db, max(*workers, 1), st, prog.tick)
	prog.stop()
	if !*quiet {
		fmt.Fprintln(env.Stderr, "parley ingest:", st.summary())
	}
	return err
}

// Group commit: ingest stores up to groupArticles coded articles in one
// transaction, and keeps none waiting for longer than groupWait.
const (
	groupArticles = 256
	groupWait     = 100 * time.Millisecond
)

// ingest reads every article of paths, keys it, runs the pipeline on the
// ones not stored yet (in parallel) and stores them in input order, several
// in a transaction when the store can (each article all or nothing).
func ingest(ctx context.Context, env *Env, paths []string, p *pipeline.Pipeline, db store.Store, workers int,
	st *ingestStats, tick func(*ingestStats)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	work := make(chan *job, 4*workers)
	ordered := make(chan *job, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				if !j.skip {
					j.err = p.Process(ctx, j.a)
				}
				close(j.done)
			}
		}()
	}
	readErr := make(chan error, 1)
	go func() {
		defer close(ordered)
		defer close(work)
		readErr <- readAll(ctx, env, paths, db, func(j *job) bool {
			select {
			case ordered <- j:
			case <-ctx.Done():
				return false
			}
			select {
			case work <- j:
				return true
			case <-ctx.Done():
				j.err = ctx.Err()
				close(j.done)
				return false
			}
		})
	}()
	g := newGrouper(db, st)
	var err error
	for {
		j, ok := g.next(ctx, ordered)
		if !ok {
			break
		}
		st.read++
		if err == nil {
			if err = g.add(ctx, env, j); err != nil {
				cancel()
			}
		}
		tick(st)
	}
	if err == nil {
		err = g.flush(ctx)
	}
	tick(st)
	wg.Wait()
	if rerr := <-readErr; err == nil && !errors.Is(rerr, context.Canceled) {
		err = rerr
	}
	if err == nil {
		err = ctx.Err()
	}
	return err
}

// grouper gathers coded articles into groups for the store, in input
// order, and stores a group when it is full, when its first article has
// waited groupWait, and at the end. A store without group commit gets
// each article on its own.
type grouper struct {
	db      store.Store
	bw      store.BatchWriter
	st      *ingestStats
	pending []store.Keyed
	timer   *time.Timer
	due     <-chan time.Time // fires groupWait after the group's first article
	err     error            // the first failure to store; nothing is stored after it
}

func newGrouper(db store.Store, st *ingestStats) *grouper {
	bw, _ := db.(store.BatchWriter)
	return &grouper{db: db, bw: bw, st: st}
}

// next returns the next job once the pipeline is done with it (false at
// the end), storing the waiting group meanwhile when it is due.
func (g *grouper) next(ctx context.Context, ordered <-chan *job) (*job, bool) {
	var j *job
	for j == nil {
		select {
		case x, ok := <-ordered:
			if !ok {
				return nil, false
			}
			j = x
		case <-g.due:
			g.flush(ctx)
		}
	}
	for {
		select {
		case <-j.done:
			return j, true
		case <-g.due:
			g.flush(ctx)
		}
	}
}

// add counts a job that needs no storing, or adds a coded article to the
// group and stores the group when it is full.
func (g *grouper) add(ctx context.Context, env *Env, j *job) error {
	switch {
	case g.err != nil:
		return g.err
	case j.skip:
		g.st.duplicates++
		return nil
	case j.err != nil:
		g.st.failed++
		fmt.Fprintf(env.Stderr, "parley: %v\n", j.err)
		return nil
	case g.bw == nil:
		r, err := g.db.PutArticle(ctx, j.key, j.a)
		if err != nil {
			g.err = err
			return err
		}
		g.st.add(r)
		return nil
	}
	g.pending = append(g.pending, store.Keyed{Key: j.key, Article: j.a})
	switch {
	case len(g.pending) >= groupArticles:
		return g.flush(ctx)
	case len(g.pending) == 1:
		if g.timer == nil {
			g.timer = time.NewTimer(groupWait)
		} else {
			g.timer.Reset(groupWait)
		}
		g.due = g.timer.C
	}
	return nil
}

// flush stores the waiting group, if any.
func (g *grouper) flush(ctx context.Context) error {
	g.due = nil
	if g.timer != nil {
		g.timer.Stop()
	}
	if g.err != nil || len(g.pending) == 0 {
		return g.err
	}
	res, err := g.bw.PutArticles(ctx, g.pending)
	for _, r := range res {
		g.st.add(r)
	}
	clear(g.pending) // let the stored articles go
	g.pending, g.err = g.pending[:0], err
	return err
}

// readAll reads the articles of paths and sends each as a job, keyed by its
// raw URL or text before the pipeline cleans it.
func readAll(ctx context.Context, env *Env, paths []string, db store.ArticleReader, send func(*job) bool) error {
	for _, path := range paths {
		r, err := openSource(env, path)
		if err != nil {
			return err
		}
		for r.Next() {
			a := r.Article()
			j := &job{key: dedup.ArticleID(a.URL, a.Text), a: a, done: make(chan struct{})}
			var err error
			if j.skip, err = stored(ctx, db, j.key); err != nil {
				r.Close()
				return err
			}
			if !send(j) {
				r.Close()
				return ctx.Err()
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

// stored reports whether an article is stored, through the store's cheap
// existence check when it has one.
func stored(ctx context.Context, db store.ArticleReader, id string) (bool, error) {
	if h, ok := db.(interface {
		Stored(ctx context.Context, key string) (bool, error)
	}); ok {
		return h.Stored(ctx, id)
	}
	_, err := db.Article(ctx, id)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, store.ErrNotFound):
		return false, nil
	}
	return false, err
}

// progress draws a one-line progress report on a terminal, at most five
// times a second; elsewhere it draws nothing.
type progress struct {
	w    io.Writer
	last time.Time
	on   bool
}

func newProgress(w io.Writer, quiet bool) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok && !quiet {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			p.on = true
		}
	}
	return p
}

func (p *progress) tick(s *ingestStats) {
	if !p.on || time.Since(p.last) < 200*time.Millisecond {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "\r\033[K%d articles  %.0f/s  stored %d  copies %d  already %d  events +%d ~%d",
		s.read, s.rate(), s.stored, s.copies, s.duplicates, s.newEvents, s.mergedEvents)
}

func (p *progress) stop() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}
