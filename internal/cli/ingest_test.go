package cli

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/source"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
	"github.com/parleyhq/parley/internal/synth"
)

// corpus writes n generated articles as article JSONL (synth.Write, seed
// 1) and returns the file's path.
func corpus(t testing.TB, n int) string {
	t.Helper()
	var b strings.Builder
	if err := synth.Write(&b, n, 1); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func stats(t *testing.T, path string) store.Stats {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := db.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestIngestQuery(t *testing.T) {
	db := filepath.Join(t.TempDir(), "p.db")
	_, stderr, code := run(t, "", "ingest", "--db", db, "../../examples/articles/sample.jsonl")
	if code != ExitOK || !strings.Contains(stderr, "3 stored") {
		t.Fatalf("ingest: exit %d: %s", code, stderr)
	}
	before := stats(t, db)
	_, stderr, code = run(t, "", "ingest", "--db", db, "../../examples/articles/sample.jsonl")
	if code != ExitOK || !strings.Contains(stderr, "3 already stored") || stats(t, db) != before {
		t.Fatalf("second ingest changed the store: exit %d: %s", code, stderr)
	}
	tests := []struct {
		args []string
		want []string
		not  []string
	}{
		{[]string{"events", "--db", db}, []string{"CONSULT", "Khalifa Haftar", "Benghazi"}, nil},
		{[]string{"events", "--db", db, "--actor", "Hafter", "--format", "jsonl"}, []string{`"Khalifa Haftar"`}, []string{"Trabelsi"}},
		{[]string{"events", "--db", db, "--type", "CONSULT", "--since", "2024-01-01", "--format", "csv"}, []string{"num_sources", "2024-03-11"}, []string{"2022-06-19"}},
		{[]string{"events", "--db", db, "--text", "border management"}, []string{"REQUEST"}, []string{"CONSULT"}},
		{[]string{"events", "--db", db, "--country", "TUN", "--quad", "verbal_cooperation"}, []string{"Samir Ouali"}, []string{"Haftar"}},
		{[]string{"events", "--db", db, "--mentions", "--format", "jsonl", "--limit", "1"}, []string{`"mentions"`, `"article_id"`}, nil},
		{[]string{"articles", "--db", db}, []string{"Envoy meets commander", "STORY"}, nil},
		{[]string{"articles", "--db", db, "--actor", "Haftar", "--format", "jsonl"}, []string{"Envoy meets commander"}, []string{"Tunisia"}},
		{[]string{"articles", "--db", db, "--until", "2023-01-01", "--format", "csv"}, []string{"Turkish minister"}, []string{"Envoy"}},
		{[]string{"articles", "--db", db, "--type", "REQUEST"}, []string{"Tunisia and Libya"}, []string{"Envoy", "Turkish"}},
		{[]string{"articles", "--db", db, "--country", "TUR", "--format", "jsonl"}, []string{`"Turkish minister`}, []string{"Envoy"}},
		{[]string{"articles", "--db", db, "--min-sources", "2", "--format", "csv"}, []string{"id,source_id"}, []string{"Envoy", "Turkish", "Tunisia"}},
		{[]string{"events", "--db", db, "--min-sources", "2", "--format", "csv"}, []string{"num_sources"}, []string{"CONSULT"}},
		{[]string{"events", "--db", db, "--min-sources", "1", "--type", "CONSULT", "--format", "jsonl"}, []string{`"Khalifa Haftar"`, `"url"`}, []string{"REQUEST"}},
	}
	for _, tt := range tests {
		out, stderr, code := run(t, "", tt.args...)
		if code != ExitOK {
			t.Errorf("%v: exit %d: %s", tt.args, code, stderr)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(out, w) {
				t.Errorf("%v: output lacks %q:\n%s", tt.args, w, out)
			}
		}
		for _, w := range tt.not {
			if strings.Contains(out, w) {
				t.Errorf("%v: output has %q:\n%s", tt.args, w, out)
			}
		}
	}
	for _, args := range [][]string{{"events", "--db", db, "--format", "xml"}, {"events", "--db", db, "--since", "May"}, {"ingest", "--db", db}} {
		if _, _, code := run(t, "", args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

// TestIngestSurvivesSIGKILL kills a real parley process mid-ingest, runs
// it again and checks the store equals that of one uninterrupted run.
func TestIngestSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "parley")
	build := exec.Command("go", "build", "-o", bin, "../../cmd/parley")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	const n = 3000
	in := corpus(t, n)
	db := filepath.Join(dir, "killed.db")
	cmd := exec.Command(bin, "ingest", "--db", db, in)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(60 * time.Second)
	killedAt := 0
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if _, err := os.Stat(db); err != nil {
			continue
		}
		if s := stats(t, db); s.Articles >= 100 {
			killedAt = s.Articles
			break
		}
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	if killedAt == 0 || killedAt >= n || err == nil {
		t.Fatalf("process not killed mid-ingest (stored %d of %d, wait: %v)", killedAt, n, err)
	}
	out, err := exec.Command(bin, "ingest", "--db", db, in).CombinedOutput()
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, out)
	}
	got := stats(t, db)
	clean := filepath.Join(dir, "clean.db")
	if _, stderr, code := run(t, "", "ingest", "--db", clean, in); code != ExitOK {
		t.Fatalf("clean ingest: %s", stderr)
	}
	want := stats(t, clean)
	if got != want || got.Articles != n {
		t.Errorf("killed at %d and resumed: %+v; one clean run: %+v (want %d articles)", killedAt, got, want, n)
	}
	t.Logf("killed after %d articles; resumed store %+v", killedAt, got)
}

// TestIngestStoresWhileInputWaits: group commit keeps no article waiting
// for the rest of its group. Articles from a stream that then pauses
// (fewer than a group, more than the reader sniffs) are stored while it
// pauses.
func TestIngestStoresWhileInputWaits(t *testing.T) {
	const n = 40
	lines, err := os.ReadFile(corpus(t, n))
	if err != nil {
		t.Fatal(err)
	}
	k, err := loadKB("")
	if err != nil {
		t.Fatal(err)
	}
	p, err := pipeline.New(k)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "p.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	pr, pw := io.Pipe()
	env := &Env{Stdin: pr, Stdout: io.Discard, Stderr: io.Discard}
	st := &ingestStats{start: time.Now()}
	done := make(chan error, 1)
	go func() { done <- ingest(ctx, env, []string{"-"}, p, db, 1, st, func(*ingestStats) {}) }()
	if _, err := pw.Write(lines); err != nil {
		t.Fatal(err)
	}
	var last struct{ URL, Text string }
	recs := strings.Split(strings.TrimSpace(string(lines)), "\n")
	if err := json.Unmarshal([]byte(recs[len(recs)-1]), &last); err != nil {
		t.Fatal(err)
	}
	key := dedup.ArticleID(last.URL, last.Text)
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if ok, err := db.Stored(ctx, key); err != nil {
			t.Fatal(err)
		} else if ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the articles read are not stored while the input waits")
		}
	}
	pw.Close()
	if err := <-done; err != nil || st.stored != n {
		t.Fatalf("ingest: %d stored, %v", st.stored, err)
	}
}

