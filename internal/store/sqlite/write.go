package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/store"
)

// The write path keeps the pages each article's transaction writes few:
// rows of one kind go in multi-row INSERTs, counts are kept incrementally
// instead of recounted, actors known to be stored are not inserted again,
// and MinHash bands are indexed in memory (bandIndex).

// stmts are the statements of the write path, prepared once on the writer.
type stmts struct {
	start, insArticle, signature               *sql.Stmt
	insActor, insActorName, catchUp            *sql.Stmt
	candidates, insEvent, eventIDTaken         *sql.Stmt
	narrow, setLocation, seenBefore, addCounts *sql.Stmt
	setMentions, index                         *sql.Stmt
	entities, eventActors, mentions            *batch
}

func prepare(ctx context.Context, db *sql.DB) (*stmts, error) {
	s := &stmts{}
	list := []struct {
		dst *(*sql.Stmt)
		q   string
	}{
		// The stored article with the key, if any; the seqs of the next
		// article and event mention; the last mention in the full-text index.
		{&s.start, `SELECT (SELECT seq FROM articles WHERE id = ?), (SELECT coalesce(max(seq), 0) + 1 FROM articles),
			(SELECT coalesce(max(seq), 0) + 1 FROM event_mentions), (SELECT indexed FROM evidence_state)`},
		{&s.insArticle, `INSERT INTO articles (seq, id, source_id, story_id, url, title, source, source_key, lang,
			published, published_day, published_precision, dateline, text, minhash, num_mentions, num_events,
			first_mention, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.signature, `SELECT story_id, minhash FROM articles WHERE seq = ?`},
		{&s.insActor, `INSERT INTO actors (id, name, country, sector) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&s.insActorName, `INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)`},
		{&s.catchUp, `SELECT seq, minhash FROM articles WHERE seq > ? ORDER BY seq`},
		{&s.candidates, `SELECT seq, date_lo, date_hi, location FROM events
			WHERE merge_key = ? AND date_lo != '' AND date_lo <= ? AND date_hi >= ?`},
		{&s.insEvent, `INSERT INTO events (id, merge_key, event_type, mode, quad, status, context, date, date_precision,
			date_lo, date_hi, location, location_name, location_country, text, confidence,
			num_mentions, num_sources, num_articles, num_stories, first_seen, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 1, ?, ?)`},
		{&s.eventIDTaken, `SELECT count(*) FROM events WHERE id = ?`},
		{&s.narrow, `UPDATE events SET date = ?, date_precision = ?, date_lo = ?, date_hi = ? WHERE seq = ?`},
		{&s.setLocation, `UPDATE events SET location = ?, location_name = ?, location_country = ?
			WHERE seq = ? AND location IS NULL`},
		// Whether an event already has a mention from another article of
		// the same source, and of the same story.
		{&s.seenBefore, `SELECT
			EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
				WHERE m.event_seq = ?1 AND m.article_seq != ?2 AND a.source_key = ?3),
			EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
				WHERE m.event_seq = ?1 AND m.article_seq != ?2 AND a.story_id = ?4)`},
		// A stored event reported by one more article.
		{&s.addCounts, `UPDATE events SET num_mentions = num_mentions + ?2, num_articles = num_articles + 1,
			num_sources = num_sources + ?3, num_stories = num_stories + ?4,
			first_seen = CASE WHEN ?5 != '' AND (first_seen = '' OR ?5 < first_seen) THEN ?5 ELSE first_seen END,
			last_seen = max(last_seen, ?5)
			WHERE seq = ?1`},
		{&s.setMentions, `UPDATE events SET num_mentions = ? WHERE seq = ?`},
		{&s.index, `INSERT INTO evidence (rowid, text) SELECT seq, json_extract(record, '$.text') FROM event_mentions
			WHERE seq > ? ORDER BY seq`},
	}
	for _, x := range list {
		st, err := db.PrepareContext(ctx, x.q)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("prepare %.40q: %w", x.q, err)
		}
		*x.dst = st
	}
	for _, b := range []struct {
		dst  **batch
		head string
		cols int
	}{
		{&s.entities, `INSERT INTO entity_mentions (actor_id, article_seq, idx, sentence, span_start, span_end, kind, name) VALUES `, 8},
		{&s.eventActors, `INSERT INTO event_actors (event_seq, role, pos, actor_id, name, country, sector, entity_text) VALUES `, 8},
		{&s.mentions, `INSERT INTO event_mentions (seq, id, event_seq, article_seq, record) VALUES `, 5},
	} {
		var err error
		if *b.dst, err = prepareBatch(ctx, db, b.head, b.cols); err != nil {
			s.close()
			return nil, err
		}
	}
	return s, nil
}

