package timex

import (
	"unicode"
	"unicode/utf8"
)

// foldAppend appends the folded form of s to dst: lower case, Latin accents
// removed, typographic apostrophes and dashes made ASCII, and Arabic written
// without harakat or tatweel, with its hamza-carrying alifs as bare alif,
// alif maqsura as ya and ta marbuta as ha. The lexicon and the text are
// folded the same way before they are compared.
func foldAppend(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		r = foldRune(r)
		if r < 0 {
			continue
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// foldRune folds one non-ASCII rune; it returns -1 for a rune to drop.
func foldRune(r rune) rune {
	switch {
	case r >= 0x064B && r <= 0x0652, r == 0x0640, r == 0x0670: // harakat, tatweel, dagger alif
		return -1
	}
	switch r {
	case 'أ', 'إ', 'آ', 'ٱ':
		return 'ا'
	case 'ى':
		return 'ي'
	case 'ة':
		return 'ه'
	case '’', '‘', 'ʼ':
		return '\''
	case '–', '—', '‑', '‐':
		return '-'
	}
	r = unicode.ToLower(r)
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a'
	case 'ç':
		return 'c'
	case 'è', 'é', 'ê', 'ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï':
		return 'i'
	case 'ñ':
		return 'n'
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü':
		return 'u'
	case 'ý', 'ÿ':
		return 'y'
	}
	return r
}
