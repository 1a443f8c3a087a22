package dedup_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/source"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

// ingest runs the real pipeline on article JSONL and stores the articles.
func ingest(t *testing.T, jsonl string) (*sqlite.DB, []store.Result) {
	t.Helper()
	ctx := context.Background()
	p, err := pipeline.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "parley.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	r := source.NewReader(strings.NewReader(jsonl), "test", nil)
	defer r.Close()
	var res []store.Result
	for r.Next() {
		a := r.Article()
		key := dedup.ArticleID(a.URL, a.Text)
		if err := p.Process(ctx, a); err != nil {
			t.Fatal(err)
		}
		x, err := db.PutArticle(ctx, key, a)
		if err != nil {
			t.Fatal(err)
		}
		res = append(res, x)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return db, res
}

func consults(t *testing.T, db *sqlite.DB) []store.Event {
	t.Helper()
	p, err := db.Events(context.Background(), store.Filter{Type: "CONSULT", ActorIDs: []string{"p-tur-akar-hulusi"}})
	if err != nil {
		t.Fatal(err)
	}
	return p.Items
}

// One wire story, syndicated by three outlets with their own boilerplate.
const syndicated = `{"url":"https://wire.example/2024/05/08/dbeibah-akar?utm_source=rss","source":"Wire","published":"2024-05-08","text":"Dbeibah, Akar discuss training\n\nLibyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday to discuss military training and the security of the capital.\n\nThe two officials also reviewed joint projects in energy and construction, according to a statement from the government media office, which said further meetings would follow in Ankara before the end of the year."}
{"url":"https://www.gazette.example/libya/akar-in-tripoli/","source":"Tripoli Gazette","published":"2024-05-08","text":"Akar in Tripoli for talks with Dbeibah\n\nTRIPOLI (Wire) - Libyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday to discuss military training and the security of the capital.\n\nThe two officials also reviewed joint projects in energy and construction, according to a statement from the government media office, which said further meetings would follow in Ankara before the end of the year.\n\nFollow the Gazette on Telegram for more news."}
{"url":"https://daily.example/world/2024-05-09-turkey-libya","source":"Daily","published":"2024-05-09","text":"Turkey and Libya talk training\n\nLibyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday to discuss military training and the security of the capital.\n\nThe two officials also reviewed joint projects in energy and construction, according to a statement from the government media office, which said further meetings would follow in Ankara before the end of the year.\n\nRead more: Libya news"}
{"url":"https://wire.example/2024/05/08/dbeibah-akar#comments","source":"Wire","published":"2024-05-08","text":"the same page again, by another link"}
`

func TestSyndicatedStory(t *testing.T) {
	db, res := ingest(t, syndicated)
	if !res[1].NearDuplicate || !res[2].NearDuplicate || res[1].StoryID != res[0].ArticleID || res[2].StoryID != res[0].ArticleID {
		t.Errorf("copies not in the wire story: %+v", res)
	}
	if !res[3].Duplicate {
		t.Errorf("the same URL again was stored: %+v", res[3])
	}
	ev := consults(t, db)
	if len(ev) != 1 {
		t.Fatalf("want one meeting, got %d: %+v", len(ev), ev)
	}
	e := ev[0]
	if e.NumMentions != 3 || e.NumArticles != 3 || e.NumSources != 3 || e.NumStories != 1 || e.Date != "2024-05-07" {
		t.Errorf("meeting: %s mentions %d articles %d sources %d stories %d; want 3/3/3/1 on 2024-05-07",
			e.Date, e.NumMentions, e.NumArticles, e.NumSources, e.NumStories)
	}
	st, _ := db.Stats(context.Background())
	if st.Articles != 3 || st.Stories != 1 {
		t.Errorf("stats %+v, want 3 articles in 1 story", st)
	}
}

// One meeting reported the day after and again the week after; another
// meeting of the same pair a month later.
const twoDays = `{"url":"https://one.example/a","source":"One","published":"2024-05-08","text":"Dbeibah meets Akar\n\nLibyan Prime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday to discuss military training and the security of the capital.\n\nThe two officials also reviewed joint projects."}
{"url":"https://two.example/b","source":"Two","published":"2024-05-14","text":"Training programme expands\n\nTurkey will send more instructors to Libya. Last week, Dbaiba held talks with Hulusi Akar in Tripoli on the programme.\n\nOfficials gave no figures."}
{"url":"https://three.example/c","source":"Three","published":"2024-06-12","text":"Akar back in Tripoli\n\nPrime Minister Abdul Hamid Dbeibah met Turkish Defence Minister Hulusi Akar in Tripoli on Tuesday for new talks on border security.\n\nNo statement followed."}
`

func TestMeetingReportedOnTwoDays(t *testing.T) {
	db, res := ingest(t, twoDays)
	if res[1].MergedEvents != 1 || res[2].NewEvents != 1 || res[2].MergedEvents != 0 {
		t.Errorf("results %+v: want the second report merged, the June meeting new", res)
	}
	ev := consults(t, db)
	if len(ev) != 2 {
		t.Fatalf("want two meetings (May, June), got %d: %+v", len(ev), ev)
	}
	may, june := ev[0], ev[1]
	if may.Date != "2024-05-07" || may.DatePrecision != "day" || may.NumArticles != 2 || may.NumSources != 2 ||
		may.FirstSeen != "2024-05-08" || may.LastSeen != "2024-05-14" {
		t.Errorf("May meeting: %+v", may)
	}
	if june.Date != "2024-06-11" || june.NumArticles != 1 {
		t.Errorf("June meeting: %+v", june)
	}
	full, err := db.Event(context.Background(), may.ID)
	if err != nil || len(full.Mentions) != 2 || full.Mentions[1].DateText != "Last week" {
		t.Errorf("May meeting's mentions: %+v, %v", full, err)
	}
}
