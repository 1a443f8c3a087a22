package kb

// Generators of the derived data files. They read third-party lists in
// ../shared by path and write only statistics or converted records of our
// own format into data/. Run them with
//
//	go test ./internal/kb/ -run TestGenerate -update
import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/fold"
)

var update = flag.Bool("update", false, "regenerate the derived data files in data/ from ../shared")

// romanCandidates are the Latin spellings each Arabic letter may take in
// English renderings of names: the hypotheses the alignment chooses among.
// The counts in data/romanise.tsv come from aligning the name lists.
var romanCandidates = map[rune][]string{
	'ا': {"a", "e", "i", "o", "u", "aa", ""},
	'ب': {"b", "bb", "p"},
	'ت': {"t", "tt"},
	'ث': {"th", "t", "s"},
	'ج': {"j", "g", "dj", "zh", "dsch"},
	'ح': {"h", "hh", "kh", ""},
	'خ': {"kh", "k", "h", "ch", "x"},
	'د': {"d", "dd"},
	'ذ': {"dh", "d", "z", "th"},
	'ر': {"r", "rr"},
	'ز': {"z", "zz", "s"},
	'س': {"s", "ss", "c"},
	'ش': {"sh", "ch", "sch", "s"},
	'ص': {"s", "ss"},
	'ض': {"d", "dh", "z"},
	'ط': {"t", "tt"},
	'ظ': {"z", "dh", "th", "d"},
	'ع': {"", "a", "e", "i", "o", "u"},
	'غ': {"gh", "g", "r"},
	'ف': {"f", "ff", "v", "ph"},
	'ق': {"q", "k", "g", "gh", "c", "ck"},
	'ك': {"k", "c", "ck", "q", "ch"},
	'ل': {"l", "ll"},
	'م': {"m", "mm"},
	'ن': {"n", "nn"},
	'ه': {"h", "", "a", "e"},
	'و': {"w", "u", "o", "ou", "oo", "v", ""},
	'ي': {"y", "i", "e", "ee", "ie", ""},
	'ة': {"a", "ah", "e", "eh", "at", ""},
	'ى': {"a", "y", "i", ""},
	'ء': {""},
	'پ': {"p"},
	'چ': {"ch"},
	'ژ': {"zh", "j"},
	'گ': {"g"},
	'ڤ': {"v"},
	'ک': {"k", "c"},
	'ی': {"y", "i", "e", ""},
}

// arabicOnly are letters for sounds that European names lack; a name
// that holds one is taken to be of Arabic origin.
const arabicOnly = "حخذصضطظعغقث"

type namePair struct {
	en, ar string
	n      int
}

// readNamePairs reads the two English–Arabic name lists, folded.
func readNamePairs(tb testing.TB) []namePair {
	var pairs []namePair
	read := func(rel string, fn func(cols []string)) {
		f, err := os.Open(devset.Path(tb, rel))
		if err != nil {
			tb.Fatal(err)
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			fn(strings.Split(sc.Text(), "\t"))
		}
	}
	read("peer/names/wikidata_en_ar_names.tokens", func(c []string) {
		if len(c) == 3 {
			n := 1
			fmt.Sscan(c[2], &n)
			pairs = append(pairs, namePair{fold.Word(c[0]), fold.Word(strings.ReplaceAll(c[1], " ", "")), n})
		}
	})
	read("peer/names/google_ar2en.txt", func(c []string) {
		if len(c) == 2 {
			pairs = append(pairs, namePair{fold.Word(c[1]), fold.Word(c[0]), 1})
		}
	})
	return pairs
}

// align finds the cheapest monotone alignment of the Arabic letters of ar
// with the Latin letters of en: each Arabic letter emits one of its
// candidate spellings (cost -log p), and unwritten short vowels are inserted
// at a fixed cost. It returns the spelling chosen for each letter, or nil.
func align(ar []rune, en string, p map[rune]map[string]float64) []string {
	const vowelCost = 2.0
	inf := math.Inf(1)
	n, m := len(ar), len(en)
	cost := make([][]float64, n+1)
	back := make([][][2]int, n+1) // previous (i, j); i same = vowel insertion
	for i := range cost {
		cost[i] = make([]float64, m+1)
		back[i] = make([][2]int, m+1)
		for j := range cost[i] {
			cost[i][j] = inf
		}
	}
	cost[0][0] = 0
	for i := 0; i <= n; i++ {
		for j := 0; j <= m; j++ {
			c := cost[i][j]
			if math.IsInf(c, 1) {
				continue
			}
			if j < m && strings.IndexByte("aeiouy", en[j]) >= 0 && c+vowelCost < cost[i][j+1] {
				cost[i][j+1] = c + vowelCost
				back[i][j+1] = [2]int{i, j}
			}
			if i == n {
				continue
			}
			for s, ps := range p[ar[i]] {
				if strings.HasPrefix(en[j:], s) {
					if v := c - math.Log(ps); v < cost[i+1][j+len(s)] {
						cost[i+1][j+len(s)] = v
						back[i+1][j+len(s)] = [2]int{i, j}
					}
				}
			}
		}
	}
	if math.IsInf(cost[n][m], 1) {
		return nil
	}
	out := make([]string, n)
	for i, j := n, m; i > 0 || j > 0; {
		b := back[i][j]
		if b[0] < i {
			out[i-1] = en[b[1]:j]
		}
		i, j = b[0], b[1]
	}
	return out
}

