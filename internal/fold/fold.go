// Package fold normalises words for matching: lower case, no accents, no
// apostrophes or hyphens inside names. Every component that compares names
// (the knowledge base, the mention finder, the evaluation) folds the same way.
package fold

import (
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Word folds one word: lower case, accents stripped, apostrophes and other
// punctuation dropped. "Dbeibé" → "dbeibe", "Mo'ammar" → "moammar",
// "Shuga'addin" → "shugaaddin". Arabic and other scripts are lower-cased and
// have their diacritics (harakat) removed.
func Word(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			ascii = false
			break
		}
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	if simpleASCII(s) {
		// letters, digits and apostrophes only: lower-case in one allocation
		buf := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case c >= 'A' && c <= 'Z':
				buf = append(buf, c+32)
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				buf = append(buf, c)
			}
		}
		return string(buf)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				b.WriteByte(byte(r) + 32)
			case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
				b.WriteByte(byte(r))
			}
			continue
		}
		writeFolded(&b, r)
	}
	return b.String()
}

// writeFolded appends the folded form of one non-ASCII rune.
func writeFolded(b *strings.Builder, r rune) {
	switch r {
	case 'ı':
		b.WriteByte('i')
		return
	case 'ø', 'Ø':
		b.WriteByte('o')
		return
	case 'ß':
		b.WriteString("ss")
		return
	case 'æ', 'Æ':
		b.WriteString("ae")
		return
	case 'œ', 'Œ':
		b.WriteString("oe")
		return
	case 'đ', 'Đ', 'ð':
		b.WriteByte('d')
		return
	case 'ł', 'Ł':
		b.WriteByte('l')
		return
	case 'þ':
		b.WriteString("th")
		return
	}
	if unicode.Is(unicode.Mn, r) || unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) {
		return
	}
	var buf [utf8.UTFMax]byte
	n := utf8.EncodeRune(buf[:], r)
	for _, d := range norm.NFD.String(string(buf[:n])) {
		if unicode.Is(unicode.Mn, d) {
			continue
		}
		if d < utf8.RuneSelf {
			if d >= 'A' && d <= 'Z' {
				d += 32
			}
			b.WriteRune(d)
			continue
		}
		b.WriteRune(unicode.ToLower(d))
	}
}

// Phrase folds a multi-word string into space-separated folded words,
// splitting on spaces, hyphens and other punctuation and dropping a leading
// "the". "The Libyan National Army (LNA)" → "libyan national army lna".
func Phrase(s string) string {
	words := Words(s)
	if len(words) > 1 && words[0] == "the" {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

// Words splits s at spaces, hyphens and punctuation (but not inside words at
// apostrophes) and folds each piece; empty pieces are dropped. A possessive
// "'s" is dropped: "Al-Hwaij’s" → ["al", "hwaij"].
func Words(s string) []string {
	var out []string
	for w := range AllWords(s) {
		out = append(out, w)
	}
	return out
}

// AllWords yields the words of s that [Words] returns, one at a time.
func AllWords(s string) iter.Seq[string] {
	return func(yield func(string) bool) {
		start := -1
		flush := func(end int) bool {
			if start < 0 {
				return true
			}
			w := TrimPossessive(s[start:end])
			start = -1
			if f := Word(w); f != "" {
				return yield(f)
			}
			return true
		}
		for i, r := range s {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || IsApostrophe(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if r == '.' && start >= 0 && acronymDot(s, start, i) {
				continue
			}
			if !flush(i) {
				return
			}
		}
		flush(len(s))
	}
}

// IsApostrophe reports whether r is one of the apostrophes found in news text.
func IsApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == 'ʻ'
}

// TrimPossessive removes a trailing possessive ('s, ’s or a bare apostrophe)
// and leading apostrophes from a word.
func TrimPossessive(w string) string {
	if w == "" {
		return w
	}
	// fast path: most words neither end in s or an apostrophe nor start with one
	if last := w[len(w)-1]; last != 's' && last != 'S' && last != '\'' && last < 0x80 && w[0] < 0x80 && w[0] != '\'' {
		return w
	}
	for _, suf := range [...]string{"'s", "’s", "'S", "’S", "'", "’"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	for {
		r, n := utf8.DecodeRuneInString(w)
		if n == 0 || !IsApostrophe(r) {
			return w
		}
		w = w[n:]
	}
}

// acronymDot reports whether the dot at i continues an acronym that started
// at start ("U.S.", "U.N."): every piece so far is one letter.
func acronymDot(s string, start, i int) bool {
	piece := 0
	for _, r := range s[start:i] {
		if r == '.' {
			piece = 0
			continue
		}
		piece++
		if piece > 1 || !unicode.IsLetter(r) {
			return false
		}
	}
	return piece == 1
}

// simpleASCII reports whether s is ASCII letters, digits, apostrophes, dots and hyphens.
func simpleASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

// Dice is the Dice coefficient of the letter bigrams of a and b: 1 for the
// same string, 0 for strings with no bigram in common. Callers fold first.
func Dice(a, b string) float64 {
	if len(a) < 2 || len(b) < 2 {
		return 0
	}
	grams := map[string]int{}
	for i := 0; i+2 <= len(a); i++ {
		grams[a[i:i+2]]++
	}
	common := 0
	for i := 0; i+2 <= len(b); i++ {
		if grams[b[i:i+2]] > 0 {
			grams[b[i:i+2]]--
			common++
		}
	}
	return 2 * float64(common) / float64(len(a)+len(b)-2)
}
