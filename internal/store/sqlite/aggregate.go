package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/ontology"
	"github.com/parleyhq/parley/internal/store"
)

// The aggregates ask SQLite only for what it answers cheaply (rows in the
// order of an index, counts per index key) and sum the rest in Go: a
// GROUP BY over a join, or over a computed key, makes SQLite sort every
// row in a temporary B-tree, and each row handed to Go costs more than the
// few map updates it takes to sum it here.

// --- Network ---------------------------------------------------------

// netKey is one edge: actor and recipient (positions in netAgg.keys) and quad.
type netKey struct {
	src, dst int32
	quad     uint16
}

// netAgg sums the actor network one event at a time.
type netAgg struct {
	index    map[string]int32 // participant key → position in keys
	keys     []string
	given    map[int32]string // the names corrections give participants
	quadCode map[string]uint16
	quads    []string // quads[code-1]
	edges    map[netKey]int
	act, rec []int32 // the participants of the event being read
}

func newNetAgg() *netAgg {
	return &netAgg{index: map[string]int32{}, given: map[int32]string{}, quadCode: map[string]uint16{}, edges: map[netKey]int{}}
}

// quad returns the code of a quad; codes start at 1, 0 standing for no event.
func (a *netAgg) quad(q []byte) uint16 {
	if c, ok := a.quadCode[string(q)]; ok {
		return c
	}
	a.quads = append(a.quads, string(q))
	c := uint16(len(a.quads))
	a.quadCode[string(q)] = c
	return c
}

// participantKey is the key of a participant in SQL: its actor id, or "~"
// and its name for a participant the knowledge base does not know.
const participantKey = `CASE WHEN actor_id != '' THEN actor_id ELSE '~' || name END`

// intern returns the position of a participant's key.
func (a *netAgg) intern(key []byte) int32 {
	i, ok := a.index[string(key)]
	if !ok {
		i = int32(len(a.keys))
		k := string(key)
		a.index[k] = i
		a.keys = append(a.keys, k)
	}
	return i
}

// entity returns the position of a participant given whole.
func (a *netAgg) entity(x doc.Entity) int32 {
	if x.ID == "" {
		return a.intern([]byte("~" + x.Name))
	}
	i := a.intern([]byte(x.ID))
	if _, ok := a.given[i]; !ok {
		a.given[i] = x.Name
	}
	return i
}

// add adds a participant (role 0: actor, 1: recipient) to the current event.
func (a *netAgg) add(role int, i int32) {
	p := &a.act
	if role != 0 {
		p = &a.rec
	}
	if !slices.Contains(*p, i) {
		*p = append(*p, i)
	}
}

// flush counts the current event once for each of its (actor, recipient) pairs.
func (a *netAgg) flush(quad uint16) {
	for _, s := range a.act {
		for _, t := range a.rec {
			a.edges[netKey{s, t, quad}]++
		}
	}
	a.act, a.rec = a.act[:0], a.rec[:0]
}

// event counts a whole event given with its participants.
func (a *netAgg) event(e *store.Event) {
	for role, es := range [][]doc.Entity{e.Actor, e.Recipient} {
		for _, x := range es {
			a.add(role, a.entity(x))
		}
	}
	a.flush(a.quad([]byte(e.Quad)))
}

// list returns the edges ordered by actor, recipient and quad, the
// participants named by names (by position).
func (a *netAgg) list(names []string) []store.Edge {
	// Order by ranks of keys and quads, sorted once, rather than comparing strings.
	rank := func(names []string) []int32 {
		at := make([]int32, len(names))
		for i := range at {
			at[i] = int32(i)
		}
		slices.SortFunc(at, func(x, y int32) int { return strings.Compare(names[x], names[y]) })
		r := make([]int32, len(names))
		for i, x := range at {
			r[x] = int32(i)
		}
		return r
	}
	key, quad := rank(a.keys), rank(a.quads)
	ks := make([]netKey, 0, len(a.edges))
	for k := range a.edges {
		ks = append(ks, k)
	}
	slices.SortFunc(ks, func(x, y netKey) int {
		if c := cmp.Compare(key[x.src], key[y.src]); c != 0 {
			return c
		}
		if c := cmp.Compare(key[x.dst], key[y.dst]); c != 0 {
			return c
		}
		return cmp.Compare(quad[x.quad-1], quad[y.quad-1])
	})
	out := make([]store.Edge, len(ks))
	for i, k := range ks {
		out[i] = store.Edge{Source: a.keys[k.src], SourceName: names[k.src], Target: a.keys[k.dst],
			TargetName: names[k.dst], Quad: a.quads[k.quad-1], Weight: a.edges[k]}
	}
	return out
}

