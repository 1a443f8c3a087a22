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

// stmts are the statements of the write path, prepared once on the writer.
type stmts struct {
	articleSeq, insArticle, insBand, nearDup          *sql.Stmt
	insActor, insActorName, insEntity, bumpActor      *sql.Stmt
	candidates, insEvent, insEventActor, eventIDTaken *sql.Stmt
	narrow, setLocation, insMention, insEvidence      *sql.Stmt
	counts, articleCounts                             *sql.Stmt
}

func prepare(ctx context.Context, db *sql.DB) (*stmts, error) {
	s := &stmts{}
	list := []struct {
		dst *(*sql.Stmt)
		q   string
	}{
		{&s.articleSeq, `SELECT seq FROM articles WHERE id = ?`},
		{&s.insArticle, `INSERT INTO articles (id, source_id, story_id, url, title, source, source_key, lang,
			published, published_day, published_precision, dateline, text, minhash, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.insBand, `INSERT OR IGNORE INTO article_bands (band, article_seq) VALUES (?, ?)`},
		{&s.nearDup, `SELECT a.seq, a.story_id, a.minhash FROM articles a WHERE a.seq IN
			(SELECT article_seq FROM article_bands WHERE band IN (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?))`},
		{&s.insActor, `INSERT INTO actors (id, name, country, sector) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&s.insActorName, `INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)`},
		{&s.insEntity, `INSERT INTO entity_mentions (article_seq, idx, sentence, span_start, span_end, kind, actor_id, name)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.bumpActor, `UPDATE actors SET num_events = num_events + 1 WHERE id = ?`},
		{&s.candidates, `SELECT seq, date_lo, date_hi, location FROM events
			WHERE merge_key = ? AND date_lo != '' AND date_lo <= ? AND date_hi >= ?`},
		{&s.insEvent, `INSERT INTO events (id, merge_key, event_type, mode, quad, status, context, date, date_precision,
			date_lo, date_hi, location, location_name, location_country, text, confidence)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.insEventActor, `INSERT INTO event_actors (event_seq, role, pos, actor_id, name, country, sector, entity_text)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`},
		{&s.eventIDTaken, `SELECT count(*) FROM events WHERE id = ?`},
		{&s.narrow, `UPDATE events SET date = ?, date_precision = ?, date_lo = ?, date_hi = ? WHERE seq = ?`},
		{&s.setLocation, `UPDATE events SET location = ?, location_name = ?, location_country = ?
			WHERE seq = ? AND location IS NULL`},
		{&s.insMention, `INSERT INTO event_mentions (id, event_seq, article_seq, record) VALUES (?, ?, ?, ?)`},
		{&s.insEvidence, `INSERT INTO evidence (rowid, text) VALUES (?, ?)`},
		{&s.counts, `UPDATE events SET
			num_mentions = (SELECT count(*) FROM event_mentions WHERE event_seq = ?1),
			num_articles = (SELECT count(DISTINCT article_seq) FROM event_mentions WHERE event_seq = ?1),
			num_sources  = (SELECT count(DISTINCT a.source_key) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.event_seq = ?1),
			num_stories  = (SELECT count(DISTINCT a.story_id) FROM event_mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.event_seq = ?1),
			first_seen   = (SELECT coalesce(min(a.published_day), '') FROM event_mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.event_seq = ?1 AND a.published_day != ''),
			last_seen    = (SELECT coalesce(max(a.published_day), '') FROM event_mentions m JOIN articles a ON a.seq = m.article_seq WHERE m.event_seq = ?1)
			WHERE seq = ?1`},
		{&s.articleCounts, `UPDATE articles SET num_mentions = ?, num_events = ? WHERE seq = ?`},
	}
	for _, x := range list {
		st, err := db.PrepareContext(ctx, x.q)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("prepare %.40q: %w", x.q, err)
		}
		*x.dst = st
	}
	return s, nil
}

func (s *stmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.articleSeq, s.insArticle, s.insBand, s.nearDup, s.insActor, s.insActorName,
		s.insEntity, s.bumpActor, s.candidates, s.insEvent, s.insEventActor, s.eventIDTaken, s.narrow,
		s.setLocation, s.insMention, s.insEvidence, s.counts, s.articleCounts} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
}

// put is the state of one PutArticle.
type put struct {
	ctx context.Context
	tx  *sql.Tx
	s   *stmts
	p   dedup.Policy
	a   *doc.Article
	key string
	seq int64
	res store.Result
}

func (w *put) stmt(s *sql.Stmt) *sql.Stmt { return w.tx.StmtContext(w.ctx, s) }

