package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// BenchmarkRelabelMerge merges one frequent actor into another on a
// generated store of 100,000 events (each of the hundred frequent actors
// takes part in about 1% of them), as `parley actors merge` does after an
// analyst's edit. Each iteration merges a different pair.
func BenchmarkRelabelMerge(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "gen.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.Generate(ctx, 100000); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	changed := 0
	for i := 0; i < b.N; i++ {
		from, into := fmt.Sprintf("gen-%d", 1+2*(i%50)), fmt.Sprintf("gen-%d", 2+2*(i%50))
		res, err := db.Relabel(ctx, func(id, spelling string) (doc.Entity, bool) {
			if id == from {
				return doc.Entity{ID: into, Name: "Merged " + into}, true
			}
			return doc.Entity{}, false
		})
		if err != nil {
			b.Fatal(err)
		}
		changed += res.Events
	}
	b.ReportMetric(float64(changed)/float64(b.N), "events/op")
}