// networkScanFrom: when at least this share of the events match, the
// network reads all participants in one scan of event_actors rather than
// looking up each matching event's. (Over 100,000 events, the lookups of
// a third of them take half the time of the scan, and of all of them a
// third more.)
var networkScanFrom = 0.6

// network sums the actor network of the events f selects: the matching
// events' seqs and quads by one query, their participants by a scan of
// event_actors in key order (or by key lookups when few events match),
// and the pairs in Go. With fix, corrected events count as corrected.
func (db *DB) network(ctx context.Context, f store.Filter, fix *corrections) ([]store.Edge, error) {
	if err := db.textReady(ctx, f); err != nil {
		return nil, err
	}
	w, err := eventWhere(f, denseFilters{})
	if err != nil {
		return nil, err
	}
	agg := newNetAgg()
	rows, err := db.r.QueryContext(ctx, `SELECT e.seq, e.quad FROM events e`+w.sql(), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite: network: %w", err)
	}
	defer rows.Close()
	var sel []seqQuad
	for rows.Next() {
		var x seqQuad
		var quad sql.RawBytes
		if err := rows.Scan(&x.seq, &quad); err != nil {
			return nil, fmt.Errorf("sqlite: network: %w", err)
		}
		if fix.has(x.seq) {
			continue // counted below, as corrected
		}
		x.quad = agg.quad(quad)
		sel = append(sel, x)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite: network: %w", err)
	}
	rows.Close()
	var last int64
	if err := db.r.QueryRowContext(ctx, `SELECT coalesce(max(seq), 0) FROM events`).Scan(&last); err != nil {
		return nil, fmt.Errorf("sqlite: network: %w", err)
	}
	if err := db.pairs(ctx, agg, sel, float64(len(sel)) >= networkScanFrom*float64(last)); err != nil {
		return nil, fmt.Errorf("sqlite: network: %w", err)
	}
	if fix != nil {
		evs, _, err := db.correctedEvents(ctx, f, fix, false)
		if err != nil {
			return nil, err
		}
		for i := range evs {
			agg.event(&evs[i].Event)
		}
	}
	names, err := db.participantNames(ctx, agg)
	if err != nil {
		return nil, fmt.Errorf("sqlite: network: %w", err)
	}
	return agg.list(names), nil
}

// participantNames names the participants of agg, by position: one the
// knowledge base does not know by its key's name; an actor as the actors
// table has it, else by the least name its events store it with, else as
// a correction gives it.
func (db *DB) participantNames(ctx context.Context, agg *netAgg) ([]string, error) {
	names := make([]string, len(agg.keys))
	at := map[string]int{} // the actors not named yet, and their positions
	for i, k := range agg.keys {
		if name, ok := strings.CutPrefix(k, "~"); ok {
			names[i] = name
		} else {
			at[k] = i
		}
	}
	for _, q := range []string{
		`SELECT id, name FROM actors WHERE id IN (SELECT value FROM json_each(?))`,
		`SELECT actor_id, min(name) FROM event_actors WHERE actor_id IN (SELECT value FROM json_each(?)) GROUP BY actor_id`,
	} {
		if len(at) == 0 {
			break
		}
		if err := db.nameActors(ctx, q, at, names); err != nil {
			return nil, err
		}
	}
	for _, i := range at {
		names[i] = agg.given[int32(i)]
	}
	return names, nil
}

// nameActors names the actors of at (id → position in names) by the query
// q of (id, name) rows for a JSON list of ids, and takes them out of at.
func (db *DB) nameActors(ctx context.Context, q string, at map[string]int, names []string) error {
	ids := make([]string, 0, len(at))
	for id := range at {
		ids = append(ids, id)
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := db.r.QueryContext(ctx, q, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			return err
		}
		if i, ok := at[id]; ok {
			names[i] = name
			delete(at, id)
		}
	}
	return rows.Err()
}

// seqQuad is a matching event and the code of its quad.
type seqQuad struct {
	seq  int64
	quad uint16
}

