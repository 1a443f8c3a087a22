package timex

import "time"

// semKind says what a matched expression means before it is resolved.
type semKind uint8

const (
	kDate    semKind = iota + 1 // a calendar date, any of y, m, d possibly missing
	kRange                      // two calendar dates: "30 May to 2 June"
	kWeekday                    // "on Tuesday", "last Saturday"
	kDays                       // "yesterday": n days from publication
	kUnit                       // "last week", "this year": dir and unit
	kAgo                        // "two weeks ago": n units back
)

// sem is the meaning of a match, independent of the publication date.
type sem struct {
	kind       semKind
	y, m, d    int
	y2, m2, d2 int
	ambig      bool // all-numeric date whose day/month order is unknown: only the year is sure
	wd         time.Weekday
	dir        dir
	n          int
	unit       unit
}

// match is a time expression over the tokens [first, last).
type match struct {
	first, last  int
	sem          sem
	role         Role
	attr         bool
	past, future bool
}

// parser finds the matches of one sentence, left to right. Tokens before
// done belong to an earlier match and are not looked at again.
type parser struct {
	s    string
	toks []token
	lx   *lexicon
	done int
	out  []match
}

func (p *parser) run() {
	for i := 0; i < len(p.toks); {
		m, ok := p.head(i)
		if !ok {
			i++
			continue
		}
		p.extendLeft(&m)
		p.out = append(p.out, m)
		p.done = m.last
		i = m.last
	}
	p.mergeAdjacent()
	p.shareYears()
}

// shareYears gives a month named without a year the year of the next one
// when only a conjunction separates them: "in April and July 2025".
func (p *parser) shareYears() {
	for i := len(p.out) - 2; i >= 0; i-- {
		a, b := &p.out[i], p.out[i+1]
		if a.sem.kind == kDate && a.sem.m > 0 && a.sem.y == 0 && b.sem.kind == kDate && b.sem.m > 0 && b.sem.y > 0 &&
			(a.sem.d == 0) == (b.sem.d == 0) && b.first == a.last+1 && p.has(a.last, roleConj) {
			a.sem.y = b.sem.y
		}
	}
}

// head tries every kind of expression that can start at token i.
func (p *parser) head(i int) (match, bool) {
	t := &p.toks[i]
	switch t.kind {
	case tNum:
		if t.odd {
			return match{}, false
		}
		if m, ok := p.numericDate(i); ok {
			return m, true
		}
		if m, ok := p.dayFirst(i); ok {
			return m, true
		}
		if m, ok := p.ago(i); ok {
			return m, true
		}
		return p.year(i)
	case tWord:
		w := t.w
		if w == nil {
			return match{}, false
		}
		if w.has(roleMonth) {
			if m, ok := p.monthFirst(i); ok {
				return m, true
			}
		}
		if w.has(roleWeekday) {
			if m, ok := p.weekday(i); ok {
				return m, true
			}
		}
		if w.has(roleDay) {
			if m, ok := p.dayWord(i); ok {
				return m, true
			}
		}
		if w.has(roleUnit) {
			if m, ok := p.unitRel(i); ok {
				return m, true
			}
		}
		if w.has(roleNum | roleAgo) {
			if m, ok := p.ago(i); ok {
				return m, true
			}
		}
	}
	return match{}, false
}

// Token predicates; each is false for an index out of range.

func (p *parser) word(i int) *word {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return p.toks[i].w
}

func (p *parser) has(i int, r role) bool { return p.word(i).has(r) }

// free reports whether token i exists and belongs to no earlier match.
func (p *parser) free(i int) bool { return i >= p.done && i < len(p.toks) }

func (p *parser) freeHas(i int, r role) bool { return p.free(i) && p.has(i, r) }

func (p *parser) num(i int) (int, bool) {
	if i < 0 || i >= len(p.toks) || p.toks[i].kind != tNum || p.toks[i].odd {
		return 0, false
	}
	return p.toks[i].num, true
}

func (p *parser) isDay(i int) bool {
	n, ok := p.num(i)
	return ok && n >= 1 && n <= 31 && p.toks[i].ndig <= 2
}

