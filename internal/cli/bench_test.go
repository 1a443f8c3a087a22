package cli

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestBench runs the bench command on a small corpus: every stage reports a
// rate, ingest stores every article and codes its events, and the work
// directory is left clean. It checks what was measured, not how fast.
func TestBench(t *testing.T) {
	dir := t.TempDir()
	out, stderr, code := run(t, "", "bench", "--articles", "60", "--runs", "2", "--dir", dir)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, stage := range []string{"read", "read+code", "ingest (read+code+store)"} {
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(stage) + `\s+(\d+)\s+([\d.]+)\s+([\d.]+)`).FindStringSubmatch(out)
		if m == nil {
			t.Errorf("no row for %q in:\n%s", stage, out)
			continue
		}
		if rate, _ := strconv.Atoi(m[1]); rate <= 0 {
			t.Errorf("%s: rate %s", stage, m[1])
		}
	}
	m := regexp.MustCompile(`last ingest: (\d+) events new, (\d+) merged`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no ingest summary in:\n%s", out)
	}
	newEv, _ := strconv.Atoi(m[1])
	merged, _ := strconv.Atoi(m[2])
	if newEv == 0 || newEv+merged < 50 {
		t.Errorf("60 articles of one event each gave %d new and %d merged events", newEv, merged)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "bench-") {
			t.Errorf("store left behind: %s", e.Name())
		}
	}
}

func TestBenchUsage(t *testing.T) {
	tests := [][]string{
		{"bench", "--articles", "0"},
		{"bench", "--cpu", "0"},
		{"bench", "--runs", "-1"},
	}
	for _, args := range tests {
		if _, _, code := run(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}
