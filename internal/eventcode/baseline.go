package eventcode

import (
	"context"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/segment"
)

// Baseline is the naive coder the evaluation compares against: any two
// known entities in one sentence with a meeting verb make a CONSULT event
// between them.
type Baseline struct{ C *Coder }

// Process fills a.Events the naive way.
func (b Baseline) Process(ctx context.Context, a *doc.Article) error {
	a.Events = a.Events[:0]
	mi := 0
	var toks []segment.Token
	for si, s := range a.Sentences {
		start := mi
		for mi < len(a.Mentions) && a.Mentions[mi].Sentence == si {
			mi++
		}
		toks = segment.Tokenize(toks[:0], a.Text, s.Start, s.End)
		st := b.C.newSent(a, s, toks, a.Mentions[start:mi])
		meeting := false
		for _, m := range st.findTriggers() {
			if m.t.typ == "CONSULT" && !m.t.noun {
				meeting = true
			}
		}
		if !meeting {
			continue
		}
		var ents []doc.Entity
		for _, p := range st.parts {
			ents = appendEnt(ents, p.m.Entity)
		}
		if len(ents) < 2 {
			continue
		}
		ev := doc.Event{ArticleID: a.ID, EventType: "CONSULT", Quad: quadOf("CONSULT"), Status: doc.StatusOccurred,
			DatePrecision: doc.PrecisionUnknown, Actor: ents[:2], Recipient: []doc.Entity{}, Context: []string{},
			Text: a.Text[s.Start:s.End], Span: [2]int{s.Start, s.End}, Sentence: si, Confidence: 0.1}
		ev.ID = eventID(a.ID, &ev)
		a.Events = append(a.Events, ev)
	}
	return nil
}
