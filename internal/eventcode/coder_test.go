package eventcode

import (
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/ner"
	"github.com/parleyhq/parley/internal/segment"
)

// code runs splitter, mention finder and coder over text.
func code(t *testing.T, text string, pub time.Time) []doc.Event {
	t.Helper()
	k, err := kb.LoadFS(os.DirFS("../ner/testdata/kb"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := ner.New(k)
	if err != nil {
		t.Fatal(err)
	}
	c, err := New()
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := segment.New("en")
	a := &doc.Article{ID: "t", Text: text, Published: pub}
	a.Sentences = sp.Split(text)
	if err := f.Process(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if err := c.Process(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	return a.Events
}

// mustCode is code, failing the test when text gives no event.
func mustCode(t *testing.T, text string, pub time.Time) []doc.Event {
	t.Helper()
	evs := code(t, text, pub)
	if len(evs) == 0 {
		t.Fatalf("no event in %q", text)
	}
	return evs
}

func names(es []doc.Entity) string {
	var out []string
	for _, e := range es {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return strings.Join(out, "+")
}

func TestCode(t *testing.T) {
	pub := time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text   string
		typ, mode    string
		actor, recip string
		status       string
	}{
		{"meeting", "Tunisian Interior Minister Kamal Bouzid met Libyan Prime Minister Abdel Hamid Dbaiba in Tripoli.", "CONSULT", "visit", "Kamal Bouzid", "Abdul Hamid Dbeibah", "occurred"},
		{"host", "Field Marshal Khalifa Haftar received Iraqi Foreign Minister Omar Zelten.", "CONSULT", "visit", "Omar Zelten", "Khalifa Haftar", "occurred"},
		{"passive", "Iraqi Foreign Minister Omar Zelten was received by Khalifa Haftar.", "CONSULT", "visit", "Omar Zelten", "Khalifa Haftar", "occurred"},
		{"coordinated", "Dbeibah and Tunisian President Nour Salah discussed border security.", "CONSULT", "", "Abdul Hamid Dbeibah+Nour Salah", "", "occurred"},
		{"talks between", "Talks between Khalifa Haftar and Iraqi Foreign Minister Omar Zelten ended.", "CONSULT", "", "Khalifa Haftar+Omar Zelten", "", "occurred"},
		{"accuse", "Khalifa Haftar accused Turkey of violating the embargo.", "ACCUSE", "allege", "Khalifa Haftar", "Turkey", "occurred"},
		{"negated", "Khalifa Haftar did not meet Iraqi Foreign Minister Omar Zelten.", "CONSULT", "visit", "Khalifa Haftar", "Omar Zelten", "negated"},
		{"planned", "Khalifa Haftar will meet Iraqi Foreign Minister Omar Zelten next week.", "AGREE", "", "Khalifa Haftar", "Omar Zelten", "planned"},
		{"signed", "Dbeibah signed an agreement with Turkish Defence Minister Selim Yavuz.", "SUPPORT", "", "Abdul Hamid Dbeibah", "Selim Yavuz", "occurred"},
		{"visit place", "Khalifa Haftar visited Egypt on Monday.", "CONSULT", "visit", "Khalifa Haftar", "Egypt", "occurred"},
		{"nominal held by", "During a meeting held by Khalifa Haftar with Iraqi Foreign Minister Omar Zelten, security was discussed.", "CONSULT", "visit", "Khalifa Haftar", "Omar Zelten", "occurred"},
		{"fronted phrase", "Following a meeting with Iraqi Foreign Minister Omar Zelten in Tripoli, Dbeibah said the border would open.", "CONSULT", "visit", "Abdul Hamid Dbeibah", "Omar Zelten", "occurred"},
		{"intent", "Dbeibah said it was important to cooperate with Turkey.", "AGREE", "", "Abdul Hamid Dbeibah", "Turkey", "planned"},
		{"passive, relative", "The forces of Khalifa Haftar, who were backed by Egypt and Turkey, advanced.", "SUPPORT", "", "Egypt+Turkey", "Khalifa Haftar", "occurred"},
		{"passive, co-signers", "The agreement was signed by Dbeibah and Turkish Defence Minister Selim Yavuz.", "SUPPORT", "", "Abdul Hamid Dbeibah+Selim Yavuz", "", "occurred"},
		{"support, possessed", "The Turkish delegation reaffirmed Ankara's full support for the Libyan National Army.", "SUPPORT", "", "Turkey", "Libyan National Army", "occurred"},
		{"supervised", "Khalifa Haftar and Omar Zelten signed an agreement under the supervision of Abdel Hamid Dbaiba.", "SUPPORT", "", "Khalifa Haftar+Omar Zelten", "", "occurred"},
		{"request, what", "The Libyan National Army called on Turkey to withdraw its forces.", "REQUEST", "yield", "Libyan National Army", "Turkey", "occurred"},
		{"request, help", "Khalifa Haftar urged Egypt to provide equipment.", "REQUEST", "assist", "Khalifa Haftar", "Egypt", "occurred"},
		{"attended a body's meeting", "Khalifa Haftar attended the meeting of the Libyan National Army on Monday.", "CONSULT", "multilateral", "Khalifa Haftar", "Libyan National Army", "occurred"},
		{"left a state", "The Libyan National Army began to leave Egypt on Monday.", "RETREAT", "withdraw", "Libyan National Army", "", "occurred"},
		{"statement accusing", "Khalifa Haftar issued a statement accusing Turkey of violating the embargo.", "ACCUSE", "allege", "Khalifa Haftar", "Turkey", "occurred"},
		{"progressive", "Khalifa Haftar was visiting Egypt on Monday.", "CONSULT", "visit", "Khalifa Haftar", "Egypt", "occurred"},
		{"officials from", "Officials from the Libyan National Army met Iraqi Foreign Minister Omar Zelten.", "CONSULT", "visit", "Libyan National Army", "Omar Zelten", "occurred"},
		{"going to", "Khalifa Haftar is going to meet Iraqi Foreign Minister Omar Zelten.", "AGREE", "", "Khalifa Haftar", "Omar Zelten", "planned"},
		{"owner of object", "Khalifa Haftar praised the role of the Libyan National Army.", "SUPPORT", "", "Khalifa Haftar", "Libyan National Army", "occurred"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := mustCode(t, tt.text, pub)
			e := evs[0]
			if e.EventType != tt.typ || e.Mode != tt.mode || names(e.Actor) != tt.actor || names(e.Recipient) != tt.recip || e.Status != tt.status {
				t.Errorf("got %s/%s %s -> %s (%s), want %s/%s %s -> %s (%s)", e.EventType, e.Mode, names(e.Actor), names(e.Recipient), e.Status,
					tt.typ, tt.mode, tt.actor, tt.recip, tt.status)
			}
			if e.Text != tt.text || e.Quad == "" || e.ID == "" {
				t.Errorf("evidence, quad and id must be set: %+v", e)
			}
		})
	}
}

// TestLocation: where an event happened, and the places in a sentence
// that are not where it happened.
func TestLocation(t *testing.T) {
	pub := time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, want string
	}{
		{"city", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten in Benghazi on Monday.", "Benghazi"},
		{"facility in a city", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten at Benina airport in Benghazi on Monday.", "Benghazi"},
		{"facility", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten at Benina airport on Monday.", "Benina airport"},
		{"city in a state", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten in Benghazi in Libya on Monday.", "Benghazi"},
		{"an organisation's area", "Omar Zelten, head of the Iraqi Mission in Libya, met Khalifa Haftar on Monday.", ""},
		{"an office's area", "Omar Zelten of the Iraqi Embassy in Tripoli met Khalifa Haftar on Monday.", ""},
		{"visited a city", "Iraqi Foreign Minister Omar Zelten visited Benghazi on Monday.", "Benghazi"},
		{"visited a capital", "Iraqi Foreign Minister Omar Zelten visited Tripoli on Monday.", "Tripoli"},
		{"visited a state", "Khalifa Haftar visited Egypt on Monday.", "Egypt"},
		{"a meeting, not a place", "Khalifa Haftar discussed the situation in Libya with Omar Zelten on Monday.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := mustCode(t, tt.text, pub)
			got := ""
			if evs[0].Location != nil {
				got = evs[0].Location.Name
			}
			if got != tt.want {
				t.Errorf("location %q, want %q", got, tt.want)
			}
		})
	}
}

// TestInferredDate: a reported event the text does not date takes the
// date of the article's first dated event, else the publication day; an
// article without a publication date leaves it unknown.
func TestInferredDate(t *testing.T) {
	pub := time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		pub        time.Time
		want       string // date of the last event
		prec       doc.Precision
	}{
		{"the story's date", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten on Monday. Turkey condemned the Libyan National Army.", pub, "2024-05-06", doc.PrecisionDay},
		{"the publication day", "Turkey condemned the Libyan National Army.", pub, "2024-05-08", doc.PrecisionDay},
		{"its own date", "Khalifa Haftar met Omar Zelten on Monday. Turkey condemned the Libyan National Army on Tuesday.", pub, "2024-05-07", doc.PrecisionDay},
		// Published on Wednesday 8 May: "on Thursday" in the past tense is 2 May,
		// not the next day; in the future tense it is the next day.
		{"past weekday", "Khalifa Haftar met Iraqi Foreign Minister Omar Zelten on Thursday.", pub, "2024-05-02", doc.PrecisionDay},
		{"past weekday, perfect", "Khalifa Haftar has visited Egypt on Thursday.", pub, "2024-05-02", doc.PrecisionDay},
		{"future weekday", "Khalifa Haftar will meet Iraqi Foreign Minister Omar Zelten on Thursday.", pub, "2024-05-09", doc.PrecisionDay},
		{"no publication date", "Turkey condemned the Libyan National Army.", time.Time{}, "", doc.PrecisionUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := mustCode(t, tt.text, tt.pub)
			e := evs[len(evs)-1]
			if e.Date != tt.want || e.DatePrecision != tt.prec {
				t.Errorf("date %q (%s), want %q (%s)", e.Date, e.DatePrecision, tt.want, tt.prec)
			}
		})
	}
}

// TestStoryContext: an event whose sentence says nothing of what it is
// about takes what the article's first sentence is about.
func TestStoryContext(t *testing.T) {
	pub := time.Date(2024, 5, 8, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text, want string
	}{
		{"from the first sentence", "Migration talks open. Abdel Hamid Dbaiba met Iraqi Foreign Minister Omar Zelten on Monday.", "migration"},
		{"its own", "Migration talks open. Abdel Hamid Dbaiba met Iraqi Foreign Minister Omar Zelten on Monday to discuss elections.", "election"},
		{"none", "The talks open. Abdel Hamid Dbaiba met Iraqi Foreign Minister Omar Zelten on Monday.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			evs := mustCode(t, tt.text, pub)
			if got := strings.Join(evs[len(evs)-1].Context, ","); got != tt.want {
				t.Errorf("context %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHostState: a visit to a state is only the setting of a meeting
// with someone of that state in the same sentence.
func TestHostState(t *testing.T) {
	pub := time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name, text string
		want       []string // recipients, one an event
	}{
		{"visit and meeting", "Iraqi Foreign Minister Omar Zelten visited Tripoli on Monday and met Abdel Hamid Dbaiba.", []string{"Abdul Hamid Dbeibah"}},
		{"visit alone", "Iraqi Foreign Minister Omar Zelten visited Tripoli on Monday.", []string{"Libya"}},
		{"meeting someone of another state", "Iraqi Foreign Minister Omar Zelten visited Tripoli on Monday and met Tunisian President Nour Salah.", []string{"Libya", "Nour Salah"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, e := range code(t, tt.text, pub) {
				got = append(got, names(e.Recipient))
			}
			sort.Strings(got)
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("recipients %q, want %q", got, tt.want)
			}
		})
	}
}

func TestNoEvent(t *testing.T) {
	for _, text := range []string{
		"Libya has been divided for years.",
		"The weather in Tripoli was hot.",
		"The Turkey-backed Libyan National Army rebuilt its base.",
		"Turkey has been accused of supporting the Libyan National Army.",
		"Egypt's support for the Libyan National Army was welcome news.",
		"The Libyan National Army released a statement on Egypt.",
	} {
		if evs := code(t, text, time.Time{}); len(evs) != 0 {
			t.Errorf("%q: got %d events, want none: %+v", text, len(evs), evs)
		}
	}
}
