package sqlite

import (
	"context"
	"database/sql"

	"github.com/parleyhq/parley/internal/dedup"
)

// bandIndex finds the stored articles that share a MinHash band with a
// signature. It lives in memory only: the signatures are in the articles
// table (articles.minhash), and the index is built from them on the first
// write and brought up to date, inside each write transaction, with the
// articles other processes stored since. Keeping band rows out of the file
// saves one random B-tree page per band and article on every commit.
//
// Each band maps the low 32 bits of its band key to an article seq; keys
// that several articles share go to a small overflow map. Lookups return a
// superset of the articles sharing a full band key; callers compare the
// signatures anyway.
type bandIndex struct {
	last int64 // highest article seq indexed
	head [dedup.NumBands]map[uint32]uint32
	more map[uint64][]uint32 // (band<<32 | key) → further seqs
}

func newBandIndex() *bandIndex {
	x := &bandIndex{more: map[uint64][]uint32{}}
	for i := range x.head {
		x.head[i] = map[uint32]uint32{}
	}
	return x
}

// add indexes the bands of article seq.
func (x *bandIndex) add(seq int64, bands *[dedup.NumBands]int64) {
	for b, k := range bands {
		h := uint32(k)
		switch old, ok := x.head[b][h]; {
		case !ok:
			x.head[b][h] = uint32(seq)
		case old != uint32(seq):
			key := uint64(b)<<32 | uint64(h)
			x.more[key] = append(x.more[key], uint32(seq))
		}
	}
	x.mark(seq)
}

// mark records that the articles up to seq are indexed.
func (x *bandIndex) mark(seq int64) { x.last = max(x.last, seq) }

// lookup returns the seqs of the articles that may share a band with bands,
// each once.
func (x *bandIndex) lookup(bands *[dedup.NumBands]int64) []int64 {
	var out []int64
	var seen map[uint32]bool // made when something is found: most find nothing
	found := func(s uint32) {
		if seen == nil {
			seen = map[uint32]bool{}
		}
		if !seen[s] {
			seen[s] = true
			out = append(out, int64(s))
		}
	}
	for b, k := range bands {
		h := uint32(k)
		s, ok := x.head[b][h]
		if !ok {
			continue
		}
		found(s)
		for _, s := range x.more[uint64(b)<<32|uint64(h)] {
			found(s)
		}
	}
	return out
}

// catchUp indexes the articles stored after the last one indexed (all of
// them on the first call). It runs inside the write transaction, so no
// other process can store one meanwhile.
func (x *bandIndex) catchUp(ctx context.Context, q *sql.Stmt) error {
	rows, err := q.QueryContext(ctx, x.last)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var blob []byte
		if err := rows.Scan(&seq, &blob); err != nil {
			return err
		}
		if sig, ok := dedup.SignatureFrom(blob); ok {
			bands := sig.Bands()
			x.add(seq, &bands)
		}
		x.mark(seq)
	}
	return rows.Err()
}
