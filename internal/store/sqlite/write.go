package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/store"
)

// The write path keeps the pages each commit writes few and the
// statements each article runs few: several articles share one
// transaction (group commit, [DB.PutArticles]), rows that the write path
// never reads back go in multi-row INSERTs at the end of the transaction,
// counts are kept incrementally instead of recounted, actors known to be
// stored are not inserted again, and MinHash bands are indexed in memory
// (bandIndex).

// The stored events a record with dates [?3, ?2] may join, in two
// walks. Those spanning at most longSpanDays end between ?3 and ?2
// + longSpanDays (?4): a walk of events_key (merge_key, date_hi,
// date_lo). Longer ones, few, start between ?3 - maxSpanDays (?5)
// and ?2: a walk of events_long. UNION drops a long event found by both.
var nearQuery = `SELECT seq, date_lo, date_hi, location FROM events
			WHERE merge_key = ?1 AND date_hi >= ?3 AND date_hi <= ?4 AND date_lo != '' AND date_lo <= ?2
			UNION
			SELECT seq, date_lo, date_hi, location FROM events
			WHERE merge_key = ?1 AND julianday(date_hi) - julianday(date_lo) > ` + strconv.Itoa(longSpanDays) + `
				AND date_lo >= ?5 AND date_lo <= ?2 AND date_hi >= ?3`

// stmts are the statements of the write path, prepared once on the writer.
type stmts struct {
	groupStart, insArticleOrIgnore, signature *sql.Stmt
	insActor, insActorName, catchUp           *sql.Stmt
	near, insEventOrIgnore                    *sql.Stmt
	narrow, setLocation, addCounts            *sql.Stmt
	setMentions, index                        *sql.Stmt
	entities, eventActors, mentions           *batch
}

