package clean

import (
	"strings"
	"unicode"
)

// detectLang guesses the language of text among the few parley knows: "ar"
// when most letters are Arabic script, else "fr" or "en" by counting
// frequent function words. It returns "" when it cannot tell.
func detectLang(lx *lexicon, text string) string {
	if len(text) > 4000 {
		text = text[:4000]
	}
	arabic, letters := 0, 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
	}
	if letters == 0 {
		return ""
	}
	if arabic*2 > letters {
		return "ar"
	}
	counts := map[string]int{}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' }) {
		if lang := lx.stop[strings.ToLower(f)]; lang != "" {
			counts[lang]++
		}
	}
	best, n := "", 0
	for lang, c := range counts {
		if c > n || c == n && lang < best {
			best, n = lang, c
		}
	}
	if n < 3 {
		return ""
	}
	return best
}
