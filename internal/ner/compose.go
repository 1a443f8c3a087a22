package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/segment"
)

// composer turns one sentence's items into mentions.
type composer struct {
	f     *Finder
	text  string
	toks  []segment.Token
	items []item
	sc    *scope
	out   []doc.Mention
}

// role is what a title and its modifiers say of a person.
type role struct {
	title   *kb.Title
	country string
	sector  string
	org     *kb.Actor
	start   int // first item of the title phrase (modifiers included)
	end     int // item after the title phrase and its complement
}

func (f *Finder) compose(text string, toks []segment.Token, items []item, sc *scope) []doc.Mention {
	c := &composer{f: f, text: text, toks: toks, items: items, sc: sc}
	for k := 0; k < len(c.items); {
		k = c.step(k)
	}
	return c.out
}

// step composes the mention that starts at item k and returns the next item.
func (c *composer) step(k int) int {
	it := c.items[k]
	if r, ok := c.titleAt(k); ok {
		return c.titled(r)
	}
	switch it.kind {
	case itName, itActor:
		if it.kind == itName && c.credit(k) {
			return k + 2 // "TRIPOLI, May 6 (Example Wire) -": the agency of a dateline
		}
		if it.kind == itActor && it.actor.Kind != kb.KindPerson {
			return c.org(k, it.actor, "")
		}
		if it.kind == itName && c.orgRun(it) {
			return c.unknownOrg(k, k, "")
		}
		return c.named(k, role{start: k, end: k})
	case itDemonym:
		if n := c.demonymPair(k); n > k {
			return n
		}
		if k+1 < len(c.items) && c.items[k+1].kind == itName && c.orgRun(c.items[k+1]) {
			return c.unknownOrg(k, k+1, it.country)
		}
		if k+1 < len(c.items) && c.items[k+1].kind == itActor && c.items[k+1].actor.Kind != kb.KindPerson {
			return c.org(k+1, c.items[k+1].actor, "")
		}
		if n := c.coordinatedGroups(k); n > k {
			return n
		}
		if end, sector, ok := c.groupAfter(k); ok {
			return c.groupOf(k, end, it.country, sector, end)
		}
		if k+1 < len(c.items) && (c.items[k+1].kind == itName && !c.orgRun(c.items[k+1]) || c.items[k+1].kind == itActor && c.items[k+1].actor.Kind == kb.KindPerson) {
			return c.named(k+1, role{start: k, end: k + 1, country: it.country}) // "Qatari Emir Tamim"
		}
		return k + 1
	case itState:
		if !c.poss(it) {
			if n := c.coordinatedGroups(k); n > k {
				return n // "US and Iraqi officials"
			}
			if end, sector, ok := c.groupAfter(k); ok && c.wordIs(c.items[end], "delegation", "delegations", "officials", "government", "authorities", "side", "forces", "troops", "military", "army") {
				return c.groupOf(k, end, it.country, sector, end) // "a US delegation", "Russian forces"
			}
		}
		return c.state(k, k, it.country, "")
	case itCapital:
		if c.afterPlacePrep(k) || c.followedByGovWord(k) {
			return c.place(k)
		}
		return c.state(k, k, it.country, "")
	case itPlace:
		if n := c.localBody(k); n > k {
			return n
		}
		return c.place(k)
	case itPron:
		return c.pron(k)
	}
	if n := c.group(k); n > k {
		return n
	}
	return k + 1
}

// tokText returns the text of items [a, b].
func (c *composer) span(a, b int) doc.Span {
	s := c.toks[c.items[a].start].Start
	e := c.toks[c.items[b].end-1].End
	return doc.Span{Start: s, End: e}
}

func (c *composer) itemText(it item) string {
	return c.text[c.toks[it.start].Start:c.toks[it.end-1].End]
}

func (c *composer) norm(it item) string {
	if it.end-it.start != 1 {
		return ""
	}
	return c.toks[it.start].Norm
}

func (c *composer) wordIs(it item, words ...string) bool {
	n := c.norm(it)
	for _, w := range words {
		if n == w {
			return true
		}
	}
	return false
}

func (c *composer) poss(it item) bool { return c.toks[it.end-1].Poss }

func (c *composer) afterPlacePrep(k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		n := c.norm(c.items[j])
		if n == "the" || n == "capital" || n == "," {
			continue
		}
		return c.f.is("placeprep", n)
	}
	return false
}

func (c *composer) followedByGovWord(k int) bool {
	return false
}

// orgRun reports whether a name run names an organisation.
func (c *composer) orgRun(it item) bool {
	for i := it.start; i < it.end; i++ {
		if _, ok := c.f.orghead[c.toks[i].Norm]; ok && c.toks[i].Cap {
			return true
		}
	}
	return false
}

// groupAfter reads a group of people after a demonym: "Libyan authorities",
// "Israeli troops", "Libyan border security officers" (up to two lower-case
// words before the group noun). It returns the last item and the sector
// the noun implies.
func (c *composer) groupAfter(k int) (int, string, bool) {
	first := c.items[k].end // first token after the demonym
	for j := k + 1; j < len(c.items) && c.items[j].end-first <= 3; j++ {
		it := c.items[j]
		switch it.kind {
		case itOther, itName, itTitle:
		default:
			return 0, "", false
		}
		for t := it.start; t < it.end; t++ {
			tok := c.toks[t]
			if tok.Kind != segment.Word {
				return 0, "", false
			}
			if sector, ok := c.f.words["groupnoun"][tok.Norm]; ok && t == it.end-1 {
				if s := c.pluralTitleSector(first, t); s != "" {
					sector = s // "defence ministers" are the defence ministers' sector
				}
				return j, sector, true
			}
			if c.f.is("stop", tok.Norm) || !tok.Cap && !c.f.is("groupmod", tok.Norm) && t > first+1 {
				return 0, "", false
			}
			if c.f.is("placeprep", tok.Norm) || c.f.is("verbish", tok.Norm) {
				return 0, "", false
			}
		}
	}
	return 0, "", false
}

