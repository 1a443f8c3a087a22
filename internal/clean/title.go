package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// headerLines bounds the page header: the title and the story's first
// paragraph are looked for in the first lines only.
const headerLines = 15

// findTitle settles the title: the source's title when it is a real
// headline, otherwise one taken from the first lines of the text. It marks
// the line that holds the title, if any.
func (w *work) findTitle(given string) {
	w.titleIdx, w.ledeIdx = -1, -1
	t := strings.TrimRight(strings.Join(strings.Fields(given), " "), "\uFFFD")
	if t != "" && !w.junkTitle(t) {
		w.useGivenTitle(t)
		return
	}
	// No usable title: the first line that is not page furniture.
	for i := 0; i < min(len(w.lines), headerLines); i++ {
		l := &w.lines[i]
		if l.drop || w.headerJunk(i, false) {
			continue
		}
		w.titleIdx = i
		if !isProse(l) {
			w.setTitle(l.s)
			return
		}
		// A paragraph, not a headline: title it with its first sentence
		// and keep the whole paragraph in the body.
		w.titleFromLede(i)
		return
	}
}

// useGivenTitle finds the source's title t in the text.
func (w *work) useGivenTitle(t string) {
	w.setTitle(t)
	for i := 0; i < min(len(w.lines), headerLines); i++ {
		if w.isTitleLine(&w.lines[i]) {
			w.titleIdx = i
			// A title that is the whole lead sentence stays in the body too,
			// unless a lead paragraph that opens with it follows.
			if endsSentence(t) && wordCount(t) >= 12 && !w.ledeAfter(i, t) {
				w.ledeIdx = i
			}
			return
		}
	}
	// A title cut from the lead paragraph ("The minister met ... in the"):
	// title the article with that paragraph's first sentence instead.
	if len(t) < 40 {
		return
	}
	for i := 0; i < min(len(w.lines), headerLines); i++ {
		l := &w.lines[i]
		if len(l.s) > len(t) && strings.HasPrefix(l.s, t) {
			w.titleFromLede(i)
			return
		}
	}
}

// ledeAfter reports whether a line after i opens with t and goes on.
func (w *work) ledeAfter(i int, t string) bool {
	for j := i + 1; j < min(len(w.lines), headerLines); j++ {
		if s := w.lines[j].s; len(s) > len(t) && strings.HasPrefix(s, t) {
			return true
		}
	}
	return false
}

// titleFromLede titles the article with the first sentence of line i, the
// lead paragraph, which stays in the body whole. A lead without a sentence
// end near its start keeps the title it has, or becomes the title itself.
func (w *work) titleFromLede(i int) {
	l := &w.lines[i]
	w.ledeIdx = i
	if s := w.firstSentence(l.s); s != "" {
		w.setTitle(s)
	} else if w.title == "" {
		w.setTitle(l.s)
	}
}

// setTitle sets the title and the keys of the lines that repeat it. A site
// name after " | " is dropped from the title.
func (w *work) setTitle(t string) {
	w.titleKeys[0] = norm(t)
	if i := strings.Index(t, " | "); i > 0 && wordCount(t[:i]) >= 3 {
		t = strings.TrimSpace(t[:i])
	}
	w.title = t
	w.titleKeys[1] = norm(t)
}

func (w *work) isTitleLine(l *line) bool {
	key := l.key
	if key == "" {
		// A long line gets no key; compare it only when its length is close.
		if d := len(l.s) - len(w.title); d < -16 || d > 16 || w.title == "" {
			return false
		}
		key = norm(l.s)
	}
	return key == w.titleKeys[0] || key == w.titleKeys[1]
}

// junkTitle reports whether a source's title is page furniture: a date, a
// breadcrumb trail, a section name.
func (w *work) junkTitle(t string) bool {
	key := norm(t)
	if key == "" || w.lx.drop[key] || w.lx.section[key] || isMarkOnly(t) {
		return true
	}
	if _, ok := crumb(w.lx, t); ok {
		return true
	}
	_, _, ok := w.dateLine(t)
	return ok
}

// findBodyStart finds the first paragraph of the story. When none is found
// near the top, the page header is just the title.
func (w *work) findBodyStart() {
	w.bodyStart = w.titleIdx + 1
	for i := 0; i < min(len(w.lines), headerLines); i++ {
		l := &w.lines[i]
		if i == w.titleIdx || l.drop || w.isTitleLine(l) {
			continue
		}
		if isProse(l) {
			w.bodyStart = i
			return
		}
	}
}

// firstSentence returns the first sentence of a paragraph (the whole
// paragraph when it is one sentence), or "" when no sentence ends within 400
// bytes. A full stop after an abbreviation or an
// initial does not end a sentence.
func (w *work) firstSentence(s string) string {
	for i := 0; i < len(s) && i < 400; {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch r {
		case '.', '!', '?', '؟':
		default:
			continue
		}
		end := i
		for end < len(s) {
			c, n := utf8.DecodeRuneInString(s[end:])
			if !strings.ContainsRune("\"'”’»)", c) {
				break
			}
			end += n
		}
		if end >= len(s) {
			return s
		}
		if s[end] != ' ' {
			continue
		}
		next, _ := utf8.DecodeRuneInString(s[end+1:])
		if !(unicode.IsUpper(next) || unicode.IsDigit(next) || strings.ContainsRune("\"“‘'«(", next) || unicode.IsLetter(next) && !unicode.IsLower(next)) {
			continue
		}
		if r == '.' && w.abbrevBefore(s[:i-1]) {
			continue
		}
		return s[:end]
	}
	return ""
}

// abbrevBefore reports whether s ends with an abbreviation or an initial.
func (w *work) abbrevBefore(s string) bool {
	j := strings.LastIndexAny(s, " (\"“")
	word := s[j+1:]
	if utf8.RuneCountInString(word) == 1 {
		return true // an initial: "Richard J. Norland"
	}
	return w.lx.abbrev[strings.ToLower(word)]
}
