package ner

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/lexicon"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/timex"
)

//go:embed data/*.tsv
var dataFS embed.FS

// Finder finds and resolves entity mentions. Build one with [New]; it is
// safe for concurrent use.
type Finder struct {
	kb      *kb.KB
	words   map[string]map[string]string // class → word → value
	orghead map[string]string
	// govs lists, by country, the organisations the knowledge base dates as
	// a government of that country, for "the Libyan government".
	govs map[string][]*kb.Actor
	// bufs holds *sentenceBufs for Process to reuse.
	bufs sync.Pool
}

// sentenceBufs are the arrays one sentence is read into; each sentence is
// done with them when the next is read.
type sentenceBufs struct {
	toks  []segment.Token
	items []item
}

// New returns a Finder over the knowledge base k.
func New(k *kb.KB) (*Finder, error) {
	f := &Finder{kb: k, words: map[string]map[string]string{}}
	for _, name := range []string{"data/en.tsv", "data/ar.tsv"} {
		if err := f.loadWords(name); err != nil {
			return nil, fmt.Errorf("ner: %w", err)
		}
	}
	f.orghead = f.words["orghead"]
	f.govs = governments(k)
	return f, nil
}

// loadWords reads one word list (word, class, value) into f.words. Words
// are folded as tokens are, so "إلى" matches however it was written.
func (f *Finder) loadWords(name string) error {
	b, err := dataFS.ReadFile(name)
	if err != nil {
		return err
	}
	return lexicon.Rows(b, name, func(_ int, cols []string) error {
		if len(cols) < 2 {
			return fmt.Errorf("want word and class")
		}
		val := ""
		if len(cols) > 2 {
			val = cols[2]
		}
		m := f.words[cols[1]]
		if m == nil {
			m = map[string]string{}
			f.words[cols[1]] = m
		}
		m[fold.Word(cols[0])] = val
		return nil
	})
}

// governments indexes the organisations whose dated roles call them a
// government.
func governments(k *kb.KB) map[string][]*kb.Actor {
	out := map[string][]*kb.Actor{}
	for _, a := range k.Actors() {
		if a.Kind != kb.KindOrg || a.Sector != "GOV" {
			continue
		}
		for _, r := range a.Roles {
			if strings.Contains(strings.ToLower(r.Title), "government") {
				out[a.Country] = append(out[a.Country], a)
				break
			}
		}
	}
	return out
}

// governmentOf returns the government of a country on day: the only one
// the knowledge base dates then, or among rivals the internationally
// recognised one. It returns nil when it cannot tell.
func (f *Finder) governmentOf(country string, day time.Time) *kb.Actor {
	if day.IsZero() {
		return nil
	}
	var active []*kb.Actor
	var recognised *kb.Actor
	for _, a := range f.govs[country] {
		r, ok := a.RoleAt(day)
		if !ok || !strings.Contains(strings.ToLower(r.Title), "government") {
			continue
		}
		active = append(active, a)
		t := strings.ToLower(r.Title)
		if strings.Contains(t, "recognised") || strings.Contains(t, "recognized") {
			recognised = a
		}
	}
	switch {
	case len(active) == 1:
		return active[0]
	case recognised != nil:
		return recognised
	}
	return nil
}

func (f *Finder) is(class, word string) bool {
	_, ok := f.words[class][word]
	return ok
}

// Process fills a.Mentions from a.Sentences and a.Text.
func (f *Finder) Process(ctx context.Context, a *doc.Article) error {
	sc := &scope{date: a.Published}
	if sc.date.IsZero() {
		// Without a publication date, roles are read as of the middle of the
		// latest year the article names.
		if y := timex.LatestYear(a.Text); y > 0 {
			sc.date = time.Date(y, 7, 1, 0, 0, 0, 0, time.UTC)
			sc.guessed = true
		}
	}
	b, _ := f.bufs.Get().(*sentenceBufs)
	if b == nil {
		b = &sentenceBufs{}
	}
	defer f.bufs.Put(b)
	a.Mentions = a.Mentions[:0]
	for si, s := range a.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		b.toks = segment.Tokenize(b.toks[:0], a.Text, s.Start, s.End)
		b.items = f.chunk(b.items, a.Text, b.toks)
		toks, items := b.toks, b.items
		// A headline is set in title case: its capitalised words are not names.
		sc.headline = si == 0 && s.Para == 0 && a.Title != "" && len(a.Sentences) > 1
		ms := f.compose(a.Text, toks, items, sc)
		for i := range ms {
			ms[i].Sentence = si
		}
		a.Mentions = append(a.Mentions, ms...)
		sc.endSentence(ms)
	}
	return nil
}

// Mentions finds the mentions of one sentence on its own, for tests and tools.
func (f *Finder) Mentions(text string, date time.Time) []doc.Mention {
	sc := &scope{date: date}
	toks := segment.Tokenize(nil, text, 0, len(text))
	return f.compose(text, toks, f.chunk(nil, text, toks), sc)
}
