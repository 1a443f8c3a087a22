// Package doc holds the vocabulary shared by every pipeline stage: an
// [Article] as it moves through the pipeline, its [Sentence]s and
// [Mention]s, and the [Event]s coded from it. It holds types only; the
// stages that fill them live in their own packages.
package doc

import "time"

// Precision says how much of a date is known.
type Precision string

// Date precisions, from finest to coarsest. The empty value means unknown.
const (
	PrecisionDay     Precision = "day"
	PrecisionWeek    Precision = "week"
	PrecisionMonth   Precision = "month"
	PrecisionYear    Precision = "year"
	PrecisionUnknown Precision = "unknown"
)

// Span is a half-open byte range [Start, End) into an article's cleaned Text.
type Span struct {
	Start int
	End   int
}

// Len reports the number of bytes in s.
func (s Span) Len() int { return s.End - s.Start }

// Article is one news report. Sources fill the raw fields (ID, URL, Title,
// Text, Published, Lang, Source); the cleaner rewrites Text into the
// cleaned body and fills Dateline and the publication date; later stages
// fill Sentences, Mentions and Events. Every Span in the article points into
// the cleaned Text.
type Article struct {
	ID     string
	URL    string
	Title  string
	Text   string
	Lang   string
	Source string

	// Published is the publication time; zero when unknown.
	Published          time.Time
	PublishedPrecision Precision
	// PublishedText is the raw publication date as given by the source
	// (RFC 3339, YYYY-MM-DD or free text), before parsing.
	PublishedText string

	// Dateline is the place name that opens the story ("ALGER", "TRIPOLI"), if any.
	Dateline string

	Sentences []Sentence
	Mentions  []Mention
	Events    []Event
}

// Sentence is one sentence of the cleaned text.
type Sentence struct {
	Span
	Index int
	// Para is the index of the paragraph the sentence belongs to; the title is paragraph 0
	// when the cleaned text starts with it.
	Para int
}

// MentionKind says what a mention names.
type MentionKind string

// Kinds of entity mention.
const (
	KindState  MentionKind = "state"  // a country, its demonym or its capital used for its government
	KindIGO    MentionKind = "igo"    // an intergovernmental body
	KindOrg    MentionKind = "org"    // a government body, ministry, army, party, armed group, company
	KindPerson MentionKind = "person" // a named person, possibly with title
	KindRole   MentionKind = "role"   // a title without a name ("the Libyan Prime Minister")
	KindPlace  MentionKind = "place"  // a location that is not acting as a state
	KindPron   MentionKind = "pron"   // a pronoun or collective reference resolved to earlier mentions
)

// Mention is a stretch of text that names an entity, after resolution to an actor.
type Mention struct {
	Span
	Sentence int
	Kind     MentionKind
	// Head is the span of the name proper inside the mention (the name without its title).
	Head Span
	// Entity is what the mention resolved to.
	Entity Entity
	// Refs holds the entities a pronoun or collective mention stands for.
	Refs []Entity
}

// Entity is one participant of an event, as written in event JSONL.
type Entity struct {
	ID         string `json:"id,omitempty"`
	Name       string `json:"name"`
	Country    string `json:"country,omitempty"`
	Sector     string `json:"sector,omitempty"`
	EntityText string `json:"entity_text,omitempty"`
}

// Location is where an event happened.
type Location struct {
	Name    string   `json:"name"`
	Country string   `json:"country,omitempty"`
	Lat     *float64 `json:"lat,omitempty"`
	Lon     *float64 `json:"lon,omitempty"`
}

// Event statuses.
const (
	StatusOccurred     = "occurred"
	StatusPlanned      = "planned"
	StatusHistorical   = "historical"
	StatusNegated      = "negated"
	StatusHypothetical = "hypothetical"
)

// Event is one coded event, in the event JSONL format of parley's public contract.
type Event struct {
	ID            string    `json:"id"`
	ArticleID     string    `json:"article_id"`
	EventType     string    `json:"event_type"`
	Mode          string    `json:"mode,omitempty"`
	Context       []string  `json:"context"`
	Quad          string    `json:"quad"`
	Status        string    `json:"status"`
	Date          string    `json:"date,omitempty"`
	DatePrecision Precision `json:"date_precision"`
	DateText      string    `json:"date_text,omitempty"`
	Actor         []Entity  `json:"actor"`
	Recipient     []Entity  `json:"recipient"`
	Location      *Location `json:"location"`
	Text          string    `json:"text"`
	Span          [2]int    `json:"span"`
	Confidence    float64   `json:"confidence"`
	// Sentence is the index of the evidence sentence in the article; not serialised.
	Sentence int `json:"-"`
}
