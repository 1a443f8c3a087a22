package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/devset"
)

func run(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	env := &Env{Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb}
	code := Run(context.Background(), env, args)
	return out.String(), errb.String(), code
}

func TestExtractSamples(t *testing.T) {
	out, stderr, code := run(t, "", "extract", "../../examples/articles/sample.jsonl")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 5 {
		t.Fatalf("want at least 5 events from the samples, got %d:\n%s", len(lines), out)
	}
	for _, l := range lines {
		var e map[string]any
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("not JSON: %q: %v", l, err)
		}
		for _, f := range []string{"id", "article_id", "event_type", "quad", "status", "actor", "recipient", "text", "span"} {
			if _, ok := e[f]; !ok {
				t.Errorf("event lacks %q: %s", f, l)
			}
		}
	}
}

func TestExtractStdinTable(t *testing.T) {
	in := `{"id":"a1","published":"2024-01-10","text":"Talks\n\nField Marshal Khalifa Haftar met Italian Foreign Minister Marco Bellini in Benghazi on Tuesday."}`
	out, stderr, code := run(t, in, "extract", "--format", "table", "-")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "CONSULT") || !strings.Contains(out, "Khalifa Haftar") || !strings.Contains(out, "2024-01-09") {
		t.Errorf("table lacks the meeting:\n%s", out)
	}
}

func TestUsageErrors(t *testing.T) {
	tests := [][]string{{"nosuch"}, {"extract", "--format", "xml"}, {"eval"}}
	for _, args := range tests {
		if _, _, code := run(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

func TestEvalDevSet(t *testing.T) {
	gold := devset.Path(t, "dev/seeds.gold.jsonl")
	arts := devset.Path(t, "dev/seeds.articles.jsonl")
	out, stderr, code := run(t, "", "eval", "--gold", gold, arts)
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, w := range []string{"strict", "quad", "dyad", "entity resolution"} {
		if !strings.Contains(out, w) {
			t.Errorf("report lacks %q:\n%s", w, out)
		}
	}
}

func TestActorsResolve(t *testing.T) {
	out, stderr, code := run(t, "", "actors", "resolve", "Mo'ammar Gadhafi")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(out, "Gaddafi") {
		t.Errorf("resolve printed %q", out)
	}
}
