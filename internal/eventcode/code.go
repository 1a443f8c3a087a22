package eventcode

import (
	"sort"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
)

// code returns the events of one sentence.
func (st *sent) code(refYear int) []doc.Event {
	trigs := st.findTriggers()
	st.trigs = trigs
	if len(trigs) == 0 || len(st.parts) == 0 {
		return nil
	}
	times := st.times()
	var out []doc.Event
	seen := map[string]bool{} // one event per set of participants per sentence: the first verb's
	for ti, m := range trigs {
		if m.t.typ == "NONE" {
			continue
		}
		next := len(st.words)
		if ti+1 < len(trigs) {
			next = trigs[ti+1].start
		}
		actor, recip, ok := st.arguments(m, next)
		if !ok {
			continue
		}
		st.prevActor = actor
		// One event per set of participants: the first verb's. A meeting told
		// by a noun ("signed ... after talks in Ankara") is an event of its own.
		if k := partKey(actor, recip); seen[k] && !(m.t.noun && m.t.typ == "CONSULT") {
			continue
		} else {
			seen[k] = true
		}
		ev := doc.Event{
			ArticleID: st.a.ID,
			EventType: m.t.typ,
			Mode:      m.t.mode,
			Actor:     entities(actor),
			Recipient: entities(recip),
			Text:      st.a.Text[st.s.Start:st.s.End],
			Span:      [2]int{st.s.Start, st.s.End},
		}
		ev.Status = st.status(m, times, refYear)
		if ev.Status == doc.StatusPlanned {
			switch ev.EventType {
			case "CONSULT", "SUPPORT", "COOPERATE", "AID":
				ev.EventType, ev.Mode = "AGREE", ""
			case "RETREAT":
				ev.EventType = "CONCEDE"
			}
		}
		st.setDate(&ev, m, times)
		if ev.Status == doc.StatusOccurred && st.afterPublication(ev) {
			// dated after the report was published: announced, not yet done
			ev.Status = doc.StatusPlanned
			switch ev.EventType {
			case "CONSULT", "SUPPORT", "COOPERATE", "AID":
				ev.EventType, ev.Mode = "AGREE", ""
			case "RETREAT":
				ev.EventType = "CONCEDE"
			}
		}
		ev.Quad = quadOf(ev.EventType)
		loc := st.location(m)
		if ev.EventType == "RETREAT" && ev.Mode == "withdraw" {
			ev.Recipient, loc = leftState(ev.Recipient, loc)
		}
		ev.Location = loc
		if ev.EventType == "CONSULT" {
			ev.Mode = st.consultMode(m, ev, loc)
		}
		if ev.Mode == "" {
			ev.Mode = st.contentMode(m, ev.EventType)
		}
		ev.Context = st.contexts()
		if hasSector(ev, "MIL") && !contains(ev.Context, "military") {
			ev.Context = append(ev.Context, "military") // a meeting of soldiers is about military matters
			sort.Strings(ev.Context)
		}
		ev.Confidence = st.confidence(m, actor, recip)
		out = append(out, ev)
	}
	return out
}

// leftState moves the states out of a withdrawal's recipients: "mercenaries
// began to leave Libya" happened in Libya, and Libya is not whom it was
// for. The first becomes the location when there is none.
func leftState(recip []doc.Entity, loc *doc.Location) ([]doc.Entity, *doc.Location) {
	var kept []doc.Entity
	for _, r := range recip {
		if !strings.HasPrefix(r.ID, "s-") {
			kept = append(kept, r)
		} else if loc == nil {
			loc = &doc.Location{Name: r.Name, Country: r.Country}
		}
	}
	return kept, loc
}

func entities(ps []part) []doc.Entity {
	out := make([]doc.Entity, 0, len(ps))
	for _, p := range ps {
		if p.m.Kind == doc.KindPron && len(p.m.Refs) > 0 {
			for _, r := range p.m.Refs {
				out = appendEnt(out, r)
			}
			continue
		}
		out = appendEnt(out, p.m.Entity)
	}
	return out
}

func appendEnt(list []doc.Entity, e doc.Entity) []doc.Entity {
	for _, x := range list {
		if x.ID == e.ID && x.Name == e.Name {
			return list
		}
	}
	return append(list, e)
}

