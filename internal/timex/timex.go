package timex

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// Ref is the publication date that relative expressions are resolved
// against. A zero Time means the publication date is unknown. An empty
// Precision with a non-zero Time means day precision.
type Ref struct {
	Time      time.Time
	Precision doc.Precision
}

// Role says how an expression stands to the clause around it, as shown by
// the preposition in front of it.
type Role uint8

// Roles of an expression.
const (
	RoleNone  Role = iota // no preposition: "Tuesday", "last week"
	RoleAt                // a point or period: "on Tuesday", "in April", "over the weekend", "from 5 to 7 May"
	RoleSince             // a start or a later bound: "since 2011", "from 2016", "after Tuesday"
	RoleUntil             // an end bound or a deadline: "until June", "by Friday", "before 2020"
)

// Expr is one time expression found in a sentence.
type Expr struct {
	// Start and End are the byte offsets of the expression in the sentence;
	// Text is the sentence between them. The span takes in the preposition
	// and modifiers ("earlier on Tuesday", "in last May").
	Start, End int
	Text       string
	// Date is the resolved date as YYYY-MM-DD, or "" when it cannot be
	// resolved. A week is dated by its Monday, a month by its first day, a
	// year by 1 January.
	Date string
	// Precision is the precision of Date; PrecisionUnknown when Date is "".
	Precision doc.Precision
	// Year is the year the expression mentions or resolves to; 0 if none.
	Year int
	// Past and Future give the direction of a relative expression when the
	// words say it ("last", "yesterday", "ago"; "next", "tomorrow").
	Past, Future bool
	// Role is what the preposition before the expression says of it.
	Role Role
	// Attr is set when the expression qualifies a noun rather than dating
	// the clause: "last week's storm", "the 2023 conference".
	Attr bool
	// Weekday is set for a bare day of the week ("on Wednesday"), resolved
	// by the publication day alone: the day after publication when that is
	// the day named (a report of the eve), else the latest before it. A
	// caller that knows the clause is in the past tense may take the one a
	// week earlier instead.
	Weekday bool
}

// Languages with a vocabulary of their own; any other language code uses
// all of them together.
var languages = []string{"en", "fr", "ar"}

// Finder finds time expressions with the vocabulary it was loaded with. It
// is safe for concurrent use.
type Finder struct {
	byLang map[string]*lexicon
	all    *lexicon
}

// New loads a Finder from data/<lang>.tsv files in fsys (see the files
// embedded in this package for their format), one for each of en, fr and ar.
func New(fsys fs.FS) (*Finder, error) {
	f := &Finder{byLang: map[string]*lexicon{}}
	for _, lang := range languages {
		lx, err := loadLexicon(fsys, lang)
		if err != nil {
			return nil, err
		}
		f.byLang[lang] = lx
	}
	all, err := loadLexicon(fsys, languages...)
	if err != nil {
		return nil, err
	}
	f.all = all
	return f, nil
}

var defaultFinder = sync.OnceValues(func() (*Finder, error) { return New(dataFS) })

// Default returns the Finder built from the vocabulary embedded in the
// package.
func Default() (*Finder, error) {
	f, err := defaultFinder()
	if err != nil {
		return nil, fmt.Errorf("timex: embedded data: %w", err)
	}
	return f, nil
}

// Find returns the time expressions of sentence s with the embedded
// vocabulary; see [Finder.Find].
func Find(s string, ref Ref, lang string) []Expr {
	f, err := defaultFinder()
	if err != nil {
		return nil // the embedded data is checked by the package tests
	}
	return f.Find(s, ref, lang)
}

// lexicon returns the vocabulary for a language code such as "en",
// "fr-FR" or "ar_LY".
func (f *Finder) lexicon(lang string) *lexicon {
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lx := f.byLang[strings.ToLower(lang)]; lx != nil {
		return lx
	}
	return f.all
}

// Find returns all time expressions of sentence s, in order, resolved
// against the publication date ref. lang is the sentence's language code;
// an unknown or empty code uses the vocabulary of every language.
func (f *Finder) Find(s string, ref Ref, lang string) []Expr {
	lx := f.lexicon(lang)
	if !lx.mayHaveTime(s) {
		return nil
	}
	p := parsers.Get().(*parser)
	defer parsers.Put(p)
	*p = parser{s: s, toks: lx.tokenize(p.toks[:0], s), lx: lx, out: p.out[:0]}
	p.run()
	var out []Expr
	if len(p.out) > 0 {
		r := newRef(ref)
		out = make([]Expr, 0, len(p.out))
		for _, m := range p.out {
			out = append(out, p.expr(m, r))
		}
	}
	p.s, p.lx = "", nil
	return out
}

// parsers keeps parsers, with their token and match buffers, between calls.
var parsers = sync.Pool{New: func() any { return new(parser) }}

// expr builds the Expr of a match.
func (p *parser) expr(m match, r refDate) Expr {
	start, end := p.toks[m.first].start, p.toks[m.last-1].end
	e := Expr{
		Start: start, End: end, Text: p.s[start:end],
		Precision: doc.PrecisionUnknown,
		Year:      m.sem.y,
		Role:      m.role, Attr: m.attr,
		Past: m.past, Future: m.future,
		Weekday: m.sem.kind == kWeekday && m.sem.dir == dirNone,
	}
	switch {
	case m.sem.dir == dirPast, m.sem.kind == kDays && m.sem.n < 0:
		e.Past = true
	case m.sem.dir == dirFuture, m.sem.kind == kDays && m.sem.n > 0:
		e.Future = true
	}
	if res := r.resolve(m.sem); res.known() {
		e.Date = res.t.Format(time.DateOnly)
		e.Precision = res.prec
		e.Year = res.t.Year()
	}
	return e
}

// LatestYear returns the latest year from 1950 to 2100 written in text as
// four digits standing alone, or 0. When an article has no publication
// date, it is the best guess of when the article was written.
func LatestYear(text string) int {
	best := 0
	for i := 0; i+4 <= len(text); i++ {
		c := text[i]
		if c != '1' && c != '2' {
			continue
		}
		if i > 0 && isASCIIDigit(text[i-1]) || i+4 < len(text) && isASCIIDigit(text[i+4]) {
			continue
		}
		y := 0
		ok := true
		for j := i; j < i+4; j++ {
			if !isASCIIDigit(text[j]) {
				ok = false
				break
			}
			y = y*10 + int(text[j]-'0')
		}
		if ok && y >= 1950 && y <= 2100 && y > best {
			best = y
		}
	}
	return best
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }
