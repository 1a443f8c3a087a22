package timex

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

//go:embed data/*.tsv
var dataFS embed.FS

// role is a bit set of what a word can do in a time expression.
type role uint32

const (
	roleMonth role = 1 << iota
	roleWeekday
	roleDay
	roleUnit
	roleMod
	roleEdge
	rolePrep
	roleCtx
	roleDet
	roleConj
	roleRangeFrom
	roleRangeTo
	roleNum
	roleAgo
	roleOrdinal
	roleDaypart
	roleNotBefore
	roleNotAfter
	roleOf          // links an ordinal day to its month ("12th of August")
	roleYearMark    // a letter glued to a year that marks the common era ("2018م")
	rolePhraseStart // first word of a multi-word entry
	roleTrigger     // a part of a calendar word or phrase that the quick pre-check looks for
)

// triggers are the roles of which a sentence needs at least one word, or a
// digit, to hold a time expression: every expression has a number, a month,
// a weekday, a day word or a unit.
const triggers = roleMonth | roleWeekday | roleDay | roleUnit | roleTrigger

// dir is the direction a modifier gives.
type dir int8

const (
	dirNone dir = iota
	dirPast
	dirFuture
	dirThis
)

// unit is a calendar unit.
type unit int8

const (
	unitNone unit = iota
	unitDay
	unitWeek
	unitWeekend
	unitMonth
	unitYear
)

// word is everything the lexicon knows about one folded word or phrase. A
// word may have several roles ("in" is a preposition and licenses a year).
type word struct {
	key      string
	roles    role
	month    int
	monthCap bool
	monthCtx bool
	weekday  time.Weekday
	wdCap    bool
	day      int
	unit     unit
	mod      dir
	modPost  bool
	edge     dir
	prep     Role
	ctxYear  bool
	ctxMonth bool
	attr     bool // det: what follows modifies a noun
	between  bool // rangefrom that needs a conj to close
	num      int
	agoPre   bool
	dayPre   bool // daypart placed before the day word
}

func (w *word) has(r role) bool { return w != nil && w.roles&r != 0 }

// lexicon is the calendar vocabulary of one or more languages.
type lexicon struct {
	words map[string]*word
	// phrases maps a folded multi-word entry ("this morning") to its word;
	// maxPhrase is the largest number of words in one.
	phrases   map[string]*word
	maxPhrase int
	// prefixes holds every proper prefix of two or more words of a phrase,
	// so that a phrase search stops at the first word that cannot follow.
	prefixes map[string]bool
	// shape has bit n of shape[b] set when some word of the lexicon folds to
	// n bytes starting with byte b: a cheap test before a map look-up.
	shape [256]uint64
	// triggerShape is shape for the words with a role in triggers.
	triggerShape [256]uint64
	// dayFirst says that all-numeric dates put the day first ("12/08/2023" is
	// 12 August); otherwise their order is unknown unless one part exceeds
	// 12. A lexicon merged from languages that disagree has it false.
	dayFirst bool
}

func newLexicon() *lexicon {
	return &lexicon{words: map[string]*word{}, phrases: map[string]*word{}, prefixes: map[string]bool{}}
}

// lookup returns the entry of an already folded word, or nil.
func (lx *lexicon) lookup(folded []byte) *word {
	if len(folded) == 0 || lx.shape[folded[0]]&(1<<min(len(folded), 63)) == 0 {
		return nil
	}
	return lx.words[string(folded)]
}

// mayBe reports whether an ASCII word of n bytes whose folded form starts
// with byte b can be in the lexicon.
func (lx *lexicon) mayBe(b byte, n int) bool {
	return lx.shape[b]&(1<<min(n, 63)) != 0
}

// entry returns the entry for key, creating it in m.
func entry(m map[string]*word, key string) *word {
	w := m[key]
	if w == nil {
		w = &word{key: key}
		m[key] = w
	}
	return w
}

// wordEntry returns the entry of a single folded word, creating it.
func (lx *lexicon) wordEntry(key string) *word {
	lx.shape[key[0]] |= 1 << min(len(key), 63)
	return entry(lx.words, key)
}

// loadLexicon reads data/<lang>.tsv for each lang from fsys into one lexicon.
func loadLexicon(fsys fs.FS, langs ...string) (*lexicon, error) {
	lx := newLexicon()
	firsts := 0
	for _, lang := range langs {
		lx.dayFirst = false
		name := path.Join("data", lang+".tsv")
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("timex: %w", err)
		}
		err = lx.read(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
		if lx.dayFirst {
			firsts++
		}
	}
	for key, w := range lx.words {
		if w.roles&triggers != 0 {
			lx.triggerShape[key[0]] |= 1 << min(len(key), 63)
		}
	}
	lx.dayFirst = firsts == len(langs)
	return lx, nil
}

