package clean

import (
	"context"
	"embed"
	"io/fs"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

//go:embed data/*.txt
var dataFS embed.FS

// defaultLexicon is the embedded data, parsed once and shared read-only.
var defaultLexicon = sync.OnceValues(func() (*lexicon, error) { return loadLexicon(dataFS) })

// Cleaner is the article cleaner stage. The zero value uses the embedded
// lexicons; a Cleaner is safe for concurrent use.
type Cleaner struct {
	lx *lexicon
}

// New returns a Cleaner with the embedded lexicons, reporting a broken data
// file at once rather than at the first article.
func New() (*Cleaner, error) {
	lx, err := defaultLexicon()
	if err != nil {
		return nil, err
	}
	return &Cleaner{lx: lx}, nil
}

// NewFromFS returns a Cleaner that reads its lexicons from fsys, which must
// hold the files of the embedded data directory under data/ (for a
// --data-dir override: os.DirFS(dir)).
func NewFromFS(fsys fs.FS) (*Cleaner, error) {
	lx, err := loadLexicon(fsys)
	if err != nil {
		return nil, err
	}
	return &Cleaner{lx: lx}, nil
}

func (c *Cleaner) lexicon() (*lexicon, error) {
	if c.lx != nil {
		return c.lx, nil
	}
	return defaultLexicon()
}

// state is the scratch space of one Process call.
type state struct {
	lines []line
	dr    dateReader
}

var statePool = sync.Pool{New: func() any { return &state{dr: dateReader{toks: make([]token, 0, 64)}} }}

// Process cleans a.Text and fills a.Title, a.Dateline, the publication date
// and a.Lang as described in the package documentation. It returns an error
// only when ctx is done or the lexicons cannot be loaded.
func (c *Cleaner) Process(ctx context.Context, a *doc.Article) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	lx, err := c.lexicon()
	if err != nil {
		return err
	}
	st := statePool.Get().(*state)
	defer statePool.Put(st)
	st.dr.lx = lx
	w := &work{lx: lx, st: st, a: a}
	w.run()
	return nil
}

// work is the cleaning of one article.
type work struct {
	lx *lexicon
	st *state
	a  *doc.Article

	lines     []line
	title     string // the title written at the top of the cleaned text
	titleKeys [2]string
	titleIdx  int // the line that is the title, or -1
	ledeIdx   int // the lead paragraph, kept in the body even when it repeats the title; or -1
	bodyStart int // first line of the story; lines before it are the page header

	metaDate date // from a "date YYYY-MM-DD" extractor marker
	hasMeta  bool
	textDate date // from a byline date line or a "Published:" line
	hasText  bool
	dl       dateline // the dateline, if any
	hasDL    bool
}

func (w *work) run() {
	a := w.a
	text := validUTF8(a.Text)
	w.lines = splitLines(w.st.lines[:0], text)
	defer func() {
		clear(w.lines) // drop the references to this article's text
		w.st.lines = w.lines[:0]
	}()
	w.metaPrefix()
	w.findTitle(validUTF8(a.Title))
	w.findBodyStart()
	w.classify()
	w.trimTail()
	w.findDateline()
	w.ensureTitle()
	a.Text = w.assemble()
	a.Title = w.title
	if w.hasDL && w.dl.Place != "" {
		a.Dateline = w.dl.Place
	}
	w.setPublished()
	if a.Lang == "" {
		a.Lang = detectLang(w.lx, a.Text)
	}
}

func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}

// metaPrefix reads and removes the "date YYYY-MM-DD " marker that some
// extractors put at the start of the text.
func (w *work) metaPrefix() {
	if len(w.lines) == 0 {
		return
	}
	l := &w.lines[0]
	d, rest, ok := isoPrefix(l.s)
	if !ok {
		return
	}
	w.metaDate, w.hasMeta = d, true
	if rest == "" {
		l.drop = true
		return
	}
	l.s, l.words = rest, wordCount(rest)
	if len(rest) <= maxKeyLen {
		l.key = norm(rest)
	}
}

// ensureTitle takes a title from the first kept line when the header gave
// none: a headline-like line becomes the title line, a paragraph lends its
// first sentence and stays.
func (w *work) ensureTitle() {
	if w.title != "" {
		return
	}
	for i := range w.lines {
		l := &w.lines[i]
		if l.drop {
			continue
		}
		if s := w.firstSentence(l.s); isProse(l) && s != "" {
			w.title = s
		} else {
			w.title, l.drop = l.s, true
		}
		return
	}
}

// assemble writes the title, a blank line, and the kept lines: lines that
// were adjacent in the input stay on adjacent lines, and a blank line (in
// the input, or left by a dropped line) becomes one blank line.
func (w *work) assemble() string {
	var b strings.Builder
	n := len(w.title)
	for i := range w.lines {
		n += len(w.lines[i].s) + 2
	}
	b.Grow(n)
	b.WriteString(w.title)
	started := w.title != ""
	gap := true
	for i := range w.lines {
		l := &w.lines[i]
		if l.drop {
			gap = true
			continue
		}
		if started {
			if gap || l.gap {
				b.WriteString("\n\n")
			} else {
				b.WriteByte('\n')
			}
		}
		b.WriteString(l.s)
		started, gap = true, false
	}
	return b.String()
}
