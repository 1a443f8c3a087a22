package source

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/source/feed"
	htmlsrc "github.com/parleyhq/parley/internal/source/html"
	"github.com/parleyhq/parley/internal/source/langid"
	"github.com/parleyhq/parley/internal/source/warc"
)

// htmlDecoder reads an HTML page as one article.
type htmlDecoder struct {
	br   *bufio.Reader
	max  int64
	done bool
}

func (d *htmlDecoder) line() int { return 0 }

func (d *htmlDecoder) next() (*doc.Article, error) {
	if d.done {
		return nil, io.EOF
	}
	d.done = true
	data, err := readAll(d.br, d.max)
	if err != nil {
		return nil, err
	}
	p, err := htmlsrc.Extract(data, nil)
	if err != nil {
		return nil, err
	}
	return PageArticle(p), nil
}

// PageArticle turns a page extracted by the HTML reader into an article:
// its ID is derived from the page's URL (or text), its publication date
// parsed, and its language detected when the page does not say.
func PageArticle(p *htmlsrc.Page) *doc.Article {
	a := &doc.Article{URL: p.URL, Title: p.Title, Text: p.Text, Lang: p.Lang, Source: p.Site}
	setPublished(a, p.PublishedText)
	if a.Lang == "" {
		a.Lang = langid.Detect(a.Text, "")
	}
	a.ID = deriveID(a.URL, a.Text)
	return a
}

// feedDecoder reads the items of a feed that carry text (a description or
// content) as articles.
type feedDecoder struct {
	f *feed.Feed
	i int
}

func newFeedDecoder(br *bufio.Reader, opts *Options) (*feedDecoder, error) {
	data, err := readAll(br, opts.maxFile())
	if err != nil {
		return nil, err
	}
	f, err := feed.Parse(data)
	if err != nil {
		return nil, err
	}
	return &feedDecoder{f: f}, nil
}

func (d *feedDecoder) line() int { return 0 }

func (d *feedDecoder) next() (*doc.Article, error) {
	for d.i < len(d.f.Items) {
		it := &d.f.Items[d.i]
		d.i++
		if a := ItemArticle(it, d.f.Lang); a != nil {
			return a, nil
		}
	}
	return nil, io.EOF
}

// ItemArticle turns a feed item into an article from the text of its
// content, else of its description; nil when it has neither. lang is the
// feed's declared language, a hint for detection.
func ItemArticle(it *feed.Item, lang string) *doc.Article {
	text := htmlsrc.Text(it.Content)
	if strings.TrimSpace(text) == "" {
		text = htmlsrc.Text(it.Description)
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	a := &doc.Article{URL: it.Link, Title: it.Title, Text: text, Lang: langid.Detect(text, lang)}
	if !it.Published.IsZero() {
		a.Published, a.PublishedPrecision, a.PublishedText = it.Published, doc.PrecisionDay, it.PublishedText
	} else {
		setPublished(a, it.PublishedText)
	}
	a.ID = deriveID(a.URL, a.Text)
	return a
}

// warcDecoder reads the HTML pages of a WARC archive as articles: response
// records holding a successful HTTP response with an HTML payload, and
// resource records of type text/html. Other records (requests, metadata,
// revisits, redirects, images) are passed over.
type warcDecoder struct {
	r   *warc.Reader
	max int64
	n   int // records read
}

func newWARCDecoder(br *bufio.Reader, opts *Options) (*warcDecoder, error) {
	r, err := warc.NewReader(br)
	if err != nil {
		return nil, err
	}
	return &warcDecoder{r: r, max: opts.maxFile()}, nil
}

func (d *warcDecoder) line() int { return 0 }

func (d *warcDecoder) next() (*doc.Article, error) {
	for d.r.Next() {
		d.n++
		rec := d.r.Record()
		a, err := d.article(rec)
		if err != nil {
			return nil, recordError{fmt.Errorf("record %d (%s): %w", d.n, first(rec.TargetURI(), rec.ID()), err)}
		}
		if a != nil {
			return a, nil
		}
	}
	if err := d.r.Err(); err != nil {
		return nil, err
	}
	return nil, io.EOF
}

// article returns the article of one record, nil for a record that holds
// none.
func (d *warcDecoder) article(rec *warc.Record) (*doc.Article, error) {
	var body io.Reader
	var ctype string
	switch rec.Type() {
	case warc.TypeResponse:
		resp, err := rec.HTTPResponse()
		if errors.Is(err, warc.ErrNotHTTP) {
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return nil, nil
		}
		body, ctype = resp.Body, resp.Header.Get("Content-Type")
	case warc.TypeResource:
		body, ctype = rec.Body, rec.ContentType()
	default:
		return nil, nil
	}
	br := bufio.NewReader(body)
	if !isHTML(ctype, br) {
		return nil, nil
	}
	p, err := htmlsrc.Read(br, &htmlsrc.Options{URL: rec.TargetURI(), ContentType: ctype, MaxBytes: d.max})
	if errors.Is(err, htmlsrc.ErrNoContent) {
		return nil, nil // a page without an article: an index, a login form
	}
	if err != nil {
		return nil, err
	}
	a := PageArticle(p)
	if a.URL == "" {
		a.URL = rec.TargetURI()
	}
	return a, nil
}

// isHTML reports whether a payload is an HTML page, by its media type or,
// when it has none, by its first bytes.
func isHTML(ctype string, br *bufio.Reader) bool {
	mt, _, _ := mime.ParseMediaType(ctype)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		head, _ := br.Peek(1024)
		return htmlsrc.LooksLikeHTML(head)
	}
	return false
}