// pluralTitleSector reads tokens [from, to] as a plural title ("interior
// ministers", "defense ministers") and returns its sector, or "".
func (c *composer) pluralTitleSector(from, to int) string {
	if t := c.pluralTitle(from, to); t != nil {
		return t.Sector
	}
	return ""
}

// pluralTitle reads tokens [from, to] as a plural title and returns the
// title, or nil.
func (c *composer) pluralTitle(from, to int) *kb.Title {
	var words []string
	for t := from; t <= to; t++ {
		words = append(words, c.toks[t].Norm)
	}
	last := words[len(words)-1]
	if !strings.HasSuffix(last, "s") {
		return nil
	}
	words[len(words)-1] = strings.TrimSuffix(last, "s")
	for i := range words {
		if n, es := c.f.kb.Index().Longest(words[i:]); n == len(words)-i {
			for _, e := range es {
				if e.Kind == kb.EntryTitle {
					return e.Title
				}
			}
		}
	}
	return nil
}

// coordinatedGroups reads "the Libyan and Tunisian interior ministers", "US
// and Iraqi officials": demonyms joined by "and" or commas before one group
// noun, which make one group mention per country.
func (c *composer) coordinatedGroups(k int) int {
	demonyms := []int{k}
	j := k + 1
	for j+1 < len(c.items) && (c.wordIs(c.items[j], "and") || c.norm(c.items[j]) == ",") && (c.items[j+1].kind == itDemonym || c.items[j+1].kind == itState && !c.poss(c.items[j+1])) {
		demonyms = append(demonyms, j+1)
		j += 2
	}
	if len(demonyms) < 2 {
		return k
	}
	end, sector, ok := c.groupAfter(demonyms[len(demonyms)-1])
	if !ok {
		return k
	}
	// "the Libyan and Tunisian interior ministers": each country's holder
	// of the title when the article named him, else the state (the
	// knowledge base's holder is not named here).
	last := demonyms[len(demonyms)-1]
	t := c.pluralTitle(c.items[last+1].start, c.items[end].end-1)
	for _, d := range demonyms {
		if t != nil && t.Class == "office" {
			if p := c.sc.byRole(t.Role, c.items[d].country, c.f.kb); p != nil {
				sp := c.span(d, d)
				ent := p.ent
				ent.EntityText = c.text[sp.Start:sp.End]
				c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindRole, Entity: ent})
				continue
			}
		}
		c.groupOf(d, d, c.items[d].country, sector, end)
	}
	return end + 1
}

// groupOf composes a mention of a state's people or institutions (items
// [from, k]): the state itself for its government, else a group of the
// state in a sector ("Israeli troops": Israel, MIL).
func (c *composer) groupOf(from, k int, country, sector string, noun int) int {
	// "the Turkish delegation", "the Libyan side", "the Qatari minister" in
	// an article that has named that country's official stand for him.
	if c.wordIs(c.items[noun], "delegation", "delegations") {
		if refs := c.ledBy(noun + 1); len(refs) > 0 {
			// "a US delegation led by X and Y": the delegation is X and Y, here
			// and whenever the article mentions it again
			c.sc.delegation(country, refs)
			return k + 1
		}
		if refs := c.sc.delegations[country]; len(refs) > 0 {
			sp := c.span(from, k)
			c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: refs[0], Refs: append([]doc.Entity(nil), refs...)})
			return k + 1
		}
	}
	if sector == "GOV" || sector == "MIL" {
		if p := c.sc.byCountry(country); p != nil && c.f.is("standin", c.norm(c.items[noun])) {
			sp := c.span(from, k)
			ent := p.ent
			ent.EntityText = c.text[sp.Start:sp.End]
			c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: ent, Refs: []doc.Entity{ent}})
			return k + 1
		}
	}
	if c.norm(c.items[noun]) == "government" {
		if g := c.f.governmentOf(country, c.sc.date); g != nil && !c.sc.guessed {
			sp := c.span(from, k)
			ent := doc.Entity{ID: g.ID, Name: g.Name, Country: g.Country, Sector: g.Sector, EntityText: c.text[sp.Start:sp.End]}
			c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: ent})
			return k + 1
		}
	}
	if sector == "GOV" || sector == "" || c.f.is("standin", c.norm(c.items[noun])) {
		// a state's government, officials or people stand for the state
		return c.state(from, k, country, "")
	}
	cn := c.f.kb.Country(country)
	if cn == nil {
		return k + 1
	}
	sp := c.span(from, k)
	text := c.text[sp.Start:sp.End]
	// "Israeli troops": the state's people in that sector, one actor per state and sector
	ent := doc.Entity{ID: cn.Actor.ID + "-" + strings.ToLower(sector), Name: text, Country: cn.ISO3, Sector: sector, EntityText: text}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: ent})
	return k + 1
}

