package sqlite

import (
	"context"
	"fmt"
	"strings"
)

// Generate fills an empty store with n synthetic events, for benchmarks of
// the readers on a store of realistic size: n/2 articles of about 600
// bytes, each with two events between two of 5,000 actors (a hundred of
// them in half of all events), over ten years, of 16 types, with evidence
// sentences in the full-text index and one mention each. The words of the
// evidence follow Zipf's law, as words of text do (see genWordOf). It
// writes the rows directly, in transactions of 50,000 events, without
// deduplication; a million events take a minute or two.
func (db *DB) Generate(ctx context.Context, n int) error {
	var have int
	if err := db.w.QueryRowContext(ctx, `SELECT count(*) FROM articles`).Scan(&have); err != nil || have > 0 {
		return fmt.Errorf("sqlite: generate into a store that is not empty (%d articles): %w", have, err)
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if _, err := db.w.ExecContext(ctx, genActors); err != nil {
		return fmt.Errorf("sqlite: generate actors: %w", err)
	}
	const chunk = 50000
	for lo := 1; lo <= n; lo += chunk {
		hi := min(n, lo+chunk-1)
		if err := db.generate(ctx, lo, hi, n); err != nil {
			return fmt.Errorf("sqlite: generate events %d-%d: %w", lo, hi, err)
		}
		// The writer does not checkpoint by itself; keep the WAL small.
		if _, err := db.w.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
			return fmt.Errorf("sqlite: generate: checkpoint: %w", err)
		}
	}
	_, err := db.w.ExecContext(ctx, `UPDATE evidence_state SET indexed = (SELECT coalesce(max(seq), 0) FROM event_mentions)`)
	return err
}

func (db *DB) generate(ctx context.Context, lo, hi, n int) error {
	tx, err := db.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{genArticles, genEvents, genEventActors, genMentions, genEvidence} {
		if _, err := tx.ExecContext(ctx, q, lo, hi, n); err != nil {
			return fmt.Errorf("%.50s: %w", strings.TrimSpace(q), err)
		}
	}
	return tx.Commit()
}

