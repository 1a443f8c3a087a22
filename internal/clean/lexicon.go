package clean

import (
	"bufio"
	"bytes"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// lexicon holds the linguistic data of the cleaner, loaded from data files.
type lexicon struct {
	drop, cut, list, section, crumb, agency, bio map[string]bool
	label, published, modified, reading          map[string]bool
	byline, prefix, credit                       []string
	publishedList, modifiedList                  []string // the keys of published and modified, sorted

	months     map[string]int   // lowercase name → 1..12; may hold one space
	monthFirst map[string]bool  // first words of the month names that hold a space
	weekdays   map[string]bool  // lowercase names
	stop       map[uint64]uint8 // packed stop word → langEN or langFR
	abbrev     map[string]bool
}

func newLexicon() *lexicon {
	return &lexicon{
		drop: map[string]bool{}, cut: map[string]bool{}, list: map[string]bool{},
		section: map[string]bool{}, crumb: map[string]bool{}, agency: map[string]bool{},
		bio: map[string]bool{}, label: map[string]bool{}, published: map[string]bool{}, modified: map[string]bool{},
		reading: map[string]bool{}, months: map[string]int{}, monthFirst: map[string]bool{}, weekdays: map[string]bool{},
		stop: map[uint64]uint8{}, abbrev: map[string]bool{},
	}
}

// loadLexicon reads data/boilerplate_*.txt, data/dates.txt,
// data/stopwords.txt and data/abbrev.txt from fsys.
func loadLexicon(fsys fs.FS) (*lexicon, error) {
	lx := newLexicon()
	names, err := fs.Glob(fsys, "data/boilerplate_*.txt")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no data/boilerplate_*.txt")
	}
	sort.Strings(names)
	for _, name := range names {
		if err := lx.loadFile(fsys, name, lx.addBoilerplate); err != nil {
			return nil, err
		}
	}
	for _, f := range []struct {
		name string
		add  func(section, line string) error
	}{
		{"data/dates.txt", lx.addDate},
		{"data/stopwords.txt", lx.addStop},
		{"data/abbrev.txt", lx.addAbbrev},
	} {
		if err := lx.loadFile(fsys, f.name, f.add); err != nil {
			return nil, err
		}
	}
	for p := range lx.published {
		lx.publishedList = append(lx.publishedList, p)
	}
	sort.Strings(lx.publishedList)
	for p := range lx.modified {
		lx.modifiedList = append(lx.modifiedList, p)
	}
	sort.Strings(lx.modifiedList)
	for _, n := range []int{len(lx.drop), len(lx.months), len(lx.weekdays), len(lx.stop)} {
		if n == 0 {
			return nil, fmt.Errorf("empty lexicon section")
		}
	}
	return lx, nil
}

// loadFile parses one data file: "#" comments, "[section]" headers, one
// entry a line.
func (lx *lexicon) loadFile(fsys fs.FS, name string, add func(section, line string) error) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	if !utf8.Valid(b) {
		return fmt.Errorf("%s: invalid UTF-8", name)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	section := ""
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		t := strings.TrimSpace(line)
		if t == "" || t[0] == '#' {
			continue
		}
		if t[0] == '[' && t[len(t)-1] == ']' {
			section = t[1 : len(t)-1]
			continue
		}
		if err := add(section, line); err != nil {
			return fmt.Errorf("%s:%d: %w", path.Base(name), n, err)
		}
	}
	return sc.Err()
}

func (lx *lexicon) addBoilerplate(section, line string) error {
	key := norm(line)
	raw := strings.ToLower(strings.TrimLeft(line, " \t"))
	if key == "" {
		return fmt.Errorf("empty entry")
	}
	sets := map[string]map[string]bool{
		"drop": lx.drop, "cut": lx.cut, "list": lx.list, "section": lx.section,
		"crumb": lx.crumb, "agency": lx.agency, "bio": lx.bio, "label": lx.label,
		"published": lx.published, "modified": lx.modified, "reading": lx.reading,
	}
	if set, ok := sets[section]; ok {
		set[key] = true
		return nil
	}
	switch section {
	case "byline":
		lx.byline = append(lx.byline, strings.TrimSpace(raw))
	case "prefix":
		lx.prefix = append(lx.prefix, strings.TrimRight(raw, "\t"))
	case "credit":
		lx.credit = append(lx.credit, strings.TrimSpace(raw))
	default:
		return fmt.Errorf("unknown section %q", section)
	}
	return nil
}