// arguments finds the actor and recipient of the trigger m; next is the
// start of the following trigger, which bounds the object search.
func (st *sent) arguments(m match, next int) (actor, recip []part, ok bool) {
	t := m.t
	if t.noun {
		actor, recip = st.nounArguments(m, next)
	} else if t.vso {
		// Arabic: verb, subject, object
		actor = st.object(m.end, next, t)
		if len(actor) > 0 {
			recip = st.object(actor[len(actor)-1].end, next, t)
		}
		if t.host && len(recip) > 0 {
			actor, recip = recip, actor
		}
	} else {
		actor = st.subject(m.start)
		if st.conjoinedVerb(m.start) {
			// "Haftar commended X and stressed Y", "X said ... and expressed":
			// the same subject as the verb before
			if len(st.prevActor) > 0 {
				actor = st.prevActor
			} else if sp := st.speaker(); sp != nil && sp.end <= m.start {
				actor = []part{*sp}
			}
		}
		recip = st.object(m.end, next, t)
		if st.passive(m) {
			by := st.byAgent(m.end, next)
			switch {
			case t.host: // "X was received by Y": X is the visitor
				recip = by
			case len(by) > 0:
				actor, recip = by, actor
				if len(recip) == 0 {
					// "Haftar's forces, who were backed by Russia and the UAE"
					recip = st.relativeAntecedent(m.start)
				}

			default:
				// "Qatar has been accused of ...": the subject suffered the act;
				// who did it is not said.
				actor, recip = nil, actor
			}
		} else if t.host && len(recip) > 0 {
			actor, recip = recip, actor
		}
	}
	if len(actor) == 0 {
		// Quoted or reported speech without a subject of its own ("X
		// confirmed that neighbouring countries were rejecting ..."): the
		// speaker makes the statement.
		if sp := st.speaker(); sp != nil && (st.quoteAt[m.start] || sp.end <= m.start && strings.HasPrefix(quadOf(t.typ), "verbal")) {
			actor = []part{*sp}
		}
	}
	if len(actor) == 0 && len(recip) == 0 && len(st.meeting) >= 2 && quadOf(t.typ) == "verbal_cooperation" && st.c.refersBack(st.words) {
		// "During the meeting, it was agreed to ...": the meeting's participants
		actor = st.meeting
	}
	// "Akar said Turkey supports ...": an official speaking for his own
	// state is the actor of what he says the state does.
	if len(actor) == 1 && actor[0].m.Kind == doc.KindState {
		if sp := st.speaker(); sp != nil && (sp.m.Kind == doc.KindPerson || sp.m.Kind == doc.KindRole || sp.m.Kind == doc.KindPron) && sp.m.Entity.Country == actor[0].m.Entity.Country && sp.end <= m.start {
			actor = []part{*sp}
		}
	}
	actor, recip = expandRefs(actor), expandRefs(recip)
	if len(recip) == 0 {
		actor, recip = st.splitSides(actor)
	}
	recip = minus(recip, actor)
	recip = st.dropOwnOrg(recip, actor)
	if quadOf(t.typ) == "verbal_cooperation" || t.typ == "COOPERATE" {
		actor, recip = dropOwnState(actor, recip)
	}
	if len(actor) == 0 {
		return nil, nil, false
	}
	if t.weak && len(recip) == 0 && len(actor) < 2 {
		return nil, nil, false
	}
	if t.place && len(recip) == 0 && next < len(st.words) && next > 0 && st.words[next-1] == "to" && st.consultAt(next) {
		// "travelled to Paris to meet with ...": the meeting is the event
		return nil, nil, false
	}
	if t.place && len(recip) == 0 {
		p := st.placeAfter(m.end, next)
		if p == nil && st.travelBefore(m.start) {
			p = st.placeBefore(m.start) // "was in Türkiye to visit the fair"
		}
		if p != nil && len(actor) > 0 && p.m.Entity.Country != "" && p.m.Entity.Country != actor[0].m.Entity.Country {
			// The host is the person of that country the sentence names
			// ("arrived in Paris upon an invitation from the French President"),
			// else the state itself.
			switch h := st.hostIn(p.m.Entity.Country, m.end, len(st.words)); {
			case h != nil && h.start >= next && st.meetingAt(next):
				// "arrived in Tripoli for a meeting with X": the meeting that
				// follows is the event, coded from its own trigger
				return nil, nil, false
			case h != nil:
				recip = []part{*h}
			default:
				recip = []part{st.stateOf(p)}
			}
		}
	}
	if len(recip) == 0 && len(actor) == 1 && (t.typ == "AGREE" || t.typ == "SUPPORT") {
		// "stressed the need for cooperation between Tunisia and Libya": the
		// partner is the other state of a pair that includes the actor's
		if p := st.partnerState(actor[0], m.end); p != nil {
			recip = []part{*p}
		}
	}
	if len(actor)+len(recip) < 2 && !monadic[t.typ] {
		return nil, nil, false
	}
	return actor, recip, true
}

