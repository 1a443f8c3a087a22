package clean

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

// date is a calendar date read from text; Month and Day are 0 when not given.
type date struct {
	Year, Month, Day int
	// Start and End are the byte range of the date in the line.
	Start, End int
	// Weekday reports that a weekday name opened the date ("Friday, 24 March 2023").
	Weekday bool
}

// precision reports how much of d is known.
func (d date) precision() doc.Precision {
	switch {
	case d.Year == 0:
		return doc.PrecisionUnknown
	case d.Month == 0:
		return doc.PrecisionYear
	case d.Day == 0:
		return doc.PrecisionMonth
	}
	return doc.PrecisionDay
}

// toTime returns d as a UTC time, with missing parts set to 1.
func (d date) toTime() time.Time {
	return time.Date(d.Year, time.Month(max(d.Month, 1)), max(d.Day, 1), 0, 0, 0, 0, time.UTC)
}

func validYear(y int) bool { return y >= 1900 && y <= 2100 }

// validDate reports whether y-m-d is a real date (y may be 0: unknown).
func validDate(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 || d > 31 {
		return false
	}
	yy := y
	if yy == 0 {
		yy = 2000 // a leap year, so that 29 February passes
	}
	return time.Date(yy, time.Month(m), d, 0, 0, 0, 0, time.UTC).Day() == d
}

// tokKind is the kind of a date token.
type tokKind uint8

const (
	tokNum tokKind = iota + 1
	tokWord
	tokPunct
)

// token is a piece of a line for the date reader: a number (ASCII or
// Arabic-Indic digits, with an ordinal suffix such as "27th" or "1er"), a
// word, or one punctuation character. Spaces separate tokens.
type token struct {
	kind       tokKind
	start, end int
	val        int    // value of a number
	digits     int    // number of digits of a number
	text       string // the word as written, or the punctuation character
}

// ordinal suffixes that may follow a day number.
var ordinals = map[string]bool{"st": true, "nd": true, "rd": true, "th": true, "er": true, "e": true, "eme": true, "ème": true, "o": true, "º": true}

func digitVal(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	}
	return -1
}

// tokenize cuts s into date tokens, appending to buf. It stops after max tokens.
func tokenize(buf []token, s string, max int) []token {
	i := 0
	for i < len(s) && len(buf) < max {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r) || r == '\u200f' || r == '\u200e':
			i += n
		case digitVal(r) >= 0:
			start, v, nd := i, 0, 0
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				d := digitVal(r)
				if d < 0 {
					break
				}
				if nd < 9 {
					v = v*10 + d
				}
				nd++
				i += n
			}
			// An ordinal suffix glued to the number: 27th, 1er.
			j := i
			for j < len(s) {
				r, n := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += n
			}
			if j > i && j-i <= 3 && ordinals[strings.ToLower(s[i:j])] {
				i = j
			}
			buf = append(buf, token{kind: tokNum, start: start, end: i, val: v, digits: nd})
		case unicode.IsLetter(r):
			start := i
			for i < len(s) {
				r, n := utf8.DecodeRuneInString(s[i:])
				if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
					break
				}
				i += n
			}
			buf = append(buf, token{kind: tokWord, start: start, end: i, text: s[start:i]})
		default:
			buf = append(buf, token{kind: tokPunct, start: i, end: i + n, text: s[i : i+n]})
			i += n
		}
	}
	return buf
}

// dateReader finds dates in short lines. It keeps a token buffer, so one
// reader serves one goroutine.
type dateReader struct {
	lx   *lexicon
	toks []token
}

// month returns the month named by the token at i (and the next token, for
// two-word names), with the index after the name and its optional full stop.
func (dr *dateReader) month(i int) (m, next int) {
	t := dr.toks
	if i >= len(t) || t[i].kind != tokWord {
		return 0, i
	}
	if i+1 < len(t) && t[i+1].kind == tokWord && dr.lx.monthFirst[t[i].text] {
		if m := dr.lx.months[t[i].text+" "+t[i+1].text]; m > 0 {
			return m, i + 2
		}
	}
	m = lookupLowerInt(dr.lx.months, t[i].text)
	if m == 0 {
		return 0, i
	}
	next = i + 1
	if next < len(t) && t[next].text == "." && t[next].start == t[i].end {
		next++
	}
	return m, next
}

