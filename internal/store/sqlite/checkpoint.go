package sqlite

import (
	"context"
	"database/sql"
	"sync"
)

// checkpointer copies the WAL back into the database file on a connection
// of its own, in the background, so that commits never wait for a
// checkpoint's writes and fsyncs. The writer connection does not checkpoint
// by itself (wal_autocheckpoint 0); it kicks the checkpointer every
// checkpointCommits commits or checkpointArticles articles committed,
// whichever comes first: a WAL of some ten megabytes either way, one
// article a commit or a group. SQLite checkpoints once more when the last
// connection closes.
type checkpointer struct {
	db                *sql.DB
	kick              chan struct{}
	done              sync.WaitGroup
	commits, articles int // since the last kick
}

const (
	checkpointCommits  = 256
	checkpointArticles = 1024
)

func newCheckpointer(db *sql.DB) *checkpointer {
	c := &checkpointer{db: db, kick: make(chan struct{}, 1)}
	c.done.Add(1)
	go c.run()
	return c
}

func (c *checkpointer) run() {
	defer c.done.Done()
	for range c.kick {
		// A PASSIVE checkpoint copies what no reader still needs and never
		// blocks the writer; what it leaves, the next one takes. Errors
		// (SQLITE_BUSY from another process's checkpoint) only delay it.
		c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
	}
}

// committed counts a commit of the writer (callers serialise it).
func (c *checkpointer) committed() { c.committedArticles(1) }

// committedArticles counts a commit of n articles.
func (c *checkpointer) committedArticles(n int) {
	if c.commits, c.articles = c.commits+1, c.articles+n; c.commits < checkpointCommits && c.articles < checkpointArticles {
		return
	}
	c.commits, c.articles = 0, 0
	select {
	case c.kick <- struct{}{}:
	default: // one is running or queued
	}
}

func (c *checkpointer) close() error {
	close(c.kick)
	c.done.Wait()
	return c.db.Close()
}
