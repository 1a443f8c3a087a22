package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/store"
)

const eventCols = `e.seq, e.id, e.event_type, e.mode, e.quad, e.status, e.context, e.date, e.date_precision,
	e.date_lo, e.location, e.text, e.confidence, e.num_mentions, e.num_sources, e.num_articles, e.num_stories,
	e.first_seen, e.last_seen, (SELECT a.url FROM event_mentions m JOIN articles a ON a.seq = m.article_seq
		WHERE m.event_seq = e.seq ORDER BY m.seq LIMIT 1)`

type scanner interface{ Scan(dest ...any) error }

func scanEvent(r scanner) (seq int64, lo string, e store.Event, err error) {
	var ctxJSON string
	var loc sql.NullString
	var prec string
	var url sql.NullString
	err = r.Scan(&seq, &e.ID, &e.EventType, &e.Mode, &e.Quad, &e.Status, &ctxJSON, &e.Date, &prec, &lo, &loc,
		&e.Text, &e.Confidence, &e.NumMentions, &e.NumSources, &e.NumArticles, &e.NumStories, &e.FirstSeen, &e.LastSeen, &url)
	if err != nil {
		return
	}
	e.DatePrecision = doc.Precision(prec)
	e.URL = url.String
	e.Context = []string{}
	if err = json.Unmarshal([]byte(ctxJSON), &e.Context); err != nil {
		return
	}
	if loc.Valid {
		e.Location = &doc.Location{}
		err = json.Unmarshal([]byte(loc.String), e.Location)
	}
	return
}

