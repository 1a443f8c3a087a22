package eval

import "encoding/json"

// Report is the result of [Score]. All fields are exported so that it can be
// printed as JSON ([Report.JSON]) as well as text ([Report.WriteText]).
type Report struct {
	Articles        int `json:"articles"`         // gold articles scored
	MissingArticles int `json:"missing_articles"` // gold articles absent from the system output (all missed)
	ExtraArticles   int `json:"extra_articles"`   // system articles absent from the gold (ignored)

	GoldEvents     int `json:"gold_events"`     // gold events considered, after the status filter
	SystemEvents   int `json:"system_events"`   // system events considered, after the status filter
	GoldExcluded   int `json:"gold_excluded"`   // gold events dropped as historical, negated or hypothetical
	SystemExcluded int `json:"system_excluded"` // system events dropped likewise

	Strict PRF `json:"strict"` // same type, same participants
	Quad   PRF `json:"quad"`   // same quad class, same participants
	Dyad   PRF `json:"dyad"`   // same participants, any type

	// Attributes of strict-matched pairs.
	Date     Accuracy `json:"date"`     // date and date precision
	Location Accuracy `json:"location"` // location name
	Mode     Accuracy `json:"mode"`
	Context  PRF      `json:"context"` // micro-averaged over context labels

	Published Accuracy    `json:"published"` // publication date, over gold articles
	Entities  EntityScore `json:"entity_resolution"`

	Details []ArticleReport `json:"details"` // one per gold article, in gold order
}

// PRF counts matches and derives precision, recall and F1 from them. When
// there is nothing to find (no true positives and no false negatives) recall
// is 1 if nothing was found either, else 0; precision likewise.
type PRF struct {
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (m *PRF) finish() {
	m.Precision = ratio(m.TP, m.TP+m.FP, m.FN == 0)
	m.Recall = ratio(m.TP, m.TP+m.FN, m.FP == 0)
	m.F1 = harmonic(m.Precision, m.Recall)
}

func (m *PRF) add(o PRF) { m.TP, m.FP, m.FN = m.TP+o.TP, m.FP+o.FP, m.FN+o.FN }

// Accuracy is the share of Total items that are Correct; 0 when Total is 0.
type Accuracy struct {
	Correct  int     `json:"correct"`
	Total    int     `json:"total"`
	Accuracy float64 `json:"accuracy"`
}

func (a *Accuracy) count(ok bool) {
	a.Total++
	if ok {
		a.Correct++
	}
}

func (a *Accuracy) finish() { a.Accuracy = ratio(a.Correct, a.Total, false) }

// EntityScore is cross-article entity resolution scored over pairs of items
// (see the package documentation). GoldSame counts the pairs of items with the
// same gold identity, SystemSame those with the same system identity, and
// BothSame those with both.
type EntityScore struct {
	Items      int     `json:"items"`
	GoldSame   int64   `json:"gold_same_pairs"`
	SystemSame int64   `json:"system_same_pairs"`
	BothSame   int64   `json:"both_same_pairs"`
	Precision  float64 `json:"precision"`
	Recall     float64 `json:"recall"`
	F1         float64 `json:"f1"`
}

// ArticleReport is the score of one gold article.
type ArticleReport struct {
	ID      string `json:"id"`
	Missing bool   `json:"missing,omitempty"` // absent from the system output

	Strict PRF `json:"strict"`
	Quad   PRF `json:"quad"`
	Dyad   PRF `json:"dyad"`

	GoldPublished   string `json:"gold_published"`   // as in the gold, "" for null
	SystemPublished string `json:"system_published"` // formatted at the gold precision, "" for unknown
	PublishedOK     bool   `json:"published_ok"`

	// Pairs lists the strict-level outcome of every gold pair, in gold order,
	// then the spurious system pairs.
	Pairs []PairOutcome `json:"pairs"`
}

// Outcomes of a pair at the strict level.
const (
	Matched  = "matched"
	Missed   = "missed"
	Spurious = "spurious"
)

// PairOutcome is one strict-level result: a matched gold and system pair, a
// missed gold pair or a spurious system pair.
type PairOutcome struct {
	Outcome string    `json:"outcome"` // Matched, Missed or Spurious
	Gold    *PairView `json:"gold,omitempty"`
	System  *PairView `json:"system,omitempty"`
}

// PairView describes one pair for people.
type PairView struct {
	EventType string `json:"event_type"`
	Actor     string `json:"actor"`
	Recipient string `json:"recipient"` // "(none)" when missing
	Unordered bool   `json:"unordered"` // compared in either orientation
	Text      string `json:"text"`      // the event's evidence sentence
}

// JSON returns the report as indented JSON.
func (r *Report) JSON() ([]byte, error) { return json.MarshalIndent(r, "", "  ") }

// ratio is num/den, or when den is 0: 1 if emptyOK, else 0.
func ratio(num, den int, emptyOK bool) float64 {
	if den == 0 {
		if emptyOK {
			return 1
		}
		return 0
	}
	return float64(num) / float64(den)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