// monadic lists the event types that news often reports with one
// participant: a request or refusal without an addressee, a withdrawal, an
// arrest. Every other type needs two.
var monadic = map[string]bool{"REQUEST": true, "REJECT": true, "RETREAT": true, "CONCEDE": true, "COERCE": true, "MOBILIZE": true, "PROTEST": true}

// subject finds the subject left of token i: the nearest participant that
// no preposition governs, with the participants coordinated with it.
func (st *sent) subject(i int) []part {
	for k := len(st.parts) - 1; k >= 0; k-- {
		p := st.parts[k]
		if p.end > i {
			continue
		}
		if st.hasCue("clause", p.end, i) {
			return nil
		}
		if p.attend || p.paren || st.governed(p) || st.toks[p.end-1].Poss && p.m.Kind != doc.KindPron {
			continue // "Moscow's support": a possessor modifies a noun, it is no subject
		}
		return st.coordinatedLeft(k)
	}
	return nil
}

// governed reports whether a preposition (or a possessive noun phrase such as
// "Libya's partners") rules the mention out as a subject or object.
func (st *sent) governed(p part) bool {
	if p.start == 0 {
		return false
	}
	j := p.start - 1
	if st.words[j] == "the" || st.words[j] == "his" || st.words[j] == "her" || st.words[j] == "its" {
		if j == 0 {
			return false
		}
		j--
	}
	if st.words[j] == "from" && j > 0 && st.c.cues["people"].at(st.words[j-1:j]) > 0 {
		return false // "officials from the Ministry of Interior discussed": the ministry acts
	}
	return st.c.cues["prep"].at(st.words[j:p.start]) > 0
}

// coordinatedLeft returns parts[k] with the participants before it joined by
// "and", "&" or commas.
func (st *sent) coordinatedLeft(k int) []part {
	out := []part{st.parts[k]}
	for j := k - 1; j >= 0; j-- {
		gap := st.words[st.parts[j].end:st.parts[j+1].start]
		if !isCoordination(gap) {
			break
		}
		if j == k-1 && len(gap) == 1 && gap[0] == "," {
			break // "..., Turkey has agreed": a comma before the subject ends a phrase, not a list
		}
		out = append([]part{st.parts[j]}, out...)
	}
	return out
}

func isCoordination(gap []string) bool {
	if len(gap) == 0 {
		return false // adjacent mentions modify each other ("Libya's UN-backed government")
	}
	if gap[0] == "," {
		gap = gap[1:]
	}
	if len(gap) >= 3 && len(gap) <= 10 && gap[0] == "and" && gap[len(gap)-1] == "," && (gap[1] == "the" || gap[1] == "his" || gap[1] == "her") {
		return true // "X and the Director of the General Commander's Office, Y": a title we did not read
	}
	if len(gap) >= 2 && gap[0] == "and" {
		// "and the country's chief of staff", "and his delegation"
		switch strings.Join(gap[1:], " ") {
		case "the", "his", "her", "its", "their", "the country", "the two":
			return true
		}
	}
	switch len(gap) {
	case 0:
		return true
	case 1:
		return gap[0] == "and" || gap[0] == "&"
	case 3:
		return gap[0] == "as" && gap[1] == "well" && gap[2] == "as"
	}
	return false
}

