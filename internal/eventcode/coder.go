package eventcode

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
	"sync"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/ontology"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/timex"
)

// Coder codes events. Build one with [New]; it is safe for concurrent use.
type Coder struct {
	triggers map[string][]*trigger
	cues     map[string]phrases
	ctxWords phrases
	ctxOf    map[string]string
	// ontology is PLOVER's table of types and their modes.
	ontology *ontology.Table
	// toks holds *[]segment.Token for Process to reuse.
	toks sync.Pool
	// NoDates leaves every event date unknown (for tests of other attributes).
	NoDates bool
	// CountryName gives a state's name from its ISO 3166-1 alpha-3 code;
	// nil writes the code.
	CountryName func(iso3 string) string
	// MemberOf reports whether the actor person holds or held a role in the
	// actor org; nil knows of no memberships.
	MemberOf func(person, org string) bool
}

// New returns a Coder with the embedded English lexicons.
func New() (*Coder, error) {
	c := &Coder{}
	var err error
	// The word lists of every language go into one index: their words do
	// not collide.
	c.triggers, c.cues = map[string][]*trigger{}, map[string]phrases{}
	for _, lang := range []string{"en", "ar"} {
		ts, err := loadTriggers("data/triggers_" + lang + ".tsv")
		if err != nil {
			return nil, err
		}
		for w, list := range ts {
			c.triggers[w] = append(c.triggers[w], list...)
		}
		cs, err := loadCues("data/cues_" + lang + ".tsv")
		if err != nil {
			return nil, err
		}
		for class, p := range cs {
			if c.cues[class] == nil {
				c.cues[class] = phrases{}
			}
			for w, list := range p {
				c.cues[class][w] = append(c.cues[class][w], list...)
			}
		}
	}
	if c.ctxWords, c.ctxOf, err = loadContexts("data/context_en.tsv"); err != nil {
		return nil, err
	}
	if c.ontology, err = ontology.PLOVER(); err != nil {
		return nil, err
	}
	return c, nil
}

// part is a participant mention of a sentence, in token positions.
type part struct {
	m          *doc.Mention
	start, end int // tokens [start, end)
	attend     bool
	paren      bool
}

// sent is one sentence being coded.
type sent struct {
	c     *Coder
	a     *doc.Article
	s     doc.Sentence
	toks  []segment.Token
	words []string
	parts []part
	// places are location mentions (and states used as places)
	places  []part
	quoteAt []bool // token inside quotation marks
	trigs   []match
	// meeting holds the participants of the article's last meeting so far,
	// for sentences that speak of it without naming them.
	meeting   []part
	exprs     []timex.Expr // the sentence's time expressions, once found
	timesDone bool
	// prevActor is the actor of the sentence's previous event.
	prevActor []part
	// meetingSides holds that meeting's actors and recipients.
	meetingSides [2][]doc.Entity
	// pastContext reports that the previous sentence, in paragraph
	// prevPara, told background history.
	pastContext bool
	prevPara    int
}

// Process fills a.Events from a.Sentences and a.Mentions.
func (c *Coder) Process(ctx context.Context, a *doc.Article) error {
	a.Events = a.Events[:0]
	refYear := referenceYear(a)
	var meeting []part
	var sides [2][]doc.Entity
	past, prevPara := false, -1
	sents := make([]*sent, len(a.Sentences))
	refers := make([]bool, len(a.Sentences))
	mi := 0
	// One array holds the tokens of every sentence; each sentence keeps
	// its own part of it until Process returns.
	buf, _ := c.toks.Get().(*[]segment.Token)
	if buf == nil {
		buf = new([]segment.Token)
	}
	toks := (*buf)[:0]
	defer func() {
		*buf = toks[:0]
		c.toks.Put(buf)
	}()
	for si, s := range a.Sentences {
		if si%64 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		start := mi
		for mi < len(a.Mentions) && a.Mentions[mi].Sentence == si {
			mi++
		}
		if si == 0 && a.Title != "" && a.Text[s.Start:s.End] == a.Title && len(a.Sentences) > 1 && a.Sentences[len(a.Sentences)-1].Para > 0 {
			continue // the headline restates the story; events are coded from the body
		}
		n := len(toks)
		toks = segment.Tokenize(toks, a.Text, s.Start, s.End)
		st := c.newSent(a, s, toks[n:len(toks):len(toks)], a.Mentions[start:mi])
		sents[si] = st
		refers[si] = c.refersBack(st.words)
		st.meeting, st.meetingSides = meeting, sides
		st.pastContext, st.prevPara = past, prevPara
		past, prevPara = st.historical(refYear), s.Para
		for _, ev := range st.code(refYear) {
			ev.Sentence = si
			a.Events = append(a.Events, ev)
			if ev.EventType == "CONSULT" && ev.Status == doc.StatusOccurred {
				meeting = meetingParts(ev)
				sides = [2][]doc.Entity{ev.Actor, ev.Recipient}
			}
		}
	}
	c.addAttendees(a, sents)
	a.Events = merge(dropHostStates(a.Events), a)
	c.inheritSetting(a, refers)
	c.inferDates(a)
	c.storyContexts(a, sents)
	for i := range a.Events {
		a.Events[i].ID = eventID(a.ID, &a.Events[i])
	}
	return nil
}