func TestGenerateRomanTable(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate data/romanise.tsv")
	}
	var pairs []namePair
	all := readNamePairs(t)
	for _, np := range all {
		// Names of Arabic origin: most of the lists are European names
		// written in Arabic letters (ف as v, ز as s), which would teach the
		// table the wrong spellings for Arabic names.
		if strings.ContainsAny(np.ar, arabicOnly) {
			pairs = append(pairs, np)
		}
	}
	p := map[rune]map[string]float64{}
	for r, cands := range romanCandidates {
		p[r] = map[string]float64{}
		for _, s := range cands {
			p[r][s] = 1 / float64(len(cands))
		}
	}
	var counts map[rune]map[string]int
	aligned := 0
	for iter := 0; iter < 4; iter++ { // hard EM: align, recount, re-estimate
		counts = map[rune]map[string]int{}
		aligned = 0
		for _, np := range pairs {
			ar := []rune(np.ar)
			got := align(ar, np.en, p)
			if got == nil {
				continue
			}
			aligned++
			for i, s := range got {
				if counts[ar[i]] == nil {
					counts[ar[i]] = map[string]int{}
				}
				counts[ar[i]][s] += np.n
			}
		}
		for r, cs := range counts {
			total := 0
			for _, c := range cs {
				total += c
			}
			for s := range p[r] {
				p[r][s] = (float64(cs[s]) + 0.5) / (float64(total) + 0.5*float64(len(p[r])))
			}
		}
	}
	letters := make([]rune, 0, len(romanCandidates))
	for r := range romanCandidates {
		letters = append(letters, r)
	}
	sort.Slice(letters, func(i, j int) bool { return letters[i] < letters[j] })
	var b strings.Builder
	fmt.Fprintf(&b, "# Romanisation of Arabic letters for the transliteration key (NameKey).\n")
	fmt.Fprintf(&b, "# Origin: derived statistics. The parley developers listed the Latin spellings each letter may\n")
	fmt.Fprintf(&b, "# take; a hard-EM alignment over two English-Arabic name lists counted how often each is used:\n")
	fmt.Fprintf(&b, "#   google/transliteration ar2en (Apache-2.0) and NETransliteration-COLING2018 Wikidata names (CC0).\n")
	fmt.Fprintf(&b, "# Only pairs whose Arabic holds a letter for a sound European names lack (%s) count: %d of\n", arabicOnly, len(pairs))
	fmt.Fprintf(&b, "# %d pairs; %d of them aligned. No list entry is copied: only per-letter counts.\n", len(all), aligned)
	fmt.Fprintf(&b, "# Regenerate: go test ./internal/kb/ -run TestGenerateRomanTable -update\n")
	fmt.Fprintf(&b, "# Licence of this table: CC0-1.0. Columns: letter, latin (the spelling used), count (weighted\n")
	fmt.Fprintf(&b, "# by the lists' frequencies) and share of that spelling, other spellings seen with their counts.\n")
	b.WriteString("letter\tlatin\tcount\tshare\tothers\n")
	for _, r := range letters {
		cs := counts[r]
		type sc struct {
			s string
			n int
		}
		var list []sc
		total := 0
		for s, n := range cs {
			list = append(list, sc{s, n})
			total += n
		}
		sort.Slice(list, func(i, j int) bool { return list[i].n > list[j].n || list[i].n == list[j].n && list[i].s < list[j].s })
		best := sc{romanCandidates[r][0], 0}
		if len(list) > 0 {
			best = list[0]
		}
		var others []string
		for _, x := range list[min(1, len(list)):] {
			others = append(others, fmt.Sprintf("%q:%d", x.s, x.n))
		}
		share := 0.0
		if total > 0 {
			share = float64(best.n) / float64(total)
		}
		fmt.Fprintf(&b, "%c\t%s\t%d\t%.3f\t%s\n", r, best.s, best.n, share, strings.Join(others, " "))
	}
	if err := os.WriteFile("data/romanise.tsv", []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d of %d pairs aligned", aligned, len(pairs))
}