func (lx *lexicon) addDate(section, line string) error {
	switch section {
	case "month":
		name, num, ok := strings.Cut(line, "\t")
		m, err := strconv.Atoi(strings.TrimSpace(num))
		if !ok || err != nil || m < 1 || m > 12 {
			return fmt.Errorf("want name<TAB>month number, got %q", line)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		lx.months[name] = m
		if first, _, ok := strings.Cut(name, " "); ok {
			lx.monthFirst[first] = true
		}
	case "weekday":
		lx.weekdays[strings.ToLower(strings.TrimSpace(line))] = true
	default:
		return fmt.Errorf("unknown section %q", section)
	}
	return nil
}

func (lx *lexicon) addStop(section, line string) error {
	if section == "" {
		return fmt.Errorf("stop word outside a [lang] section")
	}
	w := strings.ToLower(strings.TrimSpace(line))
	if len(w) < 2 || len(w) > 8 {
		return fmt.Errorf("stop word %q: want 2 to 8 bytes", w)
	}
	lang, ok := map[string]uint8{"en": langEN, "fr": langFR}[section]
	if !ok {
		return fmt.Errorf("unknown language section %q", section)
	}
	lx.stop[pack(w)] = lang
	return nil
}

func (lx *lexicon) addAbbrev(_, line string) error {
	lx.abbrev[strings.ToLower(strings.TrimSpace(line))] = true
	return nil
}

// norm is the key under which a line is looked up: lowercase, curly
// apostrophes straightened, runs of white space made one space, and leading
// bullets and trailing punctuation trimmed.
func norm(s string) string {
	var arr [2 * maxKeyLen]byte
	buf := arr[:0]
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
				space = len(buf) > 0
				continue
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			}
			if space {
				buf = append(buf, ' ')
				space = false
			}
			buf = append(buf, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '’' || r == '‘':
			r = '\''
		case unicode.IsSpace(r):
			space = len(buf) > 0
			continue
		}
		if space {
			buf = append(buf, ' ')
			space = false
		}
		buf = utf8.AppendRune(buf, unicode.ToLower(r))
	}
	return strings.TrimFunc(strings.TrimLeftFunc(string(buf), isBullet), isTrailPunct)
}

func isBullet(r rune) bool {
	switch r {
	case '-', '–', '—', '•', '·', '*', '|', '>', '»', '›', '■', '●', '▪', '►', '+', ' ':
		return true
	}
	return false
}

func isTrailPunct(r rune) bool {
	switch r {
	case ':', '!', '.', '|', '»', '›', ' ', '…', '-', '–', '—', '>':
		return true
	}
	return false
}

// Languages of the stop-word lists.
const (
	langEN uint8 = iota + 1
	langFR
)

// pack packs a word of at most 8 bytes into a map key.
func pack[S string | []byte](w S) uint64 {
	var k uint64
	for i := 0; i < len(w) && i < 8; i++ {
		k = k<<8 | uint64(w[i])
	}
	return k
}

// lookupLower reports whether m holds s, lower-cased.
func lookupLower(m map[string]bool, s string) bool { return lookupLowerIn(m, s) }

// lookupLowerInt returns m's value for s, lower-cased.
func lookupLowerInt(m map[string]int, s string) int { return lookupLowerIn(m, s) }

func lookupLowerIn[V any](m map[string]V, s string) V {
	var arr [32]byte
	if len(s) > len(arr) {
		return m[strings.ToLower(s)]
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return m[strings.ToLower(s)]
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		arr[i] = c
	}
	return m[string(arr[:len(s)])]
}
