package ner

import (
	"github.com/parleyhq/parley/internal/fold"

	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/segment"
)

type itemKind uint8

const (
	itOther   itemKind = iota
	itTitle            // a title or office
	itDemonym          // "Libyan"
	itState            // "Libya"
	itCapital          // "Moscow"
	itPlace            // "Benghazi", "Fezzan"
	itActor            // a known actor's name or alias
	itName             // capitalised words that may be an unknown name
	itPron             // he, she, his, her
)

// item is a run of tokens [start, end) with what the index says of it.
type item struct {
	kind       itemKind
	start, end int
	entries    []kb.Entry
	title      *kb.Title
	country    string
	actor      *kb.Actor
	place      *kb.Place
	// hintLen is, in a name run, the number of tokens of the known name it
	// contains (its actor is then a hint, not a resolution).
	hintLen int
}

// chunk cuts a sentence's tokens into items, appended to dst[:0].
func (f *Finder) chunk(dst []item, text string, toks []segment.Token) []item {
	items := dst[:0]
	trie := f.kb.Index()
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.Kind != segment.Word {
			items = append(items, item{kind: itOther, start: i, end: i + 1})
			i++
			continue
		}
		first := t.Norm
		word := func(j int) string {
			tok := toks[i+j]
			if j == 0 {
				return first
			}
			if toks[i+j-1].Poss {
				return "\x00" // a possessive ends a phrase
			}
			if tok.Kind == segment.Punct && (tok.Norm == "-" || tok.Norm == "–") {
				return ""
			}
			if tok.Kind == segment.Punct && tok.Norm == "." {
				return "" // "Lt. Gen."
			}
			return tok.Norm
		}
		n, entries := trie.LongestFunc(len(toks)-i, word)
		if n == 0 && fold.Caseless(t.Norm) {
			// Arabic glues و, ف, ب, ل to the next word: "والنيجر" is "النيجر"
			for _, w := range fold.Unglued(t.Norm) {
				first = w
				if n, entries = trie.LongestFunc(len(toks)-i, word); n > 0 {
					break
				}
			}
		}
		if n > 0 {
			if it, ok := f.pick(text, toks, i, i+n, entries); ok {
				items = append(items, it)
				i += n
				continue
			}
		}
		switch {
		case f.is("pron", t.Norm) && !t.Cap || f.is("pron", t.Norm) && i == 0:
			items = append(items, item{kind: itPron, start: i, end: i + 1})
		case f.nameLike(toks, i):
			items = append(items, item{kind: itName, start: i, end: i + 1})
		default:
			items = append(items, item{kind: itOther, start: i, end: i + 1})
		}
		i++
	}
	return f.mergeNames(toks, items)
}

// nameLike reports whether token i may be part of a name.
func (f *Finder) nameLike(toks []segment.Token, i int) bool {
	t := toks[i]
	if t.Kind != segment.Word {
		return false
	}
	if !t.Cap {
		// Scripts without case give no sign of a name: their names come only
		// from the knowledge base.
		return false
	}
	if f.is("stop", t.Norm) {
		return false
	}
	return true
}

