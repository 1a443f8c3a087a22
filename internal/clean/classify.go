package clean

import (
	"strings"
	"unicode"
)

// verdict is what the cleaner does with one line.
type verdict uint8

const (
	keepLine  verdict = iota
	dropLine          // drop this line
	cutRest           // drop this line and everything after it
	startList         // drop this line and the list of short lines after it
)

// classify marks the lines to drop.
func (w *work) classify() {
	cut, inList := false, false
	for i := range w.lines {
		l := &w.lines[i]
		switch {
		case l.drop:
			continue
		case cut:
			l.drop = true
			continue
		case inList:
			if !isListEnd(l) {
				l.drop = true
				continue
			}
			inList = false
		}
		if i == w.ledeIdx {
			continue
		}
		if i == w.titleIdx || w.isTitleLine(l) {
			l.drop = true
			continue
		}
		switch w.lineVerdict(i) {
		case dropLine:
			l.drop = true
		case cutRest:
			l.drop, cut = true, true
		case startList:
			l.drop, inList = true, true
		}
	}
}

// lineVerdict applies the boilerplate rules to line i. Lines of the page
// header (before the story's first paragraph) face stricter rules.
func (w *work) lineVerdict(i int) verdict {
	l := &w.lines[i]
	lx := w.lx
	header := i < w.bodyStart
	if l.key != "" {
		switch {
		case lx.drop[l.key]:
			return dropLine
		case lx.cut[l.key]:
			return cutRest
		case lx.list[l.key]:
			return startList
		}
	}
	if l.words <= 12 && hasDigit(l.s) {
		if d, rest, ok := w.dateLine(l.s); ok {
			labelled := w.hasLabel(l.key, w.lx.publishedList)
			if !w.hasLabel(l.key, w.lx.modifiedList) { // a revision date is not the publication date
				w.noteDate(i, d, labelled)
			}
			if header || labelled || rest <= 2 {
				return dropLine
			}
		}
		if isTimeOnly(l.s) {
			if !header && w.listAhead(i) {
				return startList // the length of a video in a list of videos
			}
			return dropLine
		}
	}
	if isURLOnly(l.s) || isMarkOnly(l.s) {
		return dropLine
	}
	if l.key != "" && ((l.words <= 12 && w.byline(l.s) || l.words <= 20 && w.prefixed(l.key)) ||
		l.words <= 8 && w.labelled(l.s) || l.words <= 10 && w.credited(l.key)) {
		return dropLine
	}
	if header && w.headerJunk(i, true) {
		return dropLine
	}
	return keepLine
}

// listAhead reports whether another video length or a list marker follows
// within a few lines of i.
func (w *work) listAhead(i int) bool {
	for j := i + 1; j < min(i+3, len(w.lines)); j++ {
		l := &w.lines[j]
		if isTimeOnly(l.s) || l.key != "" && w.lx.list[l.key] {
			return true
		}
	}
	return false
}

// headerJunk applies the rules for lines above the story: section names,
// breadcrumbs, reading times, datelines standing alone, and, when strict,
// bylines under the title and stray words.
func (w *work) headerJunk(i int, strict bool) bool {
	l := &w.lines[i]
	lx := w.lx
	if l.key != "" && (lx.drop[l.key] || lx.section[l.key]) {
		return true
	}
	if _, ok := crumb(lx, l.s); ok {
		return true
	}
	if w.readingTime(l.s) || isURLOnly(l.s) || isMarkOnly(l.s) {
		return true
	}
	if l.words <= 12 && hasDigit(l.s) {
		if _, _, ok := w.dateLine(l.s); ok {
			return true
		}
	}
	if dl, ok := w.standaloneDateline(l.s); ok {
		if strict && !w.hasDL {
			w.dl, w.hasDL = dl, true
		}
		return true
	}
	if !strict {
		// A stray lower-case word ("fbpx") is no title either.
		return l.words == 1 && startsLower(l.s)
	}
	if nameLike(l.s, false) && w.underTitle(i) {
		return true // the author's name under the headline
	}
	return l.words <= 3 && !endsSentence(l.s) && !w.continues(i)
}

