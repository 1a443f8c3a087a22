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

// confusables are names that must not resolve to Muammar Gaddafi: his
// family, namesakes and other Libyan figures, in several spellings and
// scripts. Each names a person of the knowledge base, or nobody ("").
var confusables = []struct{ name, want string }{
	{"Saif al-Islam Gaddafi", "Saif al-Islam Gaddafi"},
	{"Seif al-Islam Kadhafi", "Saif al-Islam Gaddafi"},
	{"Saif al-Islam Muammar Gaddafi", "Saif al-Islam Gaddafi"},
	{"Ahmed Gaddaf al-Dam", "Ahmed Gaddaf al-Dam"},
	{"Ahmad Qadhaf al-Dam", "Ahmed Gaddaf al-Dam"},
	{"Hannibal Gaddafi", "Hannibal Gaddafi"},
	{"Aisha Gaddafi", "Aisha Gaddafi"},
	{"Mutassim Gaddafi", "Mutassim Gaddafi"},
	{"Moatassem Kadhafi", "Mutassim Gaddafi"},
	{"Khamis Gaddafi", "Khamis Gaddafi"},
	{"Khamis Qadhafi", "Khamis Gaddafi"},
	{"Saadi Gaddafi", "Saadi Gaddafi"},
	{"Mohammed Gaddafi", "Mohammed Gaddafi"},
	{"Muhammad Qaddafi", "Mohammed Gaddafi"},
	{"محمد القذافي", "Mohammed Gaddafi"},
	{"سيف الإسلام القذافي", "Saif al-Islam Gaddafi"},
	{"Khalifa Haftar", "Khalifa Haftar"},
	{"Khalifa Belqasim Hifter", "Khalifa Haftar"},
	{"Saddam Haftar", "Saddam Haftar"},
	{"Fayez al-Sarraj", "Fayez al-Sarraj"},
	{"Abdul Hamid Dbeibah", "Abdul Hamid Dbeibah"},
	{"Abdullah Senussi", "Abdullah Senussi"},
	{"Moussa Koussa", "Moussa Koussa"},
	{"Baghdadi al-Mahmoudi", "Baghdadi Mahmudi"},
	{"Abdessalam Jalloud", "Abdessalam Jalloud"},
	{"Mustafa Abdul Jalil", "Mustafa Abdul Jalil"},
	{"Mahmoud Jibril", "Mahmoud Jibril"},
	{"Abdel Fattah Younes", "Abdel Fattah Younes"},
	{"Moussa Ibrahim", "Moussa Ibrahim"},
	{"Mohamed Magariaf", "Mohamed Magariaf"},
	{"Ali Zeidan", "Ali Zeidan"},
	{"Abdullah al-Thinni", "Abdullah al-Thinni"},
	{"Fathi Bashagha", "Fathi Bashagha"},
	{"Aguila Saleh", "Aguila Saleh"},
	{"Mohamed al-Menfi", "Mohamed al-Menfi"},
	{"Khaled al-Mishri", "Khaled al-Mishri"},
	{"Osama Hammad", "Osama Hammad"},
	{"Mustafa Qaddur", "Mustafa Qaddur"},
	{"Abdelhakim Belhadj", "Abdelhakim Belhadj"},
	{"Sadiq al-Ghariani", "Sadiq al-Ghariani"},
	{"Mohamed al-Kani", "Mohamed al-Kani"},
	{"Muammar Abu Minyar", ""}, // not the key of any of his names, and no surname
	{"Fezzan", ""},
	{"Hakan Fidan", "Hakan Fidan"},
	{"Gaddafi Stadium", ""},
}

