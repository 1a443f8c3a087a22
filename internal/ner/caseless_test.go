package ner

import (
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// TestCaselessNames covers titles followed by names in Arabic, where no
// capital letter marks where a name starts.
func TestCaselessNames(t *testing.T) {
	f := testFinder(t)
	tests := []struct {
		text    string
		kind    doc.MentionKind
		head    string // the name's text as written
		country string
	}{
		{"استقبل وزير الداخلية التونسي العميد كمال بوزيد في تونس.", doc.KindPerson, "كمال بوزيد", "TUN"},
		{"التقى وزير الخارجية عبد الله الشريف مساء اليوم.", doc.KindPerson, "عبد الله الشريف", ""},
		{"التقى السفير الليبي السيد سالم المبروك.", doc.KindPerson, "سالم المبروك", "LBY"},
		// a particle or a time word after the title is not a name
		{"وصل وزير الداخلية التونسي مساء اليوم.", doc.KindRole, "", "TUN"},
	}
	for _, tt := range tests {
		ms := f.Mentions(tt.text, time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC))
		var got *doc.Mention
		for i := range ms {
			if m := &ms[i]; m.Kind == doc.KindPerson || m.Kind == doc.KindRole {
				got = m
				break
			}
		}
		if got == nil {
			t.Errorf("%s: no person or role in %+v", tt.text, ms)
			continue
		}
		head := tt.text[got.Head.Start:got.Head.End]
		if got.Kind != tt.kind || tt.head != "" && head != tt.head || got.Entity.Country != tt.country {
			t.Errorf("%s: got %s %q (%s), want %s %q (%s)", tt.text, got.Kind, head, got.Entity.Country, tt.kind, tt.head, tt.country)
		}
	}
}