// object finds the object right of token i, before token next: the first
// participant, directly or after with/to/on/for, and those coordinated with it.
func (st *sent) object(i, next int, t *trigger) []part {
	for k, p := range st.parts {
		if p.start < i {
			continue
		}
		if p.start >= next || st.hasCue("clause", i, p.start) {
			return nil
		}
		if p.attend || p.paren {
			continue
		}
		if st.governed(p) {
			prev := st.words[p.start-1]
			if prev == "the" && p.start >= 2 {
				prev = st.words[p.start-2]
			}
			switch prev {
			case "with", "to", "on", "for", "upon", "مع", "الى":
			case "of", "by":
				// "praised the role of X", "the role played by X": the
				// owner of a short object phrase is the recipient
				if !st.shortPhrase(i, p.start) {
					continue
				}
			default:
				continue
			}
		}
		if p.start-i > 12 {
			return nil
		}
		return st.coordinatedRight(k, next)
	}
	return nil
}

func (st *sent) coordinatedRight(k, next int) []part {
	out := []part{st.parts[k]}
	for j := k + 1; j < len(st.parts) && st.parts[j].start < next; j++ {
		gap := st.words[st.parts[j-1].end:st.parts[j].start]
		if !isCoordination(gap) && !(len(gap) == 2 && gap[0] == "and" && (gap[1] == "with" || gap[1] == "the")) {
			break
		}
		out = append(out, st.parts[j])
	}
	return out
}

// passive reports "was received", "were accused", "has been signed"; "is
// visiting" is progressive, not passive.
func (st *sent) passive(m match) bool { return st.passiveAt(m.start) }

// progressive reports an English -ing form ("visiting", "meeting").
func progressive(w string) bool { return len(w) > 4 && strings.HasSuffix(w, "ing") && isASCII(w) }

// relativeAntecedent finds the participant a relative pronoun before the
// passive verb at i stands for: "the forces of X, who were backed by ...".
func (st *sent) relativeAntecedent(i int) []part {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch st.words[j] {
		case "who", "which", "that":
		default:
			continue
		}
		end := j
		if end > 0 && st.words[end-1] == "," {
			end--
		}
		for k := len(st.parts) - 1; k >= 0; k-- {
			if p := st.parts[k]; p.end <= end {
				if end-p.end <= 1 { // "Haftar's forces who": the noun after the possessor
					return []part{p}
				}
				return nil
			}
		}
		return nil
	}
	return nil
}

// byAgent finds "by X" after a passive verb.
func (st *sent) byAgent(i, next int) []part {
	for k, p := range st.parts {
		if p.start < i || p.start >= next {
			continue
		}
		if p.start > 0 && (st.words[p.start-1] == "by" || p.start > 1 && st.words[p.start-2] == "by" && st.words[p.start-1] == "the") {
			return st.coordinatedRight(k, next)
		}
	}
	return nil
}

// nounArguments reads the participants of a nominal trigger: "talks between
// X and Y", "X's visit to Y", "a meeting with Y" (with the clause's subject),
// "the X–Y talks".
func (st *sent) nounArguments(m match, next int) (actor, recip []part) {
	// between X and Y ("between Fathi Bashagha, Interior Minister of ..., and
	// Britain's ambassador, Nicolas Hopton")
	if m.end < len(st.words) && st.words[m.end] == "between" {
		first := st.coordinatedAfter(m.end+1, next)
		if len(first) == 1 {
			for j := first[0].end; j < len(st.words) && j < first[0].end+16; j++ {
				if st.words[j] == "and" {
					if second := st.coordinatedAfter(j+1, len(st.words)); len(second) > 0 && second[0].start <= j+3 {
						return append(first, second...), nil
					}
					break
				}
			}
		}
		return first, nil
	}
	// X's visit / X's talks
	for k := len(st.parts) - 1; k >= 0; k-- {
		p := st.parts[k]
		if p.end > m.start {
			continue
		}
		if st.toks[p.end-1].Poss && m.start-p.end <= 3 {
			actor = []part{p}
		}
		break
	}
	// "with Y", "to Y"; "held by X with Y"; "a meeting he held ... with Y"
	base := m.end
	for k := 0; k < len(st.parts); k++ {
		p := st.parts[k]
		if p.start < m.end || p.start >= next || p.start-base > 12 {
			continue
		}
		prev := st.words[p.start-1]
		if prev == "the" && p.start >= 2 {
			prev = st.words[p.start-2]
		}
		switch {
		case prev == "by" && len(actor) == 0:
			actor = st.coordinatedRight(k, next)
			k += len(actor) - 1
			base = st.parts[k].end
			continue
		case p.start == m.end && p.m.Kind == doc.KindPron && len(actor) == 0:
			actor = []part{p}
			base = p.end
			continue
		case prev == "with" || prev == "to" || prev == "مع" || fold.Caseless(st.words[m.start]) && p.start-m.end <= 6:
			// "a meeting with X"; Arabic "لقائه X", "his meeting [with] X"
			recip = st.coordinatedRight(k, next)
		default:
			continue // "in his office", "of the country": read on
		}
		break
	}
	if len(actor) == 0 && (len(recip) > 0 || st.verbBefore(m.start) || m.t.place && st.placeAfter(m.end, next) != nil) {
		// "X warned during a visit to Tripoli": the visitor is the clause's subject
		actor = st.subject(m.start)
		if len(actor) == 0 && len(recip) > 0 {
			actor = st.mainSubject(recip[len(recip)-1].end)
		}
	}
	return actor, recip
}

