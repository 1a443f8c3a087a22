package kb

import (
	"fmt"
	"sort"
	"strings"
	"testing"
)

// TestTuneFuzzy measures the word-level fuzzy threshold on the English–Arabic
// name lists in ../shared/peer/names: pairs of spellings of one name (two
// English spellings of the same Arabic, or an English spelling and the
// romanised Arabic) should match; neighbouring keys of different names
// should not. It logs recall and false matches for a grid of thresholds and
// checks the chosen one (fuzzyMinLen, fuzzyPerEdit).
func TestTuneFuzzy(t *testing.T) {
	pairs := readNamePairs(t)
	byAr := map[string][]string{}
	for _, p := range pairs {
		if !contains(byAr[p.ar], p.en) {
			byAr[p.ar] = append(byAr[p.ar], p.en)
		}
	}
	type kp struct{ a, b string }
	var pos []kp
	for ar, ens := range byAr {
		rk := NameKey(ar)
		for i, e := range ens {
			ek := NameKey(e)
			if rk != "" && !strings.Contains(rk, " ") {
				pos = append(pos, kp{ek, rk})
			}
			for _, f := range ens[i+1:] {
				pos = append(pos, kp{ek, NameKey(f)})
			}
		}
	}
	// Negatives: each English name's key against the next different key in
	// sorted order whose name has another Arabic spelling: near neighbours,
	// the hardest case.
	type named struct{ key, ar string }
	var all []named
	for _, p := range pairs {
		if k := NameKey(p.en); k != "" && !strings.Contains(k, " ") {
			all = append(all, named{k, p.ar})
		}
	}
	sort.Slice(all, func(i, j int) bool { return all[i].key < all[j].key })
	var neg []kp
	for i := 0; i+1 < len(all); i++ {
		for j := i + 1; j < len(all) && j < i+4; j++ {
			if all[j].key != all[i].key && all[j].ar != all[i].ar && !contains(byAr[all[i].ar], all[j].key) {
				neg = append(neg, kp{all[i].key, all[j].key})
			}
		}
	}
	match := func(a, b string, minLen, per int) bool {
		if a == b {
			return true
		}
		n := min(len(a), len(b))
		if n < minLen || a[0] != b[0] {
			return false
		}
		max := 1 + (n-minLen)/per
		return levenshtein(a, b, max) <= max
	}
	rate := func(list []kp, minLen, per int) float64 {
		n := 0
		for _, p := range list {
			if match(p.a, p.b, minLen, per) {
				n++
			}
		}
		return float64(n) / float64(len(list))
	}
	exact := 0
	for _, p := range pos {
		if p.a == p.b {
			exact++
		}
	}
	t.Logf("%d positive pairs (%.1f%% with equal keys), %d near-neighbour negatives", len(pos), 100*float64(exact)/float64(len(pos)), len(neg))
	var lines []string
	for _, minLen := range []int{3, 4, 5, 6} {
		for _, per := range []int{4, 100} {
			r, f := rate(pos, minLen, per), rate(neg, minLen, per)
			lines = append(lines, fmt.Sprintf("minLen %d perEdit %3d: recall %.3f  false matches %.3f  (recall − 3×false %.3f)", minLen, per, r, f, r-3*f))
			if per == 100 {
				break // per matters only for keys longer than minLen+per
			}
		}
	}
	t.Log("fuzzy word thresholds:\n" + strings.Join(lines, "\n"))
	r, f := rate(pos, fuzzyMinLen, fuzzyPerEdit), rate(neg, fuzzyMinLen, fuzzyPerEdit)
	t.Logf("chosen (minLen %d, perEdit %d): recall %.3f, false matches %.3f", fuzzyMinLen, fuzzyPerEdit, r, f)
	if f > 0.05 {
		t.Errorf("chosen threshold matches %.1f%% of near-neighbour negatives", 100*f)
	}
}

func TestResolveFuzzy(t *testing.T) {
	k := loadEmbedded(t)
	tests := []struct{ name, want string }{
		{"Aguila Saleh Issa", "Aguila Saleh"}, // an alias
		{"Aguila Saleh Eissa", "Aguila Saleh"},
		{"Khalifa Abulgasim Haftar", "Khalifa Haftar"}, // middle name not in the aliases
		{"Fathi Ali Bashagha", "Fathi Bashagha"},       // extra middle name
		{"Abdulhamid Mohammed Dbeibah", "Abdul Hamid Dbeibah"},
		{"Mohamed Younis al-Menfi", "Mohamed al-Menfi"},
		{"Abdurrahman Swehli", "Abdulrahman Swehli"},
		{"Salaheddin al-Namrush", "Salaheddine al-Namroush"},
		{"Saddam Khalifa Belqasim Haftar", "Saddam Haftar"}, // not Khalifa: first words differ
		{"Ali Haftar", ""}, // nobody: first words differ from every Haftar
		{"Ali Mohammed Dbeibah", ""},
	}
	for _, tt := range tests {
		got := ""
		if a := k.ResolvePerson(tt.name, ""); a != nil {
			got = a.Name
		}
		if got != tt.want {
			t.Errorf("ResolvePerson(%q) = %q, want %q (key %q)", tt.name, got, tt.want, NameKey(tt.name))
		}
	}
}

func TestAlignKeys(t *testing.T) {
	tests := []struct {
		a, b string
		cost int
		ok   bool
	}{
		{"klf hftr", "klf hftr", 0, true},
		{"klf blksm hftr", "klf hftr", 1, true},
		{"sdm hftr", "klf hftr", 0, false},
		{"sdm klf hftr", "klf hftr", 0, false},
		{"ak sl as", "ak sl", 0, false}, // last words differ
		{"abdrmn slbi", "abdrmn slbi", 0, true},
		{"slhdn nmrs", "slhdnn nmrs", 0, false},      // a 5-letter word must be equal
		{"abdlmnm slbi", "abdlmn slbi", 1, true},     // a 6-letter word may differ by one
		{"abdlmnm klf slbi", "abdlmn slbi", 2, true}, // and a middle word be extra
		{"abdlmnm slbk", "abdlmn slbi", 0, false},    // but first or last must be the same
	}
	for _, tt := range tests {
		cost, ok := alignKeys(strings.Fields(tt.a), strings.Fields(tt.b), true)
		if ok != tt.ok || ok && cost != tt.cost {
			t.Errorf("alignKeys(%q, %q) = %d, %v; want %d, %v", tt.a, tt.b, cost, ok, tt.cost, tt.ok)
		}
	}
}

func TestResolveArabic(t *testing.T) {
	k := loadEmbedded(t)
	tests := []struct{ name, want string }{
		{"معمر القذافي", "Muammar Gaddafi"},         // an alias
		{"مُعَمَّر القَذَّافِي", "Muammar Gaddafi"}, // with harakat
		{"خليفه حفتر", "Khalifa Haftar"},            // ه for ة
		{"فائز السراج", "Fayez al-Sarraj"},          // hamza on the seat
		{"عبدالحميد الدبيبة", "Abdul Hamid Dbeibah"},
		{"سيف الاسلام القذافي", "Saif al-Islam Gaddafi"},
	}
	for _, tt := range tests {
		got := ""
		if a := k.ResolvePerson(tt.name, ""); a != nil {
			got = a.Name
		}
		if got != tt.want {
			t.Errorf("ResolvePerson(%q) = %q, want %q (key %q)", tt.name, got, tt.want, NameKey(tt.name))
		}
	}
}