// PutArticle implements [store.Writer].
func (db *DB) PutArticle(ctx context.Context, key string, a *doc.Article) (store.Result, error) {
	if key == "" {
		return store.Result{}, errors.New("sqlite: article without key")
	}
	sig, sketched := dedup.Sketch(a.Text)
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return store.Result{}, fmt.Errorf("sqlite: begin: %w", err)
	}
	defer tx.Rollback()
	w := &put{ctx: ctx, tx: tx, s: db.stmts, p: db.policy, a: a, key: key, res: store.Result{ArticleID: key, StoryID: key}}
	var seq int64
	switch err := w.stmt(w.s.articleSeq).QueryRowContext(ctx, key).Scan(&seq); {
	case err == nil:
		w.res.Duplicate = true
		w.res.StoryID, err = storyOf(ctx, tx, seq)
		return w.res, err
	case !errors.Is(err, sql.ErrNoRows):
		return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
	}
	if err := w.article(sig, sketched); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
	}
	if err := w.entities(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: mentions: %w", key, err)
	}
	if err := w.events(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: events: %w", key, err)
	}
	if err := tx.Commit(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: commit: %w", key, err)
	}
	return w.res, nil
}

func storyOf(ctx context.Context, tx *sql.Tx, seq int64) (string, error) {
	var s string
	err := tx.QueryRowContext(ctx, `SELECT story_id FROM articles WHERE seq = ?`, seq).Scan(&s)
	return s, err
}

