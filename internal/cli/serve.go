package cli

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/dedup"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/pipeline"
	"github.com/parleyhq/parley/internal/source"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/web"
)

func runServe(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "serve", "[--db FILE] [--addr HOST:PORT] [--kb DIR]")
	dbPath := fs.String("db", "", "store file (default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	kbDir := fs.String("kb", "", "knowledge base directory (default: the embedded one)")
	tokenFile := fs.String("token-file", "", "file holding the bearer token that enables write endpoints (or set $PARLEY_TOKEN)")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	token := os.Getenv("PARLEY_TOKEN")
	if *tokenFile != "" {
		b, err := os.ReadFile(*tokenFile)
		if err != nil {
			return err
		}
		token = strings.TrimSpace(string(b))
	}
	k, err := loadKB(*kbDir)
	if err != nil {
		return err
	}
	db, err := openStore(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := rememberStored(ctx, db, k); err != nil {
		return err
	}
	api := &apiServer{db: db, kb: k, token: token, kbDir: *kbDir, overlay: defaultOverlay()}
	if token != "" {
		if api.pipe, err = pipeline.New(k); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	ui, err := web.New(db, k, web.Options{Token: token, Public: !loopback(ln.Addr())})
	if err != nil {
		ln.Close()
		return err
	}
	api.web = ui
	srv := &http.Server{Handler: api.handler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 120 * time.Second}
	mode := "read-only"
	if token != "" {
		mode = "writes enabled with the bearer token"
	}
	fmt.Fprintf(env.Stderr, "parley serve: http://%s/ (web UI), http://%s/api/events (%s)\n", ln.Addr(), ln.Addr(), mode)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(sctx)
	}
}

// apiServer serves a store as JSON.
type apiServer struct {
	db    store.Store
	token string
	web   http.Handler // the web UI on "/" and "/static/"; nil serves the API alone
	// kbDir and overlay are where the knowledge base and the analyst's
	// edits of it are read from ("" for the embedded one, and no overlay).
	kbDir, overlay string

	// mu guards kb and pipe, which an edit of the knowledge base replaces.
	mu   sync.RWMutex
	kb   *kb.KB
	pipe *pipeline.Pipeline // nil when read-only
	// editing serialises the edits of the knowledge base.
	editing sync.Mutex
}

// aggregates are the store's network and timeline, with analysts'
// corrections applied when the store keeps them.
func (s *apiServer) aggregates() store.Aggregator {
	if c, ok := s.db.(store.CorrectedAggregator); ok {
		return c.Corrected()
	}
	return s.db
}

// current returns the knowledge base and pipeline in use.
func (s *apiServer) current() (*kb.KB, *pipeline.Pipeline) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.kb, s.pipe
}

// loopback reports whether a listener accepts connections from this machine only.
func loopback(a net.Addr) bool {
	ta, ok := a.(*net.TCPAddr)
	return ok && ta.IP.IsLoopback()
}

func (s *apiServer) handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/events", s.events)
	mux.HandleFunc("GET /api/events/{id}", s.event)
	mux.HandleFunc("GET /api/actors", s.actors)
	mux.HandleFunc("GET /api/actors/{id}", s.actor)
	mux.HandleFunc("GET /api/articles", s.articles)
	mux.HandleFunc("GET /api/articles/{id}", s.article)
	mux.HandleFunc("GET /api/network", s.network)
	mux.HandleFunc("GET /api/timeline", s.timeline)
	mux.HandleFunc("GET /api/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(openAPI))
	})
	mux.Handle("POST /api/articles", s.authorized(http.HandlerFunc(s.submit)))
	mux.Handle("POST /api/kb/edits", s.authorized(http.HandlerFunc(s.editKB)))
	if s.web != nil {
		mux.Handle("/", s.web)
	}
	return mux
}