// pick chooses what a matched phrase stands for. Names of actors, states,
// demonyms and places must be capitalised; titles need not be.
func (f *Finder) pick(text string, toks []segment.Token, start, end int, entries []kb.Entry) (item, bool) {
	capital := toks[start].Cap || fold.Caseless(toks[start].Norm)
	best := -1
	rank := func(k kb.EntryKind) int {
		switch k {
		case kb.EntryActor:
			return 6
		case kb.EntryState:
			return 5
		case kb.EntryTitle:
			return 4
		case kb.EntryDemonym:
			return 3
		case kb.EntryCapital:
			return 2
		case kb.EntryPlace:
			return 1
		}
		return 0
	}
	for i, e := range entries {
		if e.Kind != kb.EntryTitle && !capital {
			continue
		}
		if e.Kind != kb.EntryTitle && end-start == 1 && len(toks[start].Norm) <= 3 && !upper(text[toks[start].Start:toks[start].End]) && len(toks[start].Norm) <= 2 {
			continue // "US" must be written US, not "Us"
		}
		if best < 0 || rank(e.Kind) > rank(entries[best].Kind) {
			best = i
		}
	}
	if best < 0 {
		return item{}, false
	}
	e := entries[best]
	it := item{start: start, end: end, entries: entries, country: e.Country, actor: e.Actor, place: e.Place, title: e.Title}
	switch e.Kind {
	case kb.EntryActor:
		it.kind = itActor
	case kb.EntryState:
		it.kind = itState
	case kb.EntryTitle:
		it.kind = itTitle
	case kb.EntryDemonym:
		it.kind = itDemonym
	case kb.EntryCapital:
		it.kind = itCapital
	case kb.EntryPlace:
		it.kind = itPlace
	}
	return it, true
}

func upper(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'a' && s[i] <= 'z' {
			return false
		}
	}
	return true
}

// mergeNames joins adjacent name-like items into one itName run: unknown
// capitalised words, connectors between them (al, bin, -), and known person
// names that continue a run ("Abdel Hamid" + "Dabaiba").
//
// It merges in place: out never overtakes the item read.
func (f *Finder) mergeNames(toks []segment.Token, items []item) []item {
	out := items[:0]
	for i := 0; i < len(items); i++ {
		it := items[i]
		if !f.runPart(it, false) {
			out = append(out, it)
			continue
		}
		run := it
		j := i + 1
		for j < len(items) {
			nx := items[j]
			if toks[items[j-1].end-1].Poss {
				break
			}
			if f.runPart(nx, false) && !twoNames(run, nx) {
				run = joinRun(run, nx)
				j++
				continue
			}
			// connectors and hyphens followed by another name part ("bin", "al-", "-")
			c := j
			for c < len(items) && c-j < 3 && f.connector(toks, items[c]) {
				c++
			}
			if c > j && c < len(items) && f.runPart(items[c], true) {
				run = joinRun(run, items[c])
				j = c + 1
				continue
			}
			break
		}
		out = append(out, run)
		i = j - 1
	}
	return out
}

// runPart reports whether it may be part of a personal name run.
func (f *Finder) runPart(it item, afterConnector bool) bool {
	switch it.kind {
	case itName:
		return true
	case itActor:
		return it.actor != nil && it.actor.Kind == kb.KindPerson
	}
	return false
}

func (f *Finder) connector(toks []segment.Token, it item) bool {
	if it.end-it.start != 1 {
		return false
	}
	t := toks[it.start]
	if t.Kind == segment.Punct {
		return (t.Norm == "-" || t.Norm == "‑") && !t.Space
	}
	return !t.Cap && f.is("connector", t.Norm)
}

// joinRun extends a name run with the next part; the result is an unknown
// name unless both parts are the same known actor.
func joinRun(a, b item) item {
	out := item{kind: itName, start: a.start, end: b.end}
	if a.kind == itActor && b.kind == itActor && a.actor == b.actor {
		out.kind, out.actor, out.entries = itActor, a.actor, a.entries
	} else if a.kind == itActor {
		out.actor, out.hintLen = a.actor, a.end-a.start // a hint: the run contains this known name
	} else if a.actor != nil {
		out.actor, out.hintLen = a.actor, a.hintLen
	} else if b.kind == itActor {
		out.actor, out.hintLen = b.actor, b.end-b.start
	}
	return out
}

// twoNames reports whether two adjacent items are the full names of two
// known people ("محمد المنفي عبد الفتاح السيسي"), which must stay apart.
func twoNames(a, b item) bool {
	return a.kind == itActor && b.kind == itActor && a.actor != b.actor && a.end-a.start >= 2 && b.end-b.start >= 2
}