// mainSubject finds the subject of the main clause after a fronted phrase
// ("Following a meeting with X in Tripoli, Y said ..."): the first
// participant after the comma that ends the phrase, if nothing governs it.
func (st *sent) mainSubject(i int) []part {
	comma := -1
	for j := i; j < len(st.words); j++ {
		if st.words[j] == "," {
			comma = j
			if j+1 < len(st.words) && st.startsPlace(j+1) {
				continue // ", in Tripoli," belongs to the phrase
			}
			break
		}
	}
	if comma < 0 {
		return nil
	}
	for k, p := range st.parts {
		if p.start <= comma {
			continue
		}
		if p.start == comma+1 && !st.governed(p) {
			return st.coordinatedRight(k, len(st.words))
		}
		return nil
	}
	return nil
}

// startsPlace reports whether a place phrase ("in Tripoli") starts at token j.
func (st *sent) startsPlace(j int) bool {
	if st.words[j] != "in" && st.words[j] != "at" {
		return false
	}
	for _, p := range st.places {
		if p.start == j+1 || p.start == j+2 {
			return true
		}
	}
	return false
}

// verbBefore reports whether a verb that makes its subject a participant
// ("held", "had", "attended") precedes a nominal trigger.
func (st *sent) verbBefore(i int) bool {
	for j := i - 1; j >= 0 && j >= i-4; j-- {
		switch st.words[j] {
		case "held", "hold", "holds", "had", "has", "attended", "concluded", "began", "opened", "led", "during", "after", "following":
			return true // "held talks", "during meetings in Baghdad", "signed ... after talks"
		}
	}
	return false
}

func (st *sent) coordinatedAfter(i, next int) []part {
	for k, p := range st.parts {
		if p.start >= i && p.start < next {
			var out []part
			out = append(out, p)
			for j := k + 1; j < len(st.parts); j++ {
				gap := st.words[st.parts[j-1].end:st.parts[j].start]
				if !isCoordination(gap) {
					break
				}
				out = append(out, st.parts[j])
			}
			return out
		}
	}
	return nil
}

// speaker finds who speaks in the sentence: the participant next to a verb
// of saying ("he said", "said Lavrov", "according to X").
func (st *sent) speaker() *part {
	for k := range st.parts {
		p := &st.parts[k]
		if st.quoteAt[p.start] {
			continue
		}
		for j := p.end; j < len(st.words) && j <= p.end+4; j++ {
			// "he said", "Dbeibah for his part said"
			if st.c.cues["speech"].at(st.words[j:]) > 0 {
				return p
			}
			if j > p.end && st.words[j] == "," {
				break
			}
		}
		if st.cueBefore("speech", p.start, 1) {
			return p
		}
	}
	return nil
}

func minus(a, b []part) []part {
	var out []part
	for _, x := range a {
		dup := false
		for _, y := range b {
			if x.m.Entity.ID == y.m.Entity.ID && x.m.Entity.Name == y.m.Entity.Name {
				dup = true
			}
		}
		if !dup {
			out = append(out, x)
		}
	}
	return out
}

// placeAfter returns the first place mention after token i and before next.
func (st *sent) placeAfter(i, next int) *part {
	for k := range st.places {
		p := &st.places[k]
		if p.start >= i && p.start < next && p.start-i <= 4 {
			return p
		}
	}
	return nil
}