// authorized lets a request through only with the configured bearer token.
func (s *apiServer) authorized(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pipe := s.current(); s.token == "" || pipe == nil {
			httpError(w, http.StatusForbidden, "the server is read-only: start it with a token to enable writes")
			return
		}
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="parley"`)
			httpError(w, http.StatusUnauthorized, "missing or wrong bearer token")
			return
		}
		h.ServeHTTP(w, r)
	})
}

func httpError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// fail maps a store error to a status.
func fail(w http.ResponseWriter, err error) {
	var ue *usageError
	switch {
	case errors.Is(err, store.ErrNotFound):
		httpError(w, http.StatusNotFound, "not found")
	case errors.As(err, &ue), errors.Is(err, store.ErrInvalid):
		httpError(w, http.StatusBadRequest, err.Error())
	default:
		httpError(w, http.StatusInternalServerError, err.Error())
	}
}

// filter reads the query parameters of a request into a store filter.
func (s *apiServer) filter(r *http.Request) (store.Filter, error) {
	q := r.URL.Query()
	ff := filterFlags{actorID: q.Get("actor_id"), country: q.Get("country"), typ: q.Get("type"), quad: q.Get("quad"),
		ctx: q.Get("context"), since: q.Get("since"), until: q.Get("until"), text: q.Get("text"), status: q.Get("status"),
		article: q.Get("article"), cursor: q.Get("cursor")}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"min_sources", &ff.minSources}, {"limit", &ff.limit}} {
		if v := q.Get(p.name); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return store.Filter{}, &usageError{fmt.Sprintf("bad %s %q", p.name, v)}
			}
			*p.dst = n
		}
	}
	f, err := ff.filter()
	if err != nil {
		return f, err
	}
	f.Limit = ff.limit
	if name := q.Get("actor"); name != "" {
		k, _ := s.current()
		if ids := resolveActor(k, name); len(ids) > 0 {
			f.ActorIDs = append(f.ActorIDs, ids...)
		} else {
			f.ActorName = name
		}
	}
	return f, nil
}

func (s *apiServer) events(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		fail(w, err)
		return
	}
	p, err := s.db.Events(r.Context(), f)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *apiServer) event(w http.ResponseWriter, r *http.Request) {
	e, err := s.db.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	if e.ID != r.PathValue("id") {
		// merged into another event since: its address now
		http.Redirect(w, r, "/api/events/"+url.PathEscape(e.ID), http.StatusFound)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

func (s *apiServer) actors(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		fail(w, err)
		return
	}
	p, err := s.db.Actors(r.Context(), f)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *apiServer) actor(w http.ResponseWriter, r *http.Request) {
	a, err := s.db.Actor(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *apiServer) articles(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		fail(w, err)
		return
	}
	p, err := s.db.Articles(r.Context(), f)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *apiServer) article(w http.ResponseWriter, r *http.Request) {
	a, err := s.db.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *apiServer) network(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		fail(w, err)
		return
	}
	edges, err := s.aggregates().Network(r.Context(), f)
	if err != nil {
		fail(w, err)
		return
	}
	type jnode struct {
		ID    string `json:"id"`
		Label string `json:"label"`
	}
	ns := []jnode{}
	for _, n := range nodes(edges) {
		ns = append(ns, jnode{n.id, n.label})
	}
	writeJSON(w, http.StatusOK, map[string]any{"nodes": ns, "edges": edges})
}

func (s *apiServer) timeline(w http.ResponseWriter, r *http.Request) {
	f, err := s.filter(r)
	if err != nil {
		fail(w, err)
		return
	}
	bucket, by := r.URL.Query().Get("bucket"), r.URL.Query().Get("by")
	if bucket == "" {
		bucket = "day"
	}
	if by == "" {
		by = "quad"
	}
	b, err := s.aggregates().Timeline(r.Context(), f, bucket, by)
	if err != nil {
		fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"bucket": bucket, "by": by, "counts": b})
}

// submit codes and stores one article given in the article JSON format.
func (s *apiServer) submit(w http.ResponseWriter, r *http.Request) {
	rd := source.NewReader(http.MaxBytesReader(w, r.Body, 8<<20), "request", nil)
	defer rd.Close()
	if !rd.Next() {
		msg := "no article in the request body"
		if err := rd.Err(); err != nil {
			msg = err.Error()
		}
		httpError(w, http.StatusBadRequest, msg)
		return
	}
	a := rd.Article()
	key := dedup.ArticleID(a.URL, a.Text)
	_, pipe := s.current()
	if err := pipe.Process(r.Context(), a); err != nil {
		httpError(w, http.StatusUnprocessableEntity, err.Error())
		return
	}
	res, err := s.db.PutArticle(r.Context(), key, a)
	if err != nil {
		fail(w, err)
		return
	}
	code := http.StatusCreated
	if res.Duplicate {
		code = http.StatusOK
	}
	writeJSON(w, code, res)
}

// editKB applies analysts' edits of the knowledge base (a JSON Op, an
// array of them, or JSON lines; see [kb.Op]): they are checked on a fresh
// copy of the knowledge base, written to the overlay, and the stored
// events are re-resolved; then new submissions use the edited copy.
func (s *apiServer) editKB(w http.ResponseWriter, r *http.Request) {
	if s.overlay == "" {
		httpError(w, http.StatusConflict, "the server has no overlay file to keep edits in")
		return
	}
	ops, err := readOps(http.MaxBytesReader(w, r.Body, 4<<20))
	if err != nil || len(ops) == 0 {
		httpError(w, http.StatusBadRequest, fmt.Sprintf("want a JSON edit, an array of them or JSON lines: %v", err))
		return
	}
	relabeler, ok := s.db.(store.Relabeler)
	if !ok {
		httpError(w, http.StatusNotImplemented, "this store cannot re-resolve its events")
		return
	}
	s.editing.Lock()
	defer s.editing.Unlock()
	// A fresh copy: it is installed only when every edit holds, and
	// nothing is written to the overlay before.
	k, err := loadKBOverlay(s.kbDir, s.overlay)
	if err == nil {
		err = rememberStored(r.Context(), s.db, k)
	}
	if err != nil {
		fail(w, err)
		return
	}
	if ops, err = editKB(k, s.overlay, ops); err != nil {
		if errors.Is(err, errBadEdit) {
			httpError(w, http.StatusUnprocessableEntity, err.Error())
		} else {
			fail(w, err)
		}
		return
	}
	res, err := relabel(r.Context(), relabeler, k, ops)
	if err != nil {
		fail(w, err)
		return
	}
	_, pipe := s.current()
	if pipe != nil {
		if pipe, err = pipeline.New(k); err != nil {
			fail(w, err)
			return
		}
	}
	s.mu.Lock()
	s.kb, s.pipe = k, pipe
	s.mu.Unlock()
	if ui, ok := s.web.(interface{ SetKB(*kb.KB) }); ok {
		ui.SetKB(k)
	}
	writeJSON(w, http.StatusOK, struct {
		Edits      []kb.Op          `json:"edits"`
		Relabelled store.Relabelled `json:"relabelled"`
	}{ops, res})
}

// readOps reads edits: one JSON object, a JSON array, or JSON lines. A
// field kb.Op does not have is an error, not an edit silently dropped.
func readOps(r io.Reader) ([]kb.Op, error) {
	dec := json.NewDecoder(r)
	var ops []kb.Op
	for {
		var raw json.RawMessage
		if err := dec.Decode(&raw); errors.Is(err, io.EOF) {
			return ops, nil
		} else if err != nil {
			return nil, err
		}
		strict := json.NewDecoder(bytes.NewReader(raw))
		strict.DisallowUnknownFields()
		if t := bytes.TrimSpace(raw); len(t) > 0 && t[0] == '[' {
			var list []kb.Op
			if err := strict.Decode(&list); err != nil {
				return nil, err
			}
			ops = append(ops, list...)
			continue
		}
		var op kb.Op
		if err := strict.Decode(&op); err != nil {
			return nil, err
		}
		ops = append(ops, op)
	}
}

// openAPI describes the API (OpenAPI 3.1).
const openAPI = `{
  "openapi": "3.1.0",
  "info": {"title": "parley", "version": "1", "description": "Coded PLOVER events, deduplicated across articles. Lists are paged: pass the response's next as cursor."},
  "components": {
    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
    "parameters": {
      "actor": {"name": "actor", "in": "query", "description": "actor name in any spelling the knowledge base knows, or an actor id", "schema": {"type": "string"}},
      "actor_id": {"name": "actor_id", "in": "query", "description": "actor ids, comma-separated", "schema": {"type": "string"}},
      "country": {"name": "country", "in": "query", "description": "ISO 3166 alpha-3 of a participant or of the location", "schema": {"type": "string"}},
      "type": {"name": "type", "in": "query", "description": "PLOVER event type", "schema": {"type": "string"}},
      "quad": {"name": "quad", "in": "query", "schema": {"type": "string", "enum": ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]}},
      "context": {"name": "context", "in": "query", "schema": {"type": "string"}},
      "status": {"name": "status", "in": "query", "description": "default occurred or planned; any for all", "schema": {"type": "string"}},
      "since": {"name": "since", "in": "query", "schema": {"type": "string", "format": "date"}},
      "until": {"name": "until", "in": "query", "schema": {"type": "string", "format": "date"}},
      "text": {"name": "text", "in": "query", "description": "full-text search on the evidence (all words; word* for a prefix)", "schema": {"type": "string"}},
      "min_sources": {"name": "min_sources", "in": "query", "schema": {"type": "integer", "minimum": 0}},
      "article": {"name": "article", "in": "query", "schema": {"type": "string"}},
      "limit": {"name": "limit", "in": "query", "description": "page size, default 100, at most 10000", "schema": {"type": "integer", "minimum": 0}},
      "cursor": {"name": "cursor", "in": "query", "schema": {"type": "string"}},
      "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}
    },
    "schemas": {
      "Entity": {"type": "object", "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "country": {"type": "string"}, "sector": {"type": "string"}, "entity_text": {"type": "string"}}},
      "Event": {"type": "object", "properties": {
        "id": {"type": "string"}, "event_type": {"type": "string"}, "mode": {"type": "string"}, "context": {"type": "array", "items": {"type": "string"}},
        "quad": {"type": "string"}, "status": {"type": "string"}, "date": {"type": "string"}, "date_precision": {"type": "string"},
        "actor": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}}, "recipient": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
        "location": {"type": ["object", "null"]}, "text": {"type": "string"}, "confidence": {"type": "number"},
        "num_mentions": {"type": "integer"}, "num_sources": {"type": "integer"}, "num_articles": {"type": "integer"}, "num_stories": {"type": "integer"},
        "first_seen": {"type": "string"}, "last_seen": {"type": "string"}, "mentions": {"type": "array", "items": {"type": "object"}}}},
      "Page": {"type": "object", "properties": {"items": {"type": "array"}, "next": {"type": "string"}}}
    }
  },
  "paths": {
    "/api/events": {"get": {"summary": "events matching the filters", "parameters": [
      {"$ref": "#/components/parameters/actor"}, {"$ref": "#/components/parameters/actor_id"}, {"$ref": "#/components/parameters/country"},
      {"$ref": "#/components/parameters/type"}, {"$ref": "#/components/parameters/quad"}, {"$ref": "#/components/parameters/context"},
      {"$ref": "#/components/parameters/status"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
      {"$ref": "#/components/parameters/text"}, {"$ref": "#/components/parameters/min_sources"}, {"$ref": "#/components/parameters/article"},
      {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
      "responses": {"200": {"description": "a page of events", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Page"}}}}, "400": {"description": "bad parameter"}}}},
    "/api/events/{id}": {"get": {"summary": "one event with all its mentions", "parameters": [{"$ref": "#/components/parameters/id"}],
      "responses": {"200": {"description": "the event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}}, "302": {"description": "the event was merged into another (a knowledge-base edit): Location is that event"}, "404": {"description": "no such event"}}}},
    "/api/actors": {"get": {"summary": "actors named by stored events and mentions", "parameters": [
      {"$ref": "#/components/parameters/actor"}, {"$ref": "#/components/parameters/actor_id"}, {"$ref": "#/components/parameters/country"},
      {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}], "responses": {"200": {"description": "a page of actors"}}}},
    "/api/actors/{id}": {"get": {"summary": "one actor with the spellings used for it", "parameters": [{"$ref": "#/components/parameters/id"}],
      "responses": {"200": {"description": "the actor"}, "404": {"description": "no such actor"}}}},
    "/api/articles": {"get": {"summary": "stored articles", "parameters": [
      {"$ref": "#/components/parameters/actor"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"},
      {"$ref": "#/components/parameters/text"}, {"$ref": "#/components/parameters/limit"}, {"$ref": "#/components/parameters/cursor"}],
      "responses": {"200": {"description": "a page of articles"}}},
      "post": {"summary": "code and store one article (article JSON)", "security": [{"bearer": []}],
        "responses": {"201": {"description": "stored"}, "200": {"description": "stored already"}, "401": {"description": "wrong token"}, "403": {"description": "read-only server"}}}},
    "/api/articles/{id}": {"get": {"summary": "one article with its text", "parameters": [{"$ref": "#/components/parameters/id"}],
      "responses": {"200": {"description": "the article"}, "404": {"description": "no such article"}}}},
    "/api/kb/edits": {"post": {"summary": "edit the knowledge base: one edit, an array or JSON lines of {op: alias|merge|split|add, id, name, from, new_id, aliases, actor}; the stored events are re-resolved", "security": [{"bearer": []}],
      "responses": {"200": {"description": "the edits written and what was re-resolved"}, "400": {"description": "not an edit"}, "401": {"description": "wrong token"}, "403": {"description": "read-only server"}, "422": {"description": "an edit the knowledge base refuses (unknown actor)"}}}},
    "/api/network": {"get": {"summary": "actor graph of the matching events: edges actor to recipient per quad, weighted by events", "parameters": [
      {"$ref": "#/components/parameters/actor"}, {"$ref": "#/components/parameters/country"}, {"$ref": "#/components/parameters/type"},
      {"$ref": "#/components/parameters/quad"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"}],
      "responses": {"200": {"description": "nodes and edges"}}}},
    "/api/timeline": {"get": {"summary": "event counts per day or week, by type or quad", "parameters": [
      {"name": "bucket", "in": "query", "schema": {"type": "string", "enum": ["day", "week"]}},
      {"name": "by", "in": "query", "schema": {"type": "string", "enum": ["type", "quad"]}},
      {"$ref": "#/components/parameters/actor"}, {"$ref": "#/components/parameters/type"}, {"$ref": "#/components/parameters/since"}, {"$ref": "#/components/parameters/until"}],
      "responses": {"200": {"description": "counts"}, "400": {"description": "bad bucket or grouping"}}}},
    "/api/openapi.json": {"get": {"summary": "this document", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
  }
}`