// titleAt reports whether a title phrase starts at item k: optional "the",
// a demonym or a possessive state or organisation, modifiers, then a title.
func (c *composer) titleAt(k int) (role, bool) {
	r := role{start: k}
	j := k
	if c.wordIs(c.items[j], "the", "his", "her", "their", "its") {
		j++
	}
	for j < len(c.items) {
		it := c.items[j]
		switch {
		case it.kind == itDemonym && r.country == "":
			r.country = it.country
			j++
			continue
		case (it.kind == itState || it.kind == itCapital) && r.country == "" && (c.poss(it) || j+1 < len(c.items) && c.items[j+1].kind == itTitle):
			r.country = it.country
			j++
			continue
		case it.kind == itActor && it.actor.Kind != kb.KindPerson && r.org == nil && (c.poss(it) || c.titleFollows(j+1)):
			// "LNA's commander", "AFRICOM leader General Michael Langley",
			// "Libyan National Army (LNA) Commander Khalifa Haftar"
			r.org = it.actor
			j++
			if c.parenAt(j) {
				j += 3
			}
			continue
		case c.f.is("modifier", c.norm(it)):
			j++
			continue
		}
		break
	}
	if j >= len(c.items) || c.items[j].kind != itTitle {
		return role{}, false
	}
	// A lone rank or honorific must precede a name.
	t := c.items[j].title
	r.title = t
	r.sector = t.Sector
	j++
	j = c.complement(j, &r)
	// "Prime Minister ... and Minister of Defence": a second title joins the first.
	if j+1 < len(c.items) && c.wordIs(c.items[j], "and") && c.items[j+1].kind == itTitle && c.items[j+1].title.Class != "rank" {
		j = c.complement(j+2, &r)
	}
	r.end = j
	if r.org != nil {
		if r.country == "" {
			r.country = r.org.Country
		}
		if r.sector == "" || r.sector == "GOV" && r.org.Sector == "MIL" {
			r.sector = r.org.Sector
		}
	}
	return r, true
}

// complement reads "of the Libyan Government", "to Libya", "in Libya" after a title.
func (c *composer) complement(j int, r *role) int {
	// Arabic puts the nationality or the state after the title:
	// "وزير الداخلية الليبي", "مستشار الأمن القومي بالمملكة المتحدة".
	if j < len(c.items) && r.country == "" && fold.Caseless(c.toks[c.items[j].start].Norm) {
		if it := c.items[j]; it.kind == itDemonym || it.kind == itState || it.kind == itCapital {
			r.country = it.country
			j++
			// "السفير البريطاني في العراق": the post comes after the nationality
			if j+1 < len(c.items) && c.norm(c.items[j]) == "في" && (c.items[j+1].kind == itState || c.items[j+1].kind == itCapital) {
				j += 2
			}
			return j
		}
	}
	if j >= len(c.items) || !c.wordIs(c.items[j], "of", "for", "in", "to") {
		return j
	}
	k := j + 1
	if k < len(c.items) && c.wordIs(c.items[k], "the") {
		k++
	}
	for k < len(c.items) && c.f.is("modifier", c.norm(c.items[k])) {
		k++
	}
	if k >= len(c.items) {
		return j
	}
	it := c.items[k]
	switch {
	case it.kind == itState && k+1 < len(c.items) && c.items[k+1].kind == itName && c.orgRun(c.items[k+1]):
		// "of the US Military Command in Africa"
		if r.country == "" {
			r.country = it.country
		}
		if s := c.headSector(c.items[k+1]); s != "" && (r.sector == "" || r.sector == "GOV") {
			r.sector = s
		}
		end := k + 2
		if end+1 < len(c.items) && c.wordIs(c.items[end], "in") && (c.items[end+1].kind == itPlace || c.items[end+1].kind == itState || c.items[end+1].kind == itCapital) {
			end += 2 // the name's own "in Africa"
		}
		return end
	case (it.kind == itState || it.kind == itCapital) && c.poss(it) && k+1 < len(c.items) && (c.items[k+1].kind == itActor && c.items[k+1].actor.Kind != kb.KindPerson || c.items[k+1].kind == itName && c.orgRun(c.items[k+1])):
		// "of Libya's Presidential Council"
		if r.country == "" {
			r.country = it.country
		}
		if c.items[k+1].kind == itActor {
			r.org = c.items[k+1].actor
		}
		return k + 2
	case it.kind == itState || it.kind == itCapital:
		if r.country == "" {
			r.country = it.country
		}
		return k + 1
	case it.kind == itActor && it.actor.Kind != kb.KindPerson:
		r.org = it.actor
		return k + 1
	case it.kind == itTitle:
		// "Chief of Staff to the President of the French Republic": a title
		// inside the complement brings its own complement.
		inner := role{title: it.title}
		end := c.complement(k+1, &inner)
		if end < len(c.items) && (c.items[end].kind == itName && !c.orgRun(c.items[end]) || c.items[end].kind == itActor && c.items[end].actor.Kind == kb.KindPerson) && end+1 < len(c.items) && c.norm(c.items[end+1]) == "," {
			// "the special envoy of President Emmanuel Macron, Paul Soler": the
			// name in the complement is the one the envoy serves
			if inner.country == "" {
				if a := c.lookupPerson(c.itemText(c.items[end]), ""); a != nil {
					inner.country = a.Country
				}
			}
			end++
		}
		if r.country == "" {
			r.country = inner.country
		}
		if r.org == nil {
			r.org = inner.org
		}
		return end
	case it.kind == itDemonym && k+1 < len(c.items) && (c.items[k+1].kind == itName && c.orgRun(c.items[k+1]) || c.items[k+1].kind == itActor && c.items[k+1].actor.Kind != kb.KindPerson):
		if r.country == "" {
			r.country = it.country
		}
		if c.items[k+1].kind == itActor {
			r.org = c.items[k+1].actor
		} else if s := c.headSector(c.items[k+1]); s != "" && r.sector == "" {
			r.sector = s
		}
		return k + 2
	case it.kind == itName && c.orgRun(it):
		if s := c.headSector(it); s != "" && r.sector == "" {
			r.sector = s
		}
		return k + 1
	}
	return j
}

