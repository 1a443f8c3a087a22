package dedup

import (
	"hash/fnv"
	"testing"
)

// TestFNV checks the inlined FNV-1a against hash/fnv: stored signatures must
// stay comparable.
func TestFNV(t *testing.T) {
	for _, ws := range [][]string{{"a", "b", "c"}, {"héllo", "wörld", "x"}, {"", "q", "zz"}} {
		h := fnv.New64a()
		x := uint64(fnvOffset)
		for _, w := range ws {
			h.Write([]byte(w))
			h.Write([]byte{' '})
			x = fnvAdd(x, w)
		}
		if h.Sum64() != x {
			t.Fatal(ws)
		}
	}
}