// Events implements [store.EventReader]: oldest first by the start of the
// event's possible dates (undated events first), then in stored order.
func (db *DB) Events(ctx context.Context, f store.Filter) (store.Page[store.Event], error) {
	var page store.Page[store.Event]
	if err := db.textReady(ctx, f); err != nil {
		return page, err
	}
	dense, err := db.density(ctx, f)
	if err != nil {
		return page, fmt.Errorf("sqlite: events: %w", err)
	}
	w, err := eventWhere(f, dense)
	if err != nil {
		return page, err
	}
	if f.Cursor != "" {
		parts, err := decodeCursor(f.Cursor, 2)
		if err != nil {
			return page, err
		}
		w.add(`(e.date_lo, e.seq) > (?, ?)`, parts[0], parts[1])
	}
	n := f.PageLimit()
	q := `SELECT ` + eventCols + ` FROM events e` + w.sql() + ` ORDER BY e.date_lo, e.seq LIMIT ` + strconv.Itoa(n+1)
	rows, err := db.r.QueryContext(ctx, q, w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	var seqs []int64
	var last string
	for rows.Next() {
		seq, lo, e, err := scanEvent(rows)
		if err != nil {
			return page, fmt.Errorf("sqlite: events: %w", err)
		}
		if len(page.Items) == n {
			page.Next = last
			break
		}
		page.Items = append(page.Items, e)
		seqs = append(seqs, seq)
		last = encodeCursor(lo, strconv.FormatInt(seq, 10))
	}
	if err := rows.Err(); err != nil {
		return page, fmt.Errorf("sqlite: events: %w", err)
	}
	rows.Close()
	return page, db.participants(ctx, seqs, page.Items)
}

// participants fills the actors and recipients of events (seqs[i] is items[i]'s).
func (db *DB) participants(ctx context.Context, seqs []int64, items []store.Event) error {
	if len(seqs) == 0 {
		return nil
	}
	at := make(map[int64]int, len(seqs))
	ids := make([]string, len(seqs))
	for i, s := range seqs {
		at[s] = i
		ids[i] = strconv.FormatInt(s, 10)
		items[i].Actor, items[i].Recipient = []doc.Entity{}, []doc.Entity{}
	}
	rows, err := db.r.QueryContext(ctx, `SELECT event_seq, role, actor_id, name, country, sector, entity_text
		FROM event_actors WHERE event_seq IN (`+strings.Join(ids, ",")+`) ORDER BY event_seq, role, pos`)
	if err != nil {
		return fmt.Errorf("sqlite: participants: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var role int
		var x doc.Entity
		if err := rows.Scan(&seq, &role, &x.ID, &x.Name, &x.Country, &x.Sector, &x.EntityText); err != nil {
			return fmt.Errorf("sqlite: participants: %w", err)
		}
		e := &items[at[seq]]
		if role == 0 {
			e.Actor = append(e.Actor, x)
		} else {
			e.Recipient = append(e.Recipient, x)
		}
	}
	return rows.Err()
}

// textReady brings the full-text index up to date before a query that uses it.
func (db *DB) textReady(ctx context.Context, f store.Filter) error {
	if f.Text == "" {
		return nil
	}
	return db.flushEvidence(ctx)
}

// Event implements [store.EventReader]. An id merged away by a relabel
// gives the event it was merged into.
func (db *DB) Event(ctx context.Context, id string) (*store.Event, error) {
	seq, _, e, err := scanEvent(db.r.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events e WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		seq, _, e, err = scanEvent(db.r.QueryRowContext(ctx, `SELECT `+eventCols+` FROM events e
			WHERE e.id = (SELECT into_id FROM merged_events WHERE id = ?)`, id))
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %s: %w", id, err)
	}
	items := []store.Event{e}
	if err := db.participants(ctx, []int64{seq}, items); err != nil {
		return nil, err
	}
	ms, err := db.mentions(ctx, `WHERE m.event_seq = ?`, []any{seq}, "", 0)
	if err != nil {
		return nil, err
	}
	items[0].Mentions = ms.Items
	return &items[0], nil
}

// Mentions implements [store.EventReader].
func (db *DB) Mentions(ctx context.Context, f store.Filter) (store.Page[store.Mention], error) {
	if err := db.textReady(ctx, f); err != nil {
		return store.Page[store.Mention]{}, err
	}
	article := f.ArticleID
	f.ArticleID = ""
	w, err := eventWhere(f, denseFilters{})
	if err != nil {
		return store.Page[store.Mention]{}, err
	}
	if article != "" {
		w.add(articleMentions, article, article)
	}
	return db.mentions(ctx, w.sql(), w.args, f.Cursor, f.PageLimit())
}

func (db *DB) mentions(ctx context.Context, where string, args []any, cursor string, n int) (store.Page[store.Mention], error) {
	var page store.Page[store.Mention]
	if cursor != "" {
		after, err := seqCursor(cursor)
		if err != nil {
			return page, err
		}
		if where == "" {
			where = " WHERE m.seq > ?"
		} else {
			where += " AND m.seq > ?"
		}
		args = append(args, after)
	}
	limit := ""
	if n > 0 {
		limit = " LIMIT " + strconv.Itoa(n+1)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT m.seq, m.record, e.id, a.story_id, a.source, a.url, a.published
		FROM event_mentions m JOIN events e ON e.seq = m.event_seq JOIN articles a ON a.seq = m.article_seq `+
		where+` ORDER BY m.seq`+limit, args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: mentions: %w", err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		var seq int64
		var rec string
		var m store.Mention
		if err := rows.Scan(&seq, &rec, &m.EventID, &m.StoryID, &m.Source, &m.URL, &m.Published); err != nil {
			return page, fmt.Errorf("sqlite: mentions: %w", err)
		}
		if n > 0 && len(page.Items) == n {
			page.Next = encodeCursor(strconv.FormatInt(last, 10))
			break
		}
		if err := json.Unmarshal([]byte(rec), &m.Event); err != nil {
			return page, fmt.Errorf("sqlite: mention record: %w", err)
		}
		page.Items = append(page.Items, m)
		last = seq
	}
	return page, rows.Err()
}

const articleCols = `a.seq, a.id, a.source_id, a.story_id, a.url, a.title, a.source, a.lang, a.published,
	a.published_precision, a.dateline, a.num_mentions, a.num_events`

func scanArticle(r scanner, extra ...any) (int64, store.Article, error) {
	var seq int64
	var a store.Article
	var prec string
	dest := append([]any{&seq, &a.ID, &a.SourceID, &a.StoryID, &a.URL, &a.Title, &a.Source, &a.Lang, &a.Published,
		&prec, &a.Dateline, &a.NumMentions, &a.NumEvents}, extra...)
	err := r.Scan(dest...)
	a.PublishedPrecision = doc.Precision(prec)
	return seq, a, err
}

// Articles implements [store.ArticleReader].
func (db *DB) Articles(ctx context.Context, f store.Filter) (store.Page[store.Article], error) {
	var page store.Page[store.Article]
	w := articleWhere(f)
	if f.Cursor != "" {
		after, err := seqCursor(f.Cursor)
		if err != nil {
			return page, err
		}
		w.add(`a.seq > ?`, after)
	}
	n := f.PageLimit()
	rows, err := db.r.QueryContext(ctx, `SELECT `+articleCols+` FROM articles a`+w.sql()+
		` ORDER BY a.seq LIMIT `+strconv.Itoa(n+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: articles: %w", err)
	}
	defer rows.Close()
	var last int64
	for rows.Next() {
		seq, a, err := scanArticle(rows)
		if err != nil {
			return page, fmt.Errorf("sqlite: articles: %w", err)
		}
		if len(page.Items) == n {
			page.Next = encodeCursor(strconv.FormatInt(last, 10))
			break
		}
		page.Items = append(page.Items, a)
		last = seq
	}
	return page, rows.Err()
}

// Article implements [store.ArticleReader].
func (db *DB) Article(ctx context.Context, id string) (*store.Article, error) {
	var text string
	_, a, err := scanArticle(db.r.QueryRowContext(ctx, `SELECT `+articleCols+`, a.text FROM articles a WHERE a.id = ?`, id), &text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: article %s: %w", id, err)
	}
	a.Text = text
	return &a, nil
}

// actorEvents counts the events of actor r.
const actorEvents = `(SELECT count(DISTINCT event_seq) FROM event_actors WHERE actor_id = r.id)`

// Actors implements [store.ActorReader].
func (db *DB) Actors(ctx context.Context, f store.Filter) (store.Page[store.Actor], error) {
	var page store.Page[store.Actor]
	w := actorWhere(f)
	if f.Cursor != "" {
		parts, err := decodeCursor(f.Cursor, 1)
		if err != nil {
			return page, err
		}
		w.add(`r.id > ?`, parts[0])
	}
	n := f.PageLimit()
	rows, err := db.r.QueryContext(ctx, `SELECT r.id, r.name, r.country, r.sector, `+actorEvents+` FROM actors r`+
		w.sql()+` ORDER BY r.id LIMIT `+strconv.Itoa(n+1), w.args...)
	if err != nil {
		return page, fmt.Errorf("sqlite: actors: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var a store.Actor
		if err := rows.Scan(&a.ID, &a.Name, &a.Country, &a.Sector, &a.NumEvents); err != nil {
			return page, fmt.Errorf("sqlite: actors: %w", err)
		}
		if len(page.Items) == n {
			page.Next = encodeCursor(page.Items[n-1].ID)
			break
		}
		page.Items = append(page.Items, a)
	}
	return page, rows.Err()
}

// Actor implements [store.ActorReader].
func (db *DB) Actor(ctx context.Context, id string) (*store.Actor, error) {
	var a store.Actor
	err := db.r.QueryRowContext(ctx, `SELECT r.id, r.name, r.country, r.sector, `+actorEvents+` FROM actors r WHERE r.id = ?`, id).
		Scan(&a.ID, &a.Name, &a.Country, &a.Sector, &a.NumEvents)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor %s: %w", id, err)
	}
	rows, err := db.r.QueryContext(ctx, `SELECT name FROM actor_names WHERE actor_id = ? ORDER BY name`, id)
	if err != nil {
		return nil, fmt.Errorf("sqlite: actor %s: %w", id, err)
	}
	defer rows.Close()
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		a.Names = append(a.Names, n)
	}
	return &a, rows.Err()
}

// Network implements [store.Aggregator]: edges ordered by actor, recipient
// and quad; an actor named as the actors table has it (else by the least
// name its events store it with), a participant the knowledge base does
// not know ("~" and its name) by its name. The events are the ones coded;
// [DB.Corrected] counts them as corrected.
func (db *DB) Network(ctx context.Context, f store.Filter) ([]store.Edge, error) {
	return db.network(ctx, f, nil)
}

// Timeline implements [store.Aggregator], ordered by period and group.
// The events are the ones coded; [DB.Corrected] counts them as corrected.
func (db *DB) Timeline(ctx context.Context, f store.Filter, bucket, by string) ([]store.Bucket, error) {
	return db.timeline(ctx, f, bucket, by, nil)
}

// Stats implements [store.Store].
func (db *DB) Stats(ctx context.Context) (store.Stats, error) {
	var s store.Stats
	err := db.r.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM articles), (SELECT count(DISTINCT story_id) FROM articles),
		(SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions), (SELECT count(*) FROM actors)`).
		Scan(&s.Articles, &s.Stories, &s.Events, &s.Mentions, &s.Actors)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	return s, nil
}

// entityMentionsOf reads the entity mentions of one article. The table is
// keyed by actor, so the query walks the distinct actor ids (each found
// with one seek of the key: a skip-scan) and seeks each one's mentions in
// the article: two seeks per actor in the store, instead of reading every
// mention stored.
const entityMentionsOf = `WITH RECURSIVE ids(id) AS (
		SELECT min(actor_id) FROM entity_mentions
		UNION ALL
		SELECT (SELECT min(actor_id) FROM entity_mentions WHERE actor_id > ids.id) FROM ids WHERE ids.id IS NOT NULL)
	SELECT m.sentence, m.span_start, m.span_end, m.kind, m.actor_id, m.name,
		coalesce(r.name, ''), coalesce(r.country, ''), coalesce(r.sector, '')
	FROM ids JOIN entity_mentions m ON m.actor_id = ids.id AND m.article_seq = ?
	LEFT JOIN actors r ON r.id = m.actor_id
	ORDER BY m.idx`

// EntityMentions returns the entity mentions stored with an article, in
// their order in the text, or ErrNotFound. Each names the actor it
// resolved to as the actors table has it (name, country, sector), with
// the words the text used as its EntityText; a pronoun or a role names
// the actor it stands for. Mentions keep no head span and no list of the
// entities a pronoun stands for.
func (db *DB) EntityMentions(ctx context.Context, articleID string) ([]doc.Mention, error) {
	var seq int64
	err := db.r.QueryRowContext(ctx, `SELECT seq FROM articles WHERE id = ?`, articleID).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, store.ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity mentions of %s: %w", articleID, err)
	}
	rows, err := db.r.QueryContext(ctx, entityMentionsOf, seq)
	if err != nil {
		return nil, fmt.Errorf("sqlite: entity mentions of %s: %w", articleID, err)
	}
	defer rows.Close()
	out := []doc.Mention{}
	for rows.Next() {
		var m doc.Mention
		var kind, spelling, name string
		if err := rows.Scan(&m.Sentence, &m.Start, &m.End, &kind, &m.Entity.ID, &spelling, &name,
			&m.Entity.Country, &m.Entity.Sector); err != nil {
			return nil, fmt.Errorf("sqlite: entity mentions of %s: %w", articleID, err)
		}
		m.Kind, m.Entity.EntityText, m.Entity.Name = doc.MentionKind(kind), spelling, name
		if name == "" && m.Kind != doc.KindPron && m.Kind != doc.KindRole {
			m.Entity.Name = spelling
		}
		out = append(out, m)
	}
	return out, rows.Err()
}