// headSector is the sector the last organisation head word of a run implies.
func (c *composer) headSector(it item) string {
	s := ""
	for i := it.start; i < it.end; i++ {
		if v, ok := c.f.orghead[c.toks[i].Norm]; ok {
			s = v
		}
	}
	return s
}

// titled composes a mention from a title phrase: with the name that follows
// it, a person; without one, a role.
func (c *composer) titled(r role) int {
	j := r.end
	// "the head of the Iraqi Mission in Libya, Omar Zelten": the name after
	// the comma, past the rest of the body's name and area.
	for _, at := range []int{r.end, c.bodyTail(r.end)} {
		if at >= len(c.items) || c.norm(c.items[at]) != "," || at+1 >= len(c.items) {
			continue
		}
		k := at + 1
		if c.quoteAt(k) && k+1 < len(c.items) {
			k++ // the head of the mission, "Abdullah Batili,"
		}
		if n := c.items[k]; ((n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson)) && !c.speaks(k) {
			j = k // "the prime minister, Langley said": Langley is the speaker, not the minister
			break
		}
	}
	if j < len(c.items) {
		n := c.items[j]
		if (n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson) {
			return c.named(j, r)
		}
	}
	// "the Deputy Commander of the US Military Forces in Africa (AFRICOM)
	// John Brennan": the rest of the body's name and its area stand between
	// the title and the acronym.
	if k := c.bodyTail(j); k > j && c.parenAt(k) && k+3 < len(c.items) {
		if n := c.items[k+3]; (n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson) {
			return c.named(k+3, r)
		}
	}
	// "the Chief of Staff to the President, General Vincent Girod": a rank
	// and a name after the comma take the role before it.
	if c.parenAt(j) {
		j += 3
		// "the Deputy Commander of the US Military Forces in Africa (AFRICOM) John Brennan"
		if j < len(c.items) {
			if n := c.items[j]; (n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson) {
				return c.named(j, r)
			}
		}
	}
	// "AFRICOM leader General Michael Langley": a rank between the title and the name
	if j+1 < len(c.items) && c.items[j].kind == itTitle && c.items[j].title.Class == "rank" {
		if n := c.items[j+1]; (n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson) {
			if r.sector == "" {
				r.sector = c.items[j].title.Sector
			}
			return c.named(j+1, r)
		}
	}
	if j < len(c.items) && c.norm(c.items[j]) == "," && j+1 < len(c.items) {
		if r2, ok := c.titleAt(j + 1); ok && r2.end < len(c.items) {
			if n := c.items[r2.end]; (n.kind == itName && !c.orgRun(n)) || (n.kind == itActor && n.actor.Kind == kb.KindPerson) {
				if r.country == "" {
					r.country = r2.country
				}
				if r.sector == "" {
					r.sector = r2.sector
				}
				return c.named(r2.end, r)
			}
		}
	}
	if n, ok := c.caselessName(j, &r); ok {
		return c.named(n, r)
	}
	if r.title.Class == "rank" || r.title.Class == "person" && r.country == "" && r.org == nil {
		return r.end
	}
	c.roleMention(r)
	return r.end
}

// caselessName reads, in a script without capitals, the name a title phrase
// ends with ("وزير الداخلية الليبي العميد عاشور شوايل"): an optional rank or
// honorific, then
// two words, or three when the first opens a compound name (عبد, أبو, بن).
// The first word may not carry the article ال, and none may be a particle,
// a time word or a verb of the name-stop list. The words become one name
// item, whose index is returned.
func (c *composer) caselessName(j int, r *role) (int, bool) {
	if j < len(c.items) && c.items[j].kind == itTitle && (c.items[j].title.Class == "rank" || c.items[j].title.Role == "mr") && fold.Caseless(c.toks[c.items[j].start].Norm) {
		if r.sector == "" {
			r.sector = c.items[j].title.Sector
		}
		j++
	}
	word := func(k int) (string, bool) {
		if k >= len(c.items) || c.items[k].kind != itOther {
			return "", false
		}
		t := c.toks[c.items[k].start]
		if t.Kind != segment.Word || !fold.Caseless(t.Norm) || c.f.is("namestop", t.Norm) {
			return "", false
		}
		return t.Norm, true
	}
	first, ok := word(j)
	if !ok || strings.HasPrefix(first, "ال") {
		return 0, false
	}
	want := 2
	if c.f.is("nameprefix", first) {
		want = 3
	}
	n := 1
	for n < want {
		if _, ok := word(j + n); !ok {
			break
		}
		n++
	}
	if n < 2 {
		return 0, false
	}
	name := item{kind: itName, start: c.items[j].start, end: c.items[j+n-1].end}
	c.items = append(c.items[:j:j], append([]item{name}, c.items[j+n:]...)...)
	return j, true
}

