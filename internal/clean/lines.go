package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one non-blank line of the raw text.
type line struct {
	s     string // the line, trimmed of surrounding white space
	key   string // norm(s) for short lines, "" for long ones
	words int
	gap   bool // one or more blank lines came before it
	drop  bool
}

// maxKeyLen bounds the lines that get a lookup key: boilerplate is short.
const maxKeyLen = 160

// splitLines cuts text into its non-blank lines, appending to buf. Line
// ends are "\n", "\r\n" or "\r".
func splitLines(buf []line, text string) []line {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	gap := false
	for text != "" {
		s := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			s, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		s = trimSpace(s)
		if s == "" {
			gap = true
			continue
		}
		l := line{s: s, words: wordCount(s), gap: gap}
		if len(s) <= maxKeyLen {
			l.key = norm(s)
		}
		buf = append(buf, l)
		gap = false
	}
	return buf
}

// trimSpace trims white space, including no-break and zero-width spaces and
// byte-order marks.
func trimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && asciiSpace(s[i]) {
		i++
	}
	for j > i && asciiSpace(s[j-1]) {
		j--
	}
	s = s[i:j]
	if s != "" && (s[0] >= utf8.RuneSelf || s[len(s)-1] >= utf8.RuneSelf) {
		s = strings.TrimFunc(s, isSpace)
	}
	return s
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}

func isSpace(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060'
}

// maxWords caps wordCount: the rules only ask whether a line has a few words
// or many.
const maxWords = 40

// wordCount counts the space-separated fields of s, up to maxWords. A long
// line is counted by its single spaces when it holds no other white space.
func wordCount(s string) int {
	if len(s) > 120 && !strings.Contains(s, "  ") && strings.IndexByte(s, '\t') < 0 {
		return min(strings.Count(s, " ")+1, maxWords+1)
	}
	n, in := 0, false
	for i := 0; i < len(s) && n <= maxWords; {
		c := s[i]
		sp := false
		if c < utf8.RuneSelf {
			sp = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
			i++
		} else {
			r, size := utf8.DecodeRuneInString(s[i:])
			sp = isSpace(r)
			i += size
		}
		if sp {
			in = false
		} else if !in {
			in, n = true, n+1
		}
	}
	return n
}

// lastRune returns the last rune of s that is not a closing quote or
// bracket, and whether such closers came after it.
func lastRune(s string) (rune, bool) {
	closed := false
	for s != "" {
		r, n := utf8.DecodeLastRuneInString(s)
		switch r {
		case '"', '\'', '”', '’', '»', ')', ']', '›', '“':
			closed = true
			s = s[:len(s)-n]
			continue
		}
		return r, closed
	}
	return 0, closed
}

// endsSentence reports whether s ends like a sentence: a full stop,
// question or exclamation mark (Latin or Arabic), before optional closing
// quotes. An ellipsis does not count: teasers end with one.
func endsSentence(s string) bool {
	r, _ := lastRune(s)
	switch r {
	case '.':
		return !strings.HasSuffix(strings.TrimRight(s, "\"'”’»)]› "), "...")
	case '!', '?', '؟', '۔', '。':
		return true
	}
	return false
}

// isProse reports whether l reads as a paragraph of the story rather than
// page furniture.
func isProse(l *line) bool {
	return l.words >= 8 && (l.words >= 15 || endsSentence(l.s))
}

// isListEnd reports whether l ends a list of links: a paragraph of the
// story, not a teaser cut off with an ellipsis.
func isListEnd(l *line) bool {
	if !isProse(l) {
		return false
	}
	t := strings.TrimRight(l.s, " \"'”’»)]")
	return !strings.HasSuffix(t, "…") && !strings.HasSuffix(t, "...")
}

// startsLower reports whether the first letter of s is lower case.
func startsLower(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsLower(r)
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	return false
}

// startsUpperOrUncased reports whether the first letter of s is upper case
// or of a script without case (Arabic).
func startsUpperOrUncased(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r) || !unicode.IsLower(r)
		}
	}
	return false
}

// nameConnectors may appear in lower case inside a person's name.
var nameConnectors = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "bint": true, "de": true, "du": true,
	"van": true, "von": true, "der": true, "da": true, "di": true, "la": true, "le": true, "and": true,
}

// nameLike reports whether s looks like a person's name alone: two to four
// words of letters (hyphens, apostrophes and initials allowed), each
// capitalised unless it is a connector ("al", "de"); with anyCase, lower-case
// names ("jane doe") pass too.
func nameLike(s string, anyCase bool) bool {
	if len(s) > 48 {
		return false
	}
	n := 0
	for _, w := range strings.Fields(s) {
		n++
		if n > 4 {
			return false
		}
		letters := 0
		for _, r := range w {
			switch {
			case unicode.IsLetter(r):
				letters++
			case r == '-' || r == '\'' || r == '’' || r == '.':
			default:
				return false
			}
		}
		if letters == 0 {
			return false
		}
		if !anyCase && !nameConnectors[strings.ToLower(w)] && !startsUpperOrUncased(w) {
			return false
		}
	}
	return n >= 2
}

// isTimeOnly reports whether s is a clock time or a video length alone ("02:11", "13:12:05").
func isTimeOnly(s string) bool {
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return false
	}
	for i, p := range parts {
		if _, ok := atoiN(p, 1, 2); !ok || i > 0 && len(p) != 2 {
			return false
		}
	}
	return true
}

// isURLOnly reports whether s is a bare web address.
func isURLOnly(s string) bool {
	if strings.ContainsAny(s, " \t") {
		return false
	}
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "www.")
}

// isMarkOnly reports whether s holds no letters or digits outside short
// brackets: "|", "…", "... (LANA) ...", "(AFP)".
func isMarkOnly(s string) bool {
	depth, inner := 0, 0
	for _, r := range s {
		switch {
		case r == '(' || r == '[':
			depth++
			inner = 0
		case r == ')' || r == ']':
			depth = max(depth-1, 0)
		case depth > 0:
			if inner++; inner > 40 {
				return false
			}
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return false
		}
	}
	return true
}

// hasDigit reports whether s holds an ASCII or Arabic-Indic digit.
func hasDigit(s string) bool {
	for _, r := range s {
		if digitVal(r) >= 0 {
			return true
		}
	}
	return false
}

// hasPrefixWord reports whether s starts with p, followed by the end of s or
// by a character that is not a letter (p may end in punctuation: "source:").
func hasPrefixWord(s, p string) bool {
	if !strings.HasPrefix(s, p) {
		return false
	}
	if len(s) == len(p) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[len(p):])
	last, _ := utf8.DecodeLastRuneInString(p)
	return !unicode.IsLetter(last) || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}