// pairs reads the participants of the events sel into agg: by a scan of
// event_actors over the range of their seqs, or by looking up each event.
// Rows come in key order, one event's together, its actors before its
// recipients. (Reading halves side by side, on two connections, took
// longer on two cores.)
func (db *DB) pairs(ctx context.Context, agg *netAgg, sel []seqQuad, scan bool) error {
	if len(sel) == 0 {
		return nil
	}
	slices.SortFunc(sel, func(a, b seqQuad) int { return cmp.Compare(a.seq, b.seq) })
	q := `SELECT event_seq * 2 + role, ` + participantKey + ` FROM event_actors WHERE `
	var args []any
	if scan {
		q += `event_seq BETWEEN ? AND ?`
		args = []any{sel[0].seq, sel[len(sel)-1].seq}
	} else {
		b := []byte{'['}
		for i, x := range sel {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendInt(b, x.seq, 10)
		}
		q += `event_seq IN (SELECT value FROM json_each(?))`
		args = []any{string(append(b, ']'))}
	}
	rows, err := db.r.QueryContext(ctx, q+` ORDER BY event_seq, role, pos`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	next := 0 // sel[next] is the first event not behind the row's
	cur, quad := int64(-1), uint16(0)
	var seqRole int64
	var key sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&seqRole, &key); err != nil {
			return err
		}
		if seq := seqRole >> 1; seq != cur {
			if quad != 0 {
				agg.flush(quad)
			}
			for next < len(sel) && sel[next].seq < seq {
				next++
			}
			cur, quad = seq, 0
			if next < len(sel) && sel[next].seq == seq {
				quad = sel[next].quad
			}
		}
		if quad != 0 {
			agg.add(int(seqRole&1), agg.intern(key))
		}
	}
	if quad != 0 {
		agg.flush(quad)
	}
	return rows.Err()
}

// --- Timeline --------------------------------------------------------

// timelineGroups are the columns the timeline groups by, and the values
// it counts each of in a column of its own. Types are too many for that:
// comparing each event with each type costs more than sorting them.
var timelineGroups = map[string]struct {
	col    string
	values []string
}{
	"quad": {`e.quad`, []string{ontology.VerbalCooperation, ontology.MaterialCooperation, ontology.VerbalConflict, ontology.MaterialConflict}},
	"type": {`e.event_type`, nil},
}

// dayCount is a count of one group on one day.
type dayCount struct{ day, group string }

// timeline counts the events f selects per day and group, with one row
// per day read along the date index (a column per known group value),
// then sums days into weeks in Go. Should a day hold a value the columns
// do not know, it counts again with a GROUP BY on both. With fix,
// corrected events count as corrected.
func (db *DB) timeline(ctx context.Context, f store.Filter, bucket, by string, fix *corrections) ([]store.Bucket, error) {
	g, ok := timelineGroups[by]
	if (bucket != "day" && bucket != "week") || !ok {
		return nil, fmt.Errorf("sqlite: timeline by %q per %q: want type or quad per day or week: %w", by, bucket, store.ErrInvalid)
	}
	if err := db.textReady(ctx, f); err != nil {
		return nil, err
	}
	w, err := eventWhere(f, denseFilters{})
	if err != nil {
		return nil, err
	}
	w.add(`e.date_lo != ''`)
	counts, err := db.dayCounts(ctx, w, g.col, g.values)
	if err != nil {
		return nil, fmt.Errorf("sqlite: timeline: %w", err)
	}
	if fix != nil {
		if err := db.correctTimeline(ctx, f, fix, w, g.col, by, counts); err != nil {
			return nil, err
		}
	}
	byPeriod := map[dayCount]int{}
	for k, n := range counts {
		if bucket == "week" {
			k.day = monday(k.day)
		}
		byPeriod[k] += n
	}
	out := make([]store.Bucket, 0, len(byPeriod))
	for k, n := range byPeriod {
		if n > 0 {
			out = append(out, store.Bucket{Period: k.day, Group: k.group, Count: n})
		}
	}
	slices.SortFunc(out, func(x, y store.Bucket) int {
		if c := strings.Compare(x.Period, y.Period); c != 0 {
			return c
		}
		return strings.Compare(x.Group, y.Group)
	})
	return out, nil
}

