package fold

import (
	"unicode"
	"unicode/utf8"
)

// Caseless reports whether a word is written in the Arabic script, which
// has no capitals to mark names and glues some particles to the next word.
func Caseless(w string) bool {
	for _, r := range w {
		return unicode.Is(unicode.Arabic, r)
	}
	return false
}

// Unglued returns an Arabic word without one and then two of the conjunctions
// and prepositions (و, ف, ب, ل, ك) written joined to it, shortest prefix
// first: "وبالمملكة" gives "بالمملكة", then "المملكة". A stem keeps at least
// three letters. Callers keep the first stem their lexicon knows.
func Unglued(w string) []string {
	var out []string
	rest := w
	for range 2 {
		r, n := utf8.DecodeRuneInString(rest)
		switch r {
		case 'و', 'ف', 'ب', 'ل', 'ك':
		default:
			return out
		}
		if utf8.RuneCountInString(rest[n:]) < 3 {
			return out
		}
		rest = rest[n:]
		out = append(out, rest)
	}
	return out
}