func (lx *lexicon) read(f fs.File, name string) error {
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 4 {
			cols = append(cols, "")
		}
		if err := lx.add(cols[0], cols[1], cols[2], cols[3]); err != nil {
			return fmt.Errorf("timex: %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("timex: reading %s: %w", name, err)
	}
	return nil
}

var weekdayNames = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

var unitNames = map[string]unit{
	"day": unitDay, "week": unitWeek, "weekend": unitWeekend, "month": unitMonth, "year": unitYear,
}

var dirNames = map[string]dir{"": dirNone, "past": dirPast, "future": dirFuture, "this": dirThis}

var prepNames = map[string]Role{"at": RoleAt, "since": RoleSince, "until": RoleUntil}

// add records one data line.
func (lx *lexicon) add(kind, text, value, flags string) error {
	if kind == "datefmt" {
		switch value {
		case "dmy":
			lx.dayFirst = true
		case "any":
		default:
			return fmt.Errorf("unknown date format %q", value)
		}
		return nil
	}
	fields := strings.Fields(string(foldAppend(nil, text)))
	if len(fields) == 0 {
		return fmt.Errorf("empty word")
	}
	var w *word
	if len(fields) == 1 {
		w = lx.wordEntry(fields[0])
	} else {
		w = entry(lx.phrases, strings.Join(fields, " "))
		for k, f := range fields {
			lx.wordEntry(f) // a phrase's words are known words, with or without roles
			if k > 0 && k < len(fields)-1 {
				lx.prefixes[strings.Join(fields[:k+1], " ")] = true
			}
		}
		lx.words[fields[0]].roles |= rolePhraseStart
		lx.maxPhrase = max(lx.maxPhrase, len(fields))
	}
	fl := map[string]bool{}
	for _, f := range strings.Split(flags, ",") {
		if f = strings.TrimSpace(f); f != "" {
			fl[f] = true
		}
	}
	var ok bool
	var err error
	switch kind {
	case "month":
		w.roles |= roleMonth
		w.month, err = strconv.Atoi(value)
		if err == nil && (w.month < 1 || w.month > 12) {
			err = fmt.Errorf("month %d out of range", w.month)
		}
		w.monthCap, w.monthCtx = fl["cap"], fl["ctx"]
	case "weekday":
		w.roles |= roleWeekday
		if w.weekday, ok = weekdayNames[value]; !ok {
			err = fmt.Errorf("unknown weekday %q", value)
		}
		w.wdCap = fl["cap"]
	case "day":
		w.roles |= roleDay
		w.day, err = strconv.Atoi(value)
	case "unit":
		w.roles |= roleUnit
		if w.unit, ok = unitNames[value]; !ok {
			err = fmt.Errorf("unknown unit %q", value)
		}
	case "mod":
		w.roles |= roleMod
		if w.mod, ok = dirNames[value]; !ok || w.mod == dirNone {
			err = fmt.Errorf("unknown direction %q", value)
		}
		w.modPost = fl["post"]
	case "edge":
		w.roles |= roleEdge
		if w.edge, ok = dirNames[value]; !ok {
			err = fmt.Errorf("unknown direction %q", value)
		}
	case "prep":
		w.roles |= rolePrep
		if w.prep, ok = prepNames[value]; !ok {
			err = fmt.Errorf("unknown preposition role %q", value)
		}
	case "ctx":
		w.roles |= roleCtx
		switch value {
		case "year":
			w.ctxYear = true
		case "month":
			w.ctxMonth = true
		case "both":
			w.ctxYear, w.ctxMonth = true, true
		default:
			err = fmt.Errorf("unknown ctx %q", value)
		}
	case "det":
		w.roles |= roleDet
		w.attr = fl["attr"]
	case "conj":
		w.roles |= roleConj
	case "rangefrom":
		w.roles |= roleRangeFrom
		w.between = fl["between"]
	case "rangeto":
		w.roles |= roleRangeTo
	case "num":
		w.roles |= roleNum
		w.num, err = strconv.Atoi(value)
	case "ago":
		w.roles |= roleAgo
		w.agoPre = fl["pre"]
	case "of":
		w.roles |= roleOf
	case "ordinal":
		w.roles |= roleOrdinal
	case "yearmark":
		w.roles |= roleYearMark
	case "daypart":
		w.roles |= roleDaypart
		w.dayPre = fl["pre"]
	case "notbefore":
		w.roles |= roleNotBefore
	case "notafter":
		w.roles |= roleNotAfter
	default:
		err = fmt.Errorf("unknown kind %q", kind)
	}
	if err != nil {
		return fmt.Errorf("%s %q: %w", kind, text, err)
	}
	if w.roles&triggers != 0 {
		lx.markTriggers(fields)
	}
	return nil
}

// markTriggers makes the quick pre-check of [lexicon.mayHaveTime], which
// looks at plain runs of letters, see the calendar entries it would
// otherwise miss: the last word of a phrase ("this morning") and the part
// before the first apostrophe or hyphen of a word ("aujourd'hui").
func (lx *lexicon) markTriggers(fields []string) {
	if len(fields) > 1 {
		lx.wordEntry(fields[len(fields)-1]).roles |= roleTrigger
		return
	}
	if i := strings.IndexAny(fields[0], "'-"); i > 0 {
		lx.wordEntry(fields[0][:i]).roles |= roleTrigger
	}
}