// roleMention resolves a title without a name ("Egypt's defence minister").
func (c *composer) roleMention(r role) {
	sp := c.span(r.start, r.end-1)
	textAll := c.text[sp.Start:sp.End]
	var ent doc.Entity
	if p := c.sc.byRole(r.title.Role, r.country, c.f.kb); p != nil {
		ent = p.ent // the article's own naming comes first
	} else if p := c.sc.byCountry(r.country); p != nil && r.country != "" && !c.plural(r.end-1) && (r.title.Class == "person" || p.role != "") {
		// "the Russian official", "the Qatari Minister of Defense": the
		// official of that country the article named
		ent = p.ent
	} else if a := c.f.kb.HolderOf(r.title.Role, r.country, c.sc.date); a != nil && !c.sc.date.IsZero() {
		ent = c.actorEntity(a, r)
	} else {
		name := trimArticle(textAll)
		ent = doc.Entity{ID: "r-" + strings.ToLower(r.country) + "-" + r.title.Role, Name: name, Country: r.country, Sector: r.sector}
		if r.country == "" {
			ent.ID = "r-" + slug(name)
		}
	}
	ent.EntityText = textAll
	c.out = append(c.out, doc.Mention{Span: sp, Kind: doc.KindRole, Head: sp, Entity: ent})
}

// named composes a person mention from the name at item k, with the role r
// (from a title before it, or found in an appositive after it).
func (c *composer) named(k int, r role) int {
	it := c.items[k]
	end := k
	if ar, ok := c.appositive(k); ok {
		if r.title == nil {
			r = ar
			r.start = k
		} else if r.country == "" {
			// "Ambassador X, Yemen's Permanent Representative ...": the
			// apposition belongs to the same person
			r.country = ar.country
		}
		end = ar.end - 1
	}
	ent, ok := c.resolvePerson(it, r)
	if !ok {
		return k + 1
	}
	first := k
	if r.title != nil && r.start < k {
		first = r.start
	}
	sp := c.span(first, max(end, k))
	head := c.span(k, k)
	ent.EntityText = c.text[sp.Start:sp.End]
	c.out = append(c.out, doc.Mention{Span: sp, Head: head, Kind: doc.KindPerson, Entity: ent})
	roleKey := ""
	if r.title != nil {
		roleKey = r.title.Role
	}
	c.sc.remember(ent, c.norms(it), roleKey)
	return max(end, k) + 1
}

// appositive reads ", the Libyan foreign minister," after a name.
func (c *composer) appositive(k int) (role, bool) {
	j := k + 1
	if j+1 >= len(c.items) || c.norm(c.items[j]) != "," {
		return role{}, false
	}
	if k >= 2 && c.wordIs(c.items[k-1], "to") && c.wordIs(c.items[k-2], "according") {
		return role{}, false // "According to Nova, the Russian official will ...": a new clause
	}
	r, ok := c.titleAt(j + 1)
	if !ok || r.title.Class == "rank" || r.title.Class == "person" && r.title.Role == "mr" {
		return role{}, false
	}
	// "X, Prime Minister Y": the title belongs to the next name.
	if r.end < len(c.items) {
		n := c.items[r.end]
		if n.kind == itName && !c.orgRun(n) || n.kind == itActor && n.actor.Kind == kb.KindPerson {
			return role{}, false
		}
	}
	return r, true
}

func (c *composer) norms(it item) []string {
	var out []string
	for i := it.start; i < it.end; i++ {
		t := c.toks[i]
		if t.Kind == segment.Word && !c.f.is("connector", t.Norm) {
			out = append(out, t.Norm)
		}
	}
	return out
}

// resolvePerson finds the actor a name run stands for.
func (c *composer) resolvePerson(it item, r role) (doc.Entity, bool) {
	norms := c.norms(it)
	if len(norms) == 0 {
		return doc.Entity{}, false
	}
	name := fold.TrimPossessive(c.itemText(it))
	// 1. The article's own people: a bare surname or first name.
	if len(norms) <= 2 {
		if p := c.sc.byPart(norms); p != nil {
			return p.ent, true
		}
	}
	// 2. The knowledge base: exact alias, then transliteration key.
	if it.kind == itActor && it.actor.Kind == kb.KindPerson {
		return c.actorEntity(it.actor, r), true
	}
	if a := c.lookupPerson(name, r.country); a != nil && c.trusted(a, name) && (a.Origin() != "learned" || len(norms) >= 2) {
		return c.actorEntity(a, r), true
	}
	if len(norms) >= 3 {
		// Middle names and patronymics: "Khaled Khalifa Haftar" is "Khaled Haftar".
		short := norms[0] + " " + norms[len(norms)-1]
		if a := c.lookupPerson(short, r.country); a != nil {
			return c.actorEntity(a, r), true
		}
	}
	if it.actor != nil && (keyWithin(it.actor.Name, name) || it.hintLen >= 2) {
		// A run that contains a known name with more of it ("Muhammad Ali Ahmad al-Haddad").
		return c.actorEntity(it.actor, r), true
	}
	// 3. A new person. A single unknown word is a name only with a title,
	// and so is any unknown run in a title-case headline. Runs that end in a
	// word for a thing ("Defense Conference") are no one.
	if (len(norms) == 1 || c.sc.headline) && r.title == nil || c.f.is("nonperson", norms[len(norms)-1]) {
		return doc.Entity{}, false
	}
	country := r.country
	if r.org != nil && country == "" {
		country = r.org.Country
	}
	title := ""
	if r.title != nil {
		title = r.title.Phrase
	}
	// The knowledge base learns the new person, so that later mentions, in
	// other articles and under other spellings, join the same actor.
	a := c.f.kb.Learn(name, country, r.sector, title)
	if a == nil {
		return doc.Entity{}, false
	}
	if !c.trusted(a, name) {
		// Learn matched a bulk-imported actor by key alone: keep the text's own person
		key := kb.NameKey(name)
		return doc.Entity{ID: "x-" + strings.ReplaceAll(key, " ", "-"), Name: name, Country: country, Sector: r.sector}, key != ""
	}
	ent := doc.Entity{ID: a.ID, Name: a.Name, Country: country, Sector: r.sector}
	if ent.Country == "" {
		ent.Country = a.Country
	}
	return ent, true
}