func (p *parser) isYear(i int) bool {
	n, ok := p.num(i)
	return ok && n >= minYear && n <= maxYear && p.toks[i].ndig == 4 && !p.toks[i].ord
}

// month returns the month of token i if it is a month name written as the
// lexicon requires (capitalised in English).
func (p *parser) month(i int) int {
	w := p.word(i)
	if !w.has(roleMonth) || w.monthCap && !p.toks[i].cap {
		return 0
	}
	return w.month
}

func (p *parser) isPunct(i int, c byte) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].kind == tPunct && p.s[p.toks[i].start] == c
}

// glued reports whether no white space precedes token i.
func (p *parser) glued(i int) bool { return i < len(p.toks) && !p.toks[i].space }

// preMod returns the direction of a free pre-modifier at token i.
func (p *parser) preMod(i int) dir {
	if w := p.word(i); p.free(i) && w.has(roleMod) && !w.modPost {
		return w.mod
	}
	return dirNone
}

// postMod returns the direction of a post-modifier at token i.
func (p *parser) postMod(i int) dir {
	if w := p.word(i); w.has(roleMod) && w.modPost {
		return w.mod
	}
	return dirNone
}

// rangeConn reports whether token k joins two dates into a range that began
// at token first. A connector that is also a conjunction ("and") needs an
// opening word such as "between" before first.
func (p *parser) rangeConn(k, first int) bool {
	if !p.has(k, roleRangeTo) {
		return false
	}
	if !p.has(k, roleConj) {
		return true
	}
	w := p.word(first - 1)
	return p.free(first-1) && w.has(roleRangeFrom) && w.between
}

// skipDualMonth skips "/يوليو" after "تموز", the Arabic press habit of
// giving both names of a month.
func (p *parser) skipDualMonth(k, m int) int {
	if p.isPunct(k, '/') && p.month(k+1) == m {
		return k + 2
	}
	return k
}

// licensed reports whether the token before i lets a bare year (year) or a
// month name that is also a common word stand as a date.
func (p *parser) licensed(i int, year bool) bool {
	j := i - 1
	w := p.word(j)
	switch {
	case w == nil:
		return false
	case w.has(roleCtx) && (year && w.ctxYear || !year && w.ctxMonth),
		w.has(rolePrep | roleEdge):
		return true
	case !year && w.has(roleMod) && !w.modPost:
		return true
	case year && w.has(roleDet):
		return true
	case w.has(roleConj|roleRangeTo) && len(p.out) > 0:
		last := p.out[len(p.out)-1]
		return last.last == j && (last.sem.kind == kDate || last.sem.kind == kRange)
	}
	// "mid-April", "mi-mars"
	return p.isPunct(j, '-') && p.glued(i) && p.has(j-1, roleEdge)
}

// numericDate matches 2023-03-02, 02/03/2023 and 02.03.2023.
func (p *parser) numericDate(i int) (match, bool) {
	if i+4 >= len(p.toks) {
		return match{}, false
	}
	sep := p.toks[i+1]
	if sep.kind != tPunct {
		return match{}, false
	}
	c := p.s[sep.start]
	if c != '/' && c != '-' && c != '.' || !p.isPunct(i+3, c) {
		return match{}, false
	}
	for k := i + 1; k <= i+4; k++ {
		if !p.glued(k) {
			return match{}, false
		}
	}
	a, ok1 := p.num(i)
	b, ok2 := p.num(i + 2)
	d, ok3 := p.num(i + 4)
	if !ok1 || !ok2 || !ok3 || p.toks[i].ord || p.toks[i+2].ord || p.toks[i+4].ord {
		return match{}, false
	}
	na, nb, nd := p.toks[i].ndig, p.toks[i+2].ndig, p.toks[i+4].ndig
	s := sem{kind: kDate}
	switch {
	case na == 4 && nb <= 2 && nd <= 2:
		s.y, s.m, s.d = a, b, d
	case nd == 4 && na <= 2 && nb <= 2:
		s.y = d
		switch {
		case a > 12 && b <= 12:
			s.d, s.m = a, b
		case b > 12 && a <= 12:
			s.m, s.d = a, b
		case a == b, p.lx.dayFirst:
			s.d, s.m = a, b
		default:
			s.ambig = true
		}
	default:
		return match{}, false
	}
	if s.y < minYear || s.y > maxYear || !s.ambig && !validDate(s.m, s.d) {
		return match{}, false
	}
	return match{first: i, last: i + 5, sem: s}, true
}