func (s *stmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.start, s.insArticle, s.signature, s.insActor, s.insActorName,
		s.catchUp, s.candidates, s.insEvent, s.eventIDTaken, s.narrow, s.setLocation, s.seenBefore, s.addCounts,
		s.setMentions, s.index} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	for _, b := range []*batch{s.entities, s.eventActors, s.mentions} {
		if b != nil {
			errs = append(errs, b.close())
		}
	}
	return errors.Join(errs...)
}

// batch is a multi-row INSERT, prepared for 1, 2, 4, ... maxBatch rows;
// any number of rows goes in at most log2(maxBatch)+1 statements per
// maxBatch rows.
type batch struct {
	cols  int
	sizes []int       // descending
	stmts []*sql.Stmt // stmts[i] inserts sizes[i] rows
}

const maxBatch = 32

func prepareBatch(ctx context.Context, db *sql.DB, head string, cols int) (*batch, error) {
	b := &batch{cols: cols}
	row := "(" + strings.TrimSuffix(strings.Repeat("?,", cols), ",") + ")"
	for n := maxBatch; n >= 1; n /= 2 {
		st, err := db.PrepareContext(ctx, head+strings.TrimSuffix(strings.Repeat(row+",", n), ","))
		if err != nil {
			b.close()
			return nil, fmt.Errorf("prepare %.40q: %w", head, err)
		}
		b.sizes, b.stmts = append(b.sizes, n), append(b.stmts, st)
	}
	return b, nil
}

// exec inserts the rows whose values are args, cols values a row.
func (b *batch) exec(ctx context.Context, tx *sql.Tx, args []any) error {
	for i := 0; len(args) > 0; {
		if rows := len(args) / b.cols; rows < b.sizes[i] {
			i++
			continue
		}
		n := b.sizes[i] * b.cols
		if _, err := tx.StmtContext(ctx, b.stmts[i]).ExecContext(ctx, args[:n]...); err != nil {
			return err
		}
		args = args[n:]
	}
	return nil
}

func (b *batch) close() error {
	var errs []error
	for _, st := range b.stmts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// known remembers the actors and spellings stored already, so that each
// article need not insert them again. It only grows on commit, and is
// forgotten when it gets large.
type known struct {
	actors map[string]bool
	names  map[[2]string]bool
}

const maxKnown = 200000

func (k *known) add(actors map[string]bool, names map[[2]string]bool) {
	if k.actors == nil || len(k.actors)+len(k.names) > maxKnown {
		k.actors, k.names = map[string]bool{}, map[[2]string]bool{}
	}
	for a := range actors {
		k.actors[a] = true
	}
	for n := range names {
		k.names[n] = true
	}
}

// put is the state of one PutArticle.
type put struct {
	ctx   context.Context
	tx    *sql.Tx
	s     *stmts
	p     dedup.Policy
	known *known
	a     *doc.Article
	key   string
	seq   int64
	// firstMention is the seq of the article's first event mention;
	// indexed the last mention in the full-text index.
	firstMention, indexed int64
	pubDay                string
	srcKey                string
	res                   store.Result
	// actors and names this transaction stored (or found stored).
	actors map[string]bool
	names  map[[2]string]bool
	// eventActors are the participant rows of the new events, inserted at the end.
	eventActors []any
}

func (w *put) stmt(s *sql.Stmt) *sql.Stmt { return w.tx.StmtContext(w.ctx, s) }

// PutArticle implements [store.Writer].
func (db *DB) PutArticle(ctx context.Context, key string, a *doc.Article) (store.Result, error) {
	if key == "" {
		return store.Result{}, errors.New("sqlite: article without key")
	}
	sig, sketched := dedup.Sketch(a.Text)
	var bands [dedup.NumBands]int64
	if sketched {
		bands = sig.Bands()
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return store.Result{}, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	w := &put{ctx: ctx, tx: tx, s: db.stmts, p: db.policy, known: &db.known, a: a, key: key,
		res: store.Result{ArticleID: key, StoryID: key}, actors: map[string]bool{}, names: map[[2]string]bool{}}
	var stored sql.NullInt64
	if err := w.stmt(w.s.start).QueryRowContext(ctx, key).Scan(&stored, &w.seq, &w.firstMention, &w.indexed); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
	}
	if stored.Valid {
		w.res.Duplicate = true
		w.res.StoryID, err = storyOf(ctx, tx, stored.Int64)
		return w.res, err
	}
	if err := db.bands.catchUp(ctx, w.stmt(w.s.catchUp)); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: bands: %w", key, err)
	}
	if sketched {
		if err := w.nearDuplicate(db.bands, &sig, &bands); err != nil {
			return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
		}
	}
	w.prepareArticle()
	if err := w.entities(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: mentions: %w", key, err)
	}
	if err := w.events(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: events: %w", key, err)
	}
	if err := w.article(sig, sketched); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
	}
	if err := tx.Commit(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: commit: %w", key, err)
	}
	db.ck.committed()
	if sketched {
		db.bands.add(w.seq, &bands)
	}
	db.bands.mark(w.seq)
	db.known.add(w.actors, w.names)
	return w.res, nil
}

