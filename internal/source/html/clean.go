package html

import (
	_ "embed"
	"strings"
	"unicode"
)

//go:embed data/furniture.txt
var furnitureData string

// furniture holds the phrases of data/furniture.txt, lower-cased.
type furniture struct {
	exact    map[string]bool
	prefix   []string
	contains []string
	stop     map[string]bool
}

// containsMax is the longest line a [contains] phrase condemns.
const containsMax = 300

var lines = parseFurniture(furnitureData)

// parseFurniture reads the sectioned phrase list.
func parseFurniture(data string) *furniture {
	f := &furniture{exact: map[string]bool{}, stop: map[string]bool{}}
	section := ""
	for line := range strings.SplitSeq(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") && !strings.Contains(line, ":") {
			section = line[1 : len(line)-1]
			continue
		}
		line = strings.ToLower(line)
		switch section {
		case "exact":
			f.exact[strings.TrimSpace(line)] = true
		case "prefix":
			f.prefix = append(f.prefix, line) // trailing space is meaningful
		case "contains":
			f.contains = append(f.contains, strings.TrimSpace(line))
		case "stop":
			f.stop[strings.TrimSpace(line)] = true
		}
	}
	return f
}

// CleanText post-cleans the text an extractor gave: white space is
// normalised inside each line (no-break and zero-width spaces, tabs, runs
// of spaces), each line becomes a paragraph, paragraphs are separated by a
// blank line, a first line that repeats the title is dropped, and so are
// the lines of page furniture the extractors let through: the phrases of
// data/furniture.txt, bare e-mail and web addresses, and runs of
// upper-case headlines.
func CleanText(text, title string) string {
	var kept []string
	for line := range strings.SplitSeq(text, "\n") {
		if line = cleanLine(line); line != "" {
			kept = append(kept, line)
		}
	}
	total := 0
	for _, l := range kept {
		total += len(l)
	}
	var b strings.Builder
	b.Grow(len(text))
	n, seen := 0, 0
	for i, line := range kept {
		seen += len(line)
		low := strings.ToLower(line)
		if seen > total/2 && lines.stop[trimEnd(low)] {
			break
		}
		if isFurniture(line, low) || i == 0 && sameAsTitle(line, title) {
			continue
		}
		if n > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(line)
		n++
	}
	return b.String()
}

// sameAsTitle reports whether line is the title, or the title is line
// followed or preceded by the site's name.
func sameAsTitle(line, title string) bool {
	l, t := normKey(line), normKey(title)
	if l == "" || t == "" {
		return false
	}
	if l == t {
		return true
	}
	return len(l) >= 20 && len(l)*10 >= len(t)*6 && (strings.HasPrefix(t, l) || strings.HasSuffix(t, l))
}

// trimEnd drops the punctuation that may end a furniture line.
func trimEnd(s string) string {
	return strings.TrimRight(s, " :.!…»>|-–—")
}

// isFurniture reports a line of page furniture; low is line lower-cased.
func isFurniture(line, low string) bool {
	if lines.exact[trimEnd(low)] {
		return true
	}
	for _, p := range lines.prefix {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	if len(line) < containsMax {
		for _, p := range lines.contains {
			if strings.Contains(low, p) {
				return true
			}
		}
	}
	return isAddress(line)
}

// isAddress reports a line that is only e-mail addresses, social-media
// handles and profile links. (Other web addresses are left: articles list
// their sources.)
func isAddress(line string) bool {
	for f := range strings.FieldsSeq(line) {
		switch {
		case strings.HasPrefix(f, "@") && len(f) > 1,
			strings.Contains(f, "@") && strings.Contains(f, "."),
			strings.Contains(f, ".com/"), strings.HasPrefix(f, "twitter.com"):
		default:
			return false
		}
	}
	return true
}

// cleanLine normalises the white space of one line.
func cleanLine(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\u2060' || r == '\ufeff' || r == '\u00ad':
			continue // zero-width characters and soft hyphens
		case unicode.IsSpace(r) || r == '\u00a0':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// normKey reduces a line to letters and digits, lower-cased, to compare it
// with the title.
func normKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
