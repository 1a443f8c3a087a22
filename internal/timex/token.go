package timex

import (
	"unicode"
	"unicode/utf8"
)

type tokKind uint8

const (
	tWord tokKind = iota + 1
	tNum
	tPunct
)

// token is one word, number or punctuation mark of a sentence.
type token struct {
	start, end int // byte offsets into the sentence
	kind       tokKind
	w          *word // lexicon entry, nil when unknown
	cap        bool  // starts with an upper-case letter
	space      bool  // white space precedes it
	poss       bool  // followed by a possessive 's (not part of the token)
	num        int   // value of a number
	ndig       int   // digits of a number
	ord        bool  // number with an ordinal suffix ("12th")
	odd        bool  // number glued to letters or part of a larger numeral ("1,000", "1990s")
}

// maxWord bounds the bytes folded for one lexicon look-up; longer words are
// never calendar words.
const maxWord = 48

// mayHaveTime is a quick pre-check: it reports whether s has a digit or a
// word that a time expression needs (see triggers). It does not allocate.
func (lx *lexicon) mayHaveTime(s string) bool {
	var buf [maxWord + 8]byte
	for i := 0; i < len(s); {
		c := s[i]
		if c >= '0' && c <= '9' {
			return true
		}
		if c < utf8.RuneSelf && !('a' <= c|0x20 && c|0x20 <= 'z') {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isLetter(r) {
			if digitValue(r) >= 0 {
				return true
			}
			i += n
			continue
		}
		j := letterRun(s, i)
		if c < utf8.RuneSelf && (j == len(s) || s[j] < utf8.RuneSelf) && lx.triggerShape[c|0x20]&(1<<min(j-i, 63)) == 0 && isASCII(s[i:j]) {
			if j == len(s) || s[j] != '.' || lx.triggerShape[c|0x20]&(1<<min(j+1-i, 63)) == 0 {
				i = j
				continue
			}
		}
		if j-i <= maxWord {
			if lx.lookupWord(s[i:j], buf[:0]).has(triggers) {
				return true
			}
			if j < len(s) && s[j] == '.' && lx.lookup(foldAppend(buf[:0], s[i:j+1])).has(triggers) {
				return true // "janv."
			}
		}
		i = j
	}
	return false
}

// tokenize cuts s into tokens, appending to dst, and merges multi-word
// lexicon entries into one token.
func (lx *lexicon) tokenize(dst []token, s string) []token {
	var buf [maxWord + 8]byte
	space := true
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r < utf8.RuneSelf && (r == ' ' || r == '\t' || r == '\n' || r == '\r') || r >= utf8.RuneSelf && unicode.IsSpace(r):
			space = true
			i += n
			continue
		case isLetter(r):
			t := lx.scanWord(s, i, buf[:0])
			t.space = space
			dst = append(dst, t)
			i = t.end
			if t.poss {
				i = skipPossessive(s, i)
			}
		case digitValue(r) >= 0:
			t := scanNumber(s, i, lx, buf[:0])
			t.space = space
			dst = append(dst, t)
			i = t.end
		default:
			t := token{start: i, end: i + n, kind: tPunct, space: space}
			if r < utf8.RuneSelf || r == '–' || r == '—' || r == '،' {
				t.w = lx.lookup(foldAppend(buf[:0], s[i:i+n]))
			}
			dst = append(dst, t)
			i += n
		}
		space = false
	}
	if lx.maxPhrase > 1 {
		dst = lx.mergePhrases(dst, buf[:0])
	}
	return dst
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// digitValue returns the value of an ASCII, Arabic-Indic or Eastern
// Arabic-Indic digit, or -1.
func digitValue(r rune) int {
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

// letterRun returns the end of the run of letters starting at i.
func letterRun(s string, i int) int {
	for i < len(s) && s[i] < utf8.RuneSelf {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return i
		}
		i++
	}
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isLetter(r) {
			break
		}
		i += n
	}
	return i
}

// scanWord reads the word at s[i:]. A word is a run of letters; it takes in
// an abbreviation's full stop, an apostrophe or a hyphen when the longer
// form is in the lexicon ("Sept.", "aujourd'hui", "week-end"). A French
// elided article ("l'année") becomes a token of its own, and an English
// possessive 's is flagged rather than kept.
func (lx *lexicon) scanWord(s string, i int, buf []byte) token {
	j := letterRun(s, i)
	var cap bool
	if c := s[i]; c < utf8.RuneSelf {
		cap = c >= 'A' && c <= 'Z'
	} else {
		r0, _ := utf8.DecodeRuneInString(s[i:])
		cap = unicode.IsUpper(r0)
	}
	t := token{start: i, end: j, kind: tWord, cap: cap}
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch {
		case r == '.' && j+1-i <= maxWord:
			if w := lx.lookup(foldAppend(buf[:0], s[i:j+1])); w != nil {
				t.end, t.w = j+1, w
				return t
			}
		case isApostrophe(r) || r == '-':
			r2, _ := utf8.DecodeRuneInString(s[j+n:])
			if !isLetter(r2) {
				break
			}
			k := letterRun(s, j+n)
			if k-i > maxWord {
				break
			}
			if w := lx.lookup(foldAppend(buf[:0], s[i:k])); w != nil {
				j = k
				t.end, t.w = k, w
				continue
			}
			if r == '-' {
				break
			}
			if k == j+n+1 && (s[j+n] == 's' || s[j+n] == 'S') {
				t.poss = true
				break
			}
			if w := lx.lookup(foldAppend(buf[:0], s[i:j+n])); w != nil || utf8.RuneCountInString(s[i:j]) <= 2 {
				t.end, t.w = j+n, w // elided article or preposition: "l'", "d'", "jusqu'"
				return t
			}
		}
		break
	}
	if t.end == j && t.w == nil {
		t.w = lx.lookupWord(s[i:j], buf)
	}
	return t
}