// dayFirst matches "2 March 2023", "12th of August", "5-6 December",
// "30 May to 2 June" and the Arabic "12 تموز 2020".
func (p *parser) dayFirst(i int) (match, bool) {
	if !p.isDay(i) {
		return match{}, false
	}
	m := match{first: i, sem: sem{kind: kDate, d: p.toks[i].num}}
	k := i + 1
	if p.toks[i].ord && p.has(k, roleOf) {
		k++
	}
	if p.month(k) == 0 && p.rangeConn(k, i) && p.isDay(k+1) && p.month(k+2) != 0 {
		m.sem.kind, m.sem.d2 = kRange, p.toks[k+1].num
		k += 2
	}
	mo := p.month(k)
	if mo == 0 {
		return match{}, false
	}
	m.sem.m = mo
	k = p.skipDualMonth(k+1, mo)
	k = p.optYear(k, &m.sem.y)
	if m.sem.kind == kDate && p.rangeConn(k, i) && p.isDay(k+1) && p.month(k+2) != 0 {
		m.sem.kind, m.sem.d2, m.sem.m2 = kRange, p.toks[k+1].num, p.month(k+2)
		k = p.skipDualMonth(k+3, m.sem.m2)
		k = p.optYear(k, &m.sem.y2)
	}
	if !validDate(m.sem.m, m.sem.d) || m.sem.kind == kRange && !validDate(max(m.sem.m2, m.sem.m), m.sem.d2) {
		return match{}, false
	}
	if p.toks[i].ord && p.free(i-1) && p.has(i-1, roleDet) { // "the 3rd of May"
		m.first = i - 1
	}
	m.last = k
	return m, true
}

// optYear reads an optional year at k ("2023" or ", 2023") into *y.
func (p *parser) optYear(k int, y *int) int {
	switch {
	case p.isYear(k):
		*y = p.toks[k].num
		return k + 1
	case p.isPunct(k, ',') && p.isYear(k+1):
		*y = p.toks[k+1].num
		return k + 2
	}
	return k
}

// monthFirst matches "March 2, 2023", "Oct. 26", "Nov. 3-4", "April 2025",
// "in April", "last May" and "mai dernier".
func (p *parser) monthFirst(i int) (match, bool) {
	mo := p.month(i)
	if mo == 0 {
		return match{}, false
	}
	m := match{first: i, sem: sem{kind: kDate, m: mo}}
	if d := p.preMod(i - 1); d != dirNone { // "last May", "last October 22"
		m.sem.dir, m.first = d, i-1
	}
	k := p.skipDualMonth(i+1, mo)
	switch {
	case p.isDay(k) && !p.isPunct(k+1, ':'):
		m.sem.d = p.toks[k].num
		k++
		switch {
		case p.rangeConn(k, i) && p.isDay(k+1):
			m.sem.kind, m.sem.d2 = kRange, p.toks[k+1].num
			k += 2
		case p.rangeConn(k, i) && p.month(k+1) != 0 && p.isDay(k+2):
			m.sem.kind, m.sem.m2, m.sem.d2 = kRange, p.month(k+1), p.toks[k+2].num
			k += 3
		}
		k = p.optYear(k, &m.sem.y)
		if !validDate(mo, m.sem.d) || m.sem.kind == kRange && !validDate(max(m.sem.m2, mo), m.sem.d2) {
			return match{}, false
		}
	case p.isYear(k):
		m.sem.y = p.toks[k].num
		k++
	case m.sem.dir != dirNone:
	default:
		if d := p.postMod(k); d != dirNone {
			m.sem.dir = d
			k++
		} else if p.word(i).monthCtx && !p.licensed(i, false) {
			return match{}, false
		}
	}
	m.last = k
	return m, true
}

