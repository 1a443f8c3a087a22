package sqlite_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

func TestEachActorWithPrefix(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	spelled := func(id, name, text string) doc.Entity {
		return doc.Entity{ID: id, Name: name, Country: "LBY", EntityText: text}
	}
	arts := []*doc.Article{
		relabelArticle("a1", "Alpha", "2024-03-01", "2024-03-01", spelled("x-hmz-zwy", "Hamza Zwayy", "Hamza Zwayy")),
		relabelArticle("a2", "Beta", "2024-03-02", "2024-03-01", spelled("x-hmz-zwy", "Hamza Zwayy", "Hamza Zuwai")),
		relabelArticle("a3", "Gamma", "2024-03-03", "2024-03-03", spelled("p-lby-known", "Known Person", "Known Person")),
	}
	arts[1].Mentions[0].Entity.Name = "Hamza Zuwai" // the spelling of the second article
	for _, a := range arts {
		if _, err := db.PutArticle(ctx, a.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		prefix string
		want   []string // id: names
	}{
		{"x-", []string{"x-hmz-zwy: [Hamza Zuwai Hamza Zwayy]"}},
		{"p-lby-", []string{"p-lby-known: [Known Person]"}},
		{"q-", nil},
	}
	for _, tt := range tests {
		var got []string
		err := db.EachActorWithPrefix(ctx, tt.prefix, func(a store.Actor) error {
			got = append(got, a.ID+": "+fmtNames(a.Names))
			return nil
		})
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("prefix %q: %q, %v; want %q", tt.prefix, got, err, tt.want)
		}
	}
	if err := db.EachActorWithPrefix(ctx, "", func(store.Actor) error { return nil }); err == nil {
		t.Errorf("an empty prefix was accepted")
	}
}

func fmtNames(ns []string) string {
	s := "["
	for i, n := range ns {
		if i > 0 {
			s += " "
		}
		s += n
	}
	return s + "]"
}
