package store

import (
	"context"

	"github.com/parleyhq/parley/internal/doc"
)

// Relabeler is the optional capability of an engine that can re-resolve
// the actors of what it has stored after the knowledge base changes (an
// analyst's alias, merge or split). Like [Reviewer], callers check for it
// at run time.
type Relabeler interface {
	// Relabel offers fn every distinct (actor id, spelling) pair of the
	// stored entity mentions and event participants; an unresolved
	// participant has the id "". Where fn returns ok, the pair now stands
	// for the returned entity (its ID, Name, Country and Sector; an empty
	// Sector keeps the stored one, and the spelling stays). Rows and stored event records are rewritten, each
	// changed event gets its deduplication key again, and events that are
	// now the same happening as another stored event merge into the older
	// one, with their mentions and corrections. It runs in one transaction.
	Relabel(ctx context.Context, fn func(id, spelling string) (doc.Entity, bool)) (Relabelled, error)
}

// Relabelled counts what [Relabeler.Relabel] changed.
type Relabelled struct {
	// Mentions: entity mention rows; Records: stored event records.
	Mentions int `json:"mentions"`
	Records  int `json:"records"`
	// Events whose participants changed. Split: new events made of records
	// whose participants now differ from their event's (a name split off).
	// Merged: events that joined an older one.
	Events int `json:"events"`
	Split  int `json:"split"`
	Merged int `json:"merged"`
}
