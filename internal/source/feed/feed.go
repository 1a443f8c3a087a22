// Package feed reads RSS and Atom feeds (and RDF/RSS 1.0 and JSON Feed)
// with github.com/mmcdole/gofeed, after stripping the characters XML 1.0
// forbids, which real feeds carry and which make the XML parser give up
// (gofeed issue #180).
package feed

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
)

// ErrFormat is wrapped by the errors of input that is not a feed.
var ErrFormat = errors.New("feed: not a feed")

// Feed is a parsed feed.
type Feed struct {
	Title string
	Link  string
	// Lang is the language the feed declares, as given ("en-us"), or "".
	Lang  string
	Items []Item
}

// Item is one entry of a feed.
type Item struct {
	// GUID is the item's guid (RSS) or id (Atom), or "".
	GUID  string
	Link  string
	Title string
	// Description is the summary, Content the full content, each as the
	// feed gives it (usually HTML).
	Description string
	Content     string
	Author      string
	// Published is the publication time (the update time when the feed
	// gives no other), zero when unknown; PublishedText is the raw value.
	Published     time.Time
	PublishedText string
}

// Key identifies the item across polls: its GUID, else its link, else its
// title.
func (it *Item) Key() string {
	for _, k := range []string{it.GUID, it.Link, it.Title} {
		if k = strings.TrimSpace(k); k != "" {
			return k
		}
	}
	return ""
}

// Parse parses a feed. It never panics: a parser panic on hostile input
// comes back as an error wrapping ErrFormat.
func Parse(b []byte) (f *Feed, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("%w: parser failed: %v", ErrFormat, r)
		}
	}()
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(StripControl(b)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	f = &Feed{Title: clean(gf.Title), Link: strings.TrimSpace(gf.Link), Lang: strings.TrimSpace(gf.Language)}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		f.Items = append(f.Items, item(gi))
	}
	return f, nil
}

func item(gi *gofeed.Item) Item {
	it := Item{
		GUID:        strings.TrimSpace(gi.GUID),
		Link:        strings.TrimSpace(gi.Link),
		Title:       clean(gi.Title),
		Description: gi.Description,
		Content:     gi.Content,
	}
	if it.Link == "" && len(gi.Links) > 0 {
		it.Link = strings.TrimSpace(gi.Links[0])
	}
	for _, a := range gi.Authors {
		if a != nil && a.Name != "" {
			it.Author = clean(a.Name)
			break
		}
	}
	switch {
	case gi.PublishedParsed != nil:
		it.Published, it.PublishedText = *gi.PublishedParsed, gi.Published
	case gi.UpdatedParsed != nil:
		it.Published, it.PublishedText = *gi.UpdatedParsed, gi.Updated
	default:
		it.PublishedText = firstOf(gi.Published, gi.Updated)
	}
	if it.Published.Year() < 1800 {
		it.Published = time.Time{}
	}
	return it
}

// StripControl removes the control characters XML 1.0 does not allow
// (U+0000 to U+001F other than tab, newline and carriage return), which
// real feeds carry and which stop the XML parser. It returns b itself when
// there is nothing to strip.
func StripControl(b []byte) []byte {
	bad := false
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			bad = true
			break
		}
	}
	if !bad {
		return b
	}
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			continue
		}
		out = append(out, c)
	}
	return out
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func firstOf(s ...string) string {
	for _, v := range s {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}