// underTitle reports whether every line between the title and line i was dropped.
func (w *work) underTitle(i int) bool {
	if w.titleIdx < 0 || i <= w.titleIdx {
		return false
	}
	for j := w.titleIdx + 1; j < i; j++ {
		if !w.lines[j].drop {
			return false
		}
	}
	return true
}

// continues reports whether the line after i goes on with the same
// sentence (a hard-wrapped paragraph: "Qatar\nsigned an agreement").
func (w *work) continues(i int) bool {
	return i+1 < len(w.lines) && !w.lines[i+1].gap && startsLower(w.lines[i+1].s)
}

// dateLine reports whether s holds a date and little else ("Aug 11, 2021 |
// International actors", "[05/03/2024 08:21]", "- Published: 27th March,
// 2025"), with the number of other words.
func (w *work) dateLine(s string) (date, int, bool) {
	if len(s) > 120 {
		return date{}, 0, false
	}
	d, ok := w.st.dr.find(s)
	if !ok {
		return date{}, 0, false
	}
	n := lettered(s[:d.Start]) + lettered(s[d.End:])
	if n > 4 || n >= 2 && endsSentence(s) {
		return date{}, 0, false
	}
	return d, n, true
}

// lettered counts the space-separated fields of s that hold a letter.
func lettered(s string) int {
	n := 0
	for _, f := range strings.Fields(s) {
		if strings.IndexFunc(f, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

// noteDate keeps the date of a date line as the publication date when it
// can be trusted: a "Published:" line, or a date line at the top of the
// story, below the headline. A date above the headline, or a date opened by
// a weekday on the very first line, is the page's date (the day it was
// viewed), not the article's.
func (w *work) noteDate(i int, d date, labelled bool) {
	if w.hasText || d.Year == 0 {
		return
	}
	aboveTitle := w.titleIdx >= 0 && i < w.titleIdx
	if labelled {
		w.textDate, w.hasText = d, true
		return
	}
	if i >= headerLines || aboveTitle || d.Weekday && w.firstLine(i) || w.prosesBefore(i) >= 2 {
		return
	}
	w.textDate, w.hasText = d, true
}

// firstLine reports whether no line before i is kept.
func (w *work) firstLine(i int) bool {
	for j := 0; j < i; j++ {
		if !w.lines[j].drop {
			return false
		}
	}
	return true
}

// prosesBefore counts the paragraphs of the story before line i.
func (w *work) prosesBefore(i int) int {
	n := 0
	for j := 0; j < i; j++ {
		if l := &w.lines[j]; !l.drop && j != w.titleIdx && isProse(l) {
			n++
		}
	}
	return n
}

// hasLabel reports whether a line opens with one of labels, such as
// "Published:" or "Published on".
func (w *work) hasLabel(key string, labels []string) bool {
	for _, p := range labels {
		if hasPrefixWord(key, p) && len(key) > len(p) {
			return true
		}
	}
	return false
}

// byline reports whether s is a byline: "By Jane Doe", "Written By:
// JaneDoe", "Article by Jane Doe, Outlet."
func (w *work) byline(s string) bool {
	s = strings.TrimLeftFunc(s, isBullet)
	for _, p := range w.lx.byline {
		if len(s) <= len(p)+1 || !strings.EqualFold(s[:len(p)], p) {
			continue
		}
		rest := s[len(p):]
		if rest[0] != ' ' && rest[0] != ':' {
			continue
		}
		rest = strings.TrimRight(strings.TrimLeft(rest, " :"), " .")
		parts := strings.Split(rest, ",")
		if !w.names(strings.TrimSpace(parts[0])) {
			continue
		}
		ok := true
		for _, part := range parts[1:] {
			part = strings.TrimSpace(part)
			if wordCount(part) > 4 || !startsUpperOrUncased(part) {
				ok = false
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// names reports whether s is one person's name or several joined by "and".
func (w *work) names(s string) bool {
	for name := range strings.SplitSeq(s, " and ") {
		if name = strings.TrimSpace(name); !personName(name) || w.calendarWord(name) {
			return false
		}
	}
	return true
}

// personName reports whether s is a name of one to four capitalised words.
func personName(s string) bool {
	if nameLike(s, false) {
		return true
	}
	return wordCount(s) == 1 && startsUpperOrUncased(s) && strings.IndexFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '\''
	}) < 0
}

// prefixed reports whether key opens with a boilerplate prefix ("read more",
// "source:", "©").
func (w *work) prefixed(key string) bool {
	for _, p := range w.lx.prefix {
		if hasPrefixWord(key, p) {
			return true
		}
	}
	return false
}

// labelled reports whether s is a "Label: value" line with a known label.
func (w *work) labelled(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || i > 30 {
		return false
	}
	return w.lx.label[norm(s[:i])]
}

// credited reports whether key holds a photo credit.
func (w *work) credited(key string) bool {
	for _, p := range w.lx.credit {
		if strings.Contains(key, p) {
			return true
		}
	}
	return false
}

// readingTime reports whether s is a reading-time line ("2 Min Read").
func (w *work) readingTime(s string) bool {
	num, rest, ok := strings.Cut(s, " ")
	if !ok || wordCount(s) > 5 {
		return false
	}
	if _, ok := atoiN(num, 1, 3); !ok {
		return false
	}
	return w.lx.reading[norm(rest)]
}

// crumb reports whether s is a breadcrumb trail ("Home / World / Title")
// and returns its last step.
func crumb(lx *lexicon, s string) (string, bool) {
	for _, sep := range []string{" / ", " > ", " » ", " › "} {
		if strings.Count(s, sep) < 2 {
			continue
		}
		parts := strings.Split(s, sep)
		if len(parts) < 3 {
			continue
		}
		if lx.crumb[norm(parts[0])] {
			return parts[len(parts)-1], true
		}
		short := true
		for _, p := range parts[:len(parts)-1] {
			if wordCount(p) > 3 {
				short = false
			}
		}
		if short {
			return parts[len(parts)-1], true
		}
	}
	return "", false
}

// standaloneDateline reads a line that is only a dateline: "ANKARA- Anadolu
// Agency", "VIENNA-SABA", "Oct. 26 () –", or an outlet and a place
// ("Shafaq News – Damascus / Ankara").
func (w *work) standaloneDateline(s string) (dateline, bool) {
	if wordCount(s) > 6 {
		return dateline{}, false
	}
	if place, ok := w.outletPlace(s); ok {
		return dateline{Place: place}, true
	}
	dl, ok := w.parseDateline(s)
	if !ok {
		return dateline{}, false
	}
	rest := s[dl.End:]
	if rest == "" || wordCount(rest) <= 3 && !endsSentence(rest) && startsUpperOrUncased(rest) {
		return dl, true
	}
	return dateline{}, false
}

// outletPlace reads "Outlet – Place" or "Place – Outlet", where the outlet
// holds a word such as "News" or "Agency".
func (w *work) outletPlace(s string) (string, bool) {
	i, n := -1, 0
	for _, d := range []string{" - ", "- ", " – ", "– ", " — "} {
		if j := strings.Index(s, d); j > 0 {
			i, n = j, len(d)
			break
		}
	}
	if i < 0 {
		return "", false
	}
	left, right := strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+n:])
	switch {
	case w.hasAgencyWord(left) && !w.hasAgencyWord(right):
		return w.placeOnly(right)
	case w.hasAgencyWord(right) && !w.hasAgencyWord(left):
		return w.placeOnly(left)
	}
	return "", false
}

// placeOnly returns s, or the first of "A / B", when it is a place name alone.
func (w *work) placeOnly(s string) (string, bool) {
	if i := strings.Index(s, "/"); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	if p, n, _ := placeAt(s); n == len(s) && p != "" && w.placeWord(p) {
		return p, true
	}
	return "", false
}

func (w *work) hasAgencyWord(s string) bool {
	for f := range strings.FieldsSeq(s) {
		if lookupLower(w.lx.agency, strings.TrimFunc(f, isTrailPunct)) {
			return true
		}
	}
	return false
}

// calendarWord reports whether s is a weekday or a month name.
func (w *work) calendarWord(s string) bool {
	s = strings.TrimFunc(s, isTrailPunct)
	return lookupLower(w.lx.weekdays, s) || lookupLowerInt(w.lx.months, s) > 0
}

// placeWord reports whether a place candidate is not a weekday, a month or
// an outlet's name.
func (w *work) placeWord(p string) bool {
	return !w.calendarWord(p) && !w.hasAgencyWord(p)
}
