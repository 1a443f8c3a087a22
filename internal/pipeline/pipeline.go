// Package pipeline composes parley's stages, in one visible place: an
// article goes through the cleaner, the sentence splitter, the mention
// finder and the event coder, in that order, and comes out with its events.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/parleyhq/parley/internal/clean"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/eventcode"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/ner"
	"github.com/parleyhq/parley/internal/segment"
)

// Stage is one step of the pipeline. Process reads and fills fields of the
// article as the stage's documentation says; returning an error that wraps
// [ErrDrop] filters the article out without failing the run.
type Stage interface {
	Process(ctx context.Context, a *doc.Article) error
}

// StageFunc adapts a function to a [Stage].
type StageFunc func(ctx context.Context, a *doc.Article) error

// Process calls f.
func (f StageFunc) Process(ctx context.Context, a *doc.Article) error { return f(ctx, a) }

// ErrDrop, returned by a stage, filters the article.
var ErrDrop = errors.New("pipeline: article dropped")

// StageError is the error of one stage on one article.
type StageError struct {
	Stage     string
	ArticleID string
	Err       error
}

func (e *StageError) Error() string {
	return fmt.Sprintf("%s: article %s: %v", e.Stage, e.ArticleID, e.Err)
}

func (e *StageError) Unwrap() error { return e.Err }

type named struct {
	name  string
	stage Stage
}

// Pipeline runs its stages in order on each article. It is safe for
// concurrent use when its stages are.
type Pipeline struct {
	stages []named
	// KB is the knowledge base the stages resolve actors with.
	KB *kb.KB
	// Languages lists the languages the coder supports (ISO 639-1). An
	// article in another language is cleaned and kept with its language,
	// but not coded. Nil codes every article.
	Languages map[string]bool
}

// New builds the standard pipeline over the knowledge base k (the embedded
// seed knowledge base when k is nil):
//
//	clean → split sentences → find mentions → code events
func New(k *kb.KB) (*Pipeline, error) {
	var err error
	if k == nil {
		if k, err = kb.Load(); err != nil {
			return nil, err
		}
	}
	cleaner, err := clean.New()
	if err != nil {
		return nil, err
	}
	splitter, err := segment.New("en")
	if err != nil {
		return nil, err
	}
	finder, err := ner.New(k)
	if err != nil {
		return nil, err
	}
	coder, err := eventcode.New()
	if err != nil {
		return nil, err
	}
	coder.CountryName = func(iso3 string) string {
		if c := k.Country(iso3); c != nil {
			return c.Name
		}
		return ""
	}
	coder.MemberOf = func(person, org string) bool {
		a, o := k.Actor(person), k.Actor(org)
		if a == nil || o == nil {
			return false
		}
		names := map[string]bool{}
		for _, n := range append([]string{o.Name}, o.Aliases...) {
			names[strings.ToLower(n)] = true
		}
		for _, r := range a.Roles {
			if names[strings.ToLower(r.Org)] {
				return true
			}
		}
		return false
	}
	p := &Pipeline{KB: k, Languages: map[string]bool{"en": true, "ar": true}}
	p.Add("clean", cleaner)
	p.Add("segment", StageFunc(func(_ context.Context, a *doc.Article) error {
		a.Sentences = splitter.Split(a.Text)
		return nil
	}))
	p.Add("ner", finder)
	p.Add("eventcode", coder)
	return p, nil
}

// Add appends a stage.
func (p *Pipeline) Add(name string, s Stage) { p.stages = append(p.stages, named{name, s}) }

// Process runs every stage on a. A stage's error stops the article and
// comes back as a *StageError.
func (p *Pipeline) Process(ctx context.Context, a *doc.Article) error {
	for _, s := range p.stages {
		if err := s.stage.Process(ctx, a); err != nil {
			return &StageError{Stage: s.name, ArticleID: a.ID, Err: err}
		}
		if s.name == "clean" && !p.codes(a.Lang) {
			return nil // kept with its language, for a coder that reads it
		}
	}
	return nil
}

// codes reports whether articles in lang are coded.
func (p *Pipeline) codes(lang string) bool {
	return p.Languages == nil || lang == "" || p.Languages[lang]
}

// Baseline returns a copy of p whose event coder is the naive baseline
// ([eventcode.Baseline]), for comparison in the evaluation.
func (p *Pipeline) Baseline() *Pipeline {
	q := &Pipeline{KB: p.KB, Languages: p.Languages}
	for _, s := range p.stages {
		if c, ok := s.stage.(*eventcode.Coder); ok {
			q.Add("baseline", eventcode.Baseline{C: c})
			continue
		}
		q.Add(s.name, s.stage)
	}
	return q
}
