package store

import (
	"context"
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
