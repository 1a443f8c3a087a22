package web

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/ner"
	"github.com/parleyhq/parley/internal/ontology"
	"github.com/parleyhq/parley/internal/segment"
	"github.com/parleyhq/parley/internal/store"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// csp allows nothing but the server's own scripts, styles and images: no
// inline script, no inline style, no other origin, no framing.
const csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// Options configure [New]. The zero value serves a UI whose review is open
// to anyone who can reach it, which is right only on localhost.
type Options struct {
	// Token is the write token. When set, review needs it (a reviewer
	// enters it once; it is kept in an HttpOnly, SameSite=Strict cookie,
	// or sent as "Authorization: Bearer").
	Token string
	// Public says the server listens beyond localhost. Review then needs
	// the token, and is off when there is none.
	Public bool
	// Logger logs server errors; nil discards them.
	Logger *slog.Logger
}

// Server serves the web UI. Build it with [New]; it is an http.Handler.
type Server struct {
	db  store.Store
	rev store.Reviewer // nil when the engine keeps no corrections
	// agg counts events as corrected when the engine can, else as coded.
	agg store.Aggregator
	// kb is the knowledge base (nil for none); SetKB replaces it.
	kb    atomic.Pointer[kb.KB]
	opts  Options
	pages map[string]*template.Template
	mux   *http.ServeMux
	types []string // the PLOVER event types, for the filter bar
	// finder and splitter find the entity mentions of an article's stored
	// text again, for an engine that does not return the ones it stored.
	finder   *ner.Finder
	splitter *segment.Splitter
}

// New returns the UI over db, resolving typed actor names and reading
// aliases and roles with k (which may be nil).
func New(db store.Store, k *kb.KB, opts Options) (*Server, error) {
	s := &Server{db: db, opts: opts, pages: map[string]*template.Template{}}
	s.kb.Store(k)
	if opts.Logger == nil {
		s.opts.Logger = slog.New(slog.DiscardHandler)
	}
	s.rev, _ = db.(store.Reviewer)
	s.agg = db
	if c, ok := db.(store.CorrectedAggregator); ok {
		s.agg = c.Corrected()
	}
	t, err := ontology.PLOVER()
	if err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	for _, et := range t.Types() {
		s.types = append(s.types, et.Name)
	}
	if _, stored := db.(mentionReader); k != nil && !stored {
		if s.finder, err = ner.New(k); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
		if s.splitter, err = segment.New("en"); err != nil {
			return nil, fmt.Errorf("web: %w", err)
		}
	}
	if err := s.parse(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

// SetKB makes the UI resolve names with k from now on, as after an
// analyst's edit of the knowledge base.
func (s *Server) SetKB(k *kb.KB) { s.kb.Store(k) }

// knowledge is the knowledge base in use, or nil.
func (s *Server) knowledge() *kb.KB { return s.kb.Load() }

func (s *Server) parse() error {
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimPrefix(n, "templates/")
		if base == "layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", n)
		if err != nil {
			return fmt.Errorf("web: %w", err)
		}
		s.pages[strings.TrimSuffix(base, ".html")] = t
	}
	return nil
}

func (s *Server) routes() {
	m := http.NewServeMux()
	static, _ := fs.Sub(staticFS, "static")
	m.Handle("GET /static/", http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static))))
	m.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, readFilters(r).With("/timeline"), http.StatusSeeOther)
	})
	m.HandleFunc("GET /timeline", s.timeline)
	m.HandleFunc("GET /network", s.network)
	m.HandleFunc("GET /events", s.events)
	m.HandleFunc("GET /events/{id}", s.event)
	m.HandleFunc("POST /events/{id}/review", s.review)
	m.HandleFunc("GET /actors/{id}", s.actor)
	m.HandleFunc("GET /articles", s.articles)
	m.HandleFunc("GET /articles/{id}", s.article)
	m.HandleFunc("GET /review", s.reviewList)
	m.HandleFunc("POST /review/login", s.login)
	m.HandleFunc("GET /review/gold.jsonl", s.gold)
	m.HandleFunc("GET /review/corrections.jsonl", s.correctionsJSONL)
	m.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, store.ErrNotFound)
	})
	s.mux = m
}

// ServeHTTP serves the UI with its security headers.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	s.mux.ServeHTTP(w, r)
}

func cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// page is what every template gets: the page's own data and the shared
// filter bar.
type page struct {
	Title  string
	Nav    string
	F      Filters
	Types  []string
	Quads  []quadInfo
	Error  string
	Review reviewState
	Data   any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, name, title string, data any) {
	s.renderCode(w, r, http.StatusOK, name, title, data, "")
}

func (s *Server) renderCode(w http.ResponseWriter, r *http.Request, code int, name, title string, data any, msg string) {
	p := page{Title: title, Nav: name, F: readFilters(r), Types: s.types, Quads: quadList, Error: msg,
		Review: s.reviewState(r), Data: data}
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.opts.Logger.Error("web: render", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(code)
	w.Write(buf.Bytes())
}

// fail shows an error page: not found, a filter the user must fix, or a
// server error (logged, not shown).
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var fe *filterError
	switch {
	case errors.Is(err, store.ErrNotFound):
		s.renderCode(w, r, http.StatusNotFound, "error", "Not found", nil, "Nothing here: no such page, event, actor or article.")
	case errors.As(err, &fe):
		s.renderCode(w, r, http.StatusBadRequest, "error", "Bad filter", nil, fe.msg)
	case errors.Is(err, store.ErrInvalid):
		s.renderCode(w, r, http.StatusBadRequest, "error", "Bad filter", nil, err.Error())
	default:
		s.opts.Logger.Error("web", "path", r.URL.Path, "err", err)
		s.renderCode(w, r, http.StatusInternalServerError, "error", "Error", nil, "The server failed to answer; the error is in its log.")
	}
}