// stateOf turns a place into the state it lies in, as a participant.
func (st *sent) stateOf(p *part) part {
	m := *p.m
	m.Kind = doc.KindState
	e := m.Entity
	if e.ID == "" || !strings.HasPrefix(e.ID, "s-") {
		e = doc.Entity{ID: "s-" + strings.ToLower(e.Country), Name: countryName(st, e.Country), Country: e.Country, EntityText: e.EntityText}
	}
	m.Entity = e
	return part{m: &m, start: p.start, end: p.end}
}

func countryName(st *sent, iso3 string) string {
	if st.c.CountryName != nil {
		if n := st.c.CountryName(iso3); n != "" {
			return n
		}
	}
	return iso3
}

// partKey identifies a set of participants regardless of their roles.
func partKey(actor, recip []part) string {
	var ids []string
	for _, p := range append(append([]part(nil), actor...), recip...) {
		ids = append(ids, p.m.Entity.ID+"/"+p.m.Entity.Name)
	}
	sort.Strings(ids)
	return strings.Join(ids, ",")
}

// hostIn finds a person or role of the country named after token i and before next.
func (st *sent) hostIn(country string, i, next int) *part {
	for k := range st.parts {
		p := &st.parts[k]
		if p.start >= i && p.start < next && p.m.Entity.Country == country && (p.m.Kind == doc.KindPerson || p.m.Kind == doc.KindRole) {
			return p
		}
	}
	return nil
}

// dropOwnState removes, from events between a state and its own officials
// or bodies ("Turkey -> Hulusi Akar", "David Cameron <-> United Kingdom"),
// the state itself: such a pair is a misreading far more often than news.
func dropOwnState(actor, recip []part) ([]part, []part) {
	isState := func(p part) bool { return strings.HasPrefix(p.m.Entity.ID, "s-") }
	keep := func(ps, others []part) []part {
		own := map[string]bool{}
		for _, p := range others {
			if !isState(p) {
				own[p.m.Entity.Country] = true
			}
		}
		var out []part
		for _, p := range ps {
			if isState(p) && own[p.m.Entity.Country] {
				continue
			}
			out = append(out, p)
		}
		return out
	}
	// and on one side, a state next to its own body ("Damascus ... the
	// Syrian armed forces") is the body
	return keep(keep(actor, recip), actor), keep(keep(recip, actor), recip)
}

// shortPhrase reports whether tokens [i, j) are a short noun phrase: at
// most seven words with no comma, clause word or other participant.
func (st *sent) shortPhrase(i, j int) bool {
	if j-i > 8 {
		return false
	}
	for k := i; k < j; k++ {
		if st.words[k] == "," || st.words[k] == ";" || st.words[k] == "that" {
			return false
		}
		if k < j-2 && st.c.cues["prep"].at(st.words[k:k+1]) > 0 {
			return false // "an agreement under the supervision of X": X is no recipient
		}
	}
	for _, p := range st.parts {
		if p.start >= i && p.end <= j-1 {
			return false
		}
	}
	return true
}

func hasSector(e doc.Event, sector string) bool {
	for _, x := range append(append([]doc.Entity(nil), e.Actor...), e.Recipient...) {
		if x.Sector == sector {
			return true
		}
	}
	return false
}

// meetingAt reports whether a nominal meeting trigger ("a meeting", "talks")
// starts at token i.
func (st *sent) meetingAt(i int) bool {
	for _, m := range st.trigs {
		if m.start == i {
			return m.t.noun && m.t.typ == "CONSULT"
		}
	}
	return false
}

// partnerState finds, after token i, a state coordinated with the actor's
// own state ("between Tunisia and Libya"), and returns the other one.
func (st *sent) partnerState(actor part, i int) *part {
	c := actor.m.Entity.Country
	for k := 0; k+1 < len(st.parts); k++ {
		a, b := st.parts[k], st.parts[k+1]
		if a.start < i || !strings.HasPrefix(a.m.Entity.ID, "s-") || !strings.HasPrefix(b.m.Entity.ID, "s-") || !isCoordination(st.words[a.end:b.start]) {
			continue
		}
		switch c {
		case a.m.Entity.Country:
			return &st.parts[k+1]
		case b.m.Entity.Country:
			return &st.parts[k]
		}
	}
	return nil
}

