// Package cameo translates PLOVER events into CAMEO event codes, with each
// code's Goldstein score and quad class, for exports to tools that read
// GDELT or PETRARCH output. The table is data (data/plover_cameo.tsv,
// derived from the PLOVER project's CAMEO2PLOVER table and PETRARCH2's
// Goldstein table; origin and licence in its header).
package cameo

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/plover_cameo.tsv
var table string

// Code is one CAMEO event code.
type Code struct {
	// Code is the CAMEO event code ("042"); Root is its first two digits.
	Code, Root string
	// Goldstein is the code's Goldstein conflict-cooperation score (-10 to 10).
	Goldstein float64
	// Quad is the Phoenix quad class: 0 neutral, 1 verbal cooperation,
	// 2 material cooperation, 3 verbal conflict, 4 material conflict.
	Quad int
}

type row struct {
	typ, mode string
	contexts  []string
	code      Code
}

// Table maps PLOVER events to CAMEO codes.
type Table struct {
	byType map[string][]row
}

// Load reads the embedded table.
func Load() (*Table, error) { return Parse(table) }

// Parse reads a table in the format of data/plover_cameo.tsv.
func Parse(text string) (*Table, error) {
	t := &Table{byType: map[string][]row{}}
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "plover_type\t") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("cameo: line %d: %d columns, want 6", n, len(f))
		}
		g, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			return nil, fmt.Errorf("cameo: line %d: goldstein: %w", n, err)
		}
		q, err := strconv.Atoi(f[5])
		if err != nil || len(f[3]) < 3 {
			return nil, fmt.Errorf("cameo: line %d: bad code %q or quad %q", n, f[3], f[5])
		}
		r := row{typ: strings.ToUpper(f[0]), mode: f[1], code: Code{Code: f[3], Root: f[3][:2], Goldstein: g, Quad: q}}
		if f[2] != "" {
			r.contexts = strings.Split(f[2], ";")
		}
		t.byType[r.typ] = append(t.byType[r.typ], r)
	}
	return t, sc.Err()
}

// MustLoad is Load for program start; it panics if the embedded table is bad.
func MustLoad() *Table {
	t, err := Load()
	if err != nil {
		panic(err)
	}
	return t
}

// Lookup returns the CAMEO code of a PLOVER event type with its mode and
// contexts, and false when the type has none. It takes, in the table's
// order, the first row of the type that has the mode and one of the
// contexts; else the first with the mode and no context; else the first of
// the shortest codes with the mode; then the same without a mode; then the
// first of the type's shortest codes.
func (t *Table) Lookup(eventType, mode string, contexts []string) (Code, bool) {
	rows := t.byType[strings.ToUpper(eventType)]
	if len(rows) == 0 {
		return Code{}, false
	}
	// try returns the first row with the mode that fits, or when
	// shortest, the first of the shortest codes (the most general).
	try := func(mode string, fits func(r *row) bool, shortest bool) (Code, bool) {
		best := -1
		for i := range rows {
			if (mode == "*" || rows[i].mode == mode) && fits(&rows[i]) {
				if !shortest {
					return rows[i].code, true
				}
				if best < 0 || len(rows[i].code.Code) < len(rows[best].code.Code) {
					best = i
				}
			}
		}
		if best < 0 {
			return Code{}, false
		}
		return rows[best].code, true
	}
	anyContext := func(r *row) bool {
		for _, c := range r.contexts {
			for _, x := range contexts {
				if c == x {
					return true
				}
			}
		}
		return false
	}
	noContext := func(r *row) bool { return len(r.contexts) == 0 }
	always := func(*row) bool { return true }
	modes := []string{mode}
	if mode != "" {
		modes = append(modes, "")
	}
	for _, m := range modes {
		for i, fits := range []func(*row) bool{anyContext, noContext, always} {
			if c, ok := try(m, fits, i == 2); ok {
				return c, true
			}
		}
	}
	return try("*", always, true)
}
