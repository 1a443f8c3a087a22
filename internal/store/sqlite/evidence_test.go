package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// TestEvidenceBatches: the full-text index is filled in batches, yet a
// text query, from this handle or another one on the file, sees every
// stored mention, and a reopened store has them all indexed.
func TestEvidenceBatches(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "p.db")
	w, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	other, err := sqlite.Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	for i := range 10 {
		a := &doc.Article{ID: fmt.Sprintf("a%d", i), Text: fmt.Sprintf("Report %d.", i), Published: pub,
			Events: []doc.Event{{ID: fmt.Sprintf("e%d", i), EventType: "CONSULT", Status: doc.StatusOccurred,
				Actor: []doc.Entity{{ID: fmt.Sprintf("x%d", i), Name: "X"}}, Text: fmt.Sprintf("word%d met zebra%d", i, i)}}}
		if _, err := w.PutArticle(ctx, a.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	for _, db := range []store.Store{w, other} {
		p, err := db.Events(ctx, store.Filter{Text: "zebra7"})
		if err != nil || len(p.Items) != 1 {
			t.Errorf("text query: %d events, %v", len(p.Items), err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := other.Close(); err != nil {
		t.Fatal(err)
	}
}