func (dr *dateReader) isPunct(i int, set string) bool {
	return i < len(dr.toks) && dr.toks[i].kind == tokPunct && strings.Contains(set, dr.toks[i].text)
}

func (dr *dateReader) num(i, minDigits, maxDigits int) (int, bool) {
	if i >= len(dr.toks) || dr.toks[i].kind != tokNum {
		return 0, false
	}
	t := dr.toks[i]
	return t.val, t.digits >= minDigits && t.digits <= maxDigits
}

// find returns the first date in s, with or without a year. Year-only
// numbers are not dates.
func (dr *dateReader) find(s string) (date, bool) {
	dr.toks = tokenize(dr.toks[:0], s, 64)
	for i := range dr.toks {
		if d, ok := dr.at(i); ok {
			return d, true
		}
	}
	return date{}, false
}

// at reads a date that starts at token i.
func (dr *dateReader) at(i int) (date, bool) {
	t := dr.toks
	start := i
	if t[i].kind == tokWord && lookupLower(dr.lx.weekdays, t[i].text) {
		j := i + 1
		if dr.isPunct(j, ".") && t[j].start == t[i].end {
			j++
		}
		if dr.isPunct(j, ",") {
			j++
		}
		if d, ok := dr.at2(j); ok {
			d.Start, d.Weekday = t[start].start, true
			return d, true
		}
		return date{}, false
	}
	return dr.at2(i)
}

// at2 reads a date without a leading weekday.
func (dr *dateReader) at2(i int) (date, bool) {
	t := dr.toks
	if i >= len(t) {
		return date{}, false
	}
	if d, ok := dr.numeric(i); ok {
		return d, true
	}
	// Day Month [Year]: "24 March 2023", "1er septembre", "04 تموز 2020", "27th March, 2025".
	if day, ok := dr.num(i, 1, 2); ok {
		j := i + 1
		if j < len(t) && t[j].kind == tokWord && strings.EqualFold(t[j].text, "of") {
			j++
		}
		if m, k := dr.month(j); m > 0 && validDate(0, m, day) {
			d := date{Month: m, Day: day, Start: t[i].start, End: t[k-1].end}
			return dr.year(d, k), true
		}
		return date{}, false
	}
	// Month Day [Year] or Month Year: "Aug 11, 2021", "February 9 2004", "February 2025".
	if m, j := dr.month(i); m > 0 {
		if day, ok := dr.num(j, 1, 2); ok && validDate(0, m, day) {
			d := date{Month: m, Day: day, Start: t[i].start, End: t[j].end}
			return dr.year(d, j+1), true
		}
		k := j
		if dr.isPunct(k, ",") {
			k++
		}
		if y, ok := dr.num(k, 4, 4); ok && validYear(y) {
			return date{Year: y, Month: m, Start: t[i].start, End: t[k].end}, true
		}
	}
	return date{}, false
}

// year extends d with a year at token j, after an optional comma.
func (dr *dateReader) year(d date, j int) date {
	if dr.isPunct(j, ",.") {
		j++
	}
	if y, ok := dr.num(j, 4, 4); ok && validYear(y) && validDate(y, d.Month, d.Day) {
		d.Year, d.End = y, dr.toks[j].end
	}
	return d
}

// numeric reads 2024-03-05, 2024/03/05, 05/03/2024, 4-07-2020 and 05.03.2024.
// A day-first reading is preferred for D/M/Y, as most outlets outside the
// United States write it; M/D/Y is taken only when the day-first reading
// is impossible.
func (dr *dateReader) numeric(i int) (date, bool) {
	t := dr.toks
	if i+4 >= len(t) || t[i].kind != tokNum || t[i+2].kind != tokNum || t[i+4].kind != tokNum {
		return date{}, false
	}
	sep := t[i+1].text
	if t[i+1].kind != tokPunct || t[i+3].text != sep || !strings.Contains("-/.", sep) {
		return date{}, false
	}
	// The five tokens must touch: "2024 - 03 - 05" is not a date.
	for k := i; k < i+4; k++ {
		if t[k].end != t[k+1].start {
			return date{}, false
		}
	}
	a, b, c := t[i], t[i+2], t[i+4]
	d := date{Start: a.start, End: c.end}
	switch {
	case a.digits == 4 && b.digits <= 2 && c.digits <= 2:
		d.Year, d.Month, d.Day = a.val, b.val, c.val
	case c.digits == 4 && a.digits <= 2 && b.digits <= 2:
		d.Year, d.Month, d.Day = c.val, b.val, a.val
		if !validDate(d.Year, d.Month, d.Day) {
			d.Month, d.Day = a.val, b.val
		}
	default:
		return date{}, false
	}
	if !validYear(d.Year) || !validDate(d.Year, d.Month, d.Day) {
		return date{}, false
	}
	return d, true
}

