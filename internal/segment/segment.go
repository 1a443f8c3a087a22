package segment

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

//go:embed data/*.txt
var dataFS embed.FS

// Splitter finds sentence boundaries. Build one with [New]; it is safe for
// concurrent use.
type Splitter struct {
	abbrev map[string]bool // no boundary after these
	soft   map[string]bool // boundary before a capitalised word unless it continues a time
	cont   map[string]bool // words that continue a time expression ("6 p.m. Tuesday")
}

// New returns a Splitter with the abbreviation list for lang ("en" when the
// language has no list of its own).
func New(lang string) (*Splitter, error) {
	name := "data/abbrev_" + lang + ".txt"
	b, err := dataFS.ReadFile(name)
	if err != nil {
		b, err = dataFS.ReadFile("data/abbrev_en.txt")
		if err != nil {
			return nil, fmt.Errorf("segment: read abbreviations: %w", err)
		}
	}
	s := &Splitter{abbrev: map[string]bool{}, soft: map[string]bool{}, cont: map[string]bool{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		switch line[0] {
		case '!':
			s.soft[line[1:]] = true
			continue
		case '=':
			s.cont[line[1:]] = true
			continue
		}
		s.abbrev[line] = true
	}
	return s, sc.Err()
}

// Split returns the sentences of text. Every line break ends a sentence;
// within a line, a sentence ends at '.', '!', '?' (and their Arabic forms)
// followed by optional closing quotes or brackets, white space and the start
// of a new sentence. Leading and trailing white space is left out of each
// sentence's span. Para counts blank-line separated paragraphs.
func (s *Splitter) Split(text string) []doc.Sentence {
	var out []doc.Sentence
	para := 0
	blank := false
	lineStart := 0
	for lineStart <= len(text) {
		end := strings.IndexByte(text[lineStart:], '\n')
		if end < 0 {
			end = len(text)
		} else {
			end += lineStart
		}
		// A hard-wrapped line runs on into the next one.
		for end < len(text) && softBreak(text[lineStart:end], text[end+1:]) {
			next := strings.IndexByte(text[end+1:], '\n')
			if next < 0 {
				end = len(text)
			} else {
				end += 1 + next
			}
		}
		line := text[lineStart:end]
		if strings.TrimSpace(line) == "" {
			blank = true
		} else {
			if blank && len(out) > 0 {
				para++
			}
			blank = false
			out = s.splitLine(out, text, lineStart, end, para)
		}
		if end == len(text) {
			break
		}
		lineStart = end + 1
	}
	for i := range out {
		out[i].Index = i
	}
	return out
}

// softBreak reports whether the line break between line and rest only wraps
// a sentence: the line is not blank and ends without closing punctuation,
// and the next line goes on with a lower-case word.
func softBreak(line, rest string) bool {
	l := strings.TrimRight(line, " \t\r")
	if strings.TrimSpace(l) == "" {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(l)
	if isTerminator(r) || isCloser(r) || r == ':' {
		return false
	}
	nl := strings.IndexByte(rest, '\n')
	if nl < 0 {
		nl = len(rest)
	}
	next := strings.TrimSpace(rest[:nl])
	if next == "" {
		return false
	}
	f, _ := utf8.DecodeRuneInString(next)
	return unicode.IsLower(f)
}

// splitLine appends the sentences of text[start:end] to out.
func (s *Splitter) splitLine(out []doc.Sentence, text string, start, end, para int) []doc.Sentence {
	sentStart := start
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) {
			i += n
			continue
		}
		j := i + n
		// a run of terminators ("?!", "...")
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !isTerminator(r2) {
				break
			}
			j += n2
		}
		// closing quotes and brackets
		for j < end {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !isCloser(r2) {
				break
			}
			j += n2
		}
		if j < end && !isSpace(text[j]) {
			i = j
			continue
		}
		k := j
		for k < end && isSpace(text[k]) {
			k++
		}
		if k >= end {
			break
		}
		if r == '.' && !s.boundaryAfterStop(text[sentStart:i], text[k:end]) {
			i = j
			continue
		}
		if !startsSentence(text[k:end]) {
			i = j
			continue
		}
		out = appendSentence(out, text, sentStart, j, para)
		sentStart = k
		i = k
	}
	return appendSentence(out, text, sentStart, end, para)
}

// boundaryAfterStop decides whether the full stop that ends before is a
// sentence boundary, given the text after it.
func (s *Splitter) boundaryAfterStop(before, after string) bool {
	w := lastWord(before)
	if w == "" {
		return true
	}
	lw := strings.ToLower(w)
	if s.soft[lw] {
		next := strings.ToLower(strings.TrimSuffix(firstWord(after), "."))
		return next != "" && !s.cont[next]
	}
	if s.abbrev[lw] {
		return false
	}
	// A single capital letter is an initial ("John F. Kennedy").
	if r, n := utf8.DecodeRuneInString(w); n == len(w) && unicode.IsUpper(r) {
		return false
	}
	// Dotted acronyms not in the list ("U.N.S.C.") do not end sentences either.
	if strings.Contains(w, ".") && len(w) <= 8 {
		return false
	}
	return true
}

// lastWord returns the letters-and-dots word that ends s.
func lastWord(s string) string {
	i := len(s)
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i -= n
	}
	return strings.Trim(s[i:], ".")
}

func firstWord(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		i += n
	}
	return s[:i]
}

func appendSentence(out []doc.Sentence, text string, start, end, para int) []doc.Sentence {
	for start < end && isSpace(text[start]) {
		start++
	}
	for end > start && isSpace(text[end-1]) {
		end--
	}
	if start >= end {
		return out
	}
	return append(out, doc.Sentence{Span: doc.Span{Start: start, End: end}, Para: para})
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '。'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']', '›':
		return true
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// startsSentence reports whether s looks like the start of a sentence: a
// capital letter, a digit, an opening quote or bracket, or a letter of a
// script without case.
func startsSentence(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	switch r {
	case '"', '“', '‘', '\'', '«', '(', '[', '‹', '-', '–', '—':
		if n < len(s) {
			r2, _ := utf8.DecodeRuneInString(s[n:])
			return !unicode.IsLower(r2)
		}
		return true
	}
	if unicode.IsUpper(r) || unicode.IsDigit(r) {
		return true
	}
	return unicode.IsLetter(r) && !unicode.IsLower(r)
}