func (c *Coder) newSent(a *doc.Article, s doc.Sentence, toks []segment.Token, ms []doc.Mention) *sent {
	st := &sent{c: c, a: a, s: s, toks: toks}
	st.words = make([]string, len(toks))
	st.quoteAt = make([]bool, len(toks))
	inQuote := false
	for i, t := range toks {
		st.words[i] = c.unglue(t.Norm) // already folded to lower case
		switch t.Norm {
		case "“", "«":
			inQuote = true
		case "”", "»":
			inQuote = false
		case "\"":
			inQuote = !inQuote
		}
		st.quoteAt[i] = inQuote
	}
	extend := -1
	for i := range ms {
		m := &ms[i]
		ts, te := tokenRange(toks, m.Span)
		if ts >= te {
			continue
		}
		p := part{m: m, start: ts, end: te}
		p.paren = ts > 0 && toks[ts-1].Norm == "("
		if m.Kind == doc.KindPlace {
			st.places = append(st.places, p)
			continue
		}
		p.attend = st.cueBefore("attend", ts, 1)
		if m.Kind == doc.KindOrg && i+1 < len(ms) && ms[i+1].Kind == doc.KindPerson && fold.Caseless(toks[ts].Norm) {
			if ns, _ := tokenRange(toks, ms[i+1].Span); ns == te {
				continue // "رئيس المجلس الرئاسي محمد المنفي": the person who heads the body
			}
		}
		if toks[te-1].Poss && i+1 < len(ms) && ms[i+1].Kind != doc.KindPlace {
			if ns, _ := tokenRange(toks, ms[i+1].Span); ns == te && ms[i+1].Kind != doc.KindPron {
				// "Libya's UN-backed government", "Egypt's Sisi": the possessor
				// only modifies; the next mention starts here
				extend = ts
				continue
			}
		}
		if extend >= 0 {
			p.start, extend = extend, -1
		}
		if te+1 < len(toks) && toks[te].Norm == "-" && !toks[te].Space && !toks[te+1].Space {
			continue // "the UN-backed government": the mention only modifies a noun
		}
		st.parts = append(st.parts, p)
	}
	return st
}

// tokenRange maps a byte span to the tokens it covers.
func tokenRange(toks []segment.Token, sp doc.Span) (int, int) {
	s := sort.Search(len(toks), func(i int) bool { return toks[i].End > sp.Start })
	e := s
	for e < len(toks) && toks[e].Start < sp.End {
		e++
	}
	return s, e
}

// cueBefore reports whether a cue of the class ends within dist words before token i.
func (st *sent) cueBefore(class string, i, dist int) bool {
	p := st.c.cues[class]
	for j := i - 1; j >= 0 && j >= i-dist-4; j-- {
		if n := p.at(st.words[j:i]); n > 0 && j+n >= i-dist {
			return true
		}
	}
	return false
}

