// Package synth writes synthetic news articles, for benchmarks and load
// tests: each reports one meeting, accusation or praise between two known
// actors, with filler text of its own so that no two are near-duplicates.
// The same seed gives the same articles.
package synth

import (
	"bufio"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"time"
)

//go:embed data/vocabulary.json
var vocabularyJSON []byte

// vocabulary is what the articles are made of (data/vocabulary.json).
type vocabulary struct {
	People []string `json:"people"`
	Verbs  []string `json:"verbs"`
	Places []string `json:"places"`
	Days   []string `json:"days"`
	Filler []string `json:"filler"`
}

func load() (*vocabulary, error) {
	var v vocabulary
	if err := json.Unmarshal(vocabularyJSON, &v); err != nil {
		return nil, fmt.Errorf("synth: vocabulary: %w", err)
	}
	if len(v.People) < 2 || len(v.Verbs) == 0 || len(v.Places) == 0 || len(v.Days) == 0 || len(v.Filler) == 0 {
		return nil, fmt.Errorf("synth: vocabulary: a list is empty")
	}
	return &v, nil
}

// fillerWords is the length of each article's filler sentence.
const fillerWords = 40

// Write writes n articles as article JSONL to w, from the random stream
// seeded by seed: a URL on one of seven outlets, the outlet, a publication
// day in 2024 and a text of a headline and three paragraphs.
func Write(w io.Writer, n int, seed uint64) error {
	v, err := load()
	if err != nil {
		return err
	}
	r := rand.New(rand.NewPCG(seed, seed+1))
	bw := bufio.NewWriter(w)
	words := make([]string, fillerWords)
	for i := range n {
		a, c := r.IntN(len(v.People)), r.IntN(len(v.People)-1)
		if c >= a {
			c++
		}
		for k := range words {
			words[k] = v.Filler[r.IntN(len(v.Filler))]
		}
		pub := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(300))
		text := fmt.Sprintf("Report %d\n\n%s %s %s in %s on %s.\n\nIn other remarks, %s.\n\nItem %d of the series.",
			i, v.People[a], v.Verbs[r.IntN(len(v.Verbs))], v.People[c], v.Places[r.IntN(len(v.Places))], v.Days[r.IntN(len(v.Days))],
			strings.Join(words, " "), i)
		rec, err := json.Marshal(map[string]string{"url": fmt.Sprintf("https://news%d.example/story/%d", i%7, i),
			"source": fmt.Sprintf("Outlet %d", i%7), "published": pub.Format(time.DateOnly), "text": text})
		if err != nil {
			return err
		}
		bw.Write(rec)
		if err := bw.WriteByte('\n'); err != nil {
			return fmt.Errorf("synth: write: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("synth: write: %w", err)
	}
	return nil
}
