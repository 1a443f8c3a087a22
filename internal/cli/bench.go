package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"text/tabwriter"
	"time"

	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/store/sqlite"
	"github.com/parleyhq/parley/internal/synth"
)

// runBench measures ingest on this machine: it writes synthetic articles
// (synth), then times, in the same run, reading them, reading and coding
// them, and the whole ingest into a new SQLite store, each the median of
// --runs, with Go limited to --cpu cores.
func runBench(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "bench", "[--articles N] [--cpu N] [--runs N]")
	n := fs.Int("articles", 20000, "synthetic articles to ingest")
	cpus := fs.Int("cpu", 1, "cores Go may use (GOMAXPROCS); ingest runs this many workers")
	runs := fs.Int("runs", 3, "runs of each stage; the median is reported")
	dir := fs.String("dir", "", "directory for the corpus and the stores (default: a new temporary one)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *n < 1 || *cpus < 1 || *runs < 1 {
		return &usageError{"bench: --articles, --cpu and --runs must be at least 1"}
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "parley-bench-")
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(*cpus))

	corpus := filepath.Join(*dir, "corpus.jsonl")
	f, err := os.Create(corpus)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	err = synth.Write(f, *n, 1)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("bench: %s: %w", corpus, err)
	}

	start := time.Now()
	k, err := loadKB("")
	if err != nil {
		return err
	}
	p, err := pipeline.New(k)
	if err != nil {
		return err
	}
	kbLoad := time.Since(start)

	var last *ingestStats
	var size int64
	stages := []struct {
		name string
		run  func(i int) error
	}{
		{"read", func(int) error { return benchRead(ctx, env, corpus, *n, nil) }},
		{"read+code", func(int) error { return benchRead(ctx, env, corpus, *n, p) }},
		{"ingest (read+code+store)", func(i int) error {
			path := filepath.Join(*dir, fmt.Sprintf("bench-%d.db", i))
			db, err := sqlite.Open(ctx, path, nil)
			if err != nil {
				return err
			}
			st := &ingestStats{start: time.Now()}
			err = ingest(ctx, env, []string{corpus}, p, db, *cpus, st, func(*ingestStats) {})
			if cerr := db.Close(); err == nil {
				err = cerr
			}
			if err == nil && st.stored != *n {
				err = fmt.Errorf("bench: stored %d of %d articles", st.stored, *n)
			}
			last, size = st, storeSize(path)
			os.Remove(path)
			os.Remove(path + "-wal")
			os.Remove(path + "-shm")
			return err
		}},
	}
	times := make([]time.Duration, len(stages))
	for s, stage := range stages {
		var ds []time.Duration
		for i := range *runs {
			if err := ctx.Err(); err != nil {
				return err
			}
			// Each run starts from the same heap: what one left for the
			// collector is not charged to the next.
			runtime.GC()
			debug.FreeOSMemory()
			t0 := time.Now()
			if err := stage.run(i); err != nil {
				return fmt.Errorf("bench: %s: %w", stage.name, err)
			}
			ds = append(ds, time.Since(t0))
		}
		slices.Sort(ds)
		times[s] = ds[len(ds)/2]
	}

	fmt.Fprintf(env.Stdout, "parley bench: %d synthetic articles, Go on %d of %d cores (%s %s/%s), median of %d runs\n",
		*n, *cpus, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, *runs)
	fmt.Fprintf(env.Stdout, "knowledge base load: %d ms (once per process, not in the times below)\n\n", kbLoad.Milliseconds())
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "stage\tarticles/s\tseconds\ttime vs ingest\t")
	ingestTime := times[len(times)-1]
	for s, stage := range stages {
		fmt.Fprintf(tw, "%s\t%.0f\t%.2f\t%.2f\t\n", stage.name, float64(*n)/times[s].Seconds(), times[s].Seconds(),
			times[s].Seconds()/ingestTime.Seconds())
	}
	tw.Flush()
	if last != nil {
		fmt.Fprintf(env.Stdout, "\nlast ingest: %d events new, %d merged; store %.1f MB (%.0f bytes an article)\n",
			last.newEvents, last.mergedEvents, float64(size)/1e6, float64(size)/float64(*n))
	}
	return nil
}

// benchRead reads the n articles of path, and codes each when p is not nil.
func benchRead(ctx context.Context, env *Env, path string, n int, p *pipeline.Pipeline) error {
	r, err := openSource(env, path)
	if err != nil {
		return err
	}
	defer r.Close()
	read := 0
	for r.Next() {
		if p != nil {
			if err := p.Process(ctx, r.Article()); err != nil {
				return err
			}
		}
		read++
	}
	if err := r.Err(); err != nil {
		return err
	}
	if read != n {
		return fmt.Errorf("read %d of %d articles", read, n)
	}
	return nil
}

// storeSize is the size of the SQLite file at path with its write-ahead log.
func storeSize(path string) int64 {
	var total int64
	for _, p := range []string{path, path + "-wal"} {
		if fi, err := os.Stat(p); err == nil {
			total += fi.Size()
		}
	}
	return total
}
