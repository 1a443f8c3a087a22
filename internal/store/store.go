// Package store is parley's memory: the articles it has read, the entity
// mentions and actors found in them, and the events coded from them, each
// event deduplicated across articles and carrying all its mentions.
//
// The package holds the engine-neutral contract only: small reader and
// writer interfaces, composed by embedding into [Store], the [Filter] they
// share, and [ErrNotFound]. Engines live in subpackages (store/sqlite) and
// each runs the conformance suite in store/storetest. SQL that only one
// engine understands stays inside that engine.
//
// # Identity and deduplication
//
// An article's key, given to [Writer.PutArticle], comes from
// [github.com/parleyhq/parley/internal/dedup.ArticleID] (normalised URL, or
// content hash without a URL). Putting an article whose key is stored
// already adds nothing. A near-duplicate of a stored article (a syndicated
// copy) is stored as another source of the same story: it gets the story's
// StoryID, and its events merge into the story's events.
//
// Each event record of an article ([doc.Event]) is stored as a [Mention] of
// one stored [Event]. A record joins an existing event when the
// deduplication policy ([github.com/parleyhq/parley/internal/dedup.Policy])
// says they are the same happening; otherwise it starts a new event.
package store

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// ErrNotFound is returned by the single-item readers when nothing has the id.
var ErrNotFound = errors.New("store: not found")

// ErrInvalid is wrapped by the errors of readers given a filter or cursor
// they cannot use (a cursor of another query, a timeline bucket they do not know).
var ErrInvalid = errors.New("store: invalid query")

// Writer stores articles.
type Writer interface {
	// PutArticle stores a processed article under key (see
	// [github.com/parleyhq/parley/internal/dedup.ArticleID]), with its entity
	// mentions, the actors they resolve to and its events, in one
	// transaction: after a crash, either all of it is stored or none. The
	// article's own ID, when it differs from key, is kept as SourceID, and its
	// event records are stored with key as their article_id. An article whose
	// key is stored already is left as it is and reported with
	// Result.Duplicate.
	PutArticle(ctx context.Context, key string, a *doc.Article) (Result, error)
}

// Keyed is an article with the key it is stored under.
type Keyed struct {
	Key     string
	Article *doc.Article
}

// BatchWriter is a [Writer] that can also store several articles in one
// transaction, so that their commit costs once (group commit).
type BatchWriter interface {
	Writer
	// PutArticles stores arts in order, as many calls of PutArticle would,
	// with the same results, in as few transactions as it can. Each article
	// is still all or nothing: after a crash, every article is stored
	// whole or not at all. It returns the results of the articles it
	// stored; on error they are those of a prefix of arts (maybe none), and
	// the rest are not stored. A canceled ctx stops it between articles.
	PutArticles(ctx context.Context, arts []Keyed) ([]Result, error)
}

// Result says what [Writer.PutArticle] did.
type Result struct {
	ArticleID string `json:"article_id"`
	// StoryID is the id of the first article of the story the article belongs to
	// (its own id unless it is a near-duplicate).
	StoryID string `json:"story_id"`
	// Duplicate: the article was stored already; nothing was added.
	Duplicate bool `json:"duplicate"`
	// NearDuplicate: the article is a copy of a stored story (StoryID).
	NearDuplicate bool `json:"near_duplicate"`
	// NewEvents and MergedEvents count the article's event records that
	// started a new event and that joined a stored one.
	NewEvents    int `json:"new_events"`
	MergedEvents int `json:"merged_events"`
}

// EventReader reads deduplicated events.
type EventReader interface {
	// Events returns the events matching f, oldest first, one page at a time.
	Events(ctx context.Context, f Filter) (Page[Event], error)
	// Event returns one event with all its mentions, or ErrNotFound. The
	// id of an event since merged into another gives that other event,
	// whose ID then differs from id.
	Event(ctx context.Context, id string) (*Event, error)
	// Mentions returns the event records matching f (one per event per
	// article), in the order they were stored, one page at a time.
	Mentions(ctx context.Context, f Filter) (Page[Mention], error)
}

// ArticleReader reads stored articles.
type ArticleReader interface {
	// Articles returns the articles matching f (actor, since/until on the
	// publication date, text in the title, limit and cursor; country, type,
	// quad, context, status and min sources select the articles that report
	// a matching event), in the order they were stored.
	Articles(ctx context.Context, f Filter) (Page[Article], error)
	// Article returns one article with its text, or ErrNotFound.
	Article(ctx context.Context, id string) (*Article, error)
}

// ActorReader reads the actors that stored mentions and events name.
type ActorReader interface {
	// Actors returns the actors matching f (actor name or ids, country), by id.
	Actors(ctx context.Context, f Filter) (Page[Actor], error)
	// Actor returns one actor, or ErrNotFound.
	Actor(ctx context.Context, id string) (*Actor, error)
}

// Aggregator summarises the events matching a filter.
type Aggregator interface {
	// Network returns the actor graph of the matching events: one edge per
	// ordered (actor, recipient) pair and quad class, weighted by events.
	Network(ctx context.Context, f Filter) ([]Edge, error)
	// Timeline counts the matching events per bucket ("day" or "week", the
	// week named by its Monday) and group ("type" or "quad").
	Timeline(ctx context.Context, f Filter, bucket, by string) ([]Bucket, error)
}

