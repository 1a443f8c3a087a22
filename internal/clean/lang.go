package clean

import (
	"unicode"
	"unicode/utf8"
)

// Language detection reads at most langSample bytes, judges the script on
// the first langLetters letters and counts function words among the first
// langWords words.
const (
	langSample  = 1200
	langLetters = 400
	langWords   = 100
)

// detectLang guesses the language of text among the few parley knows: "ar"
// when most letters are Arabic script, else "fr" or "en" by counting
// frequent function words. It returns "" when it cannot tell.
func detectLang(lx *lexicon, text string) string {
	if len(text) > langSample {
		text = text[:langSample]
	}
	arabic, letters, words := 0, 0, 0
	var en, fr int
	var word [8]byte // the current word, lower-cased, while it may be a stop word
	n := 0           // bytes in word; -1 once the word is too long
	endWord := func() {
		if n >= 2 && words < langWords {
			switch lx.stop[pack(word[:n])] {
			case langEN:
				en++
			case langFR:
				fr++
			}
		}
		if n != 0 {
			words++
		}
		n = 0
	}
	for i := 0; i < len(text) && (words < langWords || letters < langLetters); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
				letters++
				if n >= 0 && n < len(word) {
					word[n] = c | 0x20
					n++
				} else {
					n = -1
				}
			case c == '\'':
			default:
				endWord()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !unicode.IsLetter(r) {
			endWord()
			continue
		}
		letters++
		if unicode.Is(unicode.Arabic, r) {
			arabic++
		}
		r = unicode.ToLower(r)
		if n >= 0 && n+utf8.RuneLen(r) <= len(word) {
			n += utf8.EncodeRune(word[n:], r)
		} else {
			n = -1
		}
	}
	endWord()
	switch {
	case letters == 0:
		return ""
	case arabic*2 > letters:
		return "ar"
	case fr > en && fr >= 2:
		return "fr"
	case en > fr && en >= 2:
		return "en"
	}
	return ""
}