// afterPublication reports whether an event is dated to a day after its
// article's publication day.
func (st *sent) afterPublication(ev doc.Event) bool {
	if ev.Date == "" || ev.DatePrecision != doc.PrecisionDay || st.a.Published.IsZero() {
		return false
	}
	return ev.Date > st.a.Published.Format("2006-01-02")
}

// dropOwnOrg removes recipients that are an organisation one of the actors
// belongs to ("Evkurov and Haftar will discuss cooperation with the LNA":
// Haftar commands the LNA, which is no third party).
func (st *sent) dropOwnOrg(recip, actor []part) []part {
	if st.c.MemberOf == nil || len(recip) == 0 {
		return recip
	}
	var out []part
	for _, r := range recip {
		own := false
		for _, a := range actor {
			if st.c.MemberOf(a.m.Entity.ID, r.m.Entity.ID) {
				own = true
				break
			}
		}
		if !own {
			out = append(out, r)
		}
	}
	return out
}

// placeBefore returns the last place mention within six tokens before token i.
func (st *sent) placeBefore(i int) *part {
	for k := len(st.places) - 1; k >= 0; k-- {
		p := &st.places[k]
		if p.end <= i && i-p.end <= 6 {
			return p
		}
	}
	return nil
}

// expandRefs turns a mention that stands for several entities ("the two
// leaders", "Libyan-French relations") into one part per entity.
func expandRefs(ps []part) []part {
	var out []part
	for _, p := range ps {
		if p.m.Kind != doc.KindPron || len(p.m.Refs) < 2 {
			out = append(out, p)
			continue
		}
		for _, r := range p.m.Refs {
			m := *p.m
			m.Entity, m.Refs = r, nil
			if strings.HasPrefix(r.ID, "s-") {
				m.Kind = doc.KindState
			} else {
				m.Kind = doc.KindPerson
			}
			out = append(out, part{m: &m, start: p.start, end: p.end, attend: p.attend, paren: p.paren})
		}
	}
	return out
}

// splitSides reads "both sides agreed", said of the participants of the
// last meeting, as that meeting's two sides: its actors acting with its
// recipients.
func (st *sent) splitSides(actor []part) ([]part, []part) {
	if len(actor) < 3 {
		return actor, nil
	}
	for _, p := range actor {
		if p.start != actor[0].start || p.end != actor[0].end {
			return actor, nil // not one group mention
		}
	}
	if len(st.meetingSides[1]) == 0 {
		return splitByCountry(actor)
	}
	var a, r []part
	for _, p := range actor {
		switch {
		case hasEnt(st.meetingSides[0], p.m.Entity):
			a = append(a, p)
		case hasEnt(st.meetingSides[1], p.m.Entity):
			r = append(r, p)
		default:
			return actor, nil
		}
	}
	if len(a) == 0 || len(r) == 0 {
		return actor, nil
	}
	return a, r
}

// splitByCountry divides a group into the people of one state and the
// others, when the group holds exactly one or two known states.
func splitByCountry(ps []part) ([]part, []part) {
	known := map[string]bool{}
	for _, p := range ps {
		if c := p.m.Entity.Country; c != "" {
			known[c] = true
		}
	}
	if len(known) == 0 || len(known) > 2 {
		return ps, nil
	}
	var side string
	for _, p := range ps {
		if p.m.Entity.Country != "" {
			side = p.m.Entity.Country // the last known state: "X and Y met A and B"
		}
	}
	var a, r []part
	for _, p := range ps {
		if p.m.Entity.Country == side {
			r = append(r, p)
		} else {
			a = append(a, p)
		}
	}
	if len(a) == 0 || len(r) == 0 {
		return ps, nil
	}
	return a, r
}

// conjoinedVerb reports whether the verb at token i is joined by "and" to
// an earlier verb of the sentence.
func (st *sent) conjoinedVerb(i int) bool {
	if i < 1 {
		return false
	}
	return st.words[i-1] == "and" || i >= 2 && st.words[i-2] == "and" && strings.HasSuffix(st.words[i-1], "ly")
}

// consultAt reports whether a meeting trigger starts at token i.
func (st *sent) consultAt(i int) bool {
	for _, m := range st.trigs {
		if m.start == i {
			return m.t.typ == "CONSULT"
		}
	}
	return false
}
