package clean

import (
	"fmt"
	"testing"
)

func testWork(t *testing.T) *work {
	t.Helper()
	lx, err := defaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	st := &state{dr: dateReader{lx: lx}}
	return &work{lx: lx, st: st}
}

func (d date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

func TestFindDate(t *testing.T) {
	w := testWork(t)
	tests := []struct {
		in, want string // want "" for no date
		weekday  bool
	}{
		{"Aug 11, 2021 | International actors", "2021-08-11", false},
		{"17 settembre 2019 | 18.04", "2019-09-17", false},
		{"Giovedì 23 Settembre 2021", "2021-09-23", true},
		{"Friday , 24 March 2023", "2023-03-24", true},
		{"- Published: 27th March, 2025", "2025-03-27", false},
		{"[05/03/2024 08:21]", "2024-03-05", false},
		{"4-07-2020, 13:12", "2020-07-04", false},
		{"12/25/2020", "2020-12-25", false},
		{"2021-01-07 20:48:00", "2021-01-07", false},
		{"February 9 2004", "2004-02-09", false},
		{"October 20 2020 09:03:30", "2020-10-20", false},
		{"le 1er septembre", "0000-09-01", false},
		{"Oct. 26 () –", "0000-10-26", false},
		{"Tuesday, February 20", "0000-02-20", true},
		{"February 2025", "2025-02-00", false},
		{"السبت (04 تموز 2020)", "2020-07-04", false},
		{"٤-٠٧-٢٠٢٠", "2020-07-04", false},
		{"in 2019 the talks", "", false},
		{"31/02/2020", "", false},
		{"2024 - 03 - 05", "", false},
		{"May I come in?", "", false},
	}
	for _, tt := range tests {
		d, ok := w.st.dr.find(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want || ok && d.Weekday != tt.weekday {
			t.Errorf("find(%q) = %s weekday=%v, want %s weekday=%v", tt.in, got, d.Weekday, tt.want, tt.weekday)
		}
	}
}

func TestURLDate(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://www.dailynews.example/2021/09/29/slug/", "2021-09-29"},
		{"https://www.example.com/news/2013/1/31/uk-prime-minister", "2013-01-31"},
		{"https://example.org/2021/09/a-slug", "2021-09-00"},
		{"https://www.example.com/20250206-libya-discusses/", "2025-02-06"},
		{"https://fr.example.com/stories/202210270148.html", ""},
		{"https://example.com/325/president-macron/", ""},
		{"https://example.com/archives2004-710-local-news/", ""},
		{"https://example.com/2021/13/01/x", ""},
		{"https://example.com/a?date=2021/09/29/", ""},
		{"", ""},
		{"not a url at all", ""},
	}
	for _, tt := range tests {
		d, ok := urlDate(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want {
			t.Errorf("urlDate(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestISOPrefix(t *testing.T) {
	tests := []struct{ in, want, rest string }{
		{"date 2020-10-20 Turkish minister", "2020-10-20", "Turkish minister"},
		{"date 2022-10 NEW YORK", "2022-10-00", "NEW YORK"},
		{"date 2022-13 x", "", "date 2022-13 x"},
		{"date of the meeting", "", "date of the meeting"},
		{"update 2022-10-01", "", "update 2022-10-01"},
	}
	for _, tt := range tests {
		d, rest, ok := isoPrefix(tt.in)
		got := ""
		if ok {
			got = d.String()
		}
		if got != tt.want || rest != tt.rest {
			t.Errorf("isoPrefix(%q) = %q, %q", tt.in, got, rest)
		}
	}
}

func TestParseDateline(t *testing.T) {
	w := testWork(t)
	tests := []struct {
		in, place, date string // date "" when none
		ok              bool
	}{
		{"TRIPOLI, June 5 (Reuters) - Officials said", "TRIPOLI", "0000-06-05", true},
		{"ALGER – The Libyan government", "ALGER", "", true},
		{"NEW YORK (Nations unies) - Le Conseil", "NEW YORK", "", true},
		{"December 16, 2019 (KHARTOUM) - Chadian President", "KHARTOUM", "2019-12-16", true},
		{"Tripoli, April 09, 2023 (LANA) - The US envoy", "Tripoli", "2023-04-09", true},
		{"Tripoli - The envoy", "Tripoli", "", true},
		{"MOSCOW--Russia's top diplomat", "MOSCOW", "", true},
		{"VIENNA-SABA", "VIENNA", "", true},
		{"Oct. 26 () –", "", "0000-10-26", true},
		{"طرابلس - التقى الوزير", "طرابلس", "", true},
		{"The minister - who arrived late - spoke", "", "", false},
		{"Al-Sarraj met Conte", "", "", false},
		{"US officials - speaking", "", "", false},
		{"Monday - the talks", "", "", false},
		{"Turkey's minister said", "", "", false},
		{"Libya – a country at war – is", "", "", false},
		{"MOSCOW--russia's", "", "", false},
	}
	for _, tt := range tests {
		dl, ok := w.parseDateline(tt.in)
		date := ""
		if dl.HasDate {
			date = dl.Date.String()
		}
		if ok != tt.ok || ok && (dl.Place != tt.place || date != tt.date) {
			t.Errorf("parseDateline(%q) = %q %q %v, want %q %q %v", tt.in, dl.Place, date, ok, tt.place, tt.date, tt.ok)
		}
	}
}

func TestFirstSentence(t *testing.T) {
	w := testWork(t)
	tests := []struct{ in, want string }{
		{"Dr. Ada Example met Mr. B. Sample in Lakeside. They talked.", "Dr. Ada Example met Mr. B. Sample in Lakeside."},
		{"One sentence only.", "One sentence only."},
		{"He said “it is done.” Then he left.", "He said “it is done.”"},
		{"The U.S. envoy arrived on Oct. 5 in the capital. More.", "The U.S. envoy arrived on Oct. 5 in the capital."},
		{"No end here", ""},
	}
	for _, tt := range tests {
		if got := w.firstSentence(tt.in); got != tt.want {
			t.Errorf("firstSentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNorm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  Share This Article ", "share this article"},
		{"- Published:", "published"},
		{"Related  Articles »", "related articles"},
		{"Libya’s   talks", "libya's talks"},
		{"شارك هاذا المقال !", "شارك هاذا المقال"},
	}
	for _, tt := range tests {
		if got := norm(tt.in); got != tt.want {
			t.Errorf("norm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDetectLang(t *testing.T) {
	lx, _ := defaultLexicon()
	tests := []struct{ in, want string }{
		{"The minister said that the talks with the delegation were useful.", "en"},
		{"Le ministre a dit que les discussions avec la délégation sont utiles pour la paix.", "fr"},
		{"التقى وزير الخارجية نظيره في طرابلس لبحث التعاون.", "ar"},
		{"12345 !!!", ""},
		{"Xylophone zebra quartz", ""},
	}
	for _, tt := range tests {
		if got := detectLang(lx, tt.in); got != tt.want {
			t.Errorf("detectLang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
