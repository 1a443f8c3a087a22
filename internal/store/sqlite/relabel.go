package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

var _ store.Relabeler = (*DB)(nil)

// pair is one (actor id, spelling) of stored rows.
type pair struct{ id, spelling string }

// spellingOf is the spelling a participant was found under.
func spellingOf(x doc.Entity) string {
	if x.EntityText != "" {
		return x.EntityText
	}
	return x.Name
}

// participantSpelling is spellingOf in SQL, over event_actors.
const participantSpelling = `CASE WHEN entity_text != '' THEN entity_text ELSE name END`

// participantDiffers selects the event_actors rows of the pair (?1, ?2)
// that the entity (?3 id, ?4 name, ?5 country, ?6 sector; an empty sector
// keeps the stored one) changes.
const participantDiffers = `actor_id = ?1 AND ` + participantSpelling + ` = ?2
	AND (actor_id != ?3 OR name != ?4 OR country != ?5 OR (?6 != '' AND sector != ?6))`

// Relabel implements [store.Relabeler].
func (db *DB) Relabel(ctx context.Context, fn func(id, spelling string) (doc.Entity, bool)) (store.Relabelled, error) {
	var res store.Relabelled
	db.mu.Lock()
	defer db.mu.Unlock()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return res, fmt.Errorf("sqlite: relabel: %w", err)
	}
	defer tx.Rollback()
	r := &relabel{ctx: ctx, tx: tx, db: db, to: map[pair]doc.Entity{}}
	if err := r.ask(fn); err != nil {
		return res, fmt.Errorf("sqlite: relabel: %w", err)
	}
	if len(r.to) == 0 {
		return res, nil
	}
	steps := []func() error{r.mentions, r.participants, r.records, r.actors, r.remerge}
	for _, step := range steps {
		if err := step(); err != nil {
			return res, fmt.Errorf("sqlite: relabel: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return res, fmt.Errorf("sqlite: relabel: commit: %w", err)
	}
	// Stored actors and names changed under the writer's memory of them.
	db.known = known{}
	return r.res, nil
}

// relabel is the state of one Relabel.
type relabel struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	to  map[pair]doc.Entity
	// events are the seqs of the events to look at again (noted).
	events []int64
	noted  map[int64]bool
	res    store.Relabelled
}