// dayCounts counts the events w selects per day (date_lo) and value of
// col: in one row a day, with a column for each of values, unless a value
// turns up that values lack; then (or without values) grouped by both.
func (db *DB) dayCounts(ctx context.Context, w *where, col string, values []string) (map[dayCount]int, error) {
	counts := map[dayCount]int{}
	if len(values) == 0 {
		return counts, db.dayGroupCounts(ctx, w, col, counts)
	}
	var q strings.Builder
	q.WriteString(`SELECT e.date_lo, count(*)`)
	for _, v := range values {
		q.WriteString(`, sum(` + col + ` = '` + strings.ReplaceAll(v, `'`, `''`) + `')`)
	}
	q.WriteString(` FROM events e` + w.sql() + ` GROUP BY e.date_lo`)
	rows, err := db.r.QueryContext(ctx, q.String(), w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	n := make([]int, len(values)+1)
	dest := make([]any, len(values)+2)
	var day string
	dest[0] = &day
	for i := range n {
		dest[i+1] = &n[i]
	}
	complete := true
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		known := 0
		for i, v := range values {
			if n[i+1] > 0 {
				counts[dayCount{day, v}] += n[i+1]
				known += n[i+1]
			}
		}
		complete = complete && known == n[0]
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if complete {
		return counts, nil
	}
	clear(counts)
	return counts, db.dayGroupCounts(ctx, w, col, counts)
}

// dayGroupCounts adds to counts the events w selects per day and value of col.
func (db *DB) dayGroupCounts(ctx context.Context, w *where, col string, counts map[dayCount]int) error {
	rows, err := db.r.QueryContext(ctx, `SELECT e.date_lo, `+col+`, count(*) FROM events e`+w.sql()+` GROUP BY 1, 2`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k dayCount
		var c int
		if err := rows.Scan(&k.day, &k.group, &c); err != nil {
			return err
		}
		counts[k] += c
	}
	return rows.Err()
}

// correctTimeline moves corrected events in counts: out of their coded
// group when w selects them as coded, into their corrected group when f
// selects them as corrected.
func (db *DB) correctTimeline(ctx context.Context, f store.Filter, fix *corrections, w *where, col, by string, counts map[dayCount]int) error {
	rows, err := db.r.QueryContext(ctx, `SELECT e.date_lo, `+col+` FROM events e`+w.sql()+
		` AND e.id IN (SELECT event_id FROM corrections)`, w.args...)
	if err != nil {
		return fmt.Errorf("sqlite: timeline: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k dayCount
		if err := rows.Scan(&k.day, &k.group); err != nil {
			return fmt.Errorf("sqlite: timeline: %w", err)
		}
		counts[k]--
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: timeline: %w", err)
	}
	rows.Close()
	evs, _, err := db.correctedEvents(ctx, f, fix, false)
	if err != nil {
		return err
	}
	for _, e := range evs {
		if e.lo == "" {
			continue
		}
		g := e.Quad
		if by == "type" {
			g = e.EventType
		}
		counts[dayCount{e.lo, g}]++
	}
	return nil
}

// monday returns the Monday of the week of a YYYY-MM-DD day (the day
// itself when it is not one).
func monday(day string) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return day
	}
	return t.AddDate(0, 0, -(int(t.Weekday())+6)%7).Format(time.DateOnly)
}

// --- Corrections -----------------------------------------------------

// corrections are the corrections in force, by the seq of their event.
type corrections struct {
	bySeq map[int64]store.Correction
}

func (c *corrections) has(seq int64) bool {
	if c == nil {
		return false
	}
	_, ok := c.bySeq[seq]
	return ok
}

// loadCorrections reads the corrections in force; nil when there are none.
func (db *DB) loadCorrections(ctx context.Context) (*corrections, error) {
	cs, err := db.Corrections(ctx)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	latest := store.Latest(cs)
	rows, err := db.r.QueryContext(ctx, `SELECT seq, id FROM events WHERE id IN (SELECT event_id FROM corrections)`)
	if err != nil {
		return nil, fmt.Errorf("sqlite: corrections: %w", err)
	}
	defer rows.Close()
	fix := &corrections{bySeq: map[int64]store.Correction{}}
	for rows.Next() {
		var seq int64
		var id string
		if err := rows.Scan(&seq, &id); err != nil {
			return nil, fmt.Errorf("sqlite: corrections: %w", err)
		}
		fix.bySeq[seq] = latest[id]
	}
	return fix, rows.Err()
}

// fixedEvent is a corrected event, with the start of its possible dates.
type fixedEvent struct {
	store.Event
	seq int64
	lo  string
}

