package synth

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	tests := []struct {
		name string
		n    int
		seed uint64
	}{
		{"none", 0, 1},
		{"some", 50, 1},
		{"other seed", 50, 7},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var a, b bytes.Buffer
			if err := Write(&a, tc.n, tc.seed); err != nil {
				t.Fatal(err)
			}
			if err := Write(&b, tc.n, tc.seed); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(a.Bytes(), b.Bytes()) {
				t.Error("the same seed gave other articles")
			}
			lines := strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n")
			if tc.n == 0 {
				if a.Len() != 0 {
					t.Errorf("0 articles wrote %q", a.String())
				}
				return
			}
			if len(lines) != tc.n {
				t.Fatalf("%d lines, want %d", len(lines), tc.n)
			}
			urls := map[string]bool{}
			for _, l := range lines {
				var rec struct{ URL, Source, Published, Text string }
				if err := json.Unmarshal([]byte(l), &rec); err != nil {
					t.Fatalf("%s: %v", l, err)
				}
				if rec.URL == "" || rec.Source == "" || len(rec.Published) != 10 || !strings.Contains(rec.Text, "\n\n") {
					t.Errorf("incomplete article: %s", l)
				}
				urls[rec.URL] = true
			}
			if len(urls) != tc.n {
				t.Errorf("%d distinct URLs in %d articles", len(urls), tc.n)
			}
		})
	}
	var one, seven bytes.Buffer
	Write(&one, 5, 1)
	Write(&seven, 5, 7)
	if bytes.Equal(one.Bytes(), seven.Bytes()) {
		t.Error("two seeds gave the same articles")
	}
}