// actorEntity writes a knowledge-base actor as an event participant. The
// sector comes from the title in the text when it gives one, else from the
// actor's role on the article's date.
func (c *composer) actorEntity(a *kb.Actor, r role) doc.Entity {
	e := doc.Entity{ID: a.ID, Name: a.Name, Country: a.Country}
	switch {
	case r.title != nil && r.sector != "":
		e.Sector = r.sector
	default:
		e.Sector = a.SectorAt(c.sc.date)
	}
	if a.Kind == kb.KindState {
		e.Sector = ""
	}
	return e
}

// org composes a mention of a known organisation at item k, and records an
// acronym defined after it in parentheses.
func (c *composer) org(k int, a *kb.Actor, country string) int {
	end := k
	if k+1 < len(c.items) && c.f.is("standin", c.norm(c.items[k+1])) || k+1 < len(c.items) && c.wordIs(c.items[k+1], "members") {
		end = k + 1 // "the Council delegation", "GNA officials": the body itself
	}
	sp := c.span(k, end)
	ent := doc.Entity{ID: a.ID, Name: a.Name, Country: a.Country, Sector: a.SectorAt(c.sc.date), EntityText: c.text[sp.Start:sp.End]}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: ent})
	c.sc.orgs = append(c.sc.orgs, ent)
	return c.acronym(end+1, ent)
}

// unknownOrg composes an organisation not in the knowledge base from items [from, k].
func (c *composer) unknownOrg(from, k int, country string) int {
	it := c.items[k]
	sp := c.span(from, k)
	name := trimArticle(fold.TrimPossessive(c.text[sp.Start:sp.End]))
	norms := fold.Words(name)
	// "Ministry of Defense", "Council for Foreign Relations": more of the name
	next := k + 1
	if next+1 < len(c.items) && c.wordIs(c.items[next], "of", "for") && c.items[next+1].kind == itName && !c.poss(it) {
		sp = c.span(from, next+1)
		name = trimArticle(fold.TrimPossessive(c.text[sp.Start:sp.End]))
		norms = fold.Words(name)
		next += 2
	}
	// "of Libya", "in Libya" after the name
	if country == "" && next+1 < len(c.items) && c.wordIs(c.items[next], "of", "in") && c.items[next+1].kind == itState {
		country = c.items[next+1].country
		sp = c.span(from, next+1)
		name = c.text[sp.Start:sp.End]
		next += 2
	}
	if len(norms) == 1 && country == "" && !c.sc.headline {
		// "the Council", "the Commission": the body of that kind the article named
		if o, ok := c.sc.orgByHead(norms[0]); ok {
			o.EntityText = c.text[sp.Start:sp.End]
			c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: o})
			return next
		}
	}
	if len(norms) == 1 && country == "" || c.sc.headline {
		return k + 1 // "Army" alone says too little; a headline capitalises every word
	}
	if a, ok := c.sc.acronyms[strings.Join(norms, " ")]; ok {
		a.EntityText = c.text[sp.Start:sp.End]
		c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: a})
		return next
	}
	ent := doc.Entity{ID: "o-" + strings.ToLower(country) + "-" + slug(name), Name: name, Country: country, Sector: c.headSector(it), EntityText: c.text[sp.Start:sp.End]}
	if country == "" {
		ent.ID = "o-" + slug(name)
	}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: ent})
	return c.acronym(next, ent)
}

// acronym registers "(LNA)" at item k as standing for ent.
func (c *composer) acronym(k int, ent doc.Entity) int {
	if k+2 < len(c.items) && c.norm(c.items[k]) == "(" && c.norm(c.items[k+2]) == ")" {
		a := c.items[k+1]
		if a.end-a.start == 1 && c.toks[a.start].Cap {
			if c.sc.acronyms == nil {
				c.sc.acronyms = map[string]doc.Entity{}
			}
			c.sc.acronyms[c.toks[a.start].Norm] = ent
			return k + 3
		}
	}
	return k
}

// state composes a mention of a state (or its government) from items [from, k].
func (c *composer) state(from, k int, country, sector string) int {
	cn := c.f.kb.Country(country)
	if cn == nil {
		return k + 1
	}
	sp := c.span(from, k)
	kind := doc.KindState
	if groupSector, ok := c.peopleFrom(from); ok {
		// "officials from Turkey": the state's people, not a place
		if sector == "" {
			sector = groupSector
		}
	} else if c.afterPlacePrep(from) && !c.afterWord(from, "to") {
		// "in Libya" is a place; "to Libya" may be a recipient ("handed over to Britain")
		kind = doc.KindPlace
	}
	ent := doc.Entity{ID: cn.Actor.ID, Name: cn.Name, Country: cn.ISO3, Sector: sector, EntityText: c.text[sp.Start:sp.End]}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: kind, Entity: ent})
	return k + 1
}

