package store

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// Reviewer is the optional capability of an engine that keeps analysts'
// corrections of events. It is not part of [Store]: callers check for it at
// run time (db.(store.Reviewer)), as net/http handlers check for
// http.Flusher.
//
// Corrections live apart from the events they correct, keyed by event id,
// so re-ingesting articles (or new articles merging into an event) leaves
// them in place. The latest correction of an event is the one in force;
// earlier ones are kept as its history.
type Reviewer interface {
	// PutCorrection stores c (its Seq and Created are set by the engine)
	// and returns it as stored.
	PutCorrection(ctx context.Context, c Correction) (Correction, error)
	// Corrections returns the corrections of the given events (all events
	// when ids is empty), oldest first.
	Corrections(ctx context.Context, eventIDs ...string) ([]Correction, error)
}

// Correction is one analyst's verdict on one event: wrong altogether, or
// with a corrected type, actor or recipient. Empty fields leave the coded
// value as it is.
type Correction struct {
	Seq     int64  `json:"seq"`
	EventID string `json:"event_id"`
	// Wrong: the event did not happen as coded and should be dropped.
	Wrong     bool         `json:"wrong,omitempty"`
	EventType string       `json:"event_type,omitempty"`
	Quad      string       `json:"quad,omitempty"`
	Actor     []doc.Entity `json:"actor,omitempty"`
	Recipient []doc.Entity `json:"recipient,omitempty"`
	Note      string       `json:"note,omitempty"`
	Reviewer  string       `json:"reviewer,omitempty"`
	Created   time.Time    `json:"created"`
	// Original is the event as it was coded when it was reviewed.
	Original *doc.Event `json:"original,omitempty"`
}

// Latest returns the correction in force for each event of cs.
func Latest(cs []Correction) map[string]Correction {
	m := make(map[string]Correction, len(cs))
	for _, c := range cs {
		if old, ok := m[c.EventID]; !ok || c.Seq > old.Seq {
			m[c.EventID] = c
		}
	}
	return m
}

// ApplyRecord applies c to an event record (a [Mention]'s doc.Event, as
// exports write them) and reports whether the record should be kept.
func (c Correction) ApplyRecord(e *doc.Event) bool {
	c.apply(&e.EventType, &e.Quad, &e.Actor, &e.Recipient)
	return !c.Wrong
}

// ApplyEvent applies c to a deduplicated event and reports whether the
// event should be kept.
func (c Correction) ApplyEvent(e *Event) bool {
	c.apply(&e.EventType, &e.Quad, &e.Actor, &e.Recipient)
	return !c.Wrong
}

func (c Correction) apply(typ, quad *string, actor, recipient *[]doc.Entity) {
	if c.EventType != "" {
		*typ = c.EventType
	}
	if c.Quad != "" {
		*quad = c.Quad
	}
	if c.Actor != nil {
		*actor = c.Actor
	}
	if c.Recipient != nil {
		*recipient = c.Recipient
	}
}

// CorrectedAggregator is the optional capability of a [Reviewer] engine to
// aggregate events as analysts corrected them. Callers check for it at run
// time, as for [Reviewer].
type CorrectedAggregator interface {
	// Corrected returns the engine's aggregates with the corrections in
	// force applied: events marked wrong are not counted, and the others
	// count under their corrected type, quad, actor and recipient. A filter
	// selects an event by its corrected values (see [Filter.Uncorrectable]).
	Corrected() Aggregator
}

// Uncorrectable returns f without the conditions a correction can change
// the answer to: Type, Quad, ActorIDs, ActorName and Country, which
// [Filter.MatchCorrectable] checks on the corrected event instead.
func (f Filter) Uncorrectable() Filter {
	f.Type, f.Quad, f.ActorIDs, f.ActorName, f.Country = "", "", nil, "", ""
	return f
}

// MatchCorrectable reports whether e meets the conditions of f that a
// correction can change: its type and quad; one of its participants among
// ActorIDs; a participant whose name or entity text contains ActorName
// (case-insensitive), or whose id is in named (the ids whose stored
// spellings contain it, as the engine finds them); a participant from
// Country, or a location there.
func (f Filter) MatchCorrectable(e *Event, named map[string]bool) bool {
	if f.Type != "" && !strings.EqualFold(e.EventType, f.Type) {
		return false
	}
	if f.Quad != "" && e.Quad != f.Quad {
		return false
	}
	parts := make([]doc.Entity, 0, len(e.Actor)+len(e.Recipient))
	parts = append(append(parts, e.Actor...), e.Recipient...)
	some := func(ok func(x doc.Entity) bool) bool {
		for _, x := range parts {
			if ok(x) {
				return true
			}
		}
		return false
	}
	if len(f.ActorIDs) > 0 && !some(func(x doc.Entity) bool { return x.ID != "" && slices.Contains(f.ActorIDs, x.ID) }) {
		return false
	}
	if f.ActorName != "" {
		name := strings.ToLower(strings.TrimSpace(f.ActorName))
		if !some(func(x doc.Entity) bool {
			return strings.Contains(strings.ToLower(x.Name), name) || strings.Contains(strings.ToLower(x.EntityText), name) ||
				(x.ID != "" && named[x.ID])
		}) {
			return false
		}
	}
	if f.Country != "" {
		c := strings.ToUpper(f.Country)
		if (e.Location == nil || e.Location.Country != c) && !some(func(x doc.Entity) bool { return x.Country == c }) {
			return false
		}
	}
	return true
}
