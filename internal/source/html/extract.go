package html

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"time"

	"github.com/markusmobius/go-trafilatura"
	nethtml "golang.org/x/net/html"

	"github.com/parleyhq/parley/internal/source/langid"
)

// DefaultMaxBytes bounds the page Extract reads.
const DefaultMaxBytes = 16 << 20

// ErrNoContent reports a page in which no article text was found.
var ErrNoContent = errors.New("html: no article text found")

// ErrTooLarge reports a page larger than Options.MaxBytes.
var ErrTooLarge = errors.New("html: page too large")

// Options tune [Extract]. The zero value is the default configuration; a nil
// *Options means the zero value.
type Options struct {
	// URL is where the page was fetched from, if known; it resolves
	// relative links and is the Page's URL unless the page names a
	// canonical one.
	URL string
	// ContentType is the HTTP Content-Type header the page came with, if
	// any; its charset parameter takes precedence over the page's own.
	ContentType string
	// MaxBytes bounds the page; 0 means DefaultMaxBytes.
	MaxBytes int64
	// NoFallback turns off trafilatura's fallback extractors (readability,
	// DOM distiller): about twice as fast, but some pages come out nearly
	// empty.
	NoFallback bool
}

// Page is the article found in a web page.
type Page struct {
	URL    string
	Title  string
	Author string
	// Site is the outlet's name (og:site_name) or, failing that, the host.
	Site        string
	Description string
	// Text is the article body: paragraphs separated by blank lines.
	Text string
	// Lang is the ISO 639-1 code of the text's language, or "".
	Lang string
	// Published is the publication date, zero when unknown; PublishedText
	// is it as RFC 3339, or YYYY-MM-DD when the page gives no time of day.
	Published     time.Time
	PublishedText string
	// Charset is the charset the page was decoded from.
	Charset string
}

// Read reads a page from r, at most opts.MaxBytes of it, and extracts it.
func Read(r io.Reader, opts *Options) (*Page, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	limit := o.MaxBytes
	if limit <= 0 {
		limit = DefaultMaxBytes
	}
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, limit)
	}
	return Extract(b, &o)
}

// Extract finds the article in the page b: its main text (with
// go-trafilatura and its fallback extractors, then parley's own
// post-cleaning, see [CleanText]), title, author, publication date and
// language. It decodes b from its charset first (see [Decode]). A page in
// which no text is found gives [ErrNoContent].
func Extract(b []byte, opts *Options) (p *Page, err error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.MaxBytes > 0 && int64(len(b)) > o.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, o.MaxBytes)
	}
	defer func() {
		// The extractors are third-party code over arbitrary markup: a
		// panic in them is one bad page, not a crashed reader.
		if r := recover(); r != nil {
			p, err = nil, fmt.Errorf("html: extractor failed: %v", r)
		}
	}()
	text, cs := Decode(b, o.ContentType)
	root, err := nethtml.Parse(strings.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	hint := htmlLang(root)
	topts := trafilatura.Options{
		EnableFallback:  !o.NoFallback,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Fast,
	}
	if u, err := nurl.Parse(o.URL); err == nil && u.Host != "" {
		topts.OriginalURL = u
	}
	res, err := trafilatura.ExtractDocument(root, topts)
	if err != nil || res == nil {
		return nil, ErrNoContent
	}
	p = &Page{Charset: cs}
	p.fill(res, o.URL)
	p.Text = CleanText(render(res.ContentNode), p.Title)
	if strings.TrimSpace(p.Text) == "" {
		return nil, ErrNoContent
	}
	p.Lang = langid.Detect(p.Text, hint)
	return p, nil
}

// fill copies the metadata trafilatura found.
func (p *Page) fill(res *trafilatura.ExtractResult, url string) {
	m := res.Metadata
	p.URL = firstOf(url, m.URL)
	p.Title = cleanLine(m.Title)
	p.Author = cleanLine(m.Author)
	p.Site = cleanLine(firstOf(m.Sitename, m.Hostname))
	p.Description = cleanLine(m.Description)
	if !m.Date.IsZero() && m.Date.Year() >= 1800 {
		p.Published = m.Date
		if h, mi, s := m.Date.Clock(); h == 0 && mi == 0 && s == 0 {
			p.PublishedText = m.Date.Format("2006-01-02")
		} else {
			p.PublishedText = m.Date.Format(time.RFC3339)
		}
	}
}

// htmlLang returns the lang attribute of the <html> element, if any.
func htmlLang(root *nethtml.Node) string {
	for n := root.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == nethtml.ElementNode && n.Data == "html" {
			for _, a := range n.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					return a.Val
				}
			}
		}
	}
	return ""
}

func firstOf(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// LooksLikeHTML reports whether b opens like an HTML document.
func LooksLikeHTML(b []byte) bool {
	t := bytes.ToLower(bytes.TrimLeft(b[:min(len(b), 1024)], " \t\r\n\f\v\xef\xbb\xbf"))
	for _, p := range []string{"<!doctype html", "<html", "<head", "<body", "<!--", "<meta", "<title", "<div", "<p"} {
		if bytes.HasPrefix(t, []byte(p)) {
			return true
		}
	}
	return false
}