// article inserts the article row, finding its story among near-duplicates.
func (w *put) article(sig dedup.Signature, sketched bool) error {
	a := w.a
	var blob []byte
	var bands [dedup.NumBands]int64
	if sketched {
		blob = sig.Bytes()
		bands = sig.Bands()
		story, err := w.nearDuplicate(&sig, bands)
		if err != nil {
			return err
		}
		if story != "" {
			w.res.StoryID, w.res.NearDuplicate = story, true
		}
	}
	pub, pubDay := "", ""
	if !a.Published.IsZero() {
		pub = a.Published.Format(time.RFC3339)
		if a.PublishedPrecision == doc.PrecisionDay || a.PublishedPrecision == "" {
			pub = a.Published.Format(time.DateOnly)
		}
		pubDay = a.Published.Format(time.DateOnly)
	}
	srcID := ""
	if a.ID != w.key {
		srcID = a.ID
	}
	r, err := w.stmt(w.s.insArticle).ExecContext(w.ctx, w.key, srcID, w.res.StoryID, a.URL, a.Title, a.Source,
		sourceKey(a, w.key), a.Lang, pub, pubDay, string(a.PublishedPrecision), a.Dateline, a.Text, blob,
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return err
	}
	if w.seq, err = r.LastInsertId(); err != nil {
		return err
	}
	if sketched {
		ins := w.stmt(w.s.insBand)
		for _, b := range bands {
			if _, err := ins.ExecContext(w.ctx, b, w.seq); err != nil {
				return err
			}
		}
	}
	return nil
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

func (w *put) nearDuplicate(sig *dedup.Signature, bands [dedup.NumBands]int64) (string, error) {
	args := make([]any, len(bands))
	for i, b := range bands {
		args[i] = b
	}
	rows, err := w.stmt(w.s.nearDup).QueryContext(w.ctx, args...)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	best, bestSeq, story := 0.0, int64(0), ""
	for rows.Next() {
		var seq int64
		var st string
		var blob []byte
		if err := rows.Scan(&seq, &st, &blob); err != nil {
			return "", err
		}
		o, ok := dedup.SignatureFrom(blob)
		if !ok {
			continue
		}
		if sim := sig.Similarity(&o); sim >= w.p.Threshold() && (sim > best || (sim == best && seq < bestSeq)) {
			best, bestSeq, story = sim, seq, st
		}
	}
	return story, rows.Err()
}

// entities stores the article's entity mentions and the actors they name.
func (w *put) entities() error {
	a := w.a
	ins := w.stmt(w.s.insEntity)
	seen := map[[2]string]bool{}
	for i, m := range a.Mentions {
		e := m.Entity
		name := e.Name
		if m.Head.End > m.Head.Start && m.Head.End <= len(a.Text) {
			name = a.Text[m.Head.Start:m.Head.End]
		}
		if _, err := ins.ExecContext(w.ctx, w.seq, i, m.Sentence, m.Start, m.End, string(m.Kind), e.ID, name); err != nil {
			return err
		}
		if e.ID != "" && m.Kind != doc.KindPron && m.Kind != doc.KindRole {
			if err := w.actor(e, name, seen); err != nil {
				return err
			}
		}
	}
	return nil
}

// actor records an actor and one spelling of it.
func (w *put) actor(e doc.Entity, spelling string, seen map[[2]string]bool) error {
	if !seen[[2]string{e.ID, ""}] {
		seen[[2]string{e.ID, ""}] = true
		if _, err := w.stmt(w.s.insActor).ExecContext(w.ctx, e.ID, e.Name, e.Country, e.Sector); err != nil {
			return err
		}
	}
	for _, n := range []string{e.Name, spelling} {
		if n == "" || seen[[2]string{e.ID, n}] {
			continue
		}
		seen[[2]string{e.ID, n}] = true
		if _, err := w.stmt(w.s.insActorName).ExecContext(w.ctx, e.ID, n); err != nil {
			return err
		}
	}
	return nil
}

// events stores each event record as a mention of a new or stored event.
func (w *put) events() error {
	touched := map[int64]bool{}
	seen := map[[2]string]bool{}
	order := []int64{}
	for i := range w.a.Events {
		e := w.a.Events[i]
		e.ArticleID = w.key
		seq, isNew, err := w.place(&e)
		if err != nil {
			return err
		}
		if isNew {
			w.res.NewEvents++
		} else {
			w.res.MergedEvents++
		}
		for _, x := range append(append([]doc.Entity{}, e.Actor...), e.Recipient...) {
			if x.ID != "" {
				if err := w.actor(x, x.Name, seen); err != nil {
					return err
				}
			}
		}
		if isNew {
			if err := w.bump(&e); err != nil {
				return err
			}
		}
		rec, err := json.Marshal(&e)
		if err != nil {
			return err
		}
		r, err := w.stmt(w.s.insMention).ExecContext(w.ctx, mentionID(&e, i), seq, w.seq, rec)
		if err != nil {
			return err
		}
		mseq, err := r.LastInsertId()
		if err != nil {
			return err
		}
		if _, err := w.stmt(w.s.insEvidence).ExecContext(w.ctx, mseq, e.Text); err != nil {
			return err
		}
		if !touched[seq] {
			touched[seq] = true
			order = append(order, seq)
		}
	}
	counts := w.stmt(w.s.counts)
	for _, seq := range order {
		if _, err := counts.ExecContext(w.ctx, seq); err != nil {
			return err
		}
	}
	_, err := w.stmt(w.s.articleCounts).ExecContext(w.ctx, len(w.a.Mentions), len(w.a.Events), w.seq)
	return err
}

func mentionID(e *doc.Event, i int) string {
	if e.ID != "" {
		return e.ID
	}
	return fmt.Sprintf("%s-%d", e.ArticleID, i)
}

// bump counts a new event for each of its distinct actors.
func (w *put) bump(e *doc.Event) error {
	done := map[string]bool{}
	for _, x := range append(append([]doc.Entity{}, e.Actor...), e.Recipient...) {
		if x.ID == "" || done[x.ID] {
			continue
		}
		done[x.ID] = true
		if _, err := w.stmt(w.s.bumpActor).ExecContext(w.ctx, x.ID); err != nil {
			return err
		}
	}
	return nil
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

type candidate struct {
	seq  int64
	prec doc.Precision
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
	if err := w.refine(seq, e, d, cands[i].Dates); err != nil {
		return 0, err
	}
	return seq, nil
}

// refine gives a stored event the date of a more precise record, and a
// location when it had none.
func (w *put) refine(seq int64, e *doc.Event, d, old dedup.Dates) error {
	if e.Date != "" && (d.Hi < old.Hi || d.Lo > old.Lo) && days(d) < days(old) {
		if _, err := w.stmt(w.s.narrow).ExecContext(w.ctx, e.Date, string(e.DatePrecision), d.Lo, d.Hi, seq); err != nil {
			return err
		}
	}
	if e.Location != nil {
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
		e.Date, string(e.DatePrecision), d.Lo, d.Hi, loc, locName, locCountry, e.Text, e.Confidence)
	if err != nil {
		return 0, err
	}
	seq, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	ins := w.stmt(w.s.insEventActor)
	for role, list := range [][]doc.Entity{e.Actor, e.Recipient} {
		for pos, x := range list {
			if _, err := ins.ExecContext(w.ctx, seq, role, pos, x.ID, x.Name, x.Country, x.Sector, x.EntityText); err != nil {
				return 0, err
			}
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
