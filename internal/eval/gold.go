package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/parleyhq/parley/internal/doc"
)

// GoldEntity is one hand-coded participant. Aliases are the spellings under
// which a system may fairly name it.
type GoldEntity struct {
	Name    string   `json:"name"`
	Country string   `json:"country"`
	Sector  string   `json:"sector"`
	Aliases []string `json:"aliases"`
}

// GoldEvent is one hand-coded event. Null mode and date read as "".
type GoldEvent struct {
	EventType     string        `json:"event_type"`
	Mode          string        `json:"mode"`
	Context       []string      `json:"context"`
	Status        string        `json:"status"`
	Date          string        `json:"date"`
	DatePrecision string        `json:"date_precision"`
	Actor         []GoldEntity  `json:"actor"`
	Recipient     []GoldEntity  `json:"recipient"`
	Location      *doc.Location `json:"location"`
	Text          string        `json:"text"`
}

// GoldArticle is the gold record of one article. A null Published reads as "".
type GoldArticle struct {
	ID                 string      `json:"id"`
	Published          string      `json:"published"`
	PublishedPrecision string      `json:"published_precision"`
	Events             []GoldEvent `json:"events"`
	Notes              string      `json:"notes"`
}

// maxLine bounds one gold JSONL line.
const maxLine = 16 << 20

// ReadGold reads gold JSONL: one [GoldArticle] per line, blank lines
// skipped. Errors name the line number; an article without an id or with an
// id already seen is an error.
func ReadGold(r io.Reader) ([]GoldArticle, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	var out []GoldArticle
	seen := map[string]int{}
	n := 0
	for sc.Scan() {
		n++
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var a GoldArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return nil, fmt.Errorf("eval: gold line %d: %w", n, err)
		}
		if a.ID == "" {
			return nil, fmt.Errorf("eval: gold line %d: article has no id", n)
		}
		if prev, dup := seen[a.ID]; dup {
			return nil, fmt.Errorf("eval: gold line %d: duplicate article id %q (first on line %d)", n, a.ID, prev)
		}
		seen[a.ID] = n
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return nil, fmt.Errorf("eval: gold line %d: longer than %d bytes: %w", n+1, maxLine, err)
		}
		return nil, fmt.Errorf("eval: reading gold: %w", err)
	}
	return out, nil
}
