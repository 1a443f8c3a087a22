package eval

import (
	"slices"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// side is one article's events on the gold or the system side, prepared for
// matching.
type side struct {
	events   []*event
	pairs    []pair
	excluded int
	// entities holds every gold entity of the article, whatever the status
	// of its event (gold side only).
	entities []*goldEntity
}

func goldSide(a *GoldArticle) *side {
	s := &side{}
	for i := range a.Events {
		g := &a.Events[i]
		ev := &event{typ: normType(g.EventType), mode: g.Mode, date: g.Date, prec: g.DatePrecision,
			context: g.Context, location: locationName(g.Location), text: g.Text}
		for j := range g.Actor {
			ev.actor = append(ev.actor, party{gold: newGoldEntity(&g.Actor[j])})
		}
		for j := range g.Recipient {
			ev.recip = append(ev.recip, party{gold: newGoldEntity(&g.Recipient[j])})
		}
		for _, p := range slices.Concat(ev.actor, ev.recip) {
			s.entities = append(s.entities, p.gold)
		}
		if excluded(g.Status) {
			s.excluded++
			continue
		}
		s.add(ev)
	}
	return s
}

func systemSide(a *doc.Article) *side {
	s := &side{}
	if a == nil {
		return s
	}
	for i := range a.Events {
		e := &a.Events[i]
		if excluded(e.Status) {
			s.excluded++
			continue
		}
		ev := &event{typ: normType(e.EventType), mode: e.Mode, date: e.Date, prec: string(e.DatePrecision),
			context: e.Context, location: locationName(e.Location), text: e.Text}
		for j := range e.Actor {
			ev.actor = append(ev.actor, party{sys: newSysEntity(&e.Actor[j])})
		}
		for j := range e.Recipient {
			ev.recip = append(ev.recip, party{sys: newSysEntity(&e.Recipient[j])})
		}
		s.add(ev)
	}
	return s
}

func (s *side) add(ev *event) {
	s.events = append(s.events, ev)
	s.pairs = append(s.pairs, expand(ev)...)
}

func locationName(l *doc.Location) string {
	if l == nil {
		return ""
	}
	return fold(l.Name)
}

// Score compares system articles with the gold, matching articles by ID, and
// returns the report. Gold articles absent from sys count as all missed;
// system articles absent from the gold are ignored. When sys holds several
// articles with one ID, the first is used.
func Score(gold []GoldArticle, sys []*doc.Article) *Report {
	byID := map[string]*doc.Article{}
	for _, a := range sys {
		if a != nil {
			if _, dup := byID[a.ID]; !dup {
				byID[a.ID] = a
			}
		}
	}
	r := &Report{}
	er := newERCounter()
	goldIDs := map[string]bool{}
	for i := range gold {
		g := &gold[i]
		goldIDs[g.ID] = true
		s, ok := byID[g.ID]
		r.scoreArticle(g, s, !ok, er)
	}
	for id := range byID {
		if !goldIDs[id] {
			r.ExtraArticles++
		}
	}
	for _, m := range []*PRF{&r.Strict, &r.Quad, &r.Dyad, &r.Context} {
		m.finish()
	}
	for _, a := range []*Accuracy{&r.Date, &r.Location, &r.Mode, &r.Published} {
		a.finish()
	}
	r.Entities = er.score()
	return r
}

// scoreArticle scores one gold article against its system article (nil when
// missing) and adds the results to r.
func (r *Report) scoreArticle(g *GoldArticle, s *doc.Article, missing bool, er *erCounter) {
	gs, ss := goldSide(g), systemSide(s)
	r.Articles++
	if missing {
		r.MissingArticles++
	}
	r.GoldEvents += len(gs.events)
	r.SystemEvents += len(ss.events)
	r.GoldExcluded += gs.excluded
	r.SystemExcluded += ss.excluded

	ar := ArticleReport{ID: g.ID, Missing: missing}
	for _, lv := range []level{strict, quadLevel, dyadLevel} {
		gp, sp := dedup(gs.pairs, lv.key), dedup(ss.pairs, lv.key)
		gm := lv.match(gp, sp)
		m := counts(gm, len(sp))
		m.finish()
		switch lv {
		case strict:
			ar.Strict = m
			r.Strict.add(m)
			ar.Pairs = outcomes(gp, sp, gm)
			r.attributes(gp, sp, gm)
		case quadLevel:
			ar.Quad = m
			r.Quad.add(m)
		case dyadLevel:
			ar.Dyad = m
			r.Dyad.add(m)
		}
	}
	var pub time.Time
	if s != nil {
		pub = s.Published
	}
	ar.GoldPublished = g.Published
	ar.SystemPublished = formatAt(pub, normPrecision(g.PublishedPrecision))
	ar.PublishedOK = ar.SystemPublished == dateOnly(g.Published)
	r.Published.count(ar.PublishedOK)
	r.Details = append(r.Details, ar)
	er.addArticle(gs, ss)
}

// counts turns a matching into TP, FP and FN.
func counts(gm []int, nsys int) PRF {
	var m PRF
	for _, j := range gm {
		if j >= 0 {
			m.TP++
		} else {
			m.FN++
		}
	}
	m.FP = nsys - m.TP
	return m
}

// attributes scores date, location, mode and context on strict matches.
func (r *Report) attributes(gp, sp []pair, gm []int) {
	for i, j := range gm {
		if j < 0 {
			continue
		}
		g, s := gp[i].ev, sp[j].ev
		r.Date.count(strings.TrimSpace(g.date) == strings.TrimSpace(s.date) &&
			normPrecision(g.prec) == normPrecision(s.prec))
		r.Location.count(g.location == s.location)
		r.Mode.count(normLabel(g.mode) == normLabel(s.mode))
		gc, sc := labelSet(g.context), labelSet(s.context)
		for c := range gc {
			if sc[c] {
				r.Context.TP++
			} else {
				r.Context.FN++
			}
		}
		for c := range sc {
			if !gc[c] {
				r.Context.FP++
			}
		}
	}
}

func normLabel(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func labelSet(ls []string) map[string]bool {
	set := map[string]bool{}
	for _, l := range ls {
		if l = normLabel(l); l != "" {
			set[l] = true
		}
	}
	return set
}

// normPrecision maps a date precision to its canonical form; "" is unknown.
func normPrecision(p string) string {
	if p = normLabel(p); p == "" {
		return string(doc.PrecisionUnknown)
	}
	return p
}

// dateOnly keeps the YYYY-MM-DD part of a gold date or time.
func dateOnly(s string) string {
	s = strings.TrimSpace(s)
	if len(s) > 10 && s[4] == '-' && s[7] == '-' {
		return s[:10]
	}
	return s
}

// formatAt writes t as YYYY-MM-DD at a precision: the first day of its week
// (Monday), month or year for the coarser ones, and to the day at day or
// unknown precision. A zero t is "".
func formatAt(t time.Time, prec string) string {
	if t.IsZero() {
		return ""
	}
	y, m, d := t.Date()
	switch doc.Precision(prec) {
	case doc.PrecisionWeek:
		back := (int(t.Weekday()) + 6) % 7
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	case doc.PrecisionMonth:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	case doc.PrecisionYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
	}
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format(time.DateOnly)
}

// outcomes lists the strict-level result of every pair.
func outcomes(gp, sp []pair, gm []int) []PairOutcome {
	var out []PairOutcome
	used := make([]bool, len(sp))
	for i, j := range gm {
		o := PairOutcome{Outcome: Missed, Gold: view(gp[i])}
		if j >= 0 {
			used[j] = true
			o.Outcome, o.System = Matched, view(sp[j])
		}
		out = append(out, o)
	}
	for j, p := range sp {
		if !used[j] {
			out = append(out, PairOutcome{Outcome: Spurious, System: view(p)})
		}
	}
	return out
}

func view(p pair) *PairView {
	return &PairView{EventType: p.typ, Actor: p.a.label(), Recipient: p.b.label(),
		Unordered: p.mutual || symmetric(p.typ), Text: p.ev.text}
}
