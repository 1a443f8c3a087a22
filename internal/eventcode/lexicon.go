package eventcode

import (
	"embed"
	"fmt"
	"strings"

	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// trigger is one pattern of the trigger lexicon.
type trigger struct {
	slots  [][]string // each slot: alternative folded words; a nil slot is a gap ("...")
	typ    string
	mode   string
	host   bool
	noun   bool
	weak   bool
	place  bool
	future bool
	// vso marks a verb that comes before its subject (Arabic).
	vso bool
	// text is the pattern as written, for messages.
	text string
}

// phrases is a set of short word sequences, indexed by first word.
type phrases map[string][][]string

func (p phrases) add(words []string) {
	if len(words) > 0 {
		p[words[0]] = append(p[words[0]], words)
	}
}

// at reports the length of the longest phrase that starts at words[0], or 0.
func (p phrases) at(words []string) int {
	best := 0
	for _, ph := range p[firstOr(words)] {
		if len(ph) <= len(words) && len(ph) > best && equalWords(ph, words[:len(ph)]) {
			best = len(ph)
		}
	}
	return best
}

func firstOr(w []string) string {
	if len(w) == 0 {
		return ""
	}
	return w[0]
}

func equalWords(a, b []string) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// readRows reads one of the embedded data files.
func readRows(name string, fn func(cols []string) error) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return fmt.Errorf("eventcode: %w", err)
	}
	if err := lexicon.Rows(b, name, func(_ int, cols []string) error { return fn(cols) }); err != nil {
		return fmt.Errorf("eventcode: %w", err)
	}
	return nil
}

// wordsOf folds a pattern slot's words; punctuation such as ';' stays a word.
func wordsOf(s string) []string {
	if w := fold.Words(s); len(w) > 0 {
		// keep "n't" and "build-up" readable: fold.Words splits at hyphens, as the tokenizer does
		return w
	}
	if s = strings.TrimSpace(s); s != "" {
		return []string{s}
	}
	return nil
}

// loadTriggers parses the trigger lexicon. A pattern "met|meet with" has two
// slots: the first with alternatives met and meet.
func loadTriggers(name string) (map[string][]*trigger, error) {
	idx := map[string][]*trigger{}
	err := readRows(name, func(cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want pattern and event type")
		}
		flags := ""
		mode := ""
		if len(cols) > 2 {
			mode = strings.TrimSpace(cols[2])
		}
		if len(cols) > 3 {
			flags = cols[3]
		}
		// Each '|' alternative of the whole pattern is a pattern of its own,
		// unless it contains "..." slots, which are parsed word by word.
		for _, alt := range strings.Split(cols[0], "|") {
			t := &trigger{typ: strings.TrimSpace(cols[1]), mode: mode, text: alt}
			for _, f := range strings.Split(flags, ",") {
				switch strings.TrimSpace(f) {
				case "host":
					t.host = true
				case "noun":
					t.noun = true
				case "weak":
					t.weak = true
				case "place":
					t.place = true
				case "future":
					t.future = true
				case "vso":
					t.vso = true
				case "", "speech":
				default:
					return fmt.Errorf("unknown flag %q", f)
				}
			}
			for _, part := range strings.Fields(alt) {
				if part == "..." {
					t.slots = append(t.slots, nil)
					continue
				}
				for _, w := range wordsOf(part) {
					t.slots = append(t.slots, []string{w})
				}
			}
			if len(t.slots) == 0 || t.slots[0] == nil {
				return fmt.Errorf("pattern %q must start with a word", alt)
			}
			for _, w := range t.slots[0] {
				idx[w] = append(idx[w], t)
			}
		}
		return nil
	})
	return idx, err
}

// loadCues reads the cue lists, by class.
func loadCues(name string) (map[string]phrases, error) {
	out := map[string]phrases{}
	err := readRows(name, func(cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want word and class")
		}
		p := out[cols[1]]
		if p == nil {
			p = phrases{}
			out[cols[1]] = p
		}
		p.add(cueWords(cols[0]))
		return nil
	})
	return out, err
}

// cueWords folds a cue phrase the way the tokenizer folds text ("n't" stays
// one word: the tokenizer reads "didn't" as "didn" "'" "t").
func cueWords(s string) []string {
	if s == "n't" {
		return []string{"t"}
	}
	return wordsOf(s)
}

// contextRow is one keyword of the context lexicon.
func loadContexts(name string) (phrases, map[string]string, error) {
	p := phrases{}
	ctx := map[string]string{}
	err := readRows(name, func(cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want word and context")
		}
		w := wordsOf(cols[0])
		p.add(w)
		ctx[strings.Join(w, " ")] = strings.TrimSpace(cols[1])
		return nil
	})
	return p, ctx, err
}
