package eventcode

import (
	"sort"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/timex"
)

// status decides whether the event occurred, is planned, negated,
// hypothetical or background history.
func (st *sent) status(m match, times []timex.Expr, refYear int) string {
	if st.cueBefore("negation", m.start, 3) {
		return doc.StatusNegated
	}
	clauseStart := st.clauseStart(m.start)
	if st.hasCue("hypothetical", clauseStart, m.start) {
		return doc.StatusHypothetical
	}
	if refYear > 0 {
		for _, t := range times {
			if t.Year > 0 && t.Year < refYear && st.nearTrigger(t, m) {
				return doc.StatusHistorical
			}
		}
	}
	if st.pastContext && len(times) == 0 && st.s.Para == st.prevPara && len(st.words) > 0 && st.c.cues["backref"].at(st.words) > 0 {
		// "His campaign was backed by ...": the sentence goes on with the
		// history the previous one told
		return doc.StatusHistorical
	}
	if st.c.cues["background"].at(st.words) > 0 {
		return doc.StatusHistorical // "It is noteworthy that X visited Rome last October"
	}
	if len(st.words) > 0 && st.words[0] == "since" && len(times) == 0 {
		// "Since the uprising, the United States has spent ...": a long-running state of affairs
		return doc.StatusHistorical
	}
	if m.t.future || st.cueBefore("future", m.start, 4) {
		return doc.StatusPlanned
	}
	return doc.StatusOccurred
}

// clauseStart returns the token after the last clause boundary before i.
func (st *sent) clauseStart(i int) int {
	for j := i - 1; j >= 0; j-- {
		if st.words[j] == ";" || st.words[j] == "," && j+1 < i && (st.words[j+1] == "but" || st.words[j+1] == "which") {
			return j + 1
		}
	}
	return 0
}

// nearTrigger reports whether a time expression belongs to the trigger's
// clause: within twelve tokens of it.
func (st *sent) nearTrigger(t timex.Expr, m match) bool {
	ts, _ := tokenRange(st.toks, doc.Span{Start: st.s.Start + t.Start, End: st.s.Start + t.End})
	d := ts - m.start
	if d < 0 {
		d = -d
	}
	return d <= 12
}

// setDate gives the event the date of the time expression that belongs to
// its trigger ([timex.Best]).
func (st *sent) setDate(ev *doc.Event, m match, times []timex.Expr) {
	ev.DatePrecision = doc.PrecisionUnknown
	anchor := st.toks[m.start].Start - st.s.Start
	t, ok := timex.Best(times, anchor)
	if !ok {
		return
	}
	ev.DateText = t.Text
	if t.Date != "" {
		ev.Date = t.Date
		ev.DatePrecision = t.Precision
	}
	if t.Weekday && ev.Status == doc.StatusOccurred && st.afterPublication(*ev) && st.pastTense(m) {
		// "met Conte on Wednesday" in Tuesday's paper: last Wednesday,
		// not tomorrow
		if d, err := time.Parse(time.DateOnly, ev.Date); err == nil {
			ev.Date = d.AddDate(0, 0, -7).Format(time.DateOnly)
		}
	}
}