// weekday matches "Tuesday", "last Saturday", "this coming Monday",
// "lundi dernier", "Thursday morning".
func (p *parser) weekday(i int) (match, bool) {
	t := p.toks[i]
	if t.w.wdCap && !t.cap || p.has(i-1, roleNotBefore) || p.has(i+1, roleNotAfter) {
		return match{}, false
	}
	m := match{first: i, sem: sem{kind: kWeekday, wd: t.w.weekday}}
	k := i + 1
	if d := p.preMod(i - 1); d != dirNone {
		m.sem.dir, m.first = d, i-1
	} else if d := p.postMod(k); d != dirNone {
		m.sem.dir = d
		k++
	}
	if w := p.word(k); w.has(roleDaypart) && !w.dayPre {
		k++
	}
	m.last = k
	m.attr = p.toks[k-1].poss
	return m, true
}

// dayWord matches "yesterday", "today", "demain", "أمس", "hier soir".
func (p *parser) dayWord(i int) (match, bool) {
	t := p.toks[i]
	if p.has(i-1, roleNotBefore) || p.has(i+1, roleNotAfter) {
		return match{}, false
	}
	m := match{first: i, sem: sem{kind: kDays, n: t.w.day}}
	k := i + 1
	if w := p.word(k); w.has(roleDaypart) && !w.dayPre {
		k++
	}
	m.last = k
	m.attr = p.toks[k-1].poss
	return m, true
}

// unitRel matches "last week", "this year", "earlier this month", "the
// weekend", "la semaine dernière", "ce mois-ci", "الأسبوع الماضي".
func (p *parser) unitRel(i int) (match, bool) {
	u := p.toks[i].w.unit
	if u == unitDay {
		return match{}, false
	}
	m := match{first: i, sem: sem{kind: kUnit, unit: u}}
	k := i + 1
	switch {
	case p.preMod(i-1) != dirNone:
		m.sem.dir, m.first = p.preMod(i-1), i-1
		// "the last week", "the past year": a duration, not a date
		if w := p.word(i - 2); p.free(i-2) && w.has(roleDet) && w.attr {
			return match{}, false
		}
		if p.isPunct(k, '-') && p.glued(k) && p.glued(k+1) && p.postMod(k+1) == dirThis { // "ce mois-ci"
			k += 2
		}
	case p.postMod(k) != dirNone:
		m.sem.dir = p.postMod(k)
		k++
	case p.isPunct(k, '-') && p.glued(k) && p.glued(k+1) && p.postMod(k+1) != dirNone: // "mois-ci"
		m.sem.dir = p.postMod(k + 1)
		k += 2
	case u == unitWeekend && p.freeHas(i-1, roleDet|rolePrep):
	default:
		return match{}, false
	}
	m.last = k
	m.attr = p.toks[k-1].poss
	return m, true
}

// ago matches "two weeks ago", "3 days ago" and "il y a trois jours".
func (p *parser) ago(i int) (match, bool) {
	if w := p.word(i); w.has(roleAgo) && w.agoPre {
		n, ok := p.count(i + 1)
		if !ok || !p.has(i+2, roleUnit) {
			return match{}, false
		}
		return p.agoMatch(i, i+3, n, p.word(i+2).unit)
	}
	n, ok := p.count(i)
	if !ok || !p.has(i+1, roleUnit) {
		return match{}, false
	}
	if w := p.word(i + 2); !w.has(roleAgo) || w.agoPre {
		return match{}, false
	}
	return p.agoMatch(i, i+3, n, p.word(i+1).unit)
}

func (p *parser) agoMatch(first, last, n int, u unit) (match, bool) {
	if u == unitWeekend {
		return match{}, false
	}
	return match{first: first, last: last, past: true, sem: sem{kind: kAgo, n: n, unit: u}}, true
}

// count reads a small cardinal at token i, in digits or in words.
func (p *parser) count(i int) (int, bool) {
	if n, ok := p.num(i); ok {
		return n, !p.toks[i].ord && n > 0 && n < 1000
	}
	if w := p.word(i); w.has(roleNum) {
		return w.num, true
	}
	return 0, false
}