// correctedEvents returns the corrected events f selects as corrected, in
// date order, with their correction applied (those marked wrong left out),
// and, with coded, the seqs of the corrected events f selects as coded.
func (db *DB) correctedEvents(ctx context.Context, f store.Filter, fix *corrections, coded bool) ([]fixedEvent, map[int64]bool, error) {
	w, err := eventWhere(f.Uncorrectable(), denseFilters{})
	if err != nil {
		return nil, nil, err
	}
	w.add(`e.id IN (SELECT event_id FROM corrections)`)
	rows, err := db.r.QueryContext(ctx, `SELECT `+eventCols+` FROM events e`+w.sql()+` ORDER BY e.date_lo, e.seq`, w.args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: corrected events: %w", err)
	}
	defer rows.Close()
	var evs []store.Event
	var seqs []int64
	var los []string
	for rows.Next() {
		seq, lo, e, err := scanEvent(rows)
		if err != nil {
			return nil, nil, fmt.Errorf("sqlite: corrected events: %w", err)
		}
		evs, seqs, los = append(evs, e), append(seqs, seq), append(los, lo)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, fmt.Errorf("sqlite: corrected events: %w", err)
	}
	rows.Close()
	if err := db.participants(ctx, seqs, evs); err != nil {
		return nil, nil, err
	}
	named, err := db.namedActors(ctx, f.ActorName)
	if err != nil {
		return nil, nil, err
	}
	var out []fixedEvent
	for i := range evs {
		if c, ok := fix.bySeq[seqs[i]]; ok && c.ApplyEvent(&evs[i]) && f.MatchCorrectable(&evs[i], named) {
			out = append(out, fixedEvent{evs[i], seqs[i], los[i]})
		}
	}
	if !coded {
		return out, nil, nil
	}
	w, err = eventWhere(f, denseFilters{})
	if err != nil {
		return nil, nil, err
	}
	w.add(`e.id IN (SELECT event_id FROM corrections)`)
	rows, err = db.r.QueryContext(ctx, `SELECT e.seq FROM events e`+w.sql(), w.args...)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlite: corrected events: %w", err)
	}
	defer rows.Close()
	in := map[int64]bool{}
	for rows.Next() {
		var seq int64
		if err := rows.Scan(&seq); err != nil {
			return nil, nil, fmt.Errorf("sqlite: corrected events: %w", err)
		}
		in[seq] = true
	}
	return out, in, rows.Err()
}

// namedActors returns the ids of the actors whose stored spellings
// contain name, as the actor name filter finds them.
func (db *DB) namedActors(ctx context.Context, name string) (map[string]bool, error) {
	if name == "" {
		return nil, nil
	}
	rows, err := db.r.QueryContext(ctx, `SELECT DISTINCT actor_id FROM actor_names WHERE name LIKE ? ESCAPE '\'`, like(name))
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor names: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("sqlite: actor names: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// Corrected implements [store.CorrectedAggregator].
func (db *DB) Corrected() store.Aggregator { return correctedView{db} }

var _ store.CorrectedAggregator = (*DB)(nil)

// correctedView is the store's aggregates with the corrections in force applied.
type correctedView struct{ db *DB }

func (v correctedView) Network(ctx context.Context, f store.Filter) ([]store.Edge, error) {
	fix, err := v.db.loadCorrections(ctx)
	if err != nil {
		return nil, err
	}
	return v.db.network(ctx, f, fix)
}

func (v correctedView) Timeline(ctx context.Context, f store.Filter, bucket, by string) ([]store.Bucket, error) {
	fix, err := v.db.loadCorrections(ctx)
	if err != nil {
		return nil, err
	}
	return v.db.timeline(ctx, f, bucket, by, fix)
}

// EventsCorrectedInto returns the events that f selects only as
// corrected: stored events it does not select as coded, whose correction
// in force gives them a type, quad or participants it does select. They
// come with the correction applied, oldest first. Exports that apply
// corrections to the events f selects add these.
func (db *DB) EventsCorrectedInto(ctx context.Context, f store.Filter) ([]store.Event, error) {
	fix, err := db.loadCorrections(ctx)
	if err != nil || fix == nil {
		return nil, err
	}
	if err := db.textReady(ctx, f); err != nil {
		return nil, err
	}
	evs, coded, err := db.correctedEvents(ctx, f, fix, true)
	if err != nil {
		return nil, err
	}
	var out []store.Event
	for _, e := range evs {
		if !coded[e.seq] {
			out = append(out, e.Event)
		}
	}
	return out, nil
}
