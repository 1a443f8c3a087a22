package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/store/sqlite"
)

// BenchmarkAPIEvents1M measures /api/events with filters on a generated
// store of a million events (PARLEY_BENCH_EVENTS to change), and reports
// each filter's latency percentiles and the size of the store. It takes a
// minute or more, so it runs only with PARLEY_BENCH_1M=1;
// PARLEY_BENCH_DB=FILE keeps the generated store for the next run.
//
//	PARLEY_BENCH_1M=1 go test -run=NONE -bench=APIEvents1M -benchtime=1x ./internal/cli/
func BenchmarkAPIEvents1M(b *testing.B) {
	if os.Getenv("PARLEY_BENCH_1M") == "" {
		b.Skip("set PARLEY_BENCH_1M=1 to generate a store of a million events and query it")
	}
	n := 1000000
	if v, err := strconv.Atoi(os.Getenv("PARLEY_BENCH_EVENTS")); err == nil && v > 0 {
		n = v
	}
	path := os.Getenv("PARLEY_BENCH_DB")
	if path == "" {
		path = filepath.Join(b.TempDir(), "bench.db")
	}
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if st, err := db.Stats(ctx); err != nil {
		b.Fatal(err)
	} else if st.Events == 0 {
		t0 := time.Now()
		if err := db.Generate(ctx, n); err != nil {
			b.Fatal(err)
		}
		b.Logf("generated %d events in %s", n, time.Since(t0).Round(time.Second))
	}
	st, err := db.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	size := storeSize(path)
	b.Logf("store: %+v; %.0f MB, %.0f MB per million events", st, float64(size)/1e6, float64(size)/1e6/float64(st.Events)*1e6)
	k, err := loadKB("")
	if err != nil {
		b.Fatal(err)
	}
	h := (&apiServer{db: db, kb: k}).handler()
	queries := []string{
		"type=CONSULT",
		"type=ASSAULT&since=2024-01-01",
		"actor_id=gen-7",
		"actor_id=gen-4321",
		"country=TUN&since=2020-01-01",
		"quad=material_conflict&since=2019-01-01&until=2019-12-31",
		"min_sources=3",
		"context=migration&type=AID",
		"text=ceasefire",
		"text=ceasefire+drones&since=2022-01-01",
		"actor_id=gen-4321&type=CONSULT",
		"status=planned&country=LBY",
		"limit=1000&quad=verbal_conflict",
		// The evidence follows Zipf's law (see sqlite.DB.Generate): a word
		// in most sentences, and a rare one.
		"text=the",
		"text=w2500",
	}
	const runs = 50
	b.ResetTimer()
	var all []time.Duration
	for range b.N {
		all = all[:0]
		for _, q := range queries {
			var ds []time.Duration
			cursor := ""
			for i := 0; i <= runs; i++ {
				url := "/api/events?" + q
				if i%5 == 4 && cursor != "" {
					url += "&cursor=" + cursor // every fifth request reads the next page
				}
				rec := httptest.NewRecorder()
				t0 := time.Now()
				h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
				d := time.Since(t0)
				if rec.Code != http.StatusOK {
					b.Fatalf("%s: %d %s", url, rec.Code, rec.Body.String())
				}
				if i == 0 {
					cursor = nextCursor(rec.Body.Bytes())
					continue // warm-up
				}
				ds = append(ds, d)
			}
			all = append(all, ds...)
			b.Logf("%-55s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms", q, ms(pct(ds, 50)), ms(pct(ds, 99)), ms(pct(ds, 100)))
		}
	}
	b.ReportMetric(ms(pct(all, 50)), "p50-ms")
	b.ReportMetric(ms(pct(all, 99)), "p99-ms")
	b.ReportMetric(float64(size)/1e6/float64(st.Events)*1e6, "MB/Mevents")
}

func pct(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	if len(s) == 0 {
		return 0
	}
	return s[min(len(s)-1, (len(s)*p+99)/100-1)]
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func nextCursor(body []byte) string {
	var page struct {
		Next string `json:"next"`
	}
	json.Unmarshal(body, &page)
	return page.Next
}