// ask offers fn every stored pair and keeps the answers that change something.
func (r *relabel) ask(fn func(id, spelling string) (doc.Entity, bool)) error {
	for _, q := range []string{
		`SELECT DISTINCT actor_id, name FROM entity_mentions`,
		`SELECT DISTINCT actor_id, ` + participantSpelling + ` FROM event_actors`,
	} {
		rows, err := r.tx.QueryContext(r.ctx, q)
		if err != nil {
			return err
		}
		var pairs []pair
		for rows.Next() {
			var p pair
			if err := rows.Scan(&p.id, &p.spelling); err != nil {
				rows.Close()
				return err
			}
			pairs = append(pairs, p)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, p := range pairs {
			if _, done := r.to[p]; done {
				continue
			}
			if e, ok := fn(p.id, p.spelling); ok && e.ID != "" {
				r.to[p] = e
			}
		}
	}
	return nil
}

// mentions relabels the entity mention rows and notes the event records
// of their articles, which may name the same pairs.
func (r *relabel) mentions() error {
	articles := map[int64]bool{}
	for p, e := range r.to {
		if e.ID == p.id {
			continue
		}
		seqs, err := r.seqs(`SELECT DISTINCT article_seq FROM entity_mentions WHERE actor_id = ? AND name = ?`, p.id, p.spelling)
		if err != nil {
			return err
		}
		for _, a := range seqs {
			articles[a] = true
		}
		n, err := r.exec(`UPDATE entity_mentions SET actor_id = ? WHERE actor_id = ? AND name = ?`, e.ID, p.id, p.spelling)
		if err != nil {
			return err
		}
		r.res.Mentions += n
	}
	for a := range articles {
		// An article's event mentions are the seqs from first_mention on.
		seqs, err := r.seqs(`SELECT DISTINCT m.event_seq FROM articles a JOIN event_mentions m
			ON m.seq BETWEEN a.first_mention AND a.first_mention + a.num_events - 1
			WHERE a.seq = ? AND a.num_events > 0`, a)
		if err != nil {
			return err
		}
		r.note(seqs...)
	}
	return nil
}

// participants notes the events whose stored participants name a pair.
func (r *relabel) participants() error {
	for p, e := range r.to {
		seqs, err := r.seqs(`SELECT DISTINCT event_seq FROM event_actors WHERE `+participantDiffers,
			p.id, p.spelling, e.ID, e.Name, e.Country, e.Sector)
		if err != nil {
			return err
		}
		r.note(seqs...)
	}
	return nil
}

// note adds events to those to look at again.
func (r *relabel) note(seqs ...int64) {
	if r.noted == nil {
		r.noted = map[int64]bool{}
	}
	for _, s := range seqs {
		if !r.noted[s] {
			r.noted[s] = true
			r.events = append(r.events, s)
		}
	}
}

// record is one stored event record of an event being relabelled.
type record struct {
	seq       int64
	e         doc.Event
	published string // its article's publication day
	key       string
}

// records rewrites the stored event records of the noted events. Each
// event takes the key and participants of its first record; records whose
// key now differs (a name split off) leave it for a new event of their own.
func (r *relabel) records() error {
	slices.Sort(r.events)
	noted := r.events
	var inPlace []int64
	for _, seq := range noted {
		recs, err := r.load(seq)
		if err != nil {
			return err
		}
		changed := false
		for i := range recs {
			x := &recs[i]
			c := r.apply(x.e.Actor)
			c = r.apply(x.e.Recipient) || c
			x.key = dedup.Key(&x.e)
			if !c {
				continue
			}
			changed = true
			b, err := json.Marshal(&x.e)
			if err != nil {
				return err
			}
			if _, err := r.exec(`UPDATE event_mentions SET record = ? WHERE seq = ?`, b, x.seq); err != nil {
				return err
			}
			r.res.Records++
		}
		if !changed && !r.participantsChange(seq) {
			continue
		}
		r.res.Events++
		if len(recs) == 0 || len(recs[0].e.Actor)+len(recs[0].e.Recipient) == 0 {
			// No records that name participants (imported rows): the
			// participant rows are relabelled in place, and give the key.
			inPlace = append(inPlace, seq)
			continue
		}
		if err := r.setParticipants(seq, &recs[0].e, recs[0].key); err != nil {
			return err
		}
		groups := map[string][]record{}
		var order []string
		for _, x := range recs[1:] {
			if x.key == recs[0].key {
				continue
			}
			if groups[x.key] == nil {
				order = append(order, x.key)
			}
			groups[x.key] = append(groups[x.key], x)
		}
		if len(order) == 0 {
			continue
		}
		for _, k := range order {
			if err := r.detach(groups[k]); err != nil {
				return err
			}
			r.res.Split++
		}
		if err := r.recount(seq); err != nil {
			return err
		}
	}
	if err := r.relabelRows(); err != nil {
		return err
	}
	for _, seq := range inPlace {
		key, err := r.keyFromParticipants(seq)
		if err != nil {
			return err
		}
		if _, err := r.exec(`UPDATE events SET merge_key = ? WHERE seq = ?`, key, seq); err != nil {
			return err
		}
	}
	return nil
}

// keyFromParticipants is the deduplication key of an event from its
// stored type, status and participant rows.
func (r *relabel) keyFromParticipants(seq int64) (string, error) {
	var e doc.Event
	if err := r.tx.QueryRowContext(r.ctx, `SELECT event_type, status FROM events WHERE seq = ?`, seq).
		Scan(&e.EventType, &e.Status); err != nil {
		return "", err
	}
	rows, err := r.tx.QueryContext(r.ctx, `SELECT role, actor_id, name FROM event_actors WHERE event_seq = ? ORDER BY role, pos`, seq)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	for rows.Next() {
		var role int
		var x doc.Entity
		if err := rows.Scan(&role, &x.ID, &x.Name); err != nil {
			return "", err
		}
		if role == 0 {
			e.Actor = append(e.Actor, x)
		} else {
			e.Recipient = append(e.Recipient, x)
		}
	}
	return dedup.Key(&e), rows.Err()
}

// participantsChange reports whether the event's stored participant rows
// name a pair that changes.
func (r *relabel) participantsChange(seq int64) bool {
	rows, err := r.tx.QueryContext(r.ctx, `SELECT actor_id, `+participantSpelling+`, name, country, sector
		FROM event_actors WHERE event_seq = ?`, seq)
	if err != nil {
		return true
	}
	defer rows.Close()
	for rows.Next() {
		var p pair
		var x doc.Entity
		if rows.Scan(&p.id, &p.spelling, &x.Name, &x.Country, &x.Sector) != nil {
			return true
		}
		if e, ok := r.to[p]; ok && (e.ID != p.id || e.Name != x.Name || e.Country != x.Country || e.Sector != "" && e.Sector != x.Sector) {
			return true
		}
	}
	return false
}

// relabelRows relabels, in place, the participant rows of events that
// have no stored records.
func (r *relabel) relabelRows() error {
	for p, e := range r.to {
		if _, err := r.exec(`UPDATE event_actors SET actor_id = ?3, name = ?4, country = ?5,
			sector = CASE WHEN ?6 != '' THEN ?6 ELSE sector END WHERE `+participantDiffers,
			p.id, p.spelling, e.ID, e.Name, e.Country, e.Sector); err != nil {
			return err
		}
	}
	return nil
}

// load reads the stored records of an event, in order.
func (r *relabel) load(seq int64) ([]record, error) {
	rows, err := r.tx.QueryContext(r.ctx, `SELECT m.seq, m.record, a.published_day FROM event_mentions m
		JOIN articles a ON a.seq = m.article_seq WHERE m.event_seq = ? ORDER BY m.seq`, seq)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var recs []record
	for rows.Next() {
		var x record
		var raw []byte
		if err := rows.Scan(&x.seq, &raw, &x.published); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(raw, &x.e); err != nil {
			return nil, fmt.Errorf("event mention %d: %w", x.seq, err)
		}
		recs = append(recs, x)
	}
	return recs, rows.Err()
}

// setParticipants gives an event the key and participant rows of a record.
func (r *relabel) setParticipants(seq int64, e *doc.Event, key string) error {
	if _, err := r.exec(`UPDATE events SET merge_key = ? WHERE seq = ?`, key, seq); err != nil {
		return err
	}
	if _, err := r.exec(`DELETE FROM event_actors WHERE event_seq = ?`, seq); err != nil {
		return err
	}
	for role, list := range [][]doc.Entity{e.Actor, e.Recipient} {
		for pos, x := range list {
			if _, err := r.exec(`INSERT INTO event_actors (event_seq, role, pos, actor_id, name, country, sector, entity_text)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, seq, role, pos, x.ID, x.Name, x.Country, x.Sector, x.EntityText); err != nil {
				return err
			}
		}
	}
	return nil
}

// detach moves records out of their event into a new event of their own,
// made from the first of them, and notes it for merging.
func (r *relabel) detach(recs []record) error {
	e := &recs[0].e
	var pub time.Time
	if recs[0].published != "" {
		pub, _ = time.Parse(time.DateOnly, recs[0].published)
	}
	d, _ := r.db.policy.Interval(e, pub)
	var id string
	if err := r.tx.QueryRowContext(r.ctx, `SELECT id FROM events WHERE seq = (SELECT event_seq FROM event_mentions WHERE seq = ?)`,
		recs[0].seq).Scan(&id); err != nil {
		return err
	}
	seq, err := insertEvent(r.ctx, r.tx.StmtContext(r.ctx, r.db.stmts.insEventOrIgnore), id+"-split", recs[0].key, e, d,
		recs[0].published)
	if err != nil {
		return err
	}
	for _, x := range recs {
		if _, err := r.exec(`UPDATE event_mentions SET event_seq = ? WHERE seq = ?`, seq, x.seq); err != nil {
			return err
		}
	}
	if err := r.setParticipants(seq, e, recs[0].key); err != nil {
		return err
	}
	r.note(seq)
	return r.recount(seq)
}

// seqs runs a query of one integer column.
func (r *relabel) seqs(q string, args ...any) ([]int64, error) {
	rows, err := r.tx.QueryContext(r.ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var s int64
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// apply relabels the entities of list in place and reports whether any changed.
func (r *relabel) apply(list []doc.Entity) bool {
	changed := false
	for i, x := range list {
		e, ok := r.to[pair{x.ID, spellingOf(x)}]
		if !ok {
			continue
		}
		e.EntityText = x.EntityText
		if e.Sector == "" {
			e.Sector = x.Sector
		}
		if e != x {
			list[i], changed = e, true
		}
	}
	return changed
}

// actors stores the actors and spellings the pairs now stand for, and
// drops the stored actors nothing names any more.
func (r *relabel) actors() error {
	old := map[string]bool{}
	for p, e := range r.to {
		if _, err := r.exec(`INSERT INTO actors (id, name, country, sector) VALUES (?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, sector = excluded.sector`,
			e.ID, e.Name, e.Country, e.Sector); err != nil {
			return err
		}
		for _, n := range []string{e.Name, p.spelling} {
			if _, err := r.exec(`INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)`, e.ID, n); err != nil {
				return err
			}
		}
		if p.id != e.ID && p.id != "" {
			old[p.id] = true
			if _, err := r.exec(`DELETE FROM actor_names WHERE actor_id = ?1 AND name = ?2
				AND name != (SELECT name FROM actors WHERE id = ?1)
				AND NOT EXISTS (SELECT 1 FROM entity_mentions WHERE actor_id = ?1 AND name = ?2)
				AND NOT EXISTS (SELECT 1 FROM event_actors WHERE actor_id = ?1 AND `+participantSpelling+` = ?2)`,
				p.id, p.spelling); err != nil {
				return err
			}
		}
	}
	for id := range old {
		var used bool
		if err := r.tx.QueryRowContext(r.ctx, `SELECT EXISTS (SELECT 1 FROM entity_mentions WHERE actor_id = ?1)
			OR EXISTS (SELECT 1 FROM event_actors WHERE actor_id = ?1)`, id).Scan(&used); err != nil {
			return err
		}
		if used {
			continue
		}
		for _, q := range []string{`DELETE FROM actor_names WHERE actor_id = ?`, `DELETE FROM actors WHERE id = ?`} {
			if _, err := r.exec(q, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// remerge merges each changed event into the oldest stored event that the
// deduplication policy now takes for the same happening.
func (r *relabel) remerge() error {
	gone := map[int64]bool{}
	for _, seq := range r.events {
		if gone[seq] {
			continue
		}
		var key string
		var ev dedup.Dates
		var loc sql.NullString
		if err := r.tx.QueryRowContext(r.ctx, `SELECT merge_key, date_lo, date_hi, location FROM events WHERE seq = ?`, seq).
			Scan(&key, &ev.Lo, &ev.Hi, &loc); err != nil {
			return err
		}
		if ev.Lo == "" {
			continue // undated events never merge
		}
		found, err := nearEvents(r.ctx, r.tx.StmtContext(r.ctx, r.db.stmts.near), key, r.db.policy.Widen(ev))
		if err != nil {
			return err
		}
		var seqs []int64
		var cands []dedup.Candidate
		for _, c := range found {
			if c.seq != seq {
				seqs, cands = append(seqs, c.seq), append(cands, c.Candidate)
			}
		}
		i := r.db.policy.Choose(ev, parseLocation(loc), cands)
		if i < 0 {
			continue
		}
		keep, drop := min(seq, seqs[i]), max(seq, seqs[i])
		if err := r.merge(keep, drop); err != nil {
			return err
		}
		gone[drop] = true
		r.res.Merged++
	}
	return nil
}

// merge moves the mentions and corrections of event drop to event keep,
// gives keep the more precise date and a location when it had none,
// recounts keep, deletes drop and records that drop's id leads to keep.
func (r *relabel) merge(keep, drop int64) error {
	steps := []struct {
		q    string
		args []any
	}{
		{`UPDATE events SET (date, date_precision, date_lo, date_hi) =
			(SELECT d.date, d.date_precision, d.date_lo, d.date_hi FROM events d WHERE d.seq = ?2)
			WHERE seq = ?1 AND (SELECT julianday(d.date_hi) - julianday(d.date_lo) FROM events d WHERE d.seq = ?2)
				< julianday(date_hi) - julianday(date_lo)`, []any{keep, drop}},
		{`UPDATE events SET (location, location_name, location_country) =
			(SELECT d.location, d.location_name, d.location_country FROM events d WHERE d.seq = ?2)
			WHERE seq = ?1 AND location IS NULL`, []any{keep, drop}},
		{`UPDATE event_mentions SET event_seq = ?1 WHERE event_seq = ?2`, []any{keep, drop}},
		{`UPDATE corrections SET event_id = (SELECT id FROM events WHERE seq = ?1)
			WHERE event_id = (SELECT id FROM events WHERE seq = ?2)`, []any{keep, drop}},
		// The id merged away, and those merged into it before, lead to keep.
		{`UPDATE merged_events SET into_id = (SELECT id FROM events WHERE seq = ?1)
			WHERE into_id = (SELECT id FROM events WHERE seq = ?2)`, []any{keep, drop}},
		{`INSERT OR REPLACE INTO merged_events (id, into_id)
			SELECT d.id, k.id FROM events d, events k WHERE d.seq = ?2 AND k.seq = ?1`, []any{keep, drop}},
		{`DELETE FROM event_actors WHERE event_seq = ?`, []any{drop}},
		{`DELETE FROM events WHERE seq = ?`, []any{drop}},
	}
	for _, s := range steps {
		if _, err := r.exec(s.q, s.args...); err != nil {
			return fmt.Errorf("merge event %d into %d: %w", drop, keep, err)
		}
	}
	return r.recount(keep)
}

// recount counts an event's mentions, articles, sources and stories again
// from its stored mentions.
func (r *relabel) recount(seq int64) error {
	_, err := r.exec(`UPDATE events SET
		num_mentions = (SELECT count(*) FROM event_mentions WHERE event_seq = ?1),
		num_articles = (SELECT count(DISTINCT article_seq) FROM event_mentions WHERE event_seq = ?1),
		num_sources = (SELECT count(DISTINCT a.source_key) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
			WHERE m.event_seq = ?1),
		num_stories = (SELECT count(DISTINCT a.story_id) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
			WHERE m.event_seq = ?1),
		first_seen = coalesce((SELECT min(a.published_day) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
			WHERE m.event_seq = ?1 AND a.published_day != ''), ''),
		last_seen = coalesce((SELECT max(a.published_day) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
			WHERE m.event_seq = ?1), '')
		WHERE seq = ?1`, seq)
	return err
}

// exec runs one statement in the transaction and returns the rows it changed.
func (r *relabel) exec(q string, args ...any) (int, error) {
	res, err := r.tx.ExecContext(r.ctx, q, args...)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}
