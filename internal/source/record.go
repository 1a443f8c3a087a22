package source

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/parleyhq/parley/internal/doc"
)

// record is one article in article JSONL or a JSON document. The first name
// of each pair is parley's; the second is the one other news tools use.
type record struct {
	ID           json.RawMessage `json:"id"`
	URL          string          `json:"url"`
	Title        string          `json:"title"`
	Headline     string          `json:"headline"`
	Text         string          `json:"text"`
	Maintext     string          `json:"maintext"`
	Body         string          `json:"body"`
	Published    json.RawMessage `json:"published"`
	DatePublish  json.RawMessage `json:"date_publish"`
	Lang         string          `json:"lang"`
	Language     string          `json:"language"`
	Source       string          `json:"source"`
	SourceDomain string          `json:"source_domain"`
}

// decodeRecord parses one JSON object into an article.
func decodeRecord(b []byte) (*doc.Article, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	var rec record
	if err := json.Unmarshal(b, &rec); err != nil {
		return nil, jsonError(err)
	}
	return rec.article()
}

// jsonError rewords the errors of encoding/json for a person reading a log.
func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Errorf("invalid JSON: %w", err)
	case errors.As(err, &te):
		return fmt.Errorf("field %q: %s where a %s was expected", te.Field, te.Value, te.Type)
	case strings.Contains(err.Error(), "unexpected end of JSON input"):
		return fmt.Errorf("truncated JSON: %w", err)
	}
	return fmt.Errorf("invalid JSON: %w", err)
}

func (rec *record) article() (*doc.Article, error) {
	a := &doc.Article{
		URL:    strings.TrimSpace(rec.URL),
		Title:  first(rec.Title, rec.Headline),
		Text:   first(rec.Text, rec.Maintext, rec.Body),
		Lang:   normLang(first(rec.Lang, rec.Language)),
		Source: strings.TrimSpace(first(rec.Source, rec.SourceDomain)),
	}
	if strings.TrimSpace(a.Text) == "" {
		return nil, ErrNoText
	}
	a.Title = strings.TrimSpace(a.Title)
	id, err := scalar(rec.ID)
	if err != nil {
		return nil, fmt.Errorf("field \"id\": %w", err)
	}
	a.ID = strings.TrimSpace(id)
	pub := rec.Published
	if isNull(pub) {
		pub = rec.DatePublish
	}
	pt, err := scalar(pub)
	if err != nil {
		return nil, fmt.Errorf("field \"published\": %w", err)
	}
	setPublished(a, pt)
	if a.ID == "" {
		a.ID = deriveID(a.URL, a.Text)
	}
	return a, nil
}

// first returns the first of vals that is not blank.
func first(vals ...string) string {
	for _, v := range vals {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// scalar returns a JSON string or number as a string, and "" for null or absent.
func scalar(raw json.RawMessage) (string, error) {
	if isNull(raw) {
		return "", nil
	}
	t := bytes.TrimSpace(raw)
	switch t[0] {
	case '"':
		var s string
		if err := json.Unmarshal(t, &s); err != nil {
			return "", err
		}
		return s, nil
	case '{', '[', 't', 'f':
		return "", fmt.Errorf("%s where a string was expected", kind(t[0]))
	}
	return string(t), nil // a number, kept as written
}

func kind(c byte) string {
	switch c {
	case '{':
		return "object"
	case '[':
		return "array"
	}
	return "bool"
}

// normLang reduces a language tag to its lowercase primary subtag ("en-GB" → "en").
func normLang(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if i := strings.IndexAny(s, "-_"); i > 0 {
		s = s[:i]
	}
	return s
}

// publishedLayouts are the forms of the published field that parse, with
// the precision each gives.
var publishedLayouts = []struct {
	layout string
	prec   doc.Precision
}{
	{time.RFC3339Nano, doc.PrecisionDay},
	{"2006-01-02T15:04:05", doc.PrecisionDay},
	{"2006-01-02 15:04:05", doc.PrecisionDay},
	{"2006-01-02 15:04:05Z07:00", doc.PrecisionDay},
	{"2006-01-02T15:04", doc.PrecisionDay},
	{"2006-01-02 15:04", doc.PrecisionDay},
	{"2006-01-02", doc.PrecisionDay},
	{"2006-01", doc.PrecisionMonth},
	{"2006", doc.PrecisionYear},
}

// setPublished keeps the raw publication date and parses the forms above.
// A value that does not parse is kept as PublishedText only.
func setPublished(a *doc.Article, raw string) {
	raw = strings.TrimSpace(raw)
	a.PublishedText = raw
	if raw == "" {
		return
	}
	t, prec, ok := ParsePublished(raw)
	if !ok {
		return
	}
	a.Published, a.PublishedPrecision = t, prec
}

// ParsePublished parses a publication date in one of the machine forms
// accepted in the published field: RFC 3339, "YYYY-MM-DD", "YYYY-MM-DD
// HH:MM:SS" (read as UTC), "YYYY-MM" and "YYYY". It reports false for
// anything else, including free text.
func ParsePublished(s string) (time.Time, doc.Precision, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 4 || s[0] < '0' || s[0] > '9' {
		return time.Time{}, "", false
	}
	for _, l := range publishedLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			if t.Year() < 1800 {
				return time.Time{}, "", false
			}
			return t, l.prec, true
		}
	}
	return time.Time{}, "", false
}

// deriveID returns the first 16 hex digits of the SHA-256 of the normalised
// URL, or of the text when there is no URL.
func deriveID(rawURL, text string) string {
	key := text
	if rawURL != "" {
		key = NormalizeURL(rawURL)
	}
	return hashID(key)
}

func hashID(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}

// NormalizeURL reduces a URL to the form used to derive article IDs, so that
// the same page reached by different links gets the same ID: the scheme,
// "www.", default ports, the fragment, a trailing slash and tracking
// parameters (utm_*, fbclid, gclid) are dropped, the host is lowercased and
// the remaining query parameters are sorted.
func NormalizeURL(raw string) string {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return strings.ToLower(raw)
	}
	host := strings.ToLower(u.Hostname())
	host = strings.TrimPrefix(host, "www.")
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		host += ":" + p
	}
	path := strings.TrimRight(u.EscapedPath(), "/")
	q := u.Query()
	for k := range q {
		lk := strings.ToLower(k)
		if strings.HasPrefix(lk, "utm_") || strings.HasPrefix(lk, "amp;utm_") || lk == "fbclid" || lk == "gclid" {
			delete(q, k)
		}
	}
	out := host + path
	if len(q) > 0 {
		out += "?" + q.Encode()
	}
	return out
}

// validText replaces invalid UTF-8 with U+FFFD.
func validText(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