// localBody composes the local government of the place at item k when a
// word of class localgov follows it ("the Zuwara municipality", "Misrata
// municipal council"): an organisation of the place's country.
func (c *composer) localBody(k int) int {
	it := c.items[k]
	end, people := k+1, false // end: past the last head word
	for j := k + 1; j < len(c.items) && j-k <= 2 && !c.toks[c.items[j].start].Cap; j++ {
		v, ok := c.f.words["localgov"][c.norm(c.items[j])]
		if !ok {
			break
		}
		if v == "people" {
			if j == k+1 {
				end, people = j+1, true
			}
			break
		}
		if v == "head" {
			end = j + 1
		}
	}
	if end == k+1 || it.country == "" {
		return k
	}
	place := c.text[c.toks[it.start].Start:c.toks[it.end-1].End]
	if it.place != nil {
		place = it.place.Name
	}
	word := func(j int) string {
		return upperFirst(c.text[c.toks[c.items[j].start].Start:c.toks[c.items[j].end-1].End])
	}
	var name, sector string
	if people {
		name = word(k+1) + " in " + place // "Zuwara protesters": Protesters in Zuwara, no government
	} else {
		words := []string{place}
		for j := k + 1; j < end; j++ {
			words = append(words, word(j))
		}
		name, sector = strings.Join(words, " "), "GOV"
	}
	sp := c.span(k, end-1)
	ent := doc.Entity{ID: "o-" + strings.ToLower(it.country) + "-" + slug(name), Name: name, Country: it.country,
		Sector: sector, EntityText: c.text[sp.Start:sp.End]}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindOrg, Entity: ent})
	if !people {
		c.sc.orgs = append(c.sc.orgs, ent)
	}
	return end
}

// upperFirst capitalises the first letter of w.
func upperFirst(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// place composes a location mention.
func (c *composer) place(k int) int {
	it := c.items[k]
	sp := c.span(k, k)
	name := c.text[sp.Start:sp.End]
	if it.place != nil {
		name = it.place.Name
	}
	ent := doc.Entity{Name: name, Country: it.country, EntityText: c.text[sp.Start:sp.End]}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPlace, Entity: ent})
	return k + 1
}

// pron resolves he/she/his/her to the first person of this sentence, or of
// the last sentence that named people.
func (c *composer) pron(k int) int {
	sp := c.span(k, k)
	for _, m := range c.out {
		if m.Kind == doc.KindPerson || m.Kind == doc.KindRole {
			c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: m.Entity, Refs: []doc.Entity{m.Entity}})
			return k + 1
		}
	}
	if len(c.sc.last) > 0 {
		e := c.sc.last[0]
		c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: e, Refs: []doc.Entity{e}})
	}
	return k + 1
}

// group resolves "the two leaders", "both sides", "the duo" to the last
// participants.
func (c *composer) group(k int) int {
	if len(c.sc.last) < 2 {
		return k
	}
	j := k
	if c.wordIs(c.items[j], "the") {
		j++
	}
	if j >= len(c.items) {
		return k
	}
	switch {
	case c.wordIs(c.items[j], "duo"):
	case c.wordIs(c.items[j], "two", "both") && j+1 < len(c.items) && c.f.is("group", c.norm(c.items[j+1])) || c.wordIs(c.items[j], "two", "both") && j+1 < len(c.items) && c.items[j+1].kind == itTitle:
		j++
	default:
		return k
	}
	sp := c.span(k, j)
	refs := append([]doc.Entity(nil), c.sc.last...)
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: refs[0], Refs: refs})
	return j + 1
}

func trimArticle(s string) string {
	for _, p := range [...]string{"the ", "The ", "his ", "His ", "her ", "Her "} {
		if strings.HasPrefix(s, p) {
			return s[len(p):]
		}
	}
	return s
}

func slug(s string) string {
	return strings.Join(fold.Words(s), "-")
}

// keyWithin reports whether every word of known's transliteration key
// appears, in order, in the key of name: "Mohammed al-Haddad" is within
// "Muhammad Ali Ahmad al-Haddad", "Khalifa Haftar" is not within "Saddam Haftar".
func keyWithin(known, name string) bool {
	kw := strings.Fields(kb.NameKey(known))
	nw := strings.Fields(kb.NameKey(name))
	i := 0
	for _, w := range nw {
		if i < len(kw) && kw[i] == w {
			i++
		}
	}
	return len(kw) > 0 && i == len(kw)
}

// afterWord reports whether item k follows the word w (with an optional "the").
// bodyTail returns the item after the rest of an organisation's name that
// a title phrase left at item j: capitalised organisation words ("Forces")
// and "in" a place ("in Africa"); j when there is none.
func (c *composer) bodyTail(j int) int {
	k := j
	if k < len(c.items) && c.items[k].kind == itName && c.orgRun(c.items[k]) {
		k++
	}
	if k+1 < len(c.items) && c.wordIs(c.items[k], "in") {
		switch c.items[k+1].kind {
		case itPlace, itState, itCapital:
			k += 2
		}
	}
	return k
}

// quoteAt reports whether item k is an opening quotation mark.
func (c *composer) quoteAt(k int) bool {
	switch c.norm(c.items[k]) {
	case "\"", "“", "«", "‘":
		return true
	}
	return false
}

