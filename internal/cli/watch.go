package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
	"github.com/parleyhq/parley/internal/watch"
)

func runWatch(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "watch", "[--feeds FILE] [--state FILE] [--store | --db FILE] [--once] FEED_URL...")
	feedsFile := fs.String("feeds", "", "file of feed URLs, one a line (# starts a comment)")
	statePath := fs.String("state", "", "JSON file of per-feed state (default: watch-state.json beside the store)")
	interval := fs.Duration("interval", 15*time.Minute, "time between two polls of a feed")
	hostDelay := fs.Duration("host-delay", time.Second, "least time between two requests to one host")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout of one request")
	once := fs.Bool("once", false, "poll every feed once and exit")
	useStore := fs.Bool("store", false, "store articles and events in the store instead of writing event JSONL")
	dbPath := fs.String("db", "", "store file (implies --store; default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	kbDir := fs.String("kb", "", "read the knowledge base from this directory instead of the embedded one")
	all := fs.Bool("all", false, "also write historical, negated and hypothetical events")
	langs := fs.String("langs", "en", "comma-separated languages the coder runs on; articles in others are stored uncoded, or skipped with JSONL output")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	feeds, err := feedList(pos, *feedsFile)
	if err != nil {
		return err
	}
	if len(feeds) == 0 {
		return &usageError{"watch: no feed URL given"}
	}
	if *dbPath != "" {
		*useStore = true
	}
	if *statePath == "" {
		if *statePath, err = defaultStatePath(); err != nil {
			return err
		}
	}
	k, err := loadKB(*kbDir)
	if err != nil {
		return err
	}
	p, err := pipeline.New(k)
	if err != nil {
		return err
	}
	h := &watchHandler{env: env, p: p, all: *all, langs: strings.Split(*langs, ",")}
	if *useStore {
		db, err := openStore(ctx, *dbPath)
		if err != nil {
			return err
		}
		defer db.Close()
		if err := rememberStored(ctx, db, k); err != nil {
			return err
		}
		h.db = db
	} else {
		h.enc = json.NewEncoder(env.Stdout)
		h.enc.SetEscapeHTML(false)
	}
	logger := slog.New(slog.NewTextHandler(env.Stderr, nil))
	h.log = logger
	w, err := watch.New(feeds, h.handle, &watch.Options{
		Interval: *interval, HostDelay: *hostDelay, Timeout: *timeout, StatePath: *statePath, Logger: logger,
	})
	if err != nil {
		return err
	}
	if *once {
		err = w.PollAll(ctx)
	} else {
		err = w.Run(ctx)
	}
	st := w.Stats()
	fmt.Fprintf(env.Stderr, "parley watch: %d polls (%d not modified, %d failed), %d articles, %d pages failed, %d already seen via another feed\n",
		st.Polls, st.NotModified, st.FeedErrors, st.Articles, st.PageErrors, st.Skipped)
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// feedList gathers the feed URLs of the arguments and of a file.
func feedList(args []string, file string) ([]string, error) {
	feeds := slices.Clone(args)
	if file == "" {
		return feeds, nil
	}
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			feeds = append(feeds, line)
		}
	}
	return feeds, sc.Err()
}

func defaultStatePath() (string, error) {
	db, err := sqlite.DefaultPath()
	if err != nil {
		return "", err
	}
	dir := filepath.Dir(db)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, "watch-state.json"), nil
}

// watchHandler runs the pipeline on each new article and stores it or
// writes its events.
type watchHandler struct {
	env   *Env
	p     *pipeline.Pipeline
	db    store.Store
	enc   *json.Encoder
	log   *slog.Logger
	all   bool
	langs []string
	mu    sync.Mutex
}

func (h *watchHandler) handle(ctx context.Context, a *doc.Article) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	key := dedup.ArticleID(a.URL, a.Text)
	if h.db != nil {
		if _, err := h.db.Article(ctx, key); err == nil {
			return nil // stored already
		} else if !errors.Is(err, store.ErrNotFound) {
			return err
		}
	}
	if a.Lang != "" && !slices.Contains(h.langs, a.Lang) {
		if h.db == nil {
			h.log.Info("not coded: language", "url", a.URL, "lang", a.Lang)
			return nil
		}
		_, err := h.db.PutArticle(ctx, key, a) // kept, uncoded, for later
		return err
	}
	if err := h.p.Process(ctx, a); err != nil {
		h.log.Warn("pipeline failed", "url", a.URL, "err", err)
		return nil
	}
	if h.db != nil {
		_, err := h.db.PutArticle(ctx, key, a)
		return err
	}
	for _, e := range a.Events {
		if !h.all && !counts(e.Status) {
			continue
		}
		if err := h.enc.Encode(e); err != nil {
			return err
		}
	}
	return nil
}
