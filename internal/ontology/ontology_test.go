package ontology

import (
	"strings"
	"testing"
)

func TestPLOVERTable(t *testing.T) {
	tab, err := PLOVER()
	if err != nil {
		t.Fatal(err)
	}
	if n := len(tab.Types()); n != 16 {
		t.Errorf("got %d event types, want 16", n)
	}
	want := map[string][]string{
		VerbalCooperation:   {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"},
		MaterialCooperation: {"COOPERATE", "AID", "RETREAT"},
		VerbalConflict:      {"REQUEST", "ACCUSE", "REJECT", "THREATEN"},
		MaterialConflict:    {"SANCTION", "PROTEST", "MOBILIZE", "COERCE", "ASSAULT"},
	}
	for quad, types := range want {
		for _, typ := range types {
			if got := QuadOf(typ); got != quad {
				t.Errorf("QuadOf(%s) = %q, want %q", typ, got, quad)
			}
		}
	}
	if got := QuadOf("consult"); got != VerbalCooperation {
		t.Errorf("QuadOf is not case-insensitive: %q", got)
	}
	if got := QuadOf("FIGHT"); got != "" {
		t.Errorf("QuadOf(FIGHT) = %q, want empty", got)
	}
	if !tab.HasMode("CONSULT", "visit") || tab.HasMode("CONSULT", "withdraw") {
		t.Error("HasMode disagrees with the CONSULT modes")
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"columns", "AGREE\tverbal_cooperation\n", "line 1: want 3"},
		{"quad", "# c\nAGREE\tcooperation\t\n", "line 2: event type AGREE: unknown quad"},
		{"duplicate", "AID\tmaterial_cooperation\t\nAID\tmaterial_cooperation\t\n", "line 2: duplicate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
