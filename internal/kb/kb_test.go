package kb

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/devset"
)

func loadEmbedded(tb testing.TB) *KB {
	tb.Helper()
	k, err := Load()
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// TestGaddafiSpellings resolves the peer list of spellings of one name.
func TestGaddafiSpellings(t *testing.T) {
	path := devset.Path(t, "peer/names/gaddafi_spellings.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k := loadEmbedded(t)
	sc := bufio.NewScanner(f)
	total, ok := 0, 0
	for sc.Scan() {
		name, _, _ := strings.Cut(sc.Text(), "\t")
		if name == "" || name == "variant" {
			continue
		}
		total++
		if a := k.ResolvePerson(name, ""); a != nil && a.Name == "Muammar Gaddafi" {
			ok++
		} else {
			t.Logf("not resolved: %q", name)
		}
	}
	rate := float64(ok) / float64(total)
	t.Logf("%d of %d spellings resolve to Muammar Gaddafi (%.1f%%)", ok, total, 100*rate)
	if total < 50 || rate < 0.95 {
		t.Errorf("resolved %d of %d, want at least 95%%", ok, total)
	}
}

func TestConfusables(t *testing.T) {
	k := loadEmbedded(t)
	for _, name := range []string{
		"Saif al-Islam Gaddafi", "Ahmed Gaddaf al-Dam", "Khalifa Haftar", "Fayez al-Sarraj", "Hannibal Gaddafi",
		"Aisha Gaddafi", "Mutassim Gaddafi", "Khamis Gaddafi", "Saddam Haftar", "Abdul Hamid Dbeibah", "Fezzan", "Hakan Fidan",
	} {
		if a := k.ResolvePerson(name, ""); a != nil && a.Name == "Muammar Gaddafi" {
			t.Errorf("%q resolved to Muammar Gaddafi", name)
		}
	}
}

func TestHolderOf(t *testing.T) {
	k := loadEmbedded(t)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	tests := []struct {
		role, country, date, want string
	}{
		// Libya had rival prime ministers in 2019 and 2022: a title alone does not decide.
		{"prime_minister", "LBY", "2019-06-01", ""},
		{"prime_minister", "LBY", "2022-06-01", ""},
		{"defence_minister", "TUR", "2019-06-01", "Hulusi Akar"},
		{"president", "FRA", "2019-06-01", "Emmanuel Macron"},
		{"president", "USA", "2019-06-01", "Donald Trump"},
		{"president", "USA", "2022-06-01", "Joe Biden"},
	}
	for _, tt := range tests {
		a := k.HolderOf(tt.role, tt.country, day(tt.date))
		got := ""
		if a != nil {
			got = a.Name
		}
		if got != tt.want {
			t.Errorf("HolderOf(%s, %s, %s) = %q, want %q", tt.role, tt.country, tt.date, got, tt.want)
		}
	}
}