// The generator's SQL. h(x, k) is a deterministic pseudo-random number
// below 1000003; ?1..?2 is the range of event seqs, ?3 the total. Event x
// belongs to article (x+1)/2.
const (
	genRange = `WITH RECURSIVE c(x) AS (SELECT ?1 UNION ALL SELECT x + 1 FROM c WHERE x < ?2) `

	genWords = `'talks     border    security  minister  agreement oil       ceasefire militia   election  migration ' ||
		'ports     aid       sanctions troops    envoy     council   bank      protest   coast     guard     ' ||
		'pipeline  summit    visit     truce     prisoner  exchange  forces    drones    airport   court     '`

	genCountries = `'LBYTUNEGYDZAITAFRATURRUSUSAGBRDEUQATAREMARSDNTCDNERMLIGRCMLTSAUJORCHN'`

	genActors = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000)
		INSERT INTO actors (id, name, country, sector)
		SELECT 'gen-' || x, 'Actor ' || x, substr(` + genCountries + `, (x % 23) * 3 + 1, 3),
			CASE x % 3 WHEN 0 THEN 'GOV' WHEN 1 THEN 'MIL' ELSE 'REB' END FROM c`

	genArticles = genRange + `, a(x) AS (SELECT DISTINCT (x + 1) / 2 FROM c)
		INSERT INTO articles (seq, id, story_id, url, title, source, source_key, lang, published, published_day,
			published_precision, text, num_mentions, num_events, first_mention, ingested_at)
		SELECT x, printf('gen%013d', x), printf('gen%013d', x), 'https://gen.example/' || x, 'Generated report ' || x,
			'Outlet ' || (x % 50), 's:outlet ' || (x % 50), 'en',
			date('2016-01-01', (x * 3650 / ((?3 + 1) / 2)) || ' days'),
			date('2016-01-01', (x * 3650 / ((?3 + 1) / 2)) || ' days'), 'day',
			printf('Generated report %d. %s', x, replace(substr(` + genWords + ` || ` + genWords + ` || ` + genWords + `, 1 + (x % 7) * 10, 800), '  ', ' ')),
			0, 2, 2 * x - 1, '2026-01-01T00:00:00Z'
		FROM a WHERE x >= (?1 + 1) / 2`

	// The two participants: one of the first hundred actors half the time.
	genActorOf = `CASE WHEN (x * 2654435761 + %d) %% 1000003 %% 2 = 0
		THEN 1 + (x * 2246822519 + %d) %% 1000003 %% 100 ELSE 1 + (x * 3266489917 + %d) %% 1000003 %% 5000 END`

	// genRank is a rank drawn from Zipf's law (exponent 1) over the
	// vocabulary by hash %d, %d, %d of x (quadratic, so that the words of
	// one sentence are drawn independently): rank r comes up about
	// 1/(r·ln(genVocabulary+1)) of the time, so that "the" is in most
	// sentences, "ceasefire" (30) in about one in twenty and "drones" (40)
	// one in thirty, and most words are rare.
	genRank = `CAST(exp(((x * x) %% 1000003 * %d + x * %d + %d) %% 1000003 / 1000003.0 * ln(` + genVocabulary + ` + 1)) AS INTEGER)`

	genVocabulary = `5000`
)

// genWordOf is the word of rank %[1]s (1 to genVocabulary) of the evidence
// vocabulary: the 40 of genCommon, then w41, w42, ...
var genWordOf = `CASE WHEN %[1]s <= 40 THEN rtrim(substr(` + genCommon + `, %[1]s * 10 - 9, 10)) ELSE 'w' || %[1]s END`

// genCommon are the 40 most common words of the evidence, most common first.
var genCommon = func() string {
	words := strings.Fields(`the of and to in a on said with for minister talks security president government
		forces agreement border meeting foreign military oil council election support aid envoy visit summit
		ceasefire militia migration ports sanctions troops bank protest coast guard drones`)
	var b strings.Builder
	for _, w := range words {
		fmt.Fprintf(&b, "%-10s", w)
	}
	return "'" + b.String() + "'"
}()

var (
	genA1 = fmt.Sprintf(genActorOf, 11, 13, 17)
	genA2 = fmt.Sprintf(genActorOf, 19, 23, 29)

	// genRanks and genText: twelve words drawn for event x, as columns
	// r0..r11 of the query that computes them and as the sentence.
	genRanks, genText = func() (string, string) {
		var ranks, words []string
		// Coefficients that no line through i gives.
		mul := []int{7919, 524287, 104729, 611953, 40503, 999331, 65537, 287117, 863123, 12289, 746773, 331777}
		for i := 0; i < 12; i++ {
			ranks = append(ranks, fmt.Sprintf(genRank, mul[i], mul[(i+5)%12], mul[(i*7+3)%12])+fmt.Sprintf(" AS r%d", i))
			words = append(words, fmt.Sprintf(genWordOf, fmt.Sprintf("r%d", i)))
		}
		return strings.Join(ranks, ", "), strings.Join(words, " || ' ' || ")
	}()

	// The 16 PLOVER types, CONSULT four times as likely as most.
	genTypes = `substr('CONSULT  CONSULT  CONSULT  CONSULT  AGREE    SUPPORT  REQUEST  CONCEDE  COOPERATE' ||
		'AID      RETREAT  ACCUSE   REJECT   THREATEN PROTEST  SANCTION MOBILIZE COERCE   ASSAULT  ', 1 + t * 9, 9)`

	genEvents = genRange + `, p AS (SELECT x, (x * 40503 + 7) % 1000003 % 19 AS t, ` + genA1 + ` AS a1, ` + genA2 + ` AS a2,
			date('2016-01-01', (((x + 1) / 2) * 3650 / ((?3 + 1) / 2) - (x % 3)) || ' days') AS d FROM c),
		q AS (SELECT x, rtrim(` + genTypes + `) AS typ, CASE WHEN a2 = a1 THEN 1 + a1 % 5000 ELSE a2 END AS a2, a1, d,
			` + genRanks + ` FROM p)
		INSERT INTO events (seq, id, merge_key, event_type, mode, quad, status, context, date, date_precision, date_lo, date_hi,
			location, location_name, location_country, text, confidence, num_mentions, num_sources, num_articles, num_stories,
			first_seen, last_seen)
		SELECT x, 'gen-e' || x, typ || '|occurred|gen-' || min(a1, a2) || ',gen-' || max(a1, a2), typ, '',
			CASE WHEN typ IN ('CONSULT', 'AGREE', 'SUPPORT', 'REQUEST', 'CONCEDE') THEN 'verbal_cooperation'
				WHEN typ IN ('COOPERATE', 'AID', 'RETREAT') THEN 'material_cooperation'
				WHEN typ IN ('ACCUSE', 'REJECT', 'THREATEN') THEN 'verbal_conflict' ELSE 'material_conflict' END,
			CASE WHEN x % 20 = 0 THEN 'planned' ELSE 'occurred' END,
			CASE WHEN x % 5 = 0 THEN '["migration"]' ELSE '[]' END, d, 'day', d, d,
			CASE WHEN x % 3 = 0 THEN json_object('name', 'Tripoli', 'country', 'LBY') END,
			CASE WHEN x % 3 = 0 THEN 'Tripoli' ELSE '' END, CASE WHEN x % 3 = 0 THEN 'LBY' ELSE '' END,
			'Actor ' || a1 || ' ' || lower(typ) || ' Actor ' || a2 || ': ' || ` + genText + `,
			0.8, 1 + x % 4, 1 + x % 3, 1 + x % 4, 1 + x % 3, d, d
		FROM q`

	genEventActors = genRange + `, p AS (SELECT x, a1, CASE WHEN a2 = a1 THEN 1 + a1 % 5000 ELSE a2 END AS a2
			FROM (SELECT x, ` + genA1 + ` AS a1, ` + genA2 + ` AS a2 FROM c))
		INSERT INTO event_actors (event_seq, role, pos, actor_id, name, country, sector, entity_text)
		SELECT p.x, r.role, 0, a.id, a.name, a.country, a.sector, a.name
		FROM p, (SELECT 0 AS role UNION ALL SELECT 1) AS r
		JOIN actors a ON a.id = 'gen-' || CASE r.role WHEN 0 THEN p.a1 ELSE p.a2 END`

	genMentions = genRange + `
		INSERT INTO event_mentions (seq, id, event_seq, article_seq, record)
		SELECT e.seq, e.id, e.seq, (e.seq + 1) / 2, json_object('id', e.id, 'article_id', printf('gen%013d', (e.seq + 1) / 2),
			'event_type', e.event_type, 'context', json(e.context), 'quad', e.quad, 'status', e.status, 'date', e.date,
			'date_precision', 'day', 'actor', json('[]'), 'recipient', json('[]'), 'location', json(e.location),
			'text', e.text, 'span', json('[0,0]'), 'confidence', e.confidence)
		FROM c JOIN events e ON e.seq = c.x`

	genEvidence = genRange + `INSERT INTO evidence (rowid, text) SELECT e.seq, e.text FROM c JOIN events e ON e.seq = c.x`
)