// year matches a year licensed by the word before it ("in 2011", "since
// 2011", "the 2023 conference"), and a range of years ("2016-2021").
func (p *parser) year(i int) (match, bool) {
	if !p.isYear(i) || !p.licensed(i, true) {
		return match{}, false
	}
	m := match{first: i, last: i + 1, sem: sem{kind: kDate, y: p.toks[i].num}}
	if p.rangeConn(i+1, i) && p.isYear(i+2) {
		m.sem.kind, m.sem.y2 = kRange, p.toks[i+2].num
		m.last = i + 3
	}
	m.attr = p.toks[m.last-1].poss
	return m, true
}

// extendLeft takes in the words before a match that qualify it: an edge
// word ("early", "mid-"), a determiner, a preposition ("on", "since") or a
// range opener ("from", "between"), and an edge word again ("earlier on
// Tuesday"). A determiner such as "the" before a date makes it attributive.
func (p *parser) extendLeft(m *match) {
	j := p.edge(m, m.first-1)
	if m.attr {
		return // "affected by last week's storm": the preposition is not about the date
	}
	if p.freeHas(j, roleDet) && !p.has(j, rolePrep) {
		if p.word(j).attr && m.sem.kind != kUnit {
			m.attr = true
			return
		}
		m.first = j
		j--
	}
	switch {
	case m.sem.kind == kRange && p.freeHas(j, roleRangeFrom):
		m.first, m.role = j, RoleAt
		j--
	case p.freeHas(j, rolePrep):
		m.first, m.role = j, p.word(j).prep
		j--
	default:
		// "in the spring of 2012", "منذ عام 2011", "au mois de mai": the
		// preposition stands before the words that license the date
		k := j
		for n := 0; n < 3 && p.freeHas(k, roleCtx|roleDet) && !p.has(k, rolePrep); n++ {
			k--
		}
		if k < j && p.freeHas(k, rolePrep) {
			m.first, m.role = k, p.word(k).prep
			j = k - 1
		}
	}
	p.edge(m, j)
}

// edge takes in an edge word at j, possibly joined by a hyphen, and returns
// the index before what it took.
func (p *parser) edge(m *match, j int) int {
	k := j
	if p.isPunct(k, '-') && p.glued(k+1) && p.glued(k) {
		k--
	}
	if !p.freeHas(k, roleEdge) {
		return j
	}
	switch p.word(k).edge {
	case dirPast:
		m.past = true
	case dirFuture:
		m.future = true
	}
	m.first = k
	return k - 1
}

// mergeAdjacent joins a weekday to the date that follows it ("Tuesday,
// March 3", "الأحد (12 تموز 2020)") and a day word to a weekday after it
// ("yesterday, Tuesday", "اليوم الأربعاء"). The joined match takes the more
// specific meaning; a weekday after "today" or "yesterday" is resolved as a
// bare weekday, which survives a publication date one day late.
func (p *parser) mergeAdjacent() {
	if len(p.out) < 2 {
		return
	}
	out := p.out[:1]
	for _, b := range p.out[1:] {
		a := &out[len(out)-1]
		joinable := a.last == b.first || p.onlyFillers(a.last, b.first)
		switch {
		case joinable && a.sem.kind == kWeekday && a.sem.dir == dirNone && b.sem.kind == kDate && b.sem.d > 0 && b.role == RoleNone,
			joinable && a.sem.kind == kDays && b.sem.kind == kWeekday && b.sem.dir == dirNone && b.role == RoleNone:
			if a.sem.kind == kDays && a.sem.n > 0 {
				b.sem.dir = dirFuture // "tomorrow, Thursday"
			}
			if p.isPunct(b.first-1, '(') && p.isPunct(b.last, ')') {
				b.last++
			}
			b.first, b.role = a.first, a.role
			b.past, b.future = b.past || a.past, b.future || a.future
			*a = b
		default:
			out = append(out, b)
		}
	}
	p.out = out
}

// onlyFillers reports whether the tokens [from, to) are only commas and
// opening brackets.
func (p *parser) onlyFillers(from, to int) bool {
	if to-from > 2 {
		return false
	}
	for k := from; k < to; k++ {
		if !p.isPunct(k, ',') && !p.isPunct(k, '(') && !p.isPunct(k, '[') {
			return false
		}
	}
	return true
}

// validDate reports whether day d can occur in month m of some year.
func validDate(m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= [...]int{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
}
