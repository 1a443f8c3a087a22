package kb

import (
	"bufio"
	"bytes"
	"strings"
	"sync"
	"unicode/utf8"
)

// The romanisation table (data/romanise.tsv) maps each Arabic letter to the
// Latin spelling that English renderings of names use most often. It is
// read once, on first use, from the embedded data: NameKey needs it and has
// no knowledge base to hang it on.
var roman struct {
	once  sync.Once
	table map[rune]string
}

func romanTable() map[rune]string {
	roman.once.Do(func() {
		roman.table = map[rune]string{}
		b, err := dataFS.ReadFile("data/romanise.tsv")
		if err != nil {
			return // the key then simply ignores Arabic letters
		}
		parseRomanTable(b, roman.table)
	})
	return roman.table
}

// parseRomanTable reads "letter<TAB>latin..." rows, skipping comments and
// the header.
func parseRomanTable(b []byte, into map[rune]string) {
	sc := bufio.NewScanner(bytes.NewReader(b))
	header := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if header {
			header = false
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			continue
		}
		r, n := utf8.DecodeRuneInString(cols[0])
		if n == 0 || n != len(cols[0]) {
			continue
		}
		into[r] = cols[1]
	}
}

// isArabic reports whether r is in the Arabic block.
func isArabic(r rune) bool { return r >= 0x0600 && r <= 0x06FF || r >= 0x0750 && r <= 0x077F }

// hasArabic reports whether s holds an Arabic letter.
func hasArabic(s string) bool {
	for _, r := range s {
		if isArabic(r) {
			return true
		}
	}
	return false
}

// Romanise writes a folded Arabic-script word in Latin letters with the
// romanisation table: "القذافي" → "al qdhafy" (the article becomes its own
// word, as in "al-Qadhafi"). Letters outside the Arabic block are kept, and
// Arabic letters the table lacks are dropped.
func Romanise(word string) string {
	t := romanTable()
	var b strings.Builder
	b.Grow(len(word))
	rest := word
	if strings.HasPrefix(rest, "ال") && utf8.RuneCountInString(rest) > 3 {
		b.WriteString("al ")
		rest = rest[len("ال"):]
	}
	for _, r := range rest {
		if !isArabic(r) {
			b.WriteRune(r)
			continue
		}
		b.WriteString(t[r])
	}
	return b.String()
}

// romaniseWords replaces the Arabic-script words of a folded name by their
// romanisation, splitting off the article.
func romaniseWords(words []string) []string {
	any := false
	for _, w := range words {
		if hasArabic(w) {
			any = true
			break
		}
	}
	if !any {
		return words
	}
	out := make([]string, 0, len(words)+2)
	for _, w := range words {
		if !hasArabic(w) {
			out = append(out, w)
			continue
		}
		out = append(out, strings.Fields(Romanise(w))...)
	}
	return out
}
