package fold

import (
	"slices"
	"testing"
)

func TestCaseless(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"المنفي", true},
		{"وزير", true},
		{"haftar", false},
		{"élysée", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := Caseless(tt.w); got != tt.want {
			t.Errorf("Caseless(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestUnglued(t *testing.T) {
	tests := []struct {
		w    string
		want []string
	}{
		{"والنيجر", []string{"النيجر"}},
		{"وبالمملكة", []string{"بالمملكة", "المملكة"}},
		{"بزيارة", []string{"زيارة"}}, // ز is no particle
		{"ولد", nil},                  // a stem keeps three letters
		{"النيجر", nil},               // no glued particle
		{"tripoli", nil},
	}
	for _, tt := range tests {
		if got := Unglued(tt.w); !slices.Equal(got, tt.want) {
			t.Errorf("Unglued(%q) = %q, want %q", tt.w, got, tt.want)
		}
	}
}