// hasCue reports whether a cue of the class occurs in tokens [from, to).
func (st *sent) hasCue(class string, from, to int) bool {
	p := st.c.cues[class]
	for j := max(from, 0); j < to && j < len(st.words); j++ {
		if p.at(st.words[j:min(to, len(st.words))]) > 0 {
			return true
		}
	}
	return false
}

// match is a trigger found in a sentence.
type match struct {
	t          *trigger
	start, end int
}

// findTriggers returns the triggers of the sentence, longest first where
// they overlap, in order.
func (st *sent) findTriggers() []match {
	var out []match
	for i := 0; i < len(st.words); {
		best := match{}
		for _, t := range st.c.triggers[st.words[i]] {
			if end, ok := st.matchAt(t, i); ok && end-i > best.end-best.start && (t.noun || !st.notAVerb(i, end)) {
				best = match{t: t, start: i, end: end}
			}
		}
		if best.t == nil || st.compound(i) {
			// "UN-backed", "Tripoli-based": a participle glued to a noun by a
			// hyphen is an adjective, not a verb
			i++
			continue
		}
		out = append(out, best)
		i = best.end
	}
	return out
}

func (st *sent) matchAt(t *trigger, i int) (int, bool) {
	j := i
	for k, slot := range t.slots {
		if slot == nil {
			continue
		}
		if k > 0 && t.slots[k-1] == nil {
			found := false
			for g := j; g < len(st.words) && g <= j+5; g++ {
				if contains(slot, st.words[g]) {
					j, found = g+1, true
					break
				}
			}
			if !found {
				return 0, false
			}
			continue
		}
		// hyphens inside patterns ("build-up") are separate tokens in text,
		// and quotation marks may open inside one (stressed "the need ...)
		for j < len(st.words) && k > 0 && (st.words[j] == "-" || isQuote(st.words[j])) {
			j++
		}
		if j >= len(st.words) || !contains(slot, st.words[j]) {
			return 0, false
		}
		j++
	}
	return j, true
}

func contains(list []string, w string) bool {
	for _, x := range list {
		if x == w {
			return true
		}
	}
	return false
}

// eventID is a stable id for an event record of an article.
func eventID(articleID string, e *doc.Event) string {
	h := sha256.New()
	h.Write([]byte(articleID))
	h.Write([]byte{0})
	h.Write([]byte(e.EventType))
	for _, x := range e.Actor {
		h.Write([]byte{1})
		h.Write([]byte(x.ID))
	}
	for _, x := range e.Recipient {
		h.Write([]byte{2})
		h.Write([]byte(x.ID))
	}
	h.Write([]byte{3})
	h.Write([]byte(e.Text))
	return hex.EncodeToString(h.Sum(nil))[:16]
}

func quadOf(t string) string { return ontology.QuadOf(t) }

// compound reports whether token i is glued by a hyphen to the word before it.
func (st *sent) compound(i int) bool {
	return i >= 2 && st.toks[i-1].Norm == "-" && !st.toks[i-1].Space && !st.toks[i].Space
}

// notAVerb reports whether a verbal trigger at tokens [i, end) is not the
// verb of an event of its own:
//   - "accused of supporting", "praised for backing": a gerund that is what
//     the main verb is about;
//   - "Egypt's support", "its full support", "the visit": a noun;
//   - "to (strongly) support": the purpose of another act, unless a future
//     cue makes it a plan ("is due to hold talks");
//   - "the agreement, signed by Sudan": a participle that describes a noun.
func (st *sent) notAVerb(i, end int) bool {
	if i == 0 {
		return false
	}
	prev := st.words[i-1]
	switch prev {
	case "of", "for", "the", "a", "an", "its", "his", "her", "their", "our", "full", "continued", "strong", "firm", "this", "that":
		return true
	case "by", "after", "before", "while", "without":
		if strings.HasSuffix(st.words[i], "ing") {
			return true // "by signing agreements": the means of another act
		}
	}
	if st.toks[i-1].Poss || i >= 2 && st.toks[i-2].Poss && st.toks[i-1].Kind == segment.Word && !st.toks[i-1].Cap {
		return true // "Egypt's support", "Saddam's third visit"
	}
	if st.toks[i-1].Kind == segment.Word && !st.toks[i-1].Cap && adjectival(prev) {
		return true // "international support", "logistical aid": an adjective before a noun
	}
	j := i - 1
	if strings.HasSuffix(prev, "ly") && j > 0 {
		j--
	}
	if st.words[j] == "to" && !st.cueBefore("future", i, 3) && !st.travelBefore(j) {
		return true
	}
	if end < len(st.words) && st.words[end] == "by" && !st.passiveAt(i) && strings.HasSuffix(st.words[i], "ed") {
		return true // "support provided by the UK": a participle that describes a noun
	}
	return false
}

