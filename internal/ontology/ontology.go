package ontology

import (
	"bufio"
	_ "embed"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
)

// Quad classes of PLOVER event types, as written in event JSONL.
const (
	VerbalCooperation   = "verbal_cooperation"
	MaterialCooperation = "material_cooperation"
	VerbalConflict      = "verbal_conflict"
	MaterialConflict    = "material_conflict"
)

var quads = []string{VerbalCooperation, MaterialCooperation, VerbalConflict, MaterialConflict}

// EventType is one row of the ontology.
type EventType struct {
	Name  string   // upper case, e.g. "CONSULT"
	Quad  string   // one of the Quad constants
	Modes []string // the modes PLOVER defines for the type, possibly none
}

// Table is a parsed ontology. Its zero value is an empty table.
type Table struct {
	types []EventType
	index map[string]int
}

//go:embed plover.tsv
var ploverTSV string

var plover = sync.OnceValues(func() (*Table, error) {
	return Parse(strings.NewReader(ploverTSV))
})

// PLOVER returns the embedded PLOVER table. It is parsed on first use; the
// error is only non-nil if the embedded file is malformed.
func PLOVER() (*Table, error) { return plover() }

// QuadOf returns the quad class of a PLOVER event type (case-insensitive), or
// "" when the type is unknown.
func QuadOf(eventType string) string {
	t, err := PLOVER()
	if err != nil {
		return ""
	}
	return t.Quad(eventType)
}

// Parse reads an ontology table in the format described in the package
// documentation. Errors name the line.
func Parse(r io.Reader) (*Table, error) {
	t := &Table{index: map[string]int{}}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		et, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("ontology: line %d: %w", n, err)
		}
		if _, dup := t.index[et.Name]; dup {
			return nil, fmt.Errorf("ontology: line %d: duplicate event type %q", n, et.Name)
		}
		t.index[et.Name] = len(t.types)
		t.types = append(t.types, et)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ontology: %w", err)
	}
	return t, nil
}

func parseLine(line string) (EventType, error) {
	cols := strings.Split(line, "\t")
	if len(cols) != 3 {
		return EventType{}, fmt.Errorf("want 3 tab-separated columns, got %d", len(cols))
	}
	et := EventType{Name: strings.ToUpper(strings.TrimSpace(cols[0])), Quad: strings.TrimSpace(cols[1])}
	if et.Name == "" {
		return EventType{}, fmt.Errorf("empty event type")
	}
	if !slices.Contains(quads, et.Quad) {
		return EventType{}, fmt.Errorf("event type %s: unknown quad %q", et.Name, et.Quad)
	}
	for m := range strings.SplitSeq(cols[2], ",") {
		if m = strings.TrimSpace(m); m != "" {
			et.Modes = append(et.Modes, m)
		}
	}
	return et, nil
}

// Lookup returns the row for an event type (case-insensitive).
func (t *Table) Lookup(eventType string) (EventType, bool) {
	i, ok := t.index[strings.ToUpper(strings.TrimSpace(eventType))]
	if !ok {
		return EventType{}, false
	}
	return t.types[i], true
}

// Quad returns the quad class of an event type, or "" when it is unknown.
func (t *Table) Quad(eventType string) string {
	et, _ := t.Lookup(eventType)
	return et.Quad
}

// HasMode reports whether mode is one of the modes of eventType.
func (t *Table) HasMode(eventType, mode string) bool {
	et, _ := t.Lookup(eventType)
	return slices.Contains(et.Modes, mode)
}

// Types returns the event types in file order.
func (t *Table) Types() []EventType { return slices.Clone(t.types) }
