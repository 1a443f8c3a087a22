package kb

import (
	"strings"

	"github.com/parleyhq/parley/internal/fold"
)

// NameKey returns the transliteration key of a name: a consonant skeleton
// that the spelling variants of a name of Arabic origin share.
//
// The name is folded ([fold.Words]); the article al-/el-/ad-/as- ... is
// dropped; Abdel-/Abdul-/Abd al- become "abd" joined to the next word; then
// each word is reduced: gh, kh, q, g, c → k; dh, z, th → d (th only after the
// first letter); ph → f; ou, oo, w → u; ee, y, ie → i; then vowels and h are
// dropped except a word's first letter, and doubled letters collapse.
// "Muammar Gaddafi", "Mo'ammar Gadhafi" and "Moammar Kadhafi" all give
// "mr kdf"; "Abdul Hamid Dbeibah" and "Abdel-Hamid Dbaiba" give "abdmd db".
//
// Words in Arabic script are first romanised ([Romanise], with the table in
// data/romanise.tsv), so "معمر القذافي" also gives "mr kdf".
func NameKey(name string) string {
	return nameKeyWords(fold.Words(joinShortHyphens(name)))
}

// joinShortHyphens writes a name's short hyphenated parts as one word, the
// way other spellings run them together: "Yunus-Bek" is "Yunusbek". An
// article ("al-", "el-") stays apart.
func joinShortHyphens(name string) string {
	if !strings.Contains(name, "-") {
		return name
	}
	parts := strings.Split(name, "-")
	var b strings.Builder
	for i, p := range parts {
		if i > 0 {
			prev := fold.Words(parts[i-1])
			next := fold.Words(p)
			join := len(next) > 0 && len(prev) > 0 && len(next[0]) <= 3 && !isArticle(next[0]) && !isArticle(prev[len(prev)-1])
			if !join {
				b.WriteByte('-')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

// nameKeyWords is NameKey of a name already split and folded by [fold.Words].
func nameKeyWords(words []string) string {
	words = romaniseWords(words)
	out := make([]string, 0, len(words))
	for i := 0; i < len(words); i++ {
		w := words[i]
		if isArticle(w) {
			continue
		}
		// glued article: "alsarraj", "elsisi"
		if len(w) > 5 && (strings.HasPrefix(w, "al") || strings.HasPrefix(w, "el")) && !isVowel(w[2]) && !knownAlWord(w) {
			w = w[2:]
		}
		if (w == "abd" || w == "abdel" || w == "abdul" || w == "abdal" || w == "abdoul") && i+1 < len(words) {
			j := i + 1
			if isArticle(words[j]) && j+1 < len(words) {
				j++
			}
			w = "abd" + words[j]
			i = j
		}
		for _, p := range [...]string{"abdel", "abdul", "abdal", "abdol", "abdil", "abdoul", "abdou", "abdu"} {
			if strings.HasPrefix(w, p) && len(w) > len(p)+1 {
				w = "abd" + w[len(p):]
				break
			}
		}
		if k := skeleton(w); k != "" {
			out = append(out, k)
		}
	}
	return strings.Join(out, " ")
}

func isArticle(w string) bool {
	switch w {
	case "al", "el", "ad", "ed", "as", "ash", "at", "az", "an", "ar", "ul", "il", "le", "la":
		return true
	}
	return false
}

// knownAlWord reports words that begin with al/el but carry no article.
func knownAlWord(w string) bool {
	switch {
	case strings.HasPrefix(w, "alex"), strings.HasPrefix(w, "alb"), strings.HasPrefix(w, "alf"),
		strings.HasPrefix(w, "elm"), strings.HasPrefix(w, "eld"), strings.HasPrefix(w, "alg"):
		return true
	}
	return false
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y':
		return true
	}
	return false
}

// skeleton reduces one folded word to its consonant key.
func skeleton(w string) string {
	if w == "" {
		return ""
	}
	// digraphs first
	var b strings.Builder
	b.Grow(len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		var n byte
		if i+1 < len(w) {
			n = w[i+1]
		}
		switch {
		case (c == 'g' || c == 'k') && n == 'h':
			b.WriteByte('k')
			i++
		case c == 'q' || c == 'g' || c == 'c':
			if c == 'c' && n == 'h' {
				b.WriteString("s") // ch as in French "Chaouch"
				i++
				continue
			}
			b.WriteByte('k')
		case c == 'd' && n == 'h':
			b.WriteByte('d')
			i++
		case c == 't' && n == 'h' && i > 0:
			b.WriteByte('d')
			i++
		case c == 'z':
			b.WriteByte('d')
		case c == 'p' && n == 'h':
			b.WriteByte('f')
			i++
		case c == 's' && n == 'h':
			b.WriteByte('s')
			i++
		case c == 'w':
			b.WriteByte('u')
		case c == 'y':
			b.WriteByte('i')
		case c == 'j' && i == 0 && (n == 'u' || n == 'o'):
			b.WriteByte('i') // Junus/Yunus, Jusuf/Yusuf: ي written J before u in German and Slavic spellings
		default:
			b.WriteByte(c)
		}
	}
	s := b.String()
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if i > 0 && (isVowel(c) || c == 'h') {
			continue
		}
		if i == 0 && isVowel(c) {
			c = 'a' // any initial vowel: Osama/Usama, Imad/Emad
		}
		if len(out) > 0 && out[len(out)-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
