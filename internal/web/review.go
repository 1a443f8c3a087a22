package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/ontology"
	"github.com/parleyhq/parley/internal/store"
)

const cookieName = "parley_review"

// reviewState says what the current request may do about review.
type reviewState struct {
	// Enabled: the store keeps corrections and the server's setup allows review.
	Enabled bool
	// NeedToken: a token must be entered first (Enabled, not yet signed in).
	NeedToken bool
	// Why review is off, when it is.
	Why string
}

func (s *Server) reviewState(r *http.Request) reviewState {
	switch {
	case s.rev == nil:
		return reviewState{Why: "this store keeps no corrections"}
	case s.opts.Public && s.opts.Token == "":
		return reviewState{Why: "review is off: the server listens beyond localhost and has no write token (start it with --token-file)"}
	case s.opts.Token != "" && !s.signedIn(r):
		return reviewState{Enabled: true, NeedToken: true}
	}
	return reviewState{Enabled: true}
}

// signedIn checks the review cookie, or a bearer token.
func (s *Server) signedIn(r *http.Request) bool {
	if got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return subtle.ConstantTimeCompare([]byte(got), []byte(s.opts.Token)) == 1
	}
	c, err := r.Cookie(cookieName)
	return err == nil && hmac.Equal([]byte(c.Value), []byte(s.cookieValue()))
}

// cookieValue derives the cookie from the token, so that the token itself
// is never stored in the browser.
func (s *Server) cookieValue() string {
	m := hmac.New(sha256.New, []byte(s.opts.Token))
	m.Write([]byte("parley review session"))
	return hex.EncodeToString(m.Sum(nil))
}

// sameOrigin refuses requests another site's page made the browser send.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		return err == nil && u.Host == r.Host
	}
	return true
}

// mayWrite checks a review POST, answering the request itself when it may not.
func (s *Server) mayWrite(w http.ResponseWriter, r *http.Request) bool {
	st := s.reviewState(r)
	switch {
	case !sameOrigin(r):
		s.renderCode(w, r, http.StatusForbidden, "error", "Forbidden", nil, "cross-site request refused")
	case !st.Enabled:
		s.renderCode(w, r, http.StatusForbidden, "error", "Forbidden", nil, st.Why)
	case st.NeedToken:
		w.Header().Set("WWW-Authenticate", `Bearer realm="parley"`)
		s.renderCode(w, r, http.StatusUnauthorized, "error", "Sign in", nil, "review needs the write token: sign in on the review page")
	default:
		return true
	}
	return false
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		next = "/review"
	}
	if !sameOrigin(r) || s.opts.Token == "" {
		s.renderCode(w, r, http.StatusForbidden, "error", "Forbidden", nil, "nothing to sign in to")
		return
	}
	if subtle.ConstantTimeCompare([]byte(r.FormValue("token")), []byte(s.opts.Token)) != 1 {
		s.renderCode(w, r, http.StatusUnauthorized, "error", "Sign in", nil, "wrong token")
		return
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.cookieValue(), Path: "/", HttpOnly: true,
		Secure: r.TLS != nil, SameSite: http.SameSiteStrictMode})
	http.Redirect(w, r, next, http.StatusSeeOther)
}

// review stores one correction from the event page's form.
func (s *Server) review(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if !s.mayWrite(w, r) {
		return
	}
	e, err := s.db.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c := store.Correction{EventID: e.ID, Note: strings.TrimSpace(r.FormValue("note")),
		Reviewer: strings.TrimSpace(r.FormValue("reviewer")), Original: original(e)}
	switch r.FormValue("verdict") {
	case "wrong":
		c.Wrong = true
	case "correct":
		if t := strings.ToUpper(strings.TrimSpace(r.FormValue("event_type"))); t != "" && t != e.EventType {
			if c.Quad = ontology.QuadOf(t); c.Quad == "" {
				s.fail(w, r, &filterError{"unknown event type " + t})
				return
			}
			c.EventType = t
		}
		c.Actor = s.entities(r.FormValue("actor"))
		c.Recipient = s.entities(r.FormValue("recipient"))
	case "confirm":
	default:
		s.fail(w, r, &filterError{"say whether the event is wrong, corrected or confirmed"})
		return
	}
	if _, err := s.rev.PutCorrection(r.Context(), c); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/events/"+url.PathEscape(e.ID)+"#review", http.StatusSeeOther)
}

func original(e *store.Event) *doc.Event {
	return &doc.Event{ID: e.ID, EventType: e.EventType, Mode: e.Mode, Context: e.Context, Quad: e.Quad, Status: e.Status,
		Date: e.Date, DatePrecision: e.DatePrecision, Actor: e.Actor, Recipient: e.Recipient, Location: e.Location,
		Text: e.Text, Confidence: e.Confidence}
}

// entities reads a corrected participant list: actor ids or names, ";"
// between them; nil (no change) when empty.
func (s *Server) entities(field string) []doc.Entity {
	var out []doc.Entity
	for _, name := range strings.Split(field, ";") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		e := doc.Entity{Name: name, EntityText: name}
		if ids := s.resolveActor(name); len(ids) == 1 {
			a := s.knowledge().Actor(ids[0])
			e = doc.Entity{ID: a.ID, Name: a.Name, Country: a.Country, Sector: a.Sector, EntityText: name}
		}
		out = append(out, e)
	}
	return out
}

type reviewRow struct {
	store.Correction
	Event *store.Event
}

func (s *Server) reviewList(w http.ResponseWriter, r *http.Request) {
	var rows []reviewRow
	if s.rev != nil {
		cs, err := s.rev.Corrections(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for i := len(cs) - 1; i >= 0; i-- {
			rows = append(rows, reviewRow{Correction: cs[i]})
		}
	}
	s.render(w, r, "review", "Review", map[string]any{"Rows": rows})
}

func (s *Server) correctionsJSONL(w http.ResponseWriter, r *http.Request) {
	if s.rev == nil {
		s.fail(w, r, store.ErrNotFound)
		return
	}
	cs, err := s.rev.Corrections(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Content-Disposition", `attachment; filename="corrections.jsonl"`)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, c := range cs {
		enc.Encode(c)
	}
}
