package watch

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// Bounds on the remembered items: an item is forgotten when it has not
// been in its feed for keepSeen, and a feed remembers at most maxSeen.
const (
	keepSeen = 30 * 24 * time.Hour
	maxSeen  = 5000
	maxPages = 100000
)

// State is what a Watcher remembers between runs, saved as JSON.
type State struct {
	Feeds map[string]*FeedState `json:"feeds"`
	// Pages holds the normalised URL of every page handled, and when.
	Pages map[string]time.Time `json:"pages"`
	path  string
}

// FeedState is the state of one feed.
type FeedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	LastPoll     time.Time `json:"last_poll"`
	NextPoll     time.Time `json:"next_poll"`
	Failures     int       `json:"failures,omitempty"`
	LastError    string    `json:"last_error,omitempty"`
	// Seen maps the key of every item handled to when it was last in the feed.
	Seen map[string]time.Time `json:"seen"`
	// Tries counts the failed fetches of items not given up yet.
	Tries map[string]int `json:"tries,omitempty"`
}

func loadState(path string) (*State, error) {
	st := &State{Feeds: map[string]*FeedState{}, Pages: map[string]time.Time{}, path: path}
	if path == "" {
		return st, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("watch: state: %w", err)
	}
	if err := json.Unmarshal(b, st); err != nil {
		return nil, fmt.Errorf("watch: state %s: %w", path, err)
	}
	if st.Feeds == nil {
		st.Feeds = map[string]*FeedState{}
	}
	if st.Pages == nil {
		st.Pages = map[string]time.Time{}
	}
	st.path = path
	return st, nil
}

// feed returns the state of feed u, making it on first use.
func (st *State) feed(u string) *FeedState {
	fs := st.Feeds[u]
	if fs == nil {
		fs = &FeedState{}
		st.Feeds[u] = fs
	}
	if fs.Seen == nil {
		fs.Seen = map[string]time.Time{}
	}
	if fs.Tries == nil {
		fs.Tries = map[string]int{}
	}
	return fs
}

// prune forgets items long gone from the feed, and the oldest beyond maxSeen.
func (fs *FeedState) prune(now time.Time) {
	for k, t := range fs.Seen {
		if now.Sub(t) > keepSeen {
			delete(fs.Seen, k)
		}
	}
	pruneOldest(fs.Seen, maxSeen)
}

func pruneOldest(m map[string]time.Time, n int) {
	if len(m) <= n {
		return
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return m[keys[i]].Before(m[keys[j]]) })
	for _, k := range keys[:len(keys)-n] {
		delete(m, k)
	}
}

// save writes the state atomically: to a temporary file, then renamed.
func (w *Watcher) save() error {
	st := w.state
	if st.path == "" {
		return nil
	}
	pruneOldest(st.Pages, maxPages)
	b, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(st.path), ".watch-state-*")
	if err != nil {
		return fmt.Errorf("watch: state: %w", err)
	}
	if _, err := tmp.Write(b); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return fmt.Errorf("watch: state: %w", err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("watch: state: %w", err)
	}
	if err := os.Rename(tmp.Name(), st.path); err != nil {
		return fmt.Errorf("watch: state: %w", err)
	}
	return nil
}
