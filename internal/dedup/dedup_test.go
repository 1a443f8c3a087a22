package dedup

import (
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

func TestArticleID(t *testing.T) {
	same := []string{
		"https://www.Example.org/news/story/?utm_source=x&utm_medium=y#top",
		"http://example.org/news/story",
		"https://EXAMPLE.org/news/story/",
	}
	want := ArticleID(same[0], "")
	for _, u := range same[1:] {
		if got := ArticleID(u, "other text"); got != want {
			t.Errorf("%s: %s, want %s", u, got, want)
		}
	}
	if ArticleID("https://example.org/news/other", "") == want {
		t.Error("different pages share an id")
	}
	if ArticleID("", "text one") == ArticleID("", "text two") || ArticleID("", "t") != ArticleID("", "t") {
		t.Error("content hash is not a function of the text")
	}
}

const wire = `Libyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on
Tuesday to discuss military training, the security of the capital and the withdrawal of foreign fighters.
The two officials also reviewed joint projects in energy and construction, according to a statement from
the government media office, which said further meetings would follow in Ankara before the end of the year.`

func TestSketchNearDuplicates(t *testing.T) {
	a, ok := Sketch(wire)
	if !ok {
		t.Fatal("wire text too short to sketch")
	}
	copyText := "TRIPOLI (Agency) - " + wire + "\nShare this article. Follow us on Telegram."
	b, _ := Sketch(copyText)
	if s := a.Similarity(&b); s < (Policy{}).Threshold() {
		t.Errorf("syndicated copy: similarity %.2f below threshold", s)
	}
	other, _ := Sketch(`Italy pledged new funding for coast guard training in Tripoli, the interior ministry said in
a statement on its website, adding that the programme would run for three years and include patrol boats,
radar and the repair of two vessels damaged in last winter's storms off the coast of Misrata.`)
	if s := a.Similarity(&other); s > 0.2 {
		t.Errorf("unrelated story: similarity %.2f", s)
	}
	ba, bb := a.Bands(), b.Bands()
	shared := 0
	for i := range ba {
		if ba[i] == bb[i] {
			shared++
		}
		if ba[i] < 0 {
			t.Errorf("band %d negative", i)
		}
	}
	if shared == 0 {
		t.Error("a near-duplicate shares no band")
	}
	if back, ok := SignatureFrom(a.Bytes()); !ok || back != a {
		t.Error("signature does not round-trip through bytes")
	}
	if _, ok := Sketch("too short"); ok {
		t.Error("a two-word text was sketched")
	}
}

func TestInterval(t *testing.T) {
	pub, _ := time.Parse(time.DateOnly, "2024-03-19")
	p := Policy{}
	tests := []struct {
		date   string
		prec   doc.Precision
		lo, hi string
	}{
		{"2024-03-11", doc.PrecisionDay, "2024-03-11", "2024-03-11"},
		{"2024-03-13", doc.PrecisionWeek, "2024-03-11", "2024-03-17"},
		{"2024-02", doc.PrecisionMonth, "2024-02-01", "2024-02-29"},
		{"2024-02-10", doc.PrecisionMonth, "2024-02-01", "2024-02-29"},
		{"2023", doc.PrecisionYear, "2023-01-01", "2023-12-31"},
		{"", doc.PrecisionUnknown, "2024-03-11", "2024-03-19"},
		{"garbage", doc.PrecisionDay, "2024-03-11", "2024-03-19"},
	}
	for _, tt := range tests {
		d, ok := p.Interval(&doc.Event{Date: tt.date, DatePrecision: tt.prec}, pub)
		if !ok || d.Lo != tt.lo || d.Hi != tt.hi {
			t.Errorf("%q %s: %+v %v, want %s..%s", tt.date, tt.prec, d, ok, tt.lo, tt.hi)
		}
	}
	if _, ok := p.Interval(&doc.Event{}, time.Time{}); ok {
		t.Error("no date and no publication date gave an interval")
	}
}

func TestChoose(t *testing.T) {
	p := Policy{}
	benghazi := &doc.Location{Name: "Benghazi"}
	cands := []Candidate{
		{Dates{"2024-03-11", "2024-03-11"}, benghazi},
		{Dates{"2024-04-15", "2024-04-15"}, benghazi},
		{Dates{"2024-03-12", "2024-03-12"}, &doc.Location{Name: "Rome"}},
	}
	tests := []struct {
		name string
		d    Dates
		loc  *doc.Location
		want int
	}{
		{"same day", Dates{"2024-03-11", "2024-03-11"}, nil, 0},
		{"next day", Dates{"2024-03-12", "2024-03-12"}, &doc.Location{Name: "benghazi"}, 0},
		{"two days later", Dates{"2024-03-13", "2024-03-13"}, benghazi, -1},
		{"a month later", Dates{"2024-04-14", "2024-04-14"}, benghazi, 1},
		{"undated, a week later", Dates{"2024-03-11", "2024-03-19"}, benghazi, 0},
		{"in Rome", Dates{"2024-03-12", "2024-03-12"}, &doc.Location{Name: "Rome"}, 2},
		{"month of April", Dates{"2024-04-01", "2024-04-30"}, nil, 1},
	}
	for _, tt := range tests {
		if got := p.Choose(tt.d, tt.loc, cands); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestKey(t *testing.T) {
	a := doc.Entity{ID: "p-a", Name: "A"}
	b := doc.Entity{ID: "p-b", Name: "B"}
	met := &doc.Event{EventType: "CONSULT", Status: "occurred", Actor: []doc.Entity{a}, Recipient: []doc.Entity{b}}
	back := &doc.Event{EventType: "consult", Status: "occurred", Actor: []doc.Entity{b}, Recipient: []doc.Entity{a}}
	if Key(met) != Key(back) {
		t.Errorf("direction changes the key: %s vs %s", Key(met), Key(back))
	}
	other := &doc.Event{EventType: "ACCUSE", Status: "occurred", Actor: []doc.Entity{a}, Recipient: []doc.Entity{b}}
	noID := &doc.Event{EventType: "CONSULT", Status: "occurred", Actor: []doc.Entity{{Name: "Some Envoy"}}}
	if Key(met) == Key(other) || !strings.Contains(Key(noID), "~some envoy") {
		t.Errorf("keys: %s %s %s", Key(met), Key(other), Key(noID))
	}
}
