package segment

import (
	"unicode"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/fold"
)

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word  TokenKind = iota // letters, possibly with inner apostrophes or dots ("U.S.")
	Num                    // digits, possibly with inner separators ("1,000", "5+5" is Num Punct Num)
	Punct                  // any other single character
)

// Token is one word, number or punctuation mark of a sentence.
type Token struct {
	Start, End int // byte offsets into the text given to Tokenize
	Kind       TokenKind
	// Norm is the folded form (lower case, no accents, possessive dropped).
	Norm string
	// Cap reports whether the token starts with an upper-case letter.
	Cap bool
	// Poss reports whether the word carried a possessive 's.
	Poss bool
	// Space reports whether white space precedes the token.
	Space bool
}

// Tokenize cuts text[start:end] into tokens. Hyphens are tokens of their own,
// so "Al-Hwaij" is three tokens; a possessive "'s" is folded into its word
// and flagged with Poss.
func Tokenize(dst []Token, text string, start, end int) []Token {
	space := true
	for i := start; i < end; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == 0xa0:
			space = true
			i += n
			continue
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r):
			j := scanWord(text, i, end)
			w := text[i:j]
			tw := fold.TrimPossessive(w)
			tok := Token{Start: i, End: j, Kind: Word, Norm: fold.Word(tw), Cap: unicode.IsUpper(r), Poss: len(tw) < len(w), Space: space}
			dst = append(dst, tok)
			i = j
		case unicode.IsDigit(r):
			j := i
			for j < end {
				r2, n2 := utf8.DecodeRuneInString(text[j:])
				if unicode.IsDigit(r2) || ((r2 == ',' || r2 == '.') && j+n2 < end && isDigitByte(text[j+n2])) {
					j += n2
					continue
				}
				break
			}
			// ordinal suffixes: 12th, 1st, 2nd
			k := j
			for k < end && k-j < 2 && (text[k] >= 'a' && text[k] <= 'z') {
				k++
			}
			if k-j == 2 {
				switch text[j:k] {
				case "st", "nd", "rd", "th":
					j = k
				}
			}
			dst = append(dst, Token{Start: i, End: j, Kind: Num, Norm: text[i:j], Space: space})
			i = j
		default:
			dst = append(dst, Token{Start: i, End: i + n, Kind: Punct, Norm: text[i : i+n], Space: space})
			i += n
		}
		space = false
	}
	return dst
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// scanWord returns the end of the word that starts at i: letters, combining
// marks, digits, inner apostrophes and inner dots of acronyms ("U.S.").
func scanWord(text string, i, end int) int {
	j := i
	for j < end {
		r, n := utf8.DecodeRuneInString(text[j:])
		switch {
		case unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) || unicode.IsDigit(r):
			j += n
		case fold.IsApostrophe(r):
			// inner apostrophe (Mo'ammar) or possessive ('s); a trailing one is kept too
			if j+n < end {
				r2, _ := utf8.DecodeRuneInString(text[j+n:])
				if unicode.IsLetter(r2) {
					j += n
					continue
				}
			}
			if j > i && (text[j-1] == 's' || text[j-1] == 'S') && (j+n >= end || !unicode.IsLetter(nextRune(text, j+n))) {
				return j + n // plural possessive: "ministers'"
			}
			return j
		case r == '.':
			// an acronym: single letters separated by dots (U.S., U.N.)
			if j+n < end && j-i <= 2 && isAcronymLetter(text, j-1) {
				r2, n2 := utf8.DecodeRuneInString(text[j+n:])
				if unicode.IsUpper(r2) && (j+n+n2 >= end || text[j+n+n2] == '.') {
					j += n
					continue
				}
			}
			if j-i <= 3 && isAcronymLetter(text, j-1) && j > i+1 && text[j-2] == '.' {
				return j + n // final dot of U.S.
			}
			return j
		default:
			return j
		}
	}
	return j
}

func nextRune(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isAcronymLetter(text string, i int) bool {
	return i >= 0 && text[i] >= 'A' && text[i] <= 'Z'
}