func TestConfusables(t *testing.T) {
	k := loadEmbedded(t)
	if len(confusables) < 30 {
		t.Fatalf("want 30 or more confusable names, have %d", len(confusables))
	}
	for _, tt := range confusables {
		a := k.ResolvePerson(tt.name, "")
		got := ""
		if a != nil {
			got = a.Name
		}
		if got == "Muammar Gaddafi" {
			t.Errorf("%q resolved to Muammar Gaddafi", tt.name)
		} else if got != tt.want {
			t.Errorf("%q resolved to %q, want %q", tt.name, got, tt.want)
		}
	}
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// roleCases are office-holders on dates: a title, a country, sometimes an
// organisation, and a day give one person, or nobody ("") when the KB does
// not know or the office was contested.
var roleCases = []struct {
	role, country, org, date, want string
}{
	// Libya had rival prime ministers in 2015, 2019 and 2022: a title alone does not decide...
	{"prime_minister", "LBY", "", "2019-06-01", ""},
	{"prime_minister", "LBY", "", "2022-06-01", ""},
	{"prime_minister", "LBY", "", "2015-06-01", ""},
	// ... but the government does.
	{"prime_minister", "LBY", "Government of National Accord", "2019-06-01", "Fayez al-Sarraj"},
	{"prime_minister", "LBY", "GNA", "2019-06-01", "Fayez al-Sarraj"},
	{"prime_minister", "LBY", "Interim Government", "2019-06-01", "Abdullah al-Thinni"},
	{"prime_minister", "LBY", "Government of National Unity", "2022-06-01", "Abdul Hamid Dbeibah"},
	{"prime_minister", "LBY", "GNU", "2024-01-10", "Abdul Hamid Dbeibah"},
	{"prime_minister", "LBY", "Government of National Stability", "2022-06-01", "Fathi Bashagha"},
	{"prime_minister", "LBY", "Government of National Stability", "2024-01-10", "Osama Hammad"},
	{"prime_minister", "LBY", "National Salvation Government", "2015-06-01", "Khalifa al-Ghwell"},
	{"prime_minister", "LBY", "National Salvation Government", "2014-10-01", "Omar al-Hassi"},
	{"prime_minister", "LBY", "", "2012-03-01", "Abdurrahim el-Keib"},
	{"prime_minister", "LBY", "", "2013-06-01", "Ali Zeidan"},
	{"prime_minister", "LBY", "Government of National Accord", "2022-06-01", ""}, // dissolved
	{"foreign_minister", "LBY", "", "2010-06-01", "Moussa Koussa"},
	{"foreign_minister", "LBY", "Government of National Unity", "2022-06-01", "Najla Mangoush"},
	{"foreign_minister", "LBY", "Government of National Accord", "2019-06-01", "Mohamed Siala"},
	{"interior_minister", "LBY", "Government of National Accord", "2019-06-01", "Fathi Bashagha"},
	{"interior_minister", "LBY", "Government of National Unity", "2024-01-10", "Emad Trabelsi"},
	{"interior_minister", "LBY", "Government of National Unity", "2021-06-01", "Khaled Mazen"},
	{"defence_minister", "LBY", "Government of National Unity", "2022-06-01", "Abdul Hamid Dbeibah"},
	{"defence_minister", "LBY", "", "2012-03-01", "Osama Juwaili"},
	{"defence_minister", "TUR", "", "2019-06-01", "Hulusi Akar"},
	{"defence_minister", "TUR", "", "2024-01-10", "Yaşar Güler"},
	{"foreign_minister", "TUR", "", "2012-06-01", "Ahmet Davutoğlu"},
	{"foreign_minister", "TUR", "", "2019-06-01", "Mevlüt Çavuşoğlu"},
	{"foreign_minister", "TUR", "", "2024-01-10", "Hakan Fidan"},
	{"president", "TUR", "", "2012-06-01", "Abdullah Gül"},
	{"prime_minister", "TUR", "", "2012-06-01", "Recep Tayyip Erdoğan"},
	{"president", "TUR", "", "2019-06-01", "Recep Tayyip Erdoğan"},
	{"president", "EGY", "", "2010-06-01", "Hosni Mubarak"},
	{"president", "EGY", "", "2013-01-01", "Mohamed Morsi"},
	{"president", "EGY", "", "2019-06-01", "Abdel Fattah el-Sisi"},
	{"defence_minister", "EGY", "", "2013-01-01", "Abdel Fattah el-Sisi"},
	{"foreign_minister", "EGY", "", "2019-06-01", "Sameh Shoukry"},
	{"foreign_minister", "EGY", "", "2025-01-10", "Badr Abdelatty"},
	{"prime_minister", "ITA", "", "2019-06-01", "Giuseppe Conte"},
	{"prime_minister", "ITA", "", "2022-06-01", "Mario Draghi"},
	{"prime_minister", "ITA", "", "2024-01-10", "Giorgia Meloni"},
	{"interior_minister", "ITA", "", "2017-06-01", "Marco Minniti"},
	{"interior_minister", "ITA", "", "2019-06-01", "Matteo Salvini"},
	{"foreign_minister", "ITA", "", "2020-06-01", "Luigi Di Maio"},
	{"defence_minister", "RUS", "", "2019-06-01", "Sergei Shoigu"},
	{"defence_minister", "RUS", "", "2025-01-10", "Andrei Belousov"},
	{"prime_minister", "RUS", "", "2010-06-01", "Vladimir Putin"},
	{"president", "RUS", "", "2019-06-01", "Vladimir Putin"},
	{"president", "FRA", "", "2019-06-01", "Emmanuel Macron"},
	{"president", "FRA", "", "2011-03-19", "Nicolas Sarkozy"},
	{"president", "USA", "", "2019-06-01", "Donald Trump"},
	{"president", "USA", "", "2022-06-01", "Joe Biden"},
	{"president", "IGO", "European Commission", "2019-06-01", "Jean-Claude Juncker"},
	{"president", "IGO", "European Commission", "2022-06-01", "Ursula von der Leyen"},
	{"president", "IGO", "European Council", "2022-06-01", "Charles Michel"},
	{"president", "IGO", "", "2022-06-01", ""}, // which IGO?
}

func TestRoleAtDate(t *testing.T) {
	k := loadEmbedded(t)
	for _, tt := range roleCases {
		t.Run(tt.role+"/"+tt.country+"/"+tt.org+"/"+tt.date, func(t *testing.T) {
			a := k.HolderOfOrg(tt.role, tt.country, tt.org, day(tt.date))
			got := ""
			if a != nil {
				got = a.Name
			}
			if got != tt.want {
				t.Errorf("HolderOfOrg(%s, %s, %q, %s) = %q, want %q", tt.role, tt.country, tt.org, tt.date, got, tt.want)
			}
		})
	}
}

// TestRoleAt checks an actor's own role and sector on a date.
func TestRoleAt(t *testing.T) {
	k := loadEmbedded(t)
	tests := []struct {
		name, date, role, sector string
	}{
		{"Abdullah al-Thinni", "2014-01-01", "defence_minister", "MIL"},
		{"Abdullah al-Thinni", "2016-01-01", "prime_minister", "GOV"},
		{"Abdel Fattah el-Sisi", "2013-01-01", "defence_minister", "MIL"},
		{"Abdel Fattah el-Sisi", "2019-01-01", "president", "GOV"},
		{"Fathi Bashagha", "2019-06-01", "interior_minister", ""},
		{"Fathi Bashagha", "2022-06-01", "prime_minister", "GOV"},
	}
	for _, tt := range tests {
		a := k.ResolvePerson(tt.name, "")
		if a == nil {
			t.Errorf("%s: not found", tt.name)
			continue
		}
		r, ok := a.RoleAt(day(tt.date))
		if !ok || r.Key != tt.role {
			t.Errorf("%s on %s: role %q (%v), want %q", tt.name, tt.date, r.Key, ok, tt.role)
		}
		if tt.sector != "" && a.SectorAt(day(tt.date)) != tt.sector {
			t.Errorf("%s on %s: sector %q, want %q", tt.name, tt.date, a.SectorAt(day(tt.date)), tt.sector)
		}
	}
}