// lookupWord looks up a plain word, trying it without a one-letter Arabic
// proclitic (wa-, fa-, bi-, li-) when the whole word is unknown.
func (lx *lexicon) lookupWord(w string, buf []byte) *word {
	if len(w) > maxWord {
		return nil
	}
	if c := w[0]; c < utf8.RuneSelf && !lx.mayBe(c|0x20, len(w)) && isASCII(w) {
		return nil
	}
	if e := lx.lookup(foldAppend(buf[:0], w)); e != nil {
		return e
	}
	r, n := utf8.DecodeRuneInString(w)
	switch r {
	case 'و', 'ف', 'ب', 'ل':
		if utf8.RuneCountInString(w) > 2 {
			return lx.lookup(foldAppend(buf[:0], w[n:]))
		}
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func skipPossessive(s string, i int) int {
	_, n := utf8.DecodeRuneInString(s[i:])
	return i + n + 1
}

// scanNumber reads the number at s[i:]. Digits joined by "," or "." to more
// digits make one larger numeral ("1,000", "3.5"), flagged odd, except for
// dotted dates ("12.08.2023"), which stay three numbers. Letters glued to the
// digits make an ordinal ("12th", "1er"), mark a year ("2018م") or, otherwise,
// make an odd token ("1990s", "5km").
func scanNumber(s string, i int, lx *lexicon, buf []byte) token {
	t := token{start: i, kind: tNum}
	j := i
	for j < len(s) {
		r, n := utf8.DecodeRuneInString(s[j:])
		d := digitValue(r)
		if d < 0 {
			break
		}
		if t.ndig < 9 {
			t.num = t.num*10 + d
		}
		t.ndig++
		j += n
	}
	t.end = j
	inDotted := i > 1 && s[i-1] == '.' && s[i-2] >= '0' && s[i-2] <= '9'
	if !inDotted && j+1 < len(s) && (s[j] == ',' || s[j] == '.') && digitValue(rune(s[j+1])) >= 0 {
		if s[j] == '.' && dottedDate(s, i) {
			return t
		}
		t.odd = true
		for j < len(s) && (digitValue(rune(s[j])) >= 0 || (s[j] == ',' || s[j] == '.') && j+1 < len(s) && digitValue(rune(s[j+1])) >= 0) {
			j++
		}
		t.end = j
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if isLetter(r) {
		k := letterRun(s, j)
		t.end = k
		switch w := lx.lookupWord(s[j:k], buf); {
		case t.odd:
		case w.has(roleOrdinal):
			t.ord = true
		case w.has(roleYearMark) && t.ndig == 4:
		default:
			t.odd = true
		}
	}
	return t
}

// dottedDate reports whether s[i:] starts with d.d.dddd or dd.dd.dddd.
func dottedDate(s string, i int) bool {
	parts := 0
	for parts < 3 {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n := j - i
		switch {
		case parts < 2 && (n < 1 || n > 2), parts == 2 && n != 4:
			return false
		}
		parts++
		if parts == 3 {
			return j == len(s) || s[j] < '0' || s[j] > '9'
		}
		if j >= len(s) || s[j] != '.' {
			return false
		}
		i = j + 1
	}
	return false
}

// mergePhrases replaces each run of tokens that spells a multi-word lexicon
// entry ("this morning", "il y a", "كانون الثاني") by one token.
func (lx *lexicon) mergePhrases(toks []token, buf []byte) []token {
	out := toks[:0]
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tWord && t.w.has(rolePhraseStart) {
			if w, n := lx.phraseAt(toks[i:], buf); w != nil {
				last := toks[i+n-1]
				t.end, t.w, t.poss = last.end, w, last.poss
				out = append(out, t)
				i += n - 1
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// phraseAt returns the longest multi-word entry spelled by the words at the
// start of toks, and how many tokens it covers.
func (lx *lexicon) phraseAt(toks []token, buf []byte) (*word, int) {
	var found *word
	n := 0
	b := append(buf[:0], toks[0].w.key...)
	for k := 1; k < len(toks) && k < lx.maxPhrase; k++ {
		t := toks[k]
		if t.kind != tWord || t.w == nil || !t.space || toks[k-1].poss || len(b)+1+len(t.w.key) > maxWord {
			break
		}
		b = append(append(b, ' '), t.w.key...)
		if w := lx.phrases[string(b)]; w != nil {
			found, n = w, k+1
		}
		if !lx.prefixes[string(b)] {
			break
		}
	}
	return found, n
}