// pastTense reports whether the trigger's verb is in the past tense: an
// English -ed form, an irregular past (cue class pasttense: "met", "held"),
// or after an auxiliary of the past ("has", "was").
func (st *sent) pastTense(m match) bool {
	w := st.words[m.start]
	if st.c.cues["pasttense"].at(st.words[m.start:]) > 0 || st.cueBefore("pasttense", m.start, 1) {
		return true
	}
	return len(w) > 3 && strings.HasSuffix(w, "ed") && w == strings.ToLower(w) && isASCII(w)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// location finds where the event happened: a place after "in", "at" or
// similar, preferring the one nearest after the trigger.
func (st *sent) location(m match) *doc.Location {
	var best *part
	for k := range st.places {
		p := &st.places[k]
		if p.start == 0 {
			continue
		}
		prev := st.words[p.start-1]
		if prev == "the" && p.start >= 2 {
			prev = st.words[p.start-2]
		}
		if prev == "capital" || prev == "," {
			if p.start >= 3 {
				prev = st.words[p.start-3]
			}
			if prev == "the" || prev == "capital" {
				prev = "in"
			}
		}
		visited := m.t.place && !m.t.noun && p.start == m.end // "visited Benghazi"
		if prev != "in" && prev != "at" && !(m.t.place && (prev == "to" || prev == "into")) && !visited {
			continue
		}
		if st.insidePart(p) || st.namesArea(p) {
			continue // "the US Military Command in Africa": part of a name
		}
		if strings.HasPrefix(p.m.Entity.ID, "s-") && !m.t.place && (p.start > m.end+4 || p.start < m.start-6) {
			continue // "discussed ... the developments in Libya": the topic, not the place
		}
		if strings.HasPrefix(p.m.Entity.ID, "s-") && st.topicOf(p, m) {
			continue // "discussed the situation in Libya"
		}
		if best == nil || p.start >= m.end && (best.start < m.end || p.start < best.start) {
			best = p
		}
	}
	if best == nil {
		return st.visitedState(m)
	}
	if town := st.townOf(best); town != nil {
		best = town
	}
	e := best.m.Entity
	return &doc.Location{Name: e.Name, Country: e.Country}
}

// visitedState is where a verb of travel took its subject when its object
// is a state: "visited Libya" happened in Libya, "visited Moscow" (Russia,
// named by its capital) in Moscow.
func (st *sent) visitedState(m match) *doc.Location {
	if !m.t.place || m.t.noun {
		return nil
	}
	for k := range st.parts {
		p := &st.parts[k]
		if p.start != m.end || p.m.Kind != doc.KindState {
			continue
		}
		e := p.m.Entity
		if st.toks[p.end-1].Poss {
			// "visited Italy's capital, Rome": the city named next
			for k := range st.parts {
				if q := &st.parts[k]; q.start > p.end && q.start <= p.end+3 && q.m.Entity.Country == e.Country {
					return &doc.Location{Name: st.a.Text[q.m.Start:q.m.End], Country: e.Country}
				}
			}
			return &doc.Location{Name: e.Name, Country: e.Country}
		}
		name := e.Name
		if t := st.a.Text[p.m.Start:p.m.End]; fold.Phrase(t) != fold.Phrase(name) {
			name = t // the capital that stands for the state
		}
		return &doc.Location{Name: name, Country: e.Country}
	}
	return nil
}

// topicOf reports whether place p ends a noun phrase after the trigger,
// "the <noun> in p" ("the situation in Libya", "the crisis in Sudan"): what
// was talked of, not where.
func (st *sent) topicOf(p *part, m match) bool {
	i := p.start - 1 // "in"
	if i < 2 || st.words[i] != "in" || i-1 < m.end {
		return false
	}
	n := i - 1
	return !st.toks[n].Cap && st.toks[n].Kind == segment.Word && st.words[n-1] == "the"
}

// namesArea reports whether place p follows "in" after a capitalised head
// of an organisation (cue class orgarea): "Command in Africa", "Mission in
// Libya" name the organisation, not where the event happened.
func (st *sent) namesArea(p *part) bool {
	i := p.start - 1
	if i >= 0 && st.words[i] == "the" {
		i--
	}
	if i < 1 || st.words[i] != "in" {
		return false
	}
	return st.toks[i-1].Cap && st.c.cues["orgarea"].at(st.words[i-1:i]) > 0
}

// townOf returns the place right after p in "p in T" when T is a town or
// city, not a state: the town of a facility ("Benina airport in
// Benghazi"), where events are placed; nil otherwise.
func (st *sent) townOf(p *part) *part {
	for k := range st.places {
		t := &st.places[k]
		if t.start != p.end+1 || st.words[p.end] != "in" {
			continue
		}
		if strings.HasPrefix(t.m.Entity.ID, "s-") || t.m.Kind != doc.KindPlace || t.m.Entity.Name == "" {
			return nil
		}
		return t
	}
	return nil
}

// consultMode refines the mode of a meeting: phone, visit or multilateral.
func (st *sent) consultMode(m match, ev doc.Event, loc *doc.Location) string {
	if m.t.mode == "phone" || st.hasCue("phone", 0, len(st.words)) {
		return "phone"
	}
	if m.t.mode != "" {
		return m.t.mode
	}
	// A meeting between parties of different states has one side abroad.
	if len(ev.Recipient) > 0 && len(ev.Actor) > 0 && ev.Actor[0].Country != "" && ev.Recipient[0].Country != "" && ev.Actor[0].Country != ev.Recipient[0].Country {
		return "visit"
	}
	if loc != nil && len(ev.Actor) > 0 && loc.Country != "" {
		if ev.Actor[0].Country != loc.Country || len(ev.Recipient) > 0 && ev.Recipient[0].Country == loc.Country && ev.Actor[0].Country != loc.Country {
			return "visit"
		}
		if len(ev.Recipient) > 0 && ev.Recipient[0].Country != loc.Country {
			return "visit"
		}
	}
	return ""
}

// contentMode is the mode the words after the trigger say, for types whose
// mode is what was asked or refused (REQUEST, REJECT): the first word of a
// cue class "mode:<mode>" whose mode PLOVER defines for the type ("called
// for the withdrawal of" yield, "urged ... to provide" assist).
func (st *sent) contentMode(m match, eventType string) string {
	t, ok := st.c.ontology.Lookup(eventType)
	if !ok || len(t.Modes) == 0 {
		return ""
	}
	for i := m.end; i < len(st.words); i++ {
		for _, mode := range t.Modes {
			if st.c.cues["mode:"+mode].at(st.words[i:]) > 0 {
				return mode
			}
		}
	}
	return ""
}

// contexts lists what the sentence is about.
func (st *sent) contexts() []string { return st.c.contextsOf(st.words) }

// contextsOf lists what the words are about.
func (c *Coder) contextsOf(words []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for i := range words {
		n := c.ctxWords.at(words[i:])
		if n == 0 {
			continue
		}
		label := c.ctxOf[strings.Join(words[i:i+n], " ")]
		if label != "" && !seen[label] {
			seen[label] = true
			out = append(out, label)
		}
	}
	sort.Strings(out)
	return out
}

// confidence is a rough score of how sure the coder is of an event.
func (st *sent) confidence(m match, actor, recip []part) float64 {
	c := 0.5
	if len(recip) > 0 {
		c += 0.2
	}
	for _, p := range append(append([]part(nil), actor...), recip...) {
		if strings.HasPrefix(p.m.Entity.ID, "x-") || strings.HasPrefix(p.m.Entity.ID, "r-") {
			c -= 0.05
		}
	}
	if m.t.noun || m.t.weak {
		c -= 0.1
	}
	if st.s.Para == 0 {
		c -= 0.1
	}
	if c < 0.05 {
		c = 0.05
	}
	return float64(int(c*100+0.5)) / 100
}

// referenceYear is the first year that is not background: events dated
// before it are history. With a publication date it is the year before
// publication ("more than about a year before"); without one, the latest
// year the article names, which is the best guess of its present.
func referenceYear(a *doc.Article) int {
	if !a.Published.IsZero() {
		return a.Published.Year() - 1
	}
	return timex.LatestYear(a.Text)
}

// insidePart reports whether a place lies within a participant's mention.
func (st *sent) insidePart(pl *part) bool {
	for _, p := range st.parts {
		if pl.start >= p.start && pl.end <= p.end {
			return true
		}
	}
	return false
}
