// Package devset locates the project's third-party evaluation material in
// ../shared (the dev set, the seeds and the peer-system test data). That text
// is never copied into the repository: tests read it by path and skip cleanly
// when it is absent.
package devset

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared directory that sits beside the repository, found by
// walking up from the working directory, or "" when there is none. The
// PARLEY_SHARED environment variable overrides the search.
func Root() string {
	if d := os.Getenv("PARLEY_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		cand := filepath.Join(dir, "..", "shared")
		if st, err := os.Stat(filepath.Join(cand, "dev")); err == nil && st.IsDir() {
			return filepath.Clean(cand)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of rel inside the shared directory, or skips the
// test when that file is not there.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("../shared is absent: skipping a test on third-party evaluation data")
	}
	p := filepath.Join(root, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("%s is absent: %v", p, err)
	}
	return p
}