// peopleFrom reports whether item k follows "<group noun> from"
// ("officials from Turkey", "troops from Chad"), and the sector the noun
// implies.
func (c *composer) peopleFrom(k int) (string, bool) {
	if k < 2 || !c.wordIs(c.items[k-1], "from") {
		return "", false
	}
	sector, ok := c.f.words["groupnoun"][c.norm(c.items[k-2])]
	return sector, ok
}

func (c *composer) afterWord(k int, w string) bool {
	j := k - 1
	if j >= 0 && c.wordIs(c.items[j], "the") {
		j--
	}
	return j >= 0 && c.wordIs(c.items[j], w)
}

// titleFollows reports whether a title starts at item j, possibly after a
// parenthesised acronym.
func (c *composer) titleFollows(j int) bool {
	if c.parenAt(j) {
		j += 3
	}
	return j < len(c.items) && c.items[j].kind == itTitle && c.items[j].title.Role != "mr"
}

// credit reports whether the name at item k is a news agency credited in
// a dateline: alone in brackets, right after the sentence's first words
// and followed by a dash, as in "TRIPOLI, May 6 (Example Wire) - ...".
func (c *composer) credit(k int) bool {
	if k == 0 || !c.parenAt(k-1) || k > 8 || k+2 >= len(c.items) {
		return false
	}
	switch c.norm(c.items[k+2]) {
	case "-", "–", "—":
		return true
	}
	return false
}

// parenAt reports "( X )" at item j.
func (c *composer) parenAt(j int) bool {
	return j+2 < len(c.items) && c.norm(c.items[j]) == "(" && c.norm(c.items[j+2]) == ")"
}

// ledBy reads "led by X and Y" at item j and resolves the people named,
// without emitting their mentions (the main pass does that).
func (c *composer) ledBy(j int) []doc.Entity {
	if j+1 >= len(c.items) || !c.wordIs(c.items[j], "led") || !c.wordIs(c.items[j+1], "by") {
		return nil
	}
	sub := &composer{f: c.f, text: c.text, toks: c.toks, items: c.items, sc: &scope{date: c.sc.date, persons: c.sc.persons}}
	var refs []doc.Entity
	for k := j + 2; k < len(c.items) && k < j+20; {
		before := len(sub.out)
		next := sub.step(k)
		if len(sub.out) > before {
			m := sub.out[len(sub.out)-1]
			if m.Kind != doc.KindPerson && m.Kind != doc.KindRole {
				break
			}
			refs = append(refs, m.Entity)
			k = next
			if k < len(c.items) && (c.wordIs(c.items[k], "and") || c.norm(c.items[k]) == ",") {
				k++
				continue
			}
			break
		}
		if next == k+1 && !c.f.is("modifier", c.norm(c.items[k])) && c.items[k].kind == itOther && !c.wordIs(c.items[k], "the") {
			break
		}
		k = next
	}
	return refs
}

// speaks reports whether the name at item k is followed by a verb of saying.
func (c *composer) speaks(k int) bool {
	return k+1 < len(c.items) && c.f.is("speechverb", c.norm(c.items[k+1]))
}

// trusted reports whether a knowledge-base match is good enough to use: the
// curated actors always are; the bulk-imported ones only when one of their
// names is spelled much like the text, since a short consonant key alone
// joins different people ("Ahmed Al-Sahaf" and "Amadou Cheiffou").
func (c *composer) trusted(a *kb.Actor, name string) bool {
	if a.Origin() != "phoenix" {
		return true
	}
	w := strings.ReplaceAll(fold.Phrase(name), " ", "")
	for _, n := range append([]string{a.Name}, a.Aliases...) {
		if fold.Dice(strings.ReplaceAll(fold.Phrase(n), " ", ""), w) >= 0.6 {
			return true
		}
	}
	return false
}

// plural reports whether the item is a plural noun ("officials").
func (c *composer) plural(k int) bool {
	n := c.norm(c.items[k])
	return strings.HasSuffix(n, "s") && !strings.HasSuffix(n, "ss")
}

// lookupPerson asks the knowledge base for a person, remembering the answer
// for the rest of the article: names repeat, and fuzzy matching is the
// costliest step of mention finding.
func (c *composer) lookupPerson(name, country string) *kb.Actor {
	key := name + "\x00" + country
	if a, ok := c.sc.lookups[key]; ok {
		return a
	}
	a := c.f.kb.ResolvePerson(name, country)
	if a != nil && a.Kind != kb.KindPerson {
		a = nil
	}
	if c.sc.lookups == nil {
		c.sc.lookups = map[string]*kb.Actor{}
	}
	c.sc.lookups[key] = a
	return a
}

// demonymPair reads "Libyan-French relations", "the Turkish-Libyan
// agreement": two states joined by a hyphen, as one mention that stands for
// both.
func (c *composer) demonymPair(k int) int {
	if k+2 >= len(c.items) || c.norm(c.items[k+1]) != "-" || c.items[k+2].kind != itDemonym {
		return k
	}
	a, b := c.f.kb.Country(c.items[k].country), c.f.kb.Country(c.items[k+2].country)
	if a == nil || b == nil || a == b {
		return k
	}
	sp := c.span(k, k+2)
	text := c.text[sp.Start:sp.End]
	refs := []doc.Entity{
		{ID: a.Actor.ID, Name: a.Name, Country: a.ISO3, EntityText: text},
		{ID: b.Actor.ID, Name: b.Name, Country: b.ISO3, EntityText: text},
	}
	c.out = append(c.out, doc.Mention{Span: sp, Head: sp, Kind: doc.KindPron, Entity: refs[0], Refs: refs})
	return k + 3
}