// passiveAt reports a form of "be" just before token i, unless i is an
// -ing form.
func (st *sent) passiveAt(i int) bool {
	if progressive(st.words[i]) {
		return false
	}
	for j := i - 1; j >= 0 && j >= i-2; j-- {
		switch st.words[j] {
		case "was", "were", "been", "being", "is", "are", "be":
			return true
		}
	}
	return false
}

// inheritSetting gives events told as part of the article's first meeting
// ("During the meeting, ...", "For his part, ...", "the two sides agreed")
// that meeting's date and place when their own sentence gives none.
func (c *Coder) inheritSetting(a *doc.Article, refers []bool) {
	anchor := -1
	for i, e := range a.Events {
		if e.EventType == "CONSULT" && e.Status == doc.StatusOccurred && (e.Date != "" || e.Location != nil) {
			anchor = i
			break
		}
	}
	if anchor < 0 {
		return
	}
	m := a.Events[anchor]
	for i := range a.Events {
		e := &a.Events[i]
		if i == anchor || e.Sentence <= m.Sentence || e.Status != doc.StatusOccurred {
			continue
		}
		if !refers[e.Sentence] {
			continue
		}
		if e.Date == "" && m.Date != "" {
			e.Date, e.DatePrecision, e.DateText = m.Date, m.DatePrecision, m.DateText
		}
		if e.Location == nil && m.Location != nil {
			e.Location = m.Location
		}
	}
}

// storyContexts gives each event with no context of its own what the
// article's first sentence (its headline, else its lead) is about; sents
// are the sentences coded, nil for a headline skipped.
func (c *Coder) storyContexts(a *doc.Article, sents []*sent) {
	if len(a.Sentences) == 0 {
		return
	}
	var words []string
	if sents[0] != nil {
		words = sents[0].words
	} else {
		s := a.Sentences[0]
		for _, t := range segment.Tokenize(nil, a.Text, s.Start, s.End) {
			words = append(words, c.unglue(t.Norm))
		}
	}
	story := c.contextsOf(words)
	for i := range a.Events {
		if e := &a.Events[i]; len(e.Context) == 0 {
			e.Context = append([]string{}, story...)
		}
	}
}

// inferDates dates the reported events whose text gives no date, nor
// the meeting they belong to: by the date of the article's first event
// its text dates, the time frame of the story, else by the publication
// day (news reports what just happened). DateText stays empty: the date
// is inferred.
func (c *Coder) inferDates(a *doc.Article) {
	if c.NoDates || a.Published.IsZero() || a.PublishedPrecision != "" && a.PublishedPrecision != doc.PrecisionDay {
		return
	}
	date, prec := a.Published.Format("2006-01-02"), doc.PrecisionDay
	for _, e := range a.Events {
		if e.Date != "" && e.Status == doc.StatusOccurred && e.DateText != "" {
			date, prec = e.Date, e.DatePrecision
			break
		}
	}
	for i := range a.Events {
		e := &a.Events[i]
		if e.Date == "" && e.Status == doc.StatusOccurred {
			e.Date, e.DatePrecision = date, prec
		}
	}
}

// refersBack reports whether a sentence refers back to a meeting already told.
func (c *Coder) refersBack(words []string) bool {
	p := c.cues["anaphor"]
	for i := range words {
		if p.at(words[i:]) > 0 {
			return true
		}
	}
	return false
}

func isQuote(w string) bool {
	switch w {
	case "\"", "“", "”", "'", "‘", "’", "«", "»":
		return true
	}
	return false
}

