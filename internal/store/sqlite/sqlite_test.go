package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
	"github.com/parleyhq/parley/internal/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) store.Store {
		db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"), nil)
		if err != nil {
			t.Fatal(err)
		}
		return db
	})
}

func TestReopenAndVersion(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "sub", "parley.db")
	for i := 0; i < 2; i++ {
		db, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		v, err := db.Version(ctx)
		// 900: the corrections migration (00900_corrections.sql).
		if err != nil || v != 900 {
			t.Errorf("version %d, %v; want 900", v, err)
		}
		var mode string
		if err := db.Pragma(ctx, "journal_mode", &mode); err != nil || mode != "wal" {
			t.Errorf("journal mode %q, %v", mode, err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("PARLEY_DB", "")
	t.Setenv("XDG_DATA_HOME", "/data")
	if p, err := sqlite.DefaultPath(); err != nil || p != "/data/parley/parley.db" {
		t.Errorf("XDG: %q, %v", p, err)
	}
	t.Setenv("PARLEY_DB", "/x.db")
	if p, _ := sqlite.DefaultPath(); p != "/x.db" {
		t.Errorf("PARLEY_DB: %q", p)
	}
}
