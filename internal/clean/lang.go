package clean

import (
	"unicode"
	"unicode/utf8"
)

// langSample bounds the text that language detection reads.
const langSample = 1500

// detectLang guesses the language of text among the few parley knows: "ar"
// when most letters are Arabic script, else "fr" or "en" by counting
// frequent function words. It returns "" when it cannot tell.
func detectLang(lx *lexicon, text string) string {
	if len(text) > langSample {
		text = text[:langSample]
	}
	arabic, letters := 0, 0
	var en, fr int
	var word [8]byte // the current word, lower-cased, when it is short enough to be a stop word
	n, long := 0, false
	flush := func() {
		if n > 0 && !long {
			switch lx.stop[string(word[:n])] { // no allocation for a map key conversion
			case "en":
				en++
			case "fr":
				fr++
			}
		}
		n, long = 0, false
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		i += size
		if !unicode.IsLetter(r) && r != '\'' {
			flush()
			continue
		}
		if r != '\'' {
			letters++
			if r >= 0x600 && unicode.Is(unicode.Arabic, r) {
				arabic++
			}
		}
		r = unicode.ToLower(r)
		if n+utf8.RuneLen(r) > len(word) {
			long = true
			continue
		}
		n += utf8.EncodeRune(word[n:], r)
	}
	flush()
	switch {
	case letters == 0:
		return ""
	case arabic*2 > letters:
		return "ar"
	case fr > en && fr >= 3:
		return "fr"
	case en >= 3:
		return "en"
	}
	return ""
}