// addAttendees adds to a meeting the people a later sentence says attended
// it ("The meeting was attended by X and Y"), as further recipients.
func (c *Coder) addAttendees(a *doc.Article, sents []*sent) {
	last := -1 // the last meeting coded so far
	for si, st := range sents {
		here := -1
		for i := range a.Events {
			if a.Events[i].Sentence == si && a.Events[i].EventType == "CONSULT" && a.Events[i].Status == doc.StatusOccurred {
				here = i
			}
		}
		if st != nil {
			target := here // "held talks, chaired by X and Y"
			if target < 0 && c.refersBack(st.words) {
				target = last // "The meeting was attended by X and Y"
			}
			if target >= 0 {
				e := &a.Events[target]
				for _, p := range st.attendees() {
					if !hasEnt(e.Actor, p) {
						e.Recipient = appendEnt(e.Recipient, p)
					}
				}
			}
		}
		if here >= 0 {
			last = here
		}
	}
}

func hasEnt(list []doc.Entity, e doc.Entity) bool {
	for _, x := range list {
		if x.ID == e.ID && x.Name == e.Name {
			return true
		}
	}
	return false
}

// attendees returns the participants a sentence says took part in a
// meeting: after "attended by", "chaired by", "(also) involved".
func (st *sent) attendees() []doc.Entity {
	p := st.c.cues["attendee"]
	for i := range st.words {
		n := p.at(st.words[i:])
		if n == 0 {
			continue
		}
		for k, pt := range st.parts {
			if pt.start >= i+n && pt.start <= i+n+2 {
				return entities(st.coordinatedRight(k, len(st.words)))
			}
		}
	}
	return nil
}

// meetingParts turns a meeting's participants into parts that later
// sentences can use as participants.
func meetingParts(e doc.Event) []part {
	var out []part
	for _, x := range append(append([]doc.Entity(nil), e.Actor...), e.Recipient...) {
		m := &doc.Mention{Kind: doc.KindPerson, Entity: x}
		out = append(out, part{m: m, start: -1, end: -1})
	}
	return out
}

// historical reports whether the sentence is dated to background history:
// it names a year before the reference year and no later one.
func (st *sent) historical(refYear int) bool {
	if refYear == 0 {
		return false
	}
	old := false
	for _, t := range st.times() {
		if t.Year >= refYear {
			return false
		}
		if t.Year > 0 {
			old = true
		}
	}
	return old
}

// adjectival reports whether a word has the ending of an English adjective.
func adjectival(w string) bool {
	if len(w) < 5 {
		return false
	}
	for _, suf := range [...]string{"al", "ive", "ful", "ic", "ous", "ary"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// travelBefore reports whether a verb of travel or presence comes shortly
// before token j ("was in Türkiye to visit", "flew to Rome to sign"): the
// purpose is then the event the trip was for.
func (st *sent) travelBefore(j int) bool {
	p := st.c.cues["travel"]
	for k := j - 1; k >= 0 && k >= j-10; k-- {
		if p.at(st.words[k:j]) > 0 {
			return true
		}
	}
	return false
}

// times returns the sentence's time expressions, found once.
func (st *sent) times() []timex.Expr {
	if !st.timesDone {
		st.timesDone = true
		if !st.c.NoDates {
			st.exprs = timex.Find(st.a.Text[st.s.Start:st.s.End], timex.Ref{Time: st.a.Published, Precision: st.a.PublishedPrecision}, st.a.Lang)
		}
	}
	return st.exprs
}

// unglue strips the conjunction (و, ف) and the prepositions (ب, ل, ك) that
// Arabic writes joined to the next word, when what remains is a word the
// lexicons know: "وأشاد" is "أشاد", "بزيارة" is "زيارة".
func (c *Coder) unglue(w string) string {
	if !fold.Caseless(w) || c.known(w) {
		return w
	}
	for _, rest := range fold.Unglued(w) {
		if c.known(rest) {
			return rest
		}
	}
	return w
}

// known reports whether a word starts a trigger or a cue.
func (c *Coder) known(w string) bool {
	if len(c.triggers[w]) > 0 {
		return true
	}
	for _, p := range c.cues {
		if len(p[w]) > 0 {
			return true
		}
	}
	return false
}
