package ner

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/kb"
)

func testFinder(t *testing.T) *Finder {
	t.Helper()
	k, err := kb.LoadFS(os.DirFS("testdata/kb"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(k)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

type wantMention struct {
	kind    doc.MentionKind
	name    string
	country string
	sector  string
}

func TestMentions(t *testing.T) {
	f := testFinder(t)
	day := time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		text string
		want []wantMention
	}{
		{"Tunisian Interior Minister Kamal Bouzid met Libyan Prime Minister Abdel Hamid Dbaiba in Tripoli.",
			[]wantMention{{doc.KindPerson, "Kamal Bouzid", "TUN", "GOV"}, {doc.KindPerson, "Abdul Hamid Dbeibah", "LBY", "GOV"}, {doc.KindPlace, "Tripoli", "LBY", ""}}},
		{"Omar Zelten, the Iraqi foreign minister, received Field Marshal Khalifa Haftar.",
			[]wantMention{{doc.KindPerson, "Omar Zelten", "IRQ", "GOV"}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"Egypt's defence minister welcomed the Libyan National Army (LNA) delegation.",
			[]wantMention{{doc.KindRole, "Egypt's defence minister", "EGY", "MIL"}, {doc.KindOrg, "Libyan National Army", "LBY", "MIL"}}},
		{"Turkey's National Defense Minister Selim Yavuz received Libyan Chief of General Staff Ali Ahmad al-Warfi in the capital Ankara.",
			[]wantMention{{doc.KindPerson, "Selim Yavuz", "TUR", "MIL"}, {doc.KindPerson, "Ali Ahmad al-Warfi", "LBY", "MIL"}, {doc.KindPlace, "Ankara", "TUR", ""}}},
		{"Ankara is sending advisers to Tripoli.",
			[]wantMention{{doc.KindState, "Turkey", "TUR", ""}, {doc.KindPlace, "Tripoli", "LBY", ""}}},
		{"The Chief of Staff of the Egyptian Armed Forces attended.",
			[]wantMention{{doc.KindRole, "Chief of Staff of the Egyptian Armed Forces", "EGY", "MIL"}}},
		{"LNA Commander Khalifa Haftar spoke.",
			[]wantMention{{doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"The Libyan and Tunisian interior ministers signed it.",
			[]wantMention{{doc.KindState, "Libya", "LBY", ""}, {doc.KindState, "Tunisia", "TUN", ""}}},
		// "<group noun> from X": X's people, not a place; "from X" alone is a place.
		{"Officials from Turkey and Egypt met in Tripoli.",
			[]wantMention{{doc.KindState, "Turkey", "TUR", "GOV"}, {doc.KindState, "Egypt", "EGY", ""}, {doc.KindPlace, "Tripoli", "LBY", ""}}},
		{"Troops from Turkey arrived.",
			[]wantMention{{doc.KindState, "Turkey", "TUR", "MIL"}}},
		{"Haftar returned from Turkey.",
			[]wantMention{{doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}, {doc.KindPlace, "Turkey", "TUR", ""}}},
		// A town's local government is an organisation of its country.
		{"The Sirte municipality accused Haftar.",
			[]wantMention{{doc.KindOrg, "Sirte Municipality", "LBY", "GOV"}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"The Misrata municipal council met Haftar.",
			[]wantMention{{doc.KindOrg, "Misrata Municipal Council", "LBY", "GOV"}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"Sirte protesters rallied against Haftar.",
			[]wantMention{{doc.KindOrg, "Protesters in Sirte", "LBY", ""}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"Haftar spoke in Benghazi city.",
			[]wantMention{{doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}, {doc.KindPlace, "Benghazi", "LBY", ""}}},
		// A name in quotes after the title and a comma, or after the rest of
		// the body's name, its area and acronym, is the title's holder.
		{"Haftar met the head of the Iraqi Mission in Libya, \"Omar Zelten,\" on Monday.",
			[]wantMention{{doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}, {doc.KindPerson, "Omar Zelten", "IRQ", "GOV"}}},
		{"Haftar met the Commander of the Turkish Naval Forces in Libya (TNF) Selim Yavuz.",
			[]wantMention{{doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}, {doc.KindPerson, "Selim Yavuz", "TUR", "MIL"}}},
		{"Turkish soldiers crossed.",
			[]wantMention{{doc.KindOrg, "Turkish soldiers", "TUR", "MIL"}}},
		{"The US Ambassador to Libya, Carla Renner, met Haftar.",
			[]wantMention{{doc.KindPerson, "Carla Renner", "USA", "GOV"}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		// A dateline's agency credit is not a person; a bracketed name elsewhere still is.
		{"TRIPOLI, May 6 (Example Wire) - Carla Renner met Haftar.",
			[]wantMention{{doc.KindState, "Libya", "LBY", ""}, {doc.KindPerson, "Carla Renner", "USA", "GOV"}, {doc.KindPerson, "Khalifa Haftar", "LBY", "MIL"}}},
		{"The envoy met the minister (Omar Zelten) on Monday - his aides said.",
			[]wantMention{{doc.KindPerson, "Omar Zelten", "IRQ", "GOV"}, {doc.KindPron, "Omar Zelten", "IRQ", "GOV"}}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := f.Mentions(tt.text, day)
			if len(got) != len(tt.want) {
				for _, m := range got {
					t.Logf("  got %s %q %s %s (%q)", m.Kind, m.Entity.Name, m.Entity.Country, m.Entity.Sector, tt.text[m.Start:m.End])
				}
				t.Fatalf("got %d mentions, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				m := got[i]
				if m.Kind != w.kind || m.Entity.Name != w.name || m.Entity.Country != w.country || m.Entity.Sector != w.sector {
					t.Errorf("mention %d = %s %q %s %s, want %s %q %s %s", i, m.Kind, m.Entity.Name, m.Entity.Country, m.Entity.Sector, w.kind, w.name, w.country, w.sector)
				}
			}
		})
	}
}

func TestArticleScope(t *testing.T) {
	f := testFinder(t)
	text := "Interior Minister Salem Kabir met envoys. Kabir said he was pleased. The two leaders spoke."
	a := &doc.Article{Text: text}
	a.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: 41}}, {Span: doc.Span{Start: 42, End: 70}, Index: 1}, {Span: doc.Span{Start: 71, End: len(text)}, Index: 2}}
	if err := f.Process(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range a.Mentions {
		ids = append(ids, m.Entity.ID)
	}
	if len(a.Mentions) < 3 || a.Mentions[1].Entity.ID != a.Mentions[0].Entity.ID || a.Mentions[2].Kind != doc.KindPron || a.Mentions[2].Entity.ID != a.Mentions[0].Entity.ID {
		t.Fatalf("bare surname and pronoun should resolve to the first mention; got %v", ids)
	}
}

func TestDelegation(t *testing.T) {
	f := testFinder(t)
	text := "A US delegation led by General Carla Renner and envoy Tom Brandt arrived. The US delegation met Haftar."
	a := &doc.Article{Text: text}
	a.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: 73}}, {Span: doc.Span{Start: 74, End: len(text)}, Index: 1}}
	if err := f.Process(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	for _, m := range a.Mentions {
		if m.Sentence == 1 && m.Kind == doc.KindPron {
			if len(m.Refs) != 2 || m.Refs[0].Name != "Carla Renner" || m.Refs[1].Name != "Tom Brandt" {
				t.Fatalf("the delegation should stand for its two leaders, got %+v", m.Refs)
			}
			return
		}
	}
	t.Fatalf("no delegation mention in the second sentence: %+v", a.Mentions)
}

// TestCoordinatedTitles: "the Libyan and Tunisian interior ministers" are
// the interior ministers the article named, country by country; a country
// whose minister it did not name stays the state.
func TestCoordinatedTitles(t *testing.T) {
	f := testFinder(t)
	tests := []struct {
		name, first string
		want        []string // names of the mentions of the second sentence
	}{
		{"both named", "Tunisian Interior Minister Kamal Bouzid met Libyan Interior Minister Salem Kabir.", []string{"Salem Kabir", "Kamal Bouzid"}},
		{"one named", "Tunisian Interior Minister Kamal Bouzid arrived.", []string{"Libya", "Kamal Bouzid"}},
		{"none named", "The talks began.", []string{"Libya", "Tunisia"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			second := "The Libyan and Tunisian interior ministers signed it."
			text := tt.first + " " + second
			a := &doc.Article{Text: text, Published: time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)}
			a.Sentences = []doc.Sentence{{Span: doc.Span{Start: 0, End: len(tt.first)}},
				{Span: doc.Span{Start: len(tt.first) + 1, End: len(text)}, Index: 1}}
			if err := f.Process(t.Context(), a); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range a.Mentions {
				if m.Sentence == 1 {
					got = append(got, m.Entity.Name)
				}
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("second sentence names %q, want %q", got, tt.want)
			}
		})
	}
}
