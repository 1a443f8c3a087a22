package fold

import (
	"reflect"
	"testing"
)

func TestWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"dbeibah", "dbeibah"},
		{"Dbeibé", "dbeibe"},
		{"Mo'ammar", "moammar"},
		{"Yaşar", "yasar"},
		{"Güler", "guler"},
		{"Déby", "deby"},
		{"Kalın", "kalin"},
		{"Élysée", "elysee"},
		{"U.S.", "us"},
		{"Straße", "strasse"},
		{"ليبيا", "ليبيا"},
	}
	for _, tt := range tests {
		if got := Word(tt.in); got != tt.want {
			t.Errorf("Word(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPhrase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The Libyan National Army (LNA)", "libyan national army lna"},
		{"Al-Hwaij’s discussions", "al hwaij discussions"},
		{"Abdel-Hamid Dbaiba", "abdel hamid dbaiba"},
		{"the", "the"},
		{"  ", ""},
		{"Shuga'addin", "shugaaddin"},
		{"Russia's", "russia"},
		{"the U.S. Embassy", "us embassy"},
		{"Tripoli.Then", "tripoli then"},
	}
	for _, tt := range tests {
		if got := Phrase(tt.in); got != tt.want {
			t.Errorf("Phrase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got, want := Words("5+5 Joint-Military"), []string{"5", "5", "joint", "military"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestDice(t *testing.T) {
	tests := []struct {
		a, b string
		min  float64
		max  float64
	}{
		{"gaddafi", "gaddafi", 1, 1},
		{"qadafi", "gaddafi", 0.5, 0.99},
		{"fezzan", "fidan", 0, 0.3},
		{"a", "abc", 0, 0},
	}
	for _, tt := range tests {
		if got := Dice(tt.a, tt.b); got < tt.min || got > tt.max {
			t.Errorf("Dice(%q, %q) = %.2f, want %.2f..%.2f", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
}
