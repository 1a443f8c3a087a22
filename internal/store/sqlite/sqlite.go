// Package sqlite is the embedded SQLite engine of [store.Store]: one file,
// WAL mode, schema migrations run by goose from embedded SQL files, FTS5 over
// the evidence sentences. It uses the pure-Go modernc.org/sqlite driver, so
// parley stays one binary without cgo.
//
// A [DB] holds two connection pools on the file: one connection that
// writes (each [DB.PutArticle], and each group of [DB.PutArticles], is one
// IMMEDIATE transaction) and a few read-only ones, so readers never wait
// for the writer.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // the "sqlite" database/sql driver

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Options configure [Open]. The zero value (or nil) means the defaults.
type Options struct {
	// Dedup is the deduplication policy.
	Dedup dedup.Policy
	// Readers is the number of read connections; 0 means 4.
	Readers int
	// Synchronous is SQLite's synchronous setting; "" means NORMAL, which in
	// WAL mode keeps every commit through a crash of the process (the WAL
	// is written before the commit returns) and keeps the database
	// consistent through a crash of the machine or a power loss, which may
	// lose the last commits (the WAL is synced at checkpoints, not at each
	// commit). FULL syncs the WAL at each commit.
	Synchronous string
}

// DB is a parley store in one SQLite file.
type DB struct {
	w, r   *sql.DB
	policy dedup.Policy
	stmts  *stmts
	// mu serialises PutArticle and guards what the writer keeps in memory.
	mu    sync.Mutex
	bands *bandIndex
	known known
	ck    *checkpointer
	// has is the existence check of [DB.Stored], prepared on the readers.
	has *sql.Stmt
}

var _ store.Store = (*DB)(nil)

// Open opens (creating it if needed) the store at path and brings its
// schema to the latest version.
func Open(ctx context.Context, path string, opts *Options) (*DB, error) {
	if opts == nil {
		opts = &Options{}
	}
	if opts.Dedup.Lookback >= maxSpanDays {
		return nil, fmt.Errorf("sqlite: a lookback of %d days is longer than the %d the date index allows", opts.Dedup.Lookback, maxSpanDays-1)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("sqlite: %w", err)
		}
	}
	syncMode := opts.Synchronous
	if syncMode == "" {
		syncMode = "NORMAL"
	}
	// Every connection: WAL, a 32 MiB page cache, temporary tables in
	// memory, reads through a 256 MiB memory map, and a WAL file cut back to
	// 64 MiB after a checkpoint.
	pragmas := "_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(" + syncMode + ")" +
		"&_pragma=cache_size(-32768)&_pragma=temp_store(MEMORY)&_pragma=mmap_size(268435456)" +
		"&_pragma=journal_size_limit(67108864)"
	dsn := "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + pragmas
	// The writer leaves checkpoints to the checkpointer.
	w, err := sql.Open("sqlite", dsn+"&_pragma=wal_autocheckpoint(0)&_txlock=immediate")
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	w.SetMaxOpenConns(1)
	db := &DB{w: w, policy: opts.Dedup, bands: newBandIndex()}
	if err := db.migrate(ctx); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: migrate %s: %w", path, err)
	}
	n := opts.Readers
	if n <= 0 {
		n = min(4, max(2, runtime.GOMAXPROCS(0)))
	}
	if db.r, err = sql.Open("sqlite", dsn+"&_pragma=query_only(1)"); err != nil {
		w.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	db.r.SetMaxOpenConns(n)
	if db.has, err = db.r.PrepareContext(ctx, `SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?)`); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	ck, err := sql.Open("sqlite", dsn)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	ck.SetMaxOpenConns(1)
	db.ck = newCheckpointer(ck)
	if db.stmts, err = prepare(ctx, w); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite: %w", err)
	}
	// A writer killed mid-batch leaves evidence to index.
	if err := db.flushEvidence(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.w, sub, goose.WithDisableGlobalRegistry(true),
		// Migrations numbered apart (00900_corrections) may be older than later main ones.
		goose.WithAllowOutofOrder(true))
	if err != nil {
		return err
	}
	// Two processes opening a new store at once may both try a migration;
	// the loser's fails, and it is done when the winner's is.
	for try := 0; ; try++ {
		_, err = p.Up(ctx)
		if err == nil {
			return nil
		}
		if pending, perr := p.HasPending(ctx); perr == nil && !pending {
			return nil
		}
		if try == 3 {
			return err
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// Version returns the schema version of the store.
func (db *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&v)
	return v, err
}

// Close closes the store.
func (db *DB) Close() error {
	var errs []error
	if db.stmts != nil {
		errs = append(errs, db.flushEvidence(context.Background()), db.stmts.close())
	}
	if db.ck != nil {
		errs = append(errs, db.ck.close())
	}
	if db.has != nil {
		errs = append(errs, db.has.Close())
	}
	if db.r != nil {
		errs = append(errs, db.r.Close())
	}
	errs = append(errs, db.w.Close())
	return errors.Join(errs...)
}

// DefaultPath returns where the store lives when no path is given:
// $PARLEY_DB, else parley/parley.db under $XDG_DATA_HOME, else under the
// platform's data directory (~/.local/share on Unix, ~/Library/Application
// Support on macOS, %LocalAppData% on Windows).
func DefaultPath() (string, error) {
	if p := os.Getenv("PARLEY_DB"); p != "" {
		return p, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		switch runtime.GOOS {
		case "windows":
			dir = os.Getenv("LocalAppData")
		case "darwin", "ios":
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(home, "Library", "Application Support")
		default:
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(home, ".local", "share")
		}
	}
	if dir == "" {
		return "", errors.New("sqlite: no data directory: set XDG_DATA_HOME or pass a path")
	}
	return filepath.Join(dir, "parley", "parley.db"), nil
}

// Pragma reads one SQLite pragma into dst, for diagnostics and tests.
func (db *DB) Pragma(ctx context.Context, name string, dst any) error {
	for _, r := range name {
		if (r < 'a' || r > 'z') && r != '_' {
			return fmt.Errorf("sqlite: bad pragma name %q", name)
		}
	}
	return db.r.QueryRowContext(ctx, "PRAGMA "+name).Scan(dst)
}
