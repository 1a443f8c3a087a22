package clean

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/source"
)

// goldArticle is the part of a gold record this package is measured on.
type goldArticle struct {
	ID                 string  `json:"id"`
	Published          *string `json:"published"`
	PublishedPrecision string  `json:"published_precision"`
	Events             []struct {
		Text string `json:"text"`
	} `json:"events"`
}

func readGold(t *testing.T, path string) map[string]goldArticle {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	gold := map[string]goldArticle{}
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var g goldArticle
		if err := json.Unmarshal([]byte(line), &g); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		gold[g.ID] = g
	}
	return gold
}

// cleanFile runs the source reader and the cleaner over a JSONL file.
func cleanFile(t *testing.T, c *Cleaner, path string) []*doc.Article {
	t.Helper()
	r, err := source.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var arts []*doc.Article
	for r.Next() {
		a := r.Article()
		if err := c.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		arts = append(arts, a)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return arts
}

// TestDevSet measures the publication date and the retention of gold
// evidence on the dev set and the seeds.
func TestDevSet(t *testing.T) {
	pairs := [][2]string{
		{"dev/articles.jsonl", "dev/gold.jsonl"},
		{"dev/seeds.articles.jsonl", "dev/seeds.gold.jsonl"},
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	var n, dateOK, events, kept int
	dump := os.Getenv("PARLEY_CLEAN_DUMP")
	for _, p := range pairs {
		gold := readGold(t, devset.Path(t, p[1]))
		for _, a := range cleanFile(t, c, devset.Path(t, p[0])) {
			g, ok := gold[a.ID]
			if !ok {
				t.Errorf("%s: no gold", a.ID)
				continue
			}
			n++
			got, want := "", ""
			if !a.Published.IsZero() {
				got = a.Published.Format("2006-01-02")
			}
			if g.Published != nil {
				want = *g.Published
			}
			if got == want && string(a.PublishedPrecision) == g.PublishedPrecision {
				dateOK++
			} else {
				t.Logf("%s: published %q %s, gold %q %s", a.ID, got, a.PublishedPrecision, want, g.PublishedPrecision)
			}
			for _, e := range g.Events {
				events++
				if strings.Contains(a.Text, e.Text) {
					kept++
				} else {
					t.Logf("%s: evidence lost: %.100q", a.ID, e.Text)
				}
			}
			if dump != "" && (dump == "all" || dump == a.ID) {
				t.Logf("==== %s title=%q dateline=%q lang=%s\n%s", a.ID, a.Title, a.Dateline, a.Lang, a.Text)
			}
		}
	}
	t.Logf("publication date and precision: %d/%d correct (%.1f%%)", dateOK, n, 100*float64(dateOK)/float64(n))
	t.Logf("gold evidence kept verbatim: %d/%d (%d lost)", kept, events, events-kept)
	if float64(dateOK) < 0.9*float64(n) {
		t.Errorf("publication date accuracy %d/%d is below the floor of 90%%", dateOK, n)
	}
	if kept != events {
		t.Errorf("%d gold evidence texts are no longer in the cleaned text", events-kept)
	}
}
