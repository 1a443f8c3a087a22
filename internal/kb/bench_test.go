package kb

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkLoad loads the whole embedded knowledge base: countries, places,
// titles, the curated actors and the Phoenix dictionaries.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

// benchMentions is a mix of what the mention finder asks: exact aliases,
// spelling variants, fuzzy matches, Arabic script, and unknown names.
var benchMentions = []string{
	"Muammar Gaddafi", "Mo'ammar Gadhafi", "Moamar El Kadhafi", "Qadhdhafi", "Khalifa Haftar",
	"Khalifa Abulgasim Hifter", "Abdel-Hamid Dbaiba", "Fayez Serraj", "Aguila Saleh Eissa",
	"Recep Tayyip Erdogan", "Sergei Lavrov", "Hamid Karzai", "Ban Ki-moon", "معمر القذافي",
	"خليفه حفتر", "John Smith", "Ahmed Mohammed Ali", "Giorgia Meloni", "Stephanie Williams", "Saddam Haftar",
}

// BenchmarkResolve resolves one mention at a time with the full knowledge
// base loaded, and reports the median over the mix.
func BenchmarkResolve(b *testing.B) {
	k := loadEmbedded(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		k.ResolvePerson(benchMentions[i%len(benchMentions)], "")
		i++
	}
}

// BenchmarkResolveMedian reports the acceptance figure: the median time of
// one resolution over the mix of mentions (the mean, which ns/op gives, is
// pulled up by the few fuzzy lookups).
func BenchmarkResolveMedian(b *testing.B) {
	k := loadEmbedded(b)
	var times []time.Duration
	for b.Loop() {
		for _, m := range benchMentions {
			start := time.Now()
			k.ResolvePerson(m, "")
			times = append(times, time.Since(start))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/resolve")
	b.ReportMetric(float64(times[len(times)*9/10].Nanoseconds()), "p90-ns/resolve")
}