// BenchmarkIngest measures ingest as it runs once started: read, code and
// store 2000 articles into a new SQLite file, groupArticles a transaction.
// Loading the knowledge base, once per process, is left out; run with
// -cpu=1 for the one-core figure.
func BenchmarkIngest(b *testing.B) {
	const n = 2000
	in := corpus(b, n)
	k, err := loadKB("")
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(k)
	if err != nil {
		b.Fatal(err)
	}
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	ctx := context.Background()
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		st := &ingestStats{start: time.Now()}
		if err := ingest(ctx, env, []string{in}, p, db, runtime.GOMAXPROCS(0), st, func(*ingestStats) {}); err != nil {
			b.Fatal(err)
		}
		if err := db.Close(); err != nil || st.stored != n {
			b.Fatalf("stored %d of %d: %v", st.stored, n, err)
		}
	}
	reportRates(b, n*b.N, cpu0)
}

// BenchmarkIngestCommand is BenchmarkIngest through the whole command,
// knowledge base loading included.
func BenchmarkIngestCommand(b *testing.B) {
	const n = 2000
	in := corpus(b, n)
	env := &Env{Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		db := filepath.Join(b.TempDir(), "bench.db")
		if code := Run(context.Background(), env, []string{"ingest", "--quiet", "--db", db, in}); code != ExitOK {
			b.Fatalf("exit %d", code)
		}
	}
	reportRates(b, n*b.N, cpu0)
}

// BenchmarkPutArticle measures the store alone: the corpus is coded once,
// then each iteration stores it into a new SQLite file.
func BenchmarkPutArticle(b *testing.B) {
	const n = 2000
	arts := codedCorpus(b, n)
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range arts {
			if _, err := db.PutArticle(context.Background(), dedup.ArticleID(a.URL, a.Text), a); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, n*b.N, cpu0)
}

// BenchmarkPutArticles is BenchmarkPutArticle with group commit, as
// ingest stores: groupArticles articles a transaction.
func BenchmarkPutArticles(b *testing.B) {
	const n = 2000
	arts := codedCorpus(b, n)
	keyed := make([]store.Keyed, len(arts))
	for i, a := range arts {
		keyed[i] = store.Keyed{Key: dedup.ArticleID(a.URL, a.Text), Article: a}
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		db, err := sqlite.Open(context.Background(), filepath.Join(b.TempDir(), "bench.db"), nil)
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < len(keyed); lo += groupArticles {
			if _, err := db.PutArticles(context.Background(), keyed[lo:min(lo+groupArticles, len(keyed))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	}
	reportRates(b, n*b.N, cpu0)
}

// codedCorpus returns n generated articles run through the pipeline.
func codedCorpus(b *testing.B, n int) []*doc.Article {
	b.Helper()
	k, err := loadKB("")
	if err != nil {
		b.Fatal(err)
	}
	p, err := pipeline.New(k)
	if err != nil {
		b.Fatal(err)
	}
	r, err := source.Open(corpus(b, n), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer r.Close()
	var arts []*doc.Article
	for r.Next() {
		a := r.Article()
		if err := p.Process(context.Background(), a); err != nil {
			b.Fatal(err)
		}
		arts = append(arts, a)
	}
	if err := r.Err(); err != nil {
		b.Fatal(err)
	}
	return arts
}

// reportRates reports articles per second of wall time, and per second of
// CPU time (user and system, all threads), which other load on the machine
// disturbs less.
func reportRates(b *testing.B, n int, cpu0 time.Duration) {
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(float64(n)/(cpuTime()-cpu0).Seconds(), "articles/cpu-s")
}
