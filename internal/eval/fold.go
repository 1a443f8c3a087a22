package eval

import (
	"strings"
	"unicode"
)

// latinFold maps U+00C0–U+017F (Latin-1 Supplement letters and Latin
// Extended-A) to their base letter: one byte per code point, '*' for the few
// that fold to two letters (see latinPairs), ' ' for the two signs × and ÷.
// latinAdditional does the same for U+1E00–U+1EFF (Latin Extended
// Additional: the dotted letters of Arabic transliteration, Vietnamese).
const latinFold = "" +
	"aaaaaa*ceeeeiiiidnooooo ouuuuy**" + // U+00C0 À … U+00DF ß
	"aaaaaa*ceeeeiiiidnooooo ouuuuy*y" + // U+00E0 à … U+00FF ÿ
	"aaaaaaccccccccdd" + // U+0100 Ā … U+010F ď
	"ddeeeeeeeeeegggg" + // U+0110 Đ … U+011F ğ
	"gggghhhhiiiiiiii" + // U+0120 Ġ … U+012F į
	"ii**jjkkklllllll" + // U+0130 İ … U+013F Ŀ
	"lllnnnnnnnnnoooo" + // U+0140 ŀ … U+014F ŏ
	"oo**rrrrrrssssss" + // U+0150 Ő … U+015F ş
	"ssttttttuuuuuuuu" + // U+0160 Š … U+016F ů
	"uuuuwwyyyzzzzzzs" //   U+0170 Ű … U+017F ſ

const latinAdditional = "" +
	"aabbbbbbccdddddd" + // U+1E00 Ḁ … U+1E0F ḏ
	"ddddeeeeeeeeeeff" + // U+1E10 Ḑ … U+1E1F ḟ
	"gghhhhhhhhhhiiii" + // U+1E20 Ḡ … U+1E2F ḯ
	"kkkkkkllllllllmm" + // U+1E30 Ḱ … U+1E3F ḿ
	"mmmmnnnnnnnnoooo" + // U+1E40 Ṁ … U+1E4F ṏ
	"oooopppprrrrrrrr" + // U+1E50 Ṑ … U+1E5F ṟ
	"sssssssssstttttt" + // U+1E60 Ṡ … U+1E6F ṯ
	"ttuuuuuuuuuuvvvv" + // U+1E70 Ṱ … U+1E7F ṿ
	"wwwwwwwwwwxxxxyy" + // U+1E80 Ẁ … U+1E8F ẏ
	"zzzzzzhtwyasss*d" + // U+1E90 Ẑ … U+1E9F ẟ
	"aaaaaaaaaaaaaaaa" + // U+1EA0 Ạ … U+1EAF ắ
	"aaaaaaaaeeeeeeee" + // U+1EB0 Ằ … U+1EBF ế
	"eeeeeeeeiiiioooo" + // U+1EC0 Ề … U+1ECF ỏ
	"oooooooooooooooo" + // U+1ED0 Ố … U+1EDF ở
	"oooouuuuuuuuuuuu" + // U+1EE0 Ỡ … U+1EEF ữ
	"uuyyyyyyyyllvvyy" //   U+1EF0 Ự … U+1EFF ỿ

// latinPairs holds the letters of latinFold marked '*'.
var latinPairs = map[rune]string{
	'Æ': "ae", 'æ': "ae", 'Þ': "th", 'þ': "th", 'ß': "ss",
	'Ĳ': "ij", 'ĳ': "ij", 'Œ': "oe", 'œ': "oe", 'ẞ': "ss",
}

// fold normalises a name for comparison: lower case; Latin accents folded to
// the base letter and combining marks dropped; apostrophes and dots removed
// ("U.S." = "US", "Mu'ammar" = "Muammar"); hyphens and all other punctuation,
// symbols and spaces turned into single spaces; a leading "the" dropped.
// "The U.S.-led Coalition" → "us led coalition".
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false // a separator is pending
	for _, r := range strings.ToLower(s) {
		var piece string
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			piece = string(r)
		case r >= 0xC0 && r <= 0x17F:
			piece = latinLetter(latinFold[r-0xC0], r)
		case r >= 0x1E00 && r <= 0x1EFF:
			piece = latinLetter(latinAdditional[r-0x1E00], r)
		case r == '.' || isApostrophe(r) || unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			piece = string(r)
		default:
			piece = " "
		}
		if piece == " " {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(piece)
	}
	out := b.String()
	if rest, ok := strings.CutPrefix(out, "the "); ok {
		return rest
	}
	return out
}

// latinLetter is the fold of r given its table byte c.
func latinLetter(c byte, r rune) string {
	if c == '*' {
		return latinPairs[r]
	}
	return string(rune(c))
}

// isApostrophe reports whether r is an apostrophe or a modifier letter used as
// one in transliterated names (ʿayn, hamza).
func isApostrophe(r rune) bool {
	switch r {
	case '\'', '’', '‘', 'ʼ', 'ʻ', 'ʿ', 'ʾ', '`', '´':
		return true
	}
	return false
}
