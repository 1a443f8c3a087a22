package kb

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/fold"
)

// TestGeneratePhoenix converts the Phoenix actor dictionaries
// (../shared/peer/petrarch2/phoenix_actor_groups.jsonl, MIT) into
// data/phoenix.tsv.gz, our own format (see phoenix.go).
func TestGeneratePhoenix(t *testing.T) {
	if !*update {
		t.Skip("run with -update to regenerate data/phoenix.tsv.gz")
	}
	f, err := os.Open(devset.Path(t, "peer/petrarch2/phoenix_actor_groups.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	k := loadEmbedded(t) // for the ISO3 codes
	type rec struct {
		Canonical string   `json:"canonical"`
		Variants  []string `json:"variants"`
		Codes     []string `json:"codes"`
		File      string   `json:"file"`
	}
	type out struct {
		name, kind, country, sector string
		aliases                     []string
		roles                       []string
	}
	byID := map[string]*out{}
	var ids []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	stats := map[string]int{}
	for sc.Scan() {
		var r rec
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		stats["records"]++
		var roles []phoenixRole
		for _, c := range r.Codes {
			pr, ok := parsePhoenixCode(c, k)
			if !ok {
				stats["codes dropped"]++
				continue
			}
			roles = append(roles, pr)
		}
		if len(roles) == 0 {
			stats["records without a usable code"]++
			continue
		}
		if len(r.Codes) == 1 && len(roles[0].code) == 3 && k.Country(roles[0].code) != nil && r.File == "Phoenix.Countries.actors.txt" {
			stats["states and their places (countries.tsv has them)"]++
			continue
		}
		kind := phoenixKind(r.Canonical, r.File, roles)
		id := "ph-" + strings.Join(fold.Words(r.Canonical), "-")
		o := byID[id]
		if o == nil {
			o = &out{name: titleCase(r.Canonical), kind: kind, country: roles[0].country, sector: roles[0].sector}
			byID[id] = o
			ids = append(ids, id)
		} else {
			stats["duplicate records merged"]++
		}
		for _, v := range r.Variants {
			if v = titleCase(v); v != o.name && !contains(o.aliases, v) {
				o.aliases = append(o.aliases, v)
			}
		}
		for _, pr := range roles {
			if s := pr.String(); !contains(o.roles, s) {
				o.roles = append(o.roles, s)
			}
		}
		stats["actors "+kind]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(ids)
	var b bytes.Buffer
	b.WriteString(`# parley knowledge base: actors converted from the Phoenix actor dictionaries.
# Origin: openeventdata/petrarch2 Phoenix.Countries, Phoenix.International and Phoenix.MilNonState
# actor dictionaries (Copyright (c) 2014 Open Event Data, MIT licence), as collected in
# ../shared/peer/petrarch2/phoenix_actor_groups.jsonl. Converted by TestGeneratePhoenix
# (go test ./internal/kb/ -run TestGeneratePhoenix -update): names title-cased, states dropped
# (countries.tsv has them), kind guessed from the name and codes, and the dated CAMEO codes turned
# into roles. Loaded below the curated actors: a name the curated data knows is theirs.
# Licence: MIT (the dictionaries); the conversion CC0-1.0.
# Columns: id, name, kind, country, sector, aliases (|), roles (; each code,country,sector,from,to).
id	name	kind	country	sector	aliases	roles
`)
	for _, id := range ids {
		o := byID[id]
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", id, o.name, o.kind, o.country, o.sector, strings.Join(o.aliases, "|"), strings.Join(o.roles, ";"))
	}
	var z bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
	zw.Write(b.Bytes())
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile("data/phoenix.tsv.gz", z.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d actors, %d bytes (%d gzipped); %v", len(ids), b.Len(), z.Len(), stats)
}

// phoenixRole is one dated CAMEO code of a Phoenix actor.
type phoenixRole struct {
	code, country, sector string
	from, to              string // YYYY-MM-DD or ""
}

func (r phoenixRole) String() string {
	return strings.Join([]string{r.code, r.country, r.sector, r.from, r.to}, ",")
}

var phoenixCodeRE = regexp.MustCompile(`^\[\s*([A-Z]+)\s*(.*?)\s*\]$`)

// parsePhoenixCode reads "[LBYGOV 19690901-20110823]", "[AFGGOV >011222]",
// "[USRARM <900823]" or "[NGOLBY]".
func parsePhoenixCode(s string, k *KB) (phoenixRole, bool) {
	m := phoenixCodeRE.FindStringSubmatch(s)
	if m == nil || len(m[1])%3 != 0 {
		return phoenixRole{}, false
	}
	r := phoenixRole{code: m[1]}
	first := m[1][:3]
	switch {
	case first == "IGO" || first == "NGO" || first == "MNC":
		r.country = first
	case k.Country(first) != nil:
		r.country = first
	default:
		return phoenixRole{}, false // regions (AFR, EUR...) and historical states (USR)
	}
	for i := 3; i+3 <= len(m[1]); i += 3 {
		if s := cameoSector(m[1][i : i+3]); s != "" {
			r.sector = s
			break
		}
	}
	d := strings.ReplaceAll(m[2], " ", "")
	switch {
	case d == "":
	case d[0] == '>':
		r.from = phoenixDate(d[1:])
	case d[0] == '<':
		r.to = phoenixDate(d[1:])
	default:
		from, to, _ := strings.Cut(d, "-")
		r.from, r.to = phoenixDate(from), phoenixDate(to)
	}
	return r, true
}

// cameoSector maps a CAMEO role code to a PLOVER sector, or "".
func cameoSector(c string) string {
	switch c {
	case "GOV", "MIL", "COP", "SPY", "LEG", "JUD", "REB", "PTY":
		return c
	case "INS", "SEP", "UAF":
		return "REB"
	case "OPP":
		return "PTY"
	}
	return ""
}

// phoenixDate reads YYMMDD (years to 20 are 20xx) or YYYYMMDD; "" when it
// is neither or not a real day.
func phoenixDate(s string) string {
	switch len(s) {
	case 6:
		yy := s[:2]
		if yy <= "20" {
			s = "20" + s
		} else {
			s = "19" + s
		}
	case 8:
	default:
		return ""
	}
	d, err := time.Parse("20060102", s)
	if err != nil {
		return ""
	}
	return d.Format("2006-01-02")
}

// orgWords mark a Phoenix name as an organisation's.
var orgWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`inc corp corporation co ltd llc plc company group holdings bancorp bank fund trust
		international association organization organisation federation foundation institute society council union
		committee commission agency authority ministry department office government administration army navy
		force forces police guard guards brigade brigades battalion regiment militia front movement party alliance
		network center centre university school college church mission league coalition parliament assembly court
		tribunal services systems industries technologies energy resources pharmaceuticals airlines airways media
		news radio television times post press rights watch action development program programme project club
		academy hospital clinic board bureau corps command army's forces' national united world global islamic
		revolutionary liberation peace women women's human health education medical fund`) {
		m[w] = true
	}
	return m
}()

// phoenixKind guesses what a Phoenix entry names.
func phoenixKind(name, file string, roles []phoenixRole) string {
	words := fold.Words(name)
	org := len(words) > 5
	for _, w := range words {
		if orgWords[w] {
			org = true
		}
	}
	dated := false
	for _, r := range roles {
		if r.from != "" || r.to != "" {
			dated = true
		}
	}
	switch {
	case !org && (dated || len(words) >= 2 && len(words) <= 4 && roles[0].country != "MNC"):
		return string(KindPerson)
	case roles[0].country == "IGO":
		return string(KindIGO)
	case file == "Phoenix.MilNonState.actors.txt" || roles[0].sector == "REB":
		return string(KindArmedGroup)
	}
	return string(KindOrg)
}

// titleCase writes an upper-case dictionary name in title case:
// "MUAMMAR EL-QADDAFI" → "Muammar El-Qaddafi".
func titleCase(s string) string {
	b := []rune(strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), " ")))
	start := true
	for i, r := range b {
		if start {
			b[i] = []rune(strings.ToUpper(string(r)))[0]
		}
		start = r == ' ' || r == '-' || r == '(' || r == '/'
	}
	return string(b)
}