// Stats counts what a store holds.
type Stats struct {
	Articles, Stories, Events, Mentions, Actors int
}

// Store is everything an engine provides.
type Store interface {
	Writer
	EventReader
	ArticleReader
	ActorReader
	Aggregator
	Stats(ctx context.Context) (Stats, error)
	io.Closer
}

// Filter selects events, event mentions, articles or actors. The zero
// Filter selects everything; fields combine with AND.
type Filter struct {
	// ActorIDs: an event with any of these actors as a participant (an
	// article that mentions one).
	ActorIDs []string
	// ActorName: a participant whose name or text contains this (case-insensitive).
	ActorName string
	// Country: a participant's country or the location's country (ISO 3166 alpha-3).
	Country string
	// Type: the PLOVER event type (CONSULT); Quad: its quad class.
	Type, Quad string
	// Context: one of the event's contexts.
	Context string
	// Status: the event's status; empty means occurred or planned. "any" means every status.
	Status string
	// Since and Until bound the event's date window (the publication date
	// for articles), inclusive; zero means open.
	Since, Until time.Time
	// Text: full-text search on the evidence sentences (words, all required;
	// a trailing * matches a prefix). For articles, a substring of the title.
	Text string
	// MinSources: events with at least this many distinct sources.
	MinSources int
	// ArticleID: events or mentions of this article.
	ArticleID string
	// Limit caps a page; 0 means DefaultLimit, and a page never exceeds MaxLimit.
	Limit int
	// Cursor continues after the page that returned it; "" starts at the beginning.
	Cursor string
}

// Page sizes.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// PageLimit returns the page size a filter asks for.
func (f Filter) PageLimit() int {
	switch {
	case f.Limit <= 0:
		return DefaultLimit
	case f.Limit > MaxLimit:
		return MaxLimit
	}
	return f.Limit
}

// Page is one page of results. Next is the cursor of the following page,
// "" on the last one.
type Page[T any] struct {
	Items []T    `json:"items"`
	Next  string `json:"next,omitempty"`
}

// Event is one happening, deduplicated across articles.
type Event struct {
	ID            string        `json:"id"`
	EventType     string        `json:"event_type"`
	Mode          string        `json:"mode,omitempty"`
	Context       []string      `json:"context"`
	Quad          string        `json:"quad"`
	Status        string        `json:"status"`
	Date          string        `json:"date,omitempty"`
	DatePrecision doc.Precision `json:"date_precision"`
	Actor         []doc.Entity  `json:"actor"`
	Recipient     []doc.Entity  `json:"recipient"`
	Location      *doc.Location `json:"location"`
	// Text is the evidence of the event's first mention, URL the address
	// of its article.
	Text       string  `json:"text"`
	URL        string  `json:"url,omitempty"`
	Confidence float64 `json:"confidence"`
	// Counts, as GDELT's NumMentions, NumSources and NumArticles; Stories
	// counts articles with near-duplicates counted once.
	NumMentions int `json:"num_mentions"`
	NumSources  int `json:"num_sources"`
	NumArticles int `json:"num_articles"`
	NumStories  int `json:"num_stories"`
	// FirstSeen and LastSeen are the earliest and latest publication dates
	// (YYYY-MM-DD) of the articles that report it.
	FirstSeen string `json:"first_seen,omitempty"`
	LastSeen  string `json:"last_seen,omitempty"`
	// Mentions is filled by [EventReader.Event] only.
	Mentions []Mention `json:"mentions,omitempty"`
}

// Mention is one event record of one article, with its provenance: the
// record itself (article, sentence, span, evidence text) and the article's
// source, URL and publication date.
type Mention struct {
	doc.Event
	EventID   string `json:"event_id"`
	StoryID   string `json:"story_id,omitempty"`
	Source    string `json:"source,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
}

// Article is one stored article.
type Article struct {
	ID string `json:"id"`
	// SourceID is the id the input record gave, when it differs from ID.
	SourceID string `json:"source_id,omitempty"`
	StoryID  string `json:"story_id"`
	URL      string `json:"url,omitempty"`
	Title    string `json:"title,omitempty"`
	Source   string `json:"source,omitempty"`
	Lang     string `json:"lang,omitempty"`
	// Published is YYYY-MM-DD or RFC 3339, "" when unknown.
	Published          string        `json:"published,omitempty"`
	PublishedPrecision doc.Precision `json:"published_precision,omitempty"`
	Dateline           string        `json:"dateline,omitempty"`
	NumMentions        int           `json:"num_mentions"`
	NumEvents          int           `json:"num_events"`
	// Text is filled by [ArticleReader.Article] only.
	Text string `json:"text,omitempty"`
}

// Actor is one actor that stored mentions or events name.
type Actor struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Country   string `json:"country,omitempty"`
	Sector    string `json:"sector,omitempty"`
	NumEvents int    `json:"num_events"`
	// Names are the spellings stored mentions used for it.
	Names []string `json:"names,omitempty"`
}

// Edge is one weighted edge of the actor network.
type Edge struct {
	Source     string `json:"source"`
	SourceName string `json:"source_name"`
	Target     string `json:"target"`
	TargetName string `json:"target_name"`
	Quad       string `json:"quad"`
	Weight     int    `json:"weight"`
}

// Bucket is one count of the timeline.
type Bucket struct {
	Period string `json:"period"`
	Group  string `json:"group"`
	Count  int    `json:"count"`
}
