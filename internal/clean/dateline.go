package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// dateline is the opening of a story: "TRIPOLI, June 5 (Reuters) -",
// "ALGER –", "December 16, 2019 (KHARTOUM) -", "Tripoli, April 09, 2023
// (LANA) -", "Oct. 26 () –".
type dateline struct {
	Place string
	Date  date // Year is 0 when the dateline has no (full) date
	// HasDate reports that Date holds at least a month and a day.
	HasDate bool
	// End is the byte offset just after the dash and the spaces after it.
	End int
}

// parseDateline reads a dateline at the start of s.
func (w *work) parseDateline(s string) (dateline, bool) {
	dr := &w.st.dr
	var dl dateline
	pos := 0
	// A date first: "December 16, 2019 (KHARTOUM) -", "Oct. 26 () –".
	if d, ok := dr.find(prefix(s, 40)); ok && d.Start == 0 && d.Month > 0 && d.Day > 0 {
		dl.Date, dl.HasDate, pos = d, true, d.End
	} else {
		place, n, caps := placeAt(s)
		if n == 0 || !w.placeWord(place) {
			return dl, false
		}
		dl.Place, pos = place, n
		// ", June 5" or ", April 09, 2023" after the place.
		if p := skipSpace(s, pos); p < len(s) && s[p] == ',' {
			rest := s[p+1:]
			if d, ok := dr.find(prefix(rest, 40)); ok && strings.TrimSpace(rest[:d.Start]) == "" && d.Month > 0 {
				d.Start += p + 1
				d.End += p + 1
				dl.Date, dl.HasDate, pos = d, d.Day > 0, d.End
			} else {
				return dl, false
			}
		} else if !caps {
			// A capitalised place without a date needs a spaced dash: "Tripoli - ".
			p := skipSpace(s, pos)
			if p == pos || !strings.HasPrefix(s[p:], "-") && !strings.HasPrefix(s[p:], "–") && !strings.HasPrefix(s[p:], "—") {
				return dl, false
			}
		}
	}
	// An agency or a place in brackets: "(Reuters)", "(KHARTOUM)", "()".
	if p := skipSpace(s, pos); p < len(s) && s[p] == '(' {
		q := strings.IndexByte(s[p:], ')')
		if q < 0 || q > 40 {
			return dl, false
		}
		inner := strings.TrimSpace(s[p+1 : p+q])
		if dl.Place == "" && inner != "" {
			if place, n, caps := placeAt(inner); caps && n == len(inner) {
				dl.Place = place
			}
		}
		pos = p + q + 1
	}
	end, ok := dashAt(s, pos)
	if !ok {
		return dl, false
	}
	if dl.Place == "" && !dl.HasDate {
		return dl, false
	}
	// The story starts after the dash with a new sentence: "Tripoli - The
	// envoy", not "Libya – a country at war –".
	if end < len(s) && startsLower(s[end:]) {
		return dl, false
	}
	dl.End = end
	return dl, true
}

// placeAt reads a place name at the start of s: up to four upper-case words
// ("NEW YORK", "SANA'A"), or up to three capitalised words ("Tripoli",
// "Port Elmwood"), or one or two words of Arabic script. It returns the name,
// the offset after it and whether it was upper case.
func placeAt(s string) (string, int, bool) {
	if n := capsRun(s); n > 0 {
		return s[:n], n, true
	}
	if n := titleRun(s); n > 0 {
		return s[:n], n, false
	}
	if n := arabicRun(s); n > 0 {
		return s[:n], n, false
	}
	return "", 0, false
}

// capsRun returns the length of a run of up to four upper-case words at the
// start of s. The first word must have three letters or more.
func capsRun(s string) int {
	end, words, i := 0, 0, 0
	for words < 4 {
		j, letters, upper := i, 0, true
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if unicode.IsLetter(r) {
				letters++
				if !unicode.IsUpper(r) {
					upper = false
				}
			} else if !(r == '\'' || r == '’' || r == '.') || letters == 0 {
				break
			}
			j += n
		}
		if letters == 0 || !upper || words == 0 && letters < 3 {
			break
		}
		end, words = j, words+1
		if j >= len(s) || s[j] != ' ' {
			break
		}
		i = j + 1
	}
	return end
}

// titleRun returns the length of up to three capitalised words at the start
// of s ("Tripoli", "Port Elmwood"), joined by single spaces.
func titleRun(s string) int {
	end, words, i := 0, 0, 0
	for words < 3 && i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) {
			break
		}
		j, lower := i+n, 0
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.IsLetter(r) || unicode.IsUpper(r) {
				break
			}
			lower++
			j += n
		}
		if lower == 0 {
			break
		}
		end, words = j, words+1
		if j >= len(s) || s[j] != ' ' {
			break
		}
		i = j + 1
	}
	return end
}

// arabicRun returns the length of one or two words of Arabic script.
func arabicRun(s string) int {
	end, words, i := 0, 0, 0
	for words < 2 && i < len(s) {
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if !unicode.Is(unicode.Arabic, r) || !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			j += n
		}
		if j == i {
			break
		}
		end, words = j, words+1
		if j >= len(s) || s[j] != ' ' {
			break
		}
		i = j + 1
	}
	return end
}

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// dashAt reads the dash that closes a dateline at s[i:], with the spaces
// around it: "-", "--", "–", "—" or "−". An unspaced hyphen ("VIENNA-SABA",
// "ANKARA- Anadolu") counts only before a space or an upper-case word.
func dashAt(s string, i int) (int, bool) {
	p := skipSpace(s, i)
	spaced := p > i
	n := 0
	for _, d := range []string{"--", "–", "—", "−", "-"} {
		if strings.HasPrefix(s[p:], d) {
			n = len(d)
			break
		}
	}
	if n == 0 {
		return 0, false
	}
	q := p + n
	if !spaced && n == 1 && q < len(s) && s[q] != ' ' {
		if capsRun(s[q:]) == 0 {
			return 0, false
		}
	}
	return skipSpace(s, q), true
}

// prefix returns the first n bytes of s or a little more, cut at a rune
// boundary.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n < len(s) && !utf8.RuneStart(s[n]) {
		n++
	}
	return s[:n]
}
