package web

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/source"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

var shared = sync.OnceValues(func() (*pipeline.Pipeline, error) {
	k, err := kb.Load()
	if err != nil {
		return nil, err
	}
	return pipeline.New(k)
})

// fixture is a store filled by ingesting testdata files, and the UI over it.
type fixture struct {
	t    testing.TB
	db   *sqlite.DB
	pipe *pipeline.Pipeline
	srv  *Server
}

func newFixture(t testing.TB, opts Options, files ...string) *fixture {
	t.Helper()
	p, err := shared()
	if err != nil {
		t.Fatal(err)
	}
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "parley.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fx := &fixture{t: t, db: db, pipe: p}
	fx.ingest(files...)
	if fx.srv, err = New(db, p.KB, opts); err != nil {
		t.Fatal(err)
	}
	return fx
}

// ingest codes and stores the articles of files, as `parley ingest` does.
func (fx *fixture) ingest(files ...string) {
	fx.t.Helper()
	ctx := context.Background()
	for _, name := range files {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			fx.t.Fatal(err)
		}
		rd := source.NewReader(f, name, nil)
		for rd.Next() {
			a := rd.Article()
			key := dedup.ArticleID(a.URL, a.Text)
			if err := fx.pipe.Process(ctx, a); err != nil {
				fx.t.Fatal(err)
			}
			if _, err := fx.db.PutArticle(ctx, key, a); err != nil {
				fx.t.Fatal(err)
			}
		}
		if err := rd.Err(); err != nil {
			fx.t.Fatal(err)
		}
		rd.Close()
		f.Close()
	}
}

// get serves one GET and returns the status and body.
func (fx *fixture) get(path string) (int, string) {
	fx.t.Helper()
	rec := httptest.NewRecorder()
	fx.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	b, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, string(b)
}

// mustGet fails unless path answers 200.
func (fx *fixture) mustGet(path string) string {
	fx.t.Helper()
	code, body := fx.get(path)
	if code != http.StatusOK {
		fx.t.Fatalf("GET %s: %d\n%s", path, code, body)
	}
	return body
}

// post serves one form POST with optional extra headers.
func (fx *fixture) post(path string, form url.Values, hdr ...string) *http.Response {
	fx.t.Helper()
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	fx.srv.ServeHTTP(rec, req)
	return rec.Result()
}

// event finds the stored event of a type whose actor is named like actor.
func (fx *fixture) event(typ, actor string) store.Event {
	fx.t.Helper()
	p, err := fx.db.Events(context.Background(), store.Filter{Type: typ, ActorName: actor, Status: "any"})
	if err != nil || len(p.Items) == 0 {
		fx.t.Fatalf("no %s event of %s: %v", typ, actor, err)
	}
	return p.Items[0]
}

// actorID finds the stored actor named like name.
func (fx *fixture) actorID(name string) string {
	fx.t.Helper()
	p, err := fx.db.Actors(context.Background(), store.Filter{ActorName: name})
	if err != nil || len(p.Items) == 0 {
		fx.t.Fatalf("no actor %s: %v", name, err)
	}
	return p.Items[0].ID
}

// articleID finds the stored article whose title contains title.
func (fx *fixture) articleID(title string) string {
	fx.t.Helper()
	p, err := fx.db.Articles(context.Background(), store.Filter{Text: title})
	if err != nil || len(p.Items) == 0 {
		fx.t.Fatalf("no article %q: %v", title, err)
	}
	return p.Items[0].ID
}
