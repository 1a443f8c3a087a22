package kb

import "testing"

func TestLevenshtein(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"", "", 3, 0},
		{"kdf", "kdf", 3, 0},
		{"kitten", "sitting", 5, 3},
		{"sitting", "kitten", 5, 3},
		{"kdf", "", 5, 3},
		{"mmr", "mmd", 2, 1},
		{"flaw", "lawn", 3, 2},
		{"abcdef", "uvwxyz", 2, 3}, // over the threshold: max+1
		{"ab", "abcdef", 2, 3},
	}
	for _, tt := range tests {
		if got := levenshtein(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("levenshtein(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}