func storyOf(ctx context.Context, tx *sql.Tx, seq int64) (string, error) {
	var s string
	err := tx.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE seq = ?`, seq).Scan(&s)
	return s, err
}

// prepareArticle works out the fields of the article that its events need.
func (w *put) prepareArticle() {
	if !w.a.Published.IsZero() {
		w.pubDay = w.a.Published.Format(time.DateOnly)
	}
	w.srcKey = sourceKey(w.a, w.key)
}

// article inserts the article row, last, when its counts are known.
func (w *put) article(sig dedup.Signature, sketched bool) error {
	a := w.a
	var blob []byte
	if sketched {
		blob = sig.Bytes()
	}
	pub := ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(time.RFC3339)
		if a.PublishedPrecision == doc.PrecisionDay || a.PublishedPrecision == "" {
			pub = w.pubDay
		}
	}
	srcID := ""
	if a.ID != w.key {
		srcID = a.ID
	}
	_, err := w.stmt(w.s.insArticle).ExecContext(w.ctx, w.seq, w.key, srcID, w.res.StoryID, a.URL, a.Title, a.Source,
		w.srcKey, a.Lang, pub, w.pubDay, string(a.PublishedPrecision), a.Dateline, a.Text, blob,
		len(a.Mentions), len(a.Events), w.firstMention, time.Now().UTC().Format(time.RFC3339))
	return err
}

// sourceKey names the outlet an article counts for: its source, else its
// URL's host, else the article itself.
func sourceKey(a *doc.Article, key string) string {
	if a.Source != "" {
		return "s:" + fold.Phrase(a.Source)
	}
	if u, err := url.Parse(a.URL); err == nil && u.Host != "" {
		return "h:" + strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	}
	return "a:" + key
}

// nearDuplicate finds the story of the most similar stored article (the
// earliest on ties) whose similarity reaches the threshold.
func (w *put) nearDuplicate(x *bandIndex, sig *dedup.Signature, bands *[dedup.NumBands]int64) error {
	best, bestSeq := 0.0, int64(0)
	for _, seq := range x.lookup(bands) {
		var st string
		var blob []byte
		switch err := w.stmt(w.s.signature).QueryRowContext(w.ctx, seq).Scan(&st, &blob); {
		case errors.Is(err, sql.ErrNoRows):
			continue
		case err != nil:
			return err
		}
		o, ok := dedup.SignatureFrom(blob)
		if !ok {
			continue
		}
		if sim := sig.Similarity(&o); sim >= w.p.Threshold() && (sim > best || (sim == best && seq < bestSeq)) {
			best, bestSeq = sim, seq
			w.res.StoryID, w.res.NearDuplicate = st, true
		}
	}
	return nil
}

// entities stores the article's entity mentions and the actors they name.
func (w *put) entities() error {
	a := w.a
	rows := make([]any, 0, 8*len(a.Mentions))
	for i, m := range a.Mentions {
		e := m.Entity
		name := e.Name
		if m.Head.End > m.Head.Start && m.Head.End <= len(a.Text) {
			name = a.Text[m.Head.Start:m.Head.End]
		}
		rows = append(rows, e.ID, w.seq, i, m.Sentence, m.Start, m.End, string(m.Kind), name)
		if e.ID != "" && m.Kind != doc.KindPron && m.Kind != doc.KindRole {
			if err := w.actor(e, name); err != nil {
				return err
			}
		}
	}
	return w.s.entities.exec(w.ctx, w.tx, rows)
}

// actor records an actor and one spelling of it, unless they are stored.
func (w *put) actor(e doc.Entity, spelling string) error {
	if !w.actors[e.ID] && !w.known.actors[e.ID] {
		if _, err := w.stmt(w.s.insActor).ExecContext(w.ctx, e.ID, e.Name, e.Country, e.Sector); err != nil {
			return err
		}
	}
	w.actors[e.ID] = true
	for _, n := range []string{e.Name, spelling} {
		k := [2]string{e.ID, n}
		if n == "" || w.names[k] || w.known.names[k] {
			continue
		}
		w.names[k] = true
		if _, err := w.stmt(w.s.insActorName).ExecContext(w.ctx, e.ID, n); err != nil {
			return err
		}
	}
	return nil
}

// touched is what one article did to one event.
type touched struct {
	seq      int64
	isNew    bool
	mentions int
}

// events stores each event record as a mention of a new or stored event.
func (w *put) events() error {
	if len(w.a.Events) == 0 {
		w.firstMention = 0
		return nil
	}
	next := w.firstMention
	var order []*touched
	bySeq := map[int64]*touched{}
	mentions := make([]any, 0, 5*len(w.a.Events))
	for i := range w.a.Events {
		e := w.a.Events[i]
		e.ArticleID = w.key
		seq, isNew, err := w.place(&e)
		if err != nil {
			return err
		}
		t := bySeq[seq]
		if t == nil {
			t = &touched{seq: seq, isNew: isNew}
			bySeq[seq] = t
			order = append(order, t)
		}
		t.mentions++
		if isNew {
			w.res.NewEvents++
		} else {
			w.res.MergedEvents++
		}
		for _, list := range [][]doc.Entity{e.Actor, e.Recipient} {
			for _, x := range list {
				if x.ID != "" {
					if err := w.actor(x, x.Name); err != nil {
						return err
					}
				}
			}
		}
		rec, err := json.Marshal(&e)
		if err != nil {
			return err
		}
		mentions = append(mentions, next, mentionID(&e, i), seq, w.seq, rec)
		next++
	}
	if err := w.s.eventActors.exec(w.ctx, w.tx, w.eventActors); err != nil {
		return err
	}
	if err := w.s.mentions.exec(w.ctx, w.tx, mentions); err != nil {
		return err
	}
	for _, t := range order {
		if err := w.count(t); err != nil {
			return err
		}
	}
	return w.indexEvidence(w.indexed, next-1, evidenceBatch)
}

// evidenceBatch is how many event mentions wait for the full-text index
// before a write indexes them.
const evidenceBatch = 256

// indexEvidence adds the evidence of the mentions after indexed up to last
// to the full-text index when at least batch of them wait.
func (w *put) indexEvidence(indexed, last, batch int64) error {
	if last-indexed < max(batch, 1) {
		return nil
	}
	if _, err := w.stmt(w.s.index).ExecContext(w.ctx, indexed); err != nil {
		return err
	}
	_, err := w.tx.ExecContext(w.ctx, `UPDATE evidence_state SET indexed = ?`, last)
	return err
}

// count updates an event's counts for this article's mentions of it. A
// new event was inserted with the counts of one mention.
func (w *put) count(t *touched) error {
	if t.isNew {
		if t.mentions == 1 {
			return nil
		}
		_, err := w.stmt(w.s.setMentions).ExecContext(w.ctx, t.mentions, t.seq)
		return err
	}
	var sameSource, sameStory bool
	if err := w.stmt(w.s.seenBefore).QueryRowContext(w.ctx, t.seq, w.seq, w.srcKey, w.res.StoryID).
		Scan(&sameSource, &sameStory); err != nil {
		return err
	}
	_, err := w.stmt(w.s.addCounts).ExecContext(w.ctx, t.seq, t.mentions, b2i(!sameSource), b2i(!sameStory), w.pubDay)
	return err
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func mentionID(e *doc.Event, i int) string {
	if e.ID != "" {
		return e.ID
	}
	return fmt.Sprintf("%s-%d", e.ArticleID, i)
}

// place finds the stored event a record joins, or creates one.
func (w *put) place(e *doc.Event) (seq int64, isNew bool, err error) {
	key := dedup.Key(e)
	d, dated := w.p.Interval(e, w.a.Published)
	if dated {
		seq, err := w.join(e, key, d)
		if err != nil || seq != 0 {
			return seq, false, err
		}
	}
	seq, err = w.newEvent(e, key, d)
	return seq, true, err
}

// join merges the record into the best matching stored event, returning
// its seq, or 0 when none matches.
func (w *put) join(e *doc.Event, key string, d dedup.Dates) (int64, error) {
	wide := w.p.Widen(d)
	rows, err := w.stmt(w.s.candidates).QueryContext(w.ctx, key, wide.Hi, wide.Lo)
	if err != nil {
		return 0, err
	}
	var seqs []int64
	var cands []dedup.Candidate
	for rows.Next() {
		var seq int64
		var c dedup.Candidate
		var loc sql.NullString
		if err := rows.Scan(&seq, &c.Dates.Lo, &c.Dates.Hi, &loc); err != nil {
			rows.Close()
			return 0, err
		}
		if loc.Valid {
			c.Location = &doc.Location{}
			if err := json.Unmarshal([]byte(loc.String), c.Location); err != nil {
				c.Location = nil
			}
		}
		seqs, cands = append(seqs, seq), append(cands, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	i := w.p.Choose(d, e.Location, cands)
	if i < 0 {
		return 0, nil
	}
	seq := seqs[i]
	if err := w.refine(seq, e, d, cands[i].Dates, cands[i].Location != nil); err != nil {
		return 0, err
	}
	return seq, nil
}

// refine gives a stored event the date of a more precise record, and a
// location when it had none.
func (w *put) refine(seq int64, e *doc.Event, d, old dedup.Dates, located bool) error {
	if e.Date != "" && (d.Hi < old.Hi || d.Lo > old.Lo) && days(d) < days(old) {
		if _, err := w.stmt(w.s.narrow).ExecContext(w.ctx, e.Date, string(e.DatePrecision), d.Lo, d.Hi, seq); err != nil {
			return err
		}
	}
	if e.Location != nil && !located {
		loc, _ := json.Marshal(e.Location)
		if _, err := w.stmt(w.s.setLocation).ExecContext(w.ctx, string(loc), e.Location.Name, e.Location.Country, seq); err != nil {
			return err
		}
	}
	return nil
}

func days(d dedup.Dates) int {
	lo, _ := time.Parse(time.DateOnly, d.Lo)
	hi, _ := time.Parse(time.DateOnly, d.Hi)
	return int(hi.Sub(lo).Hours() / 24)
}

func (w *put) newEvent(e *doc.Event, key string, d dedup.Dates) (int64, error) {
	id, err := w.freshID(e.ID)
	if err != nil {
		return 0, err
	}
	ctxJSON, _ := json.Marshal(nonNil(e.Context))
	var loc any
	locName, locCountry := "", ""
	if e.Location != nil {
		b, _ := json.Marshal(e.Location)
		loc, locName, locCountry = string(b), e.Location.Name, e.Location.Country
	}
	r, err := w.stmt(w.s.insEvent).ExecContext(w.ctx, id, key, e.EventType, e.Mode, e.Quad, e.Status, string(ctxJSON),
		e.Date, string(e.DatePrecision), d.Lo, d.Hi, loc, locName, locCountry, e.Text, e.Confidence, w.pubDay, w.pubDay)
	if err != nil {
		return 0, err
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	for role, list := range [][]doc.Entity{e.Actor, e.Recipient} {
		for pos, x := range list {
			w.eventActors = append(w.eventActors, seq, role, pos, x.ID, x.Name, x.Country, x.Sector, x.EntityText)
		}
	}
	return seq, nil
}

// freshID returns the record's id as the new event's id, suffixed when
// another event has it already.
func (w *put) freshID(id string) (string, error) {
	if id == "" {
		id = w.key + "-e"
	}
	cand := id
	for n := 2; ; n++ {
		var c int
		if err := w.stmt(w.s.eventIDTaken).QueryRowContext(w.ctx, cand).Scan(&c); err != nil {
			return "", err
		}
		if c == 0 {
			return cand, nil
		}
		cand = fmt.Sprintf("%s-%d", id, n)
	}
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// flushEvidence indexes the evidence of every mention not in the full-text
// index yet, in a transaction of its own. It costs one read when none waits.
func (db *DB) flushEvidence(ctx context.Context) error {
	var pending bool
	if err := db.r.QueryRowContext(ctx, `SELECT (SELECT coalesce(max(seq), 0) FROM event_mentions) >
		(SELECT indexed FROM evidence_state)`).Scan(&pending); err != nil || !pending {
		return err
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	defer tx.Rollback()
	w := &put{ctx: ctx, tx: tx, s: db.stmts}
	var indexed, last int64
	if err := tx.QueryRowContext(ctx, `SELECT indexed, (SELECT coalesce(max(seq), 0) FROM event_mentions)
		FROM evidence_state`).Scan(&indexed, &last); err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	if err := w.indexEvidence(indexed, last, 1); err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	return tx.Commit()
}