// isoPrefix reads the "date YYYY-MM-DD" or "date YYYY-MM" marker some
// extractors put before the text, returning the date and the rest of the line.
func isoPrefix(s string) (date, string, bool) {
	const marker = "date "
	if !strings.HasPrefix(s, marker) {
		return date{}, s, false
	}
	rest := s[len(marker):]
	n := 0
	for n < len(rest) && (rest[n] >= '0' && rest[n] <= '9' || rest[n] == '-') {
		n++
	}
	if n < len(rest) && rest[n] != ' ' {
		return date{}, s, false
	}
	d, ok := parseISO(rest[:n])
	if !ok {
		return date{}, s, false
	}
	return d, strings.TrimLeft(rest[n:], " "), true
}

// parseISO reads YYYY, YYYY-MM or YYYY-MM-DD.
func parseISO(s string) (date, bool) {
	var parts [3]int
	k := 0
	for _, p := range strings.Split(s, "-") {
		if k == 3 || p == "" || len(p) > 4 {
			return date{}, false
		}
		v := 0
		for _, c := range []byte(p) {
			if c < '0' || c > '9' {
				return date{}, false
			}
			v = v*10 + int(c-'0')
		}
		parts[k] = v
		k++
	}
	d := date{Year: parts[0], Month: parts[1], Day: parts[2]}
	switch {
	case !validYear(d.Year) || len(s) < 4 || s[4:] != "" && s[4] != '-':
		return date{}, false
	case k >= 2 && (d.Month < 1 || d.Month > 12):
		return date{}, false
	case k == 3 && !validDate(d.Year, d.Month, d.Day):
		return date{}, false
	}
	return d, true
}

// urlDate reads a publication date from a URL path: /2021/09/29/ or
// /2013/1/31/ (day), /2021/09/ followed by a slug (month), and an 8-digit
// YYYYMMDD run standing alone between separators (/20250206-title). Longer
// digit runs (/202210270148.html) are story numbers, not dates.
func urlDate(u string) (date, bool) {
	if i := strings.Index(u, "://"); i >= 0 {
		u = u[i+3:]
	}
	if i := strings.IndexAny(u, "?#"); i >= 0 {
		u = u[:i]
	}
	i := strings.IndexByte(u, '/')
	if i < 0 {
		return date{}, false
	}
	segs := strings.Split(u[i+1:], "/")
	for k, s := range segs {
		if y, ok := atoiN(s, 4, 4); ok && validYear(y) && k+1 < len(segs) {
			m, okm := atoiN(segs[k+1], 1, 2)
			if !okm || m < 1 || m > 12 {
				continue
			}
			if k+2 < len(segs) {
				if d, okd := atoiN(segs[k+2], 1, 2); okd && validDate(y, m, d) {
					return date{Year: y, Month: m, Day: d}, true
				}
			}
			if k+2 < len(segs) && segs[k+2] != "" {
				return date{Year: y, Month: m}, true
			}
		}
	}
	for _, s := range segs {
		if d, ok := compactDate(s); ok {
			return d, true
		}
	}
	return date{}, false
}

// compactDate finds a YYYYMMDD run of exactly eight digits in a path segment,
// bounded by the segment's ends or by '-', '_' or '.'.
func compactDate(s string) (date, bool) {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i == 8 && (i == 0 || strings.IndexByte("-_.", s[i-1]) >= 0) && (j == len(s) || strings.IndexByte("-_.", s[j]) >= 0) {
			y, _ := atoiN(s[i:i+4], 4, 4)
			m, _ := atoiN(s[i+4:i+6], 2, 2)
			d, _ := atoiN(s[i+6:j], 2, 2)
			if validYear(y) && validDate(y, m, d) {
				return date{Year: y, Month: m, Day: d}, true
			}
		}
		i = j
	}
	return date{}, false
}

// atoiN parses s as a decimal number of minN to maxN ASCII digits.
func atoiN(s string, minN, maxN int) (int, bool) {
	if len(s) < minN || len(s) > maxN {
		return 0, false
	}
	v := 0
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}