func prepare(ctx context.Context, db *sql.DB) (*stmts, error) {
	s := &stmts{}
	list := []struct {
		dst *(*sql.Stmt)
		q   string
	}{
		// The seqs of a group's first article and event mention; the last
		// mention in the full-text index.
		{&s.groupStart, `SELECT (SELECT coalesce(max(seq), 0) + 1 FROM articles),
			(SELECT coalesce(max(seq), 0) + 1 FROM event_mentions), (SELECT indexed FROM evidence_state)`},
		// A new article, unless one has its id (no row then).
		{&s.insArticleOrIgnore, `INSERT INTO articles (seq, id, source_id, story_id, url, title, source, source_key, lang,
			published, published_day, published_precision, dateline, text, minhash, num_mentions, num_events,
			first_mention, ingested_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&s.signature, `SELECT story_id, minhash FROM articles WHERE seq = ?`},
		{&s.insActor, `INSERT INTO actors (id, name, country, sector) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`},
		{&s.insActorName, `INSERT OR IGNORE INTO actor_names (actor_id, name) VALUES (?, ?)`},
		{&s.catchUp, `SELECT seq, minhash FROM articles WHERE seq > ? ORDER BY seq`},
		{&s.near, nearQuery},
		// A new event, unless another has its id (no row then).
		{&s.insEventOrIgnore, `INSERT OR IGNORE INTO events (id, merge_key, event_type, mode, quad, status, context, date,
			date_precision, date_lo, date_hi, location, location_name, location_country, text, confidence,
			num_mentions, num_sources, num_articles, num_stories, first_seen, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, 1, 1, ?, ?)`},
		{&s.narrow, `UPDATE events SET date = ?, date_precision = ?, date_lo = ?, date_hi = ? WHERE seq = ?`},
		{&s.setLocation, `UPDATE events SET location = ?, location_name = ?, location_country = ?
			WHERE seq = ? AND location IS NULL`},
		// A stored event reported by one more article (?2, with ?3
		// mentions of it): one more source unless another article of the
		// same source (?4) has a mention of it, one more story unless
		// another article of the same story (?5) has.
		{&s.addCounts, `UPDATE events SET num_mentions = num_mentions + ?3, num_articles = num_articles + 1,
			num_sources = num_sources + NOT EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
				WHERE m.event_seq = ?1 AND m.article_seq != ?2 AND a.source_key = ?4),
			num_stories = num_stories + NOT EXISTS (SELECT 1 FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
				WHERE m.event_seq = ?1 AND m.article_seq != ?2 AND a.story_id = ?5),
			first_seen = CASE WHEN ?6 != '' AND (first_seen = '' OR ?6 < first_seen) THEN ?6 ELSE first_seen END,
			last_seen = max(last_seen, ?6)
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
	for _, st := range []*sql.Stmt{s.groupStart, s.insArticleOrIgnore, s.signature, s.insActor, s.insActorName,
		s.catchUp, s.near, s.insEventOrIgnore, s.narrow, s.setLocation, s.addCounts,
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

// exec inserts the rows whose values are args, cols values a row, by the
// transaction's statements that stmt gives.
func (b *batch) exec(ctx context.Context, stmt func(*sql.Stmt) *sql.Stmt, args []any) error {
	for i := 0; len(args) > 0; {
		if rows := len(args) / b.cols; rows < b.sizes[i] {
			i++
			continue
		}
		n := b.sizes[i] * b.cols
		if _, err := stmt(b.stmts[i]).ExecContext(ctx, args[:n]...); err != nil {
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

var _ store.BatchWriter = (*DB)(nil)

// Stored reports whether an article with the key is stored, reading the
// id index only, through a statement prepared once: ingest asks it of
// every article it reads.
func (db *DB) Stored(ctx context.Context, key string) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	// One index lookup runs to completion: a context that can be done
	// would cost a goroutine or two watching it.
	var ok bool
	if err := db.has.QueryRowContext(context.WithoutCancel(ctx), key).Scan(&ok); err != nil {
		return false, fmt.Errorf("sqlite: article %s: %w", key, err)
	}
	return ok, nil
}

// sketch is the MinHash signature of an article's text and its bands.
type sketch struct {
	sig   dedup.Signature
	bands [dedup.NumBands]int64
	ok    bool
}

// PutArticle implements [store.Writer]: the article in a transaction of
// its own.
func (db *DB) PutArticle(ctx context.Context, key string, a *doc.Article) (store.Result, error) {
	res, err := db.PutArticles(ctx, []store.Keyed{{Key: key, Article: a}})
	if len(res) == 1 {
		return res[0], err
	}
	return store.Result{ArticleID: key, StoryID: key}, err
}

// PutArticles implements [store.BatchWriter]: all of arts in one IMMEDIATE
// transaction. Should that fail for another reason than ctx, it stores
// them again one per transaction, up to the one that fails.
func (db *DB) PutArticles(ctx context.Context, arts []store.Keyed) ([]store.Result, error) {
	sk := make([]sketch, len(arts))
	for i, x := range arts {
		if x.Key == "" {
			return nil, errors.New("sqlite: article without key")
		}
		if sk[i].sig, sk[i].ok = dedup.Sketch(x.Article.Text); sk[i].ok {
			sk[i].bands = sk[i].sig.Bands()
		}
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	res, err := db.putGroup(ctx, arts, sk)
	if err == nil || len(arts) == 1 || ctx.Err() != nil {
		return res, err
	}
	res = nil
	for i := range arts {
		r, err := db.putGroup(ctx, arts[i:i+1], sk[i:i+1])
		res = append(res, r...)
		if err != nil {
			return res, err
		}
	}
	return res, nil
}

// putGroup stores arts in one transaction and returns their results, or
// those of the ones before ctx was canceled with ctx's error; on any other
// error it stores none.
func (db *DB) putGroup(ctx context.Context, arts []store.Keyed, sk []sketch) ([]store.Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Statements run to completion, with a context that is never done:
	// ctx is checked between articles instead, so that canceling keeps the
	// articles stored whole, and no statement pays for a goroutine that
	// watches ctx.
	bg := context.WithoutCancel(ctx)
	tx, err := db.w.BeginTx(bg, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: begin: %w", err)
	}
	g := newGroup(bg, tx, db)
	res, stop, err := g.putAll(ctx, arts, sk)
	if err == nil && len(res) > 0 {
		if err = g.finish(); err == nil {
			if err = tx.Commit(); err != nil {
				err = fmt.Errorf("sqlite: commit: %w", err)
			}
		}
	}
	if err != nil {
		tx.Rollback()
		// The band index has the articles of the transaction: build it again.
		db.bands = newBandIndex()
		return nil, err
	}
	if len(res) == 0 {
		tx.Rollback()
		return nil, stop
	}
	db.ck.committedArticles(len(res))
	db.known.add(g.actors, g.names)
	return res, stop
}

// group is one write transaction, of one article or several.
type group struct {
	ctx context.Context
	tx  *sql.Tx
	db  *DB
	s   *stmts
	p   dedup.Policy
	// txStmts are the statements of s bound to tx, made once each.
	txStmts map[*sql.Stmt]*sql.Stmt
	// The seqs of the next article and event mention; indexed is the last
	// mention in the full-text index.
	nextArticle, nextMention, indexed int64
	// actors and names this transaction stored (or found stored).
	actors map[string]bool
	names  map[[2]string]bool
	// The rows that nothing reads before the commit, inserted at the end:
	// entity mentions and the participants of new events.
	entityRows, eventActorRows []any
}

func newGroup(ctx context.Context, tx *sql.Tx, db *DB) *group {
	return &group{ctx: ctx, tx: tx, db: db, s: db.stmts, p: db.policy, txStmts: map[*sql.Stmt]*sql.Stmt{},
		actors: map[string]bool{}, names: map[[2]string]bool{}}
}

func (g *group) stmt(s *sql.Stmt) *sql.Stmt {
	t := g.txStmts[s]
	if t == nil {
		t = g.tx.StmtContext(g.ctx, s)
		g.txStmts[s] = t
	}
	return t
}

// putAll stores the articles until one fails or ctx is canceled (stop).
func (g *group) putAll(ctx context.Context, arts []store.Keyed, sk []sketch) (res []store.Result, stop, err error) {
	if err := g.stmt(g.s.groupStart).QueryRowContext(g.ctx).Scan(&g.nextArticle, &g.nextMention, &g.indexed); err != nil {
		return nil, nil, fmt.Errorf("sqlite: article %s: %w", arts[0].Key, err)
	}
	if err := g.db.bands.catchUp(g.ctx, g.stmt(g.s.catchUp)); err != nil {
		return nil, nil, fmt.Errorf("sqlite: article %s: bands: %w", arts[0].Key, err)
	}
	res = make([]store.Result, 0, len(arts))
	for i, x := range arts {
		if i > 0 && ctx.Err() != nil {
			return res, ctx.Err(), nil
		}
		r, err := g.put(x.Key, x.Article, &sk[i])
		if err != nil {
			return nil, nil, err
		}
		res = append(res, r)
	}
	return res, nil, nil
}

// finish inserts the rows kept for the end and indexes the evidence when
// enough waits.
func (g *group) finish() error {
	if err := g.s.entities.exec(g.ctx, g.stmt, g.entityRows); err != nil {
		return fmt.Errorf("sqlite: mentions: %w", err)
	}
	if err := g.s.eventActors.exec(g.ctx, g.stmt, g.eventActorRows); err != nil {
		return fmt.Errorf("sqlite: events: %w", err)
	}
	if err := g.indexEvidence(g.indexed, g.nextMention-1, evidenceBatch); err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	return nil
}

// put is the state of one article of a group.
type put struct {
	*group
	a   *doc.Article
	key string
	seq int64
	// firstMention is the seq of the article's first event mention.
	firstMention int64
	pubDay       string
	srcKey       string
	res          store.Result
}

// put stores one article, or finds it stored.
func (g *group) put(key string, a *doc.Article, sk *sketch) (store.Result, error) {
	w := &put{group: g, a: a, key: key, seq: g.nextArticle, res: store.Result{ArticleID: key, StoryID: key}}
	if len(a.Events) > 0 {
		w.firstMention = g.nextMention
	}
	if sk.ok {
		if err := w.nearDuplicate(g.db.bands, &sk.sig, &sk.bands); err != nil {
			return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
		}
	}
	w.prepareArticle()
	// The article row goes first, with the counts it will have: inserting
	// it is the check that the key is new.
	switch stored, err := w.article(sk.sig, sk.ok); {
	case err != nil:
		return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
	case stored:
		w.res = store.Result{ArticleID: key, Duplicate: true}
		if err := g.tx.QueryRowContext(g.ctx, `SELECT story_id FROM articles WHERE id = ?`, key).Scan(&w.res.StoryID); err != nil {
			return w.res, fmt.Errorf("sqlite: article %s: %w", key, err)
		}
		return w.res, nil
	}
	if err := w.entities(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: mentions: %w", key, err)
	}
	if err := w.events(); err != nil {
		return w.res, fmt.Errorf("sqlite: article %s: events: %w", key, err)
	}
	g.nextArticle++
	// Later articles of the group find this one as a near-duplicate.
	if sk.ok {
		g.db.bands.add(w.seq, &sk.bands)
	}
	g.db.bands.mark(w.seq)
	return w.res, nil
}

// prepareArticle works out the fields of the article that its events need.
func (w *put) prepareArticle() {
	if !w.a.Published.IsZero() {
		w.pubDay = w.a.Published.Format(time.DateOnly)
	}
	w.srcKey = sourceKey(w.a, w.key)
}

// article inserts the article row, unless one has its key (stored).
func (w *put) article(sig dedup.Signature, sketched bool) (stored bool, err error) {
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
	r, err := w.stmt(w.s.insArticleOrIgnore).ExecContext(w.ctx, w.seq, w.key, srcID, w.res.StoryID, a.URL, a.Title, a.Source,
		w.srcKey, a.Lang, pub, w.pubDay, string(a.PublishedPrecision), a.Dateline, a.Text, blob,
		len(a.Mentions), len(a.Events), w.firstMention, time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		return false, err
	}
	n, err := r.RowsAffected()
	return n == 0, err
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

// entities keeps the article's entity mentions for the end of the group
// and stores the actors they name.
func (w *put) entities() error {
	a := w.a
	for i, m := range a.Mentions {
		e := m.Entity
		name := e.Name
		if m.Head.End > m.Head.Start && m.Head.End <= len(a.Text) {
			name = a.Text[m.Head.Start:m.Head.End]
		}
		w.entityRows = append(w.entityRows, e.ID, w.seq, i, m.Sentence, m.Start, m.End, string(m.Kind), name)
		if e.ID != "" && m.Kind != doc.KindPron && m.Kind != doc.KindRole {
			if err := w.actor(e, name); err != nil {
				return err
			}
		}
	}
	return nil
}

// actor records an actor and one spelling of it, unless they are stored.
func (w *put) actor(e doc.Entity, spelling string) error {
	if !w.actors[e.ID] && !w.db.known.actors[e.ID] {
		if _, err := w.stmt(w.s.insActor).ExecContext(w.ctx, e.ID, e.Name, e.Country, e.Sector); err != nil {
			return err
		}
	}
	w.actors[e.ID] = true
	for _, n := range [2]string{e.Name, spelling} {
		k := [2]string{e.ID, n}
		if n == "" || w.names[k] || w.db.known.names[k] {
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
		return nil
	}
	next := w.firstMention
	// The events touched, in first touch; an article touches few.
	order := make([]touched, 0, len(w.a.Events))
	mentions := make([]any, 0, 5*len(w.a.Events))
	for i := range w.a.Events {
		e := w.a.Events[i]
		e.ArticleID = w.key
		seq, isNew, err := w.place(&e)
		if err != nil {
			return err
		}
		k := slices.IndexFunc(order, func(t touched) bool { return t.seq == seq })
		if k < 0 {
			k = len(order)
			order = append(order, touched{seq: seq, isNew: isNew})
		}
		order[k].mentions++
		if isNew {
			w.res.NewEvents++
		} else {
			w.res.MergedEvents++
		}
		for _, list := range [2][]doc.Entity{e.Actor, e.Recipient} {
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
	// Later articles of the group read the mentions (addCounts).
	if err := w.s.mentions.exec(w.ctx, w.stmt, mentions); err != nil {
		return err
	}
	w.nextMention = next
	for i := range order {
		if err := w.count(&order[i]); err != nil {
			return err
		}
	}
	return nil
}

// evidenceBatch is how many event mentions wait for the full-text index
// before a write indexes them.
const evidenceBatch = 256

// indexEvidence adds the evidence of the mentions after indexed up to last
// to the full-text index when at least batch of them wait.
func (g *group) indexEvidence(indexed, last, batch int64) error {
	if last-indexed < max(batch, 1) {
		return nil
	}
	if _, err := g.stmt(g.s.index).ExecContext(g.ctx, indexed); err != nil {
		return err
	}
	_, err := g.tx.ExecContext(g.ctx, `UPDATE evidence_state SET indexed = ?`, last)
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
	_, err := w.stmt(w.s.addCounts).ExecContext(w.ctx, t.seq, w.seq, t.mentions, w.srcKey, w.res.StoryID, w.pubDay)
	return err
}

func mentionID(e *doc.Event, i int) string {
	if e.ID != "" {
		return e.ID
	}
	return e.ArticleID + "-" + strconv.Itoa(i)
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
	found, err := nearEvents(w.ctx, w.stmt(w.s.near), key, w.p.Widen(d))
	if err != nil || len(found) == 0 {
		return 0, err
	}
	cands := make([]dedup.Candidate, len(found))
	for i, c := range found {
		cands[i] = c.Candidate
	}
	i := w.p.Choose(d, e.Location, cands)
	if i < 0 {
		return 0, nil
	}
	if err := w.refine(found[i].seq, e, d, cands[i].Dates, cands[i].Location != nil); err != nil {
		return 0, err
	}
	return found[i].seq, nil
}

// candidate is a stored event a record may join.
type candidate struct {
	seq int64
	dedup.Candidate
}

// nearEvents returns the stored events under the merge key whose dates
// overlap wide (the near statement, bound to a transaction), earliest
// dates first, then oldest: the order in which Choose breaks ties.
func nearEvents(ctx context.Context, near *sql.Stmt, key string, wide dedup.Dates) ([]candidate, error) {
	rows, err := near.QueryContext(ctx, key, wide.Hi, wide.Lo, addDays(wide.Hi, longSpanDays), addDays(wide.Lo, -maxSpanDays))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var found []candidate
	for rows.Next() {
		var c candidate
		var loc sql.NullString
		if err := rows.Scan(&c.seq, &c.Dates.Lo, &c.Dates.Hi, &loc); err != nil {
			return nil, err
		}
		c.Location = parseLocation(loc)
		found = append(found, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	slices.SortFunc(found, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.Dates.Lo, b.Dates.Lo), cmp.Compare(a.seq, b.seq))
	})
	return found, nil
}

// parseLocation reads a stored location; nil for none or one unreadable.
func parseLocation(s sql.NullString) *doc.Location {
	if !s.Valid {
		return nil
	}
	var l doc.Location
	if json.Unmarshal([]byte(s.String), &l) != nil {
		return nil
	}
	return &l
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

// addDays returns the day n days after day (YYYY-MM-DD).
func addDays(day string, n int) string {
	t, err := time.Parse(time.DateOnly, day)
	if err != nil {
		return "9999-12-31"
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

func days(d dedup.Dates) int {
	lo, _ := time.Parse(time.DateOnly, d.Lo)
	hi, _ := time.Parse(time.DateOnly, d.Hi)
	return int(hi.Sub(lo).Hours() / 24)
}

// newEvent inserts a new event under the record's id; the participants
// wait for the end of the group.
func (w *put) newEvent(e *doc.Event, key string, d dedup.Dates) (int64, error) {
	id := e.ID
	if id == "" {
		id = w.key + "-e"
	}
	seq, err := insertEvent(w.ctx, w.stmt(w.s.insEventOrIgnore), id, key, e, d, w.pubDay)
	if err != nil {
		return 0, err
	}
	for role, list := range [2][]doc.Entity{e.Actor, e.Recipient} {
		for pos, x := range list {
			w.eventActorRows = append(w.eventActorRows, seq, role, pos, x.ID, x.Name, x.Country, x.Sector, x.EntityText)
		}
	}
	return seq, nil
}

// insertEvent inserts an event made from record e, with dates d, under id
// suffixed -2, -3, ... while another event has it (ins is the
// insEventOrIgnore statement, bound to a transaction), and returns its
// seq. Its counts are those of one mention, first and last seen on day.
func insertEvent(ctx context.Context, ins *sql.Stmt, id, key string, e *doc.Event, d dedup.Dates, day string) (int64, error) {
	ctxJSON, _ := json.Marshal(nonNil(e.Context))
	var loc any
	locName, locCountry := "", ""
	if e.Location != nil {
		b, _ := json.Marshal(e.Location)
		loc, locName, locCountry = string(b), e.Location.Name, e.Location.Country
	}
	for n, cand := 2, id; ; n++ {
		r, err := ins.ExecContext(ctx, cand, key, e.EventType, e.Mode, e.Quad, e.Status, string(ctxJSON),
			e.Date, string(e.DatePrecision), d.Lo, d.Hi, loc, locName, locCountry, e.Text, e.Confidence, day, day)
		if err != nil {
			return 0, err
		}
		if k, err := r.RowsAffected(); err != nil {
			return 0, err
		} else if k == 1 {
			return r.LastInsertId()
		}
		cand = id + "-" + strconv.Itoa(n)
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
	var indexed, last int64
	if err := tx.QueryRowContext(ctx, `SELECT indexed, (SELECT coalesce(max(seq), 0) FROM event_mentions)
		FROM evidence_state`).Scan(&indexed, &last); err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	if err := newGroup(ctx, tx, db).indexEvidence(indexed, last, 1); err != nil {
		return fmt.Errorf("sqlite: index evidence: %w", err)
	}
	return tx.Commit()
}
