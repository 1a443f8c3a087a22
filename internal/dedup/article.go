package dedup

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/source"
)

// ArticleID returns an article's key: the first 16 hex digits of the
// SHA-256 of its normalised URL ([source.NormalizeURL]), or of its text when
// it has no URL. It equals the id the sources derive for records without one.
func ArticleID(rawURL, text string) string {
	key := text
	if rawURL != "" {
		key = source.NormalizeURL(rawURL)
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:8])
}

// MinHash parameters.
const (
	NumHashes = 64
	bandRows  = 4
	NumBands  = NumHashes / bandRows
	shingle   = 3
	// minShingles: texts with fewer shingles are too short to compare.
	minShingles = 8
)

// Signature is the MinHash sketch of a text.
type Signature [NumHashes]uint32

// Sketch returns the MinHash signature of the word 3-shingles of text,
// and false when the text is too short to tell copies apart.
func Sketch(text string) (Signature, bool) {
	var sig Signature
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	// The words are read one at a time; ring holds the last shingle of them.
	var ring [shingle]string
	n := 0
	for w := range fold.AllWords(text) {
		ring[n%shingle] = w
		n++
		if n < shingle {
			continue
		}
		x := uint64(fnvOffset)
		for k := n - shingle; k < n; k++ {
			x = fnvAdd(x, ring[k%shingle])
		}
		for j := range sig {
			if v := uint32(mix(x^seeds[j]) >> 32); v < sig[j] {
				sig[j] = v
			}
		}
	}
	if n-shingle+1 < minShingles {
		for i := range sig {
			sig[i] = ^uint32(0)
		}
		return sig, false
	}
	return sig, true
}

// FNV-1a, 64 bits, as hash/fnv's New64a, without its allocations.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnvAdd hashes w and a space into x.
func fnvAdd(x uint64, w string) uint64 {
	for i := 0; i < len(w); i++ {
		x ^= uint64(w[i])
		x *= fnvPrime
	}
	x ^= ' '
	return x * fnvPrime
}

// seeds are fixed: signatures must stay comparable across runs and versions.
var seeds = func() (s [NumHashes]uint64) {
	x := uint64(0x9e3779b97f4a7c15)
	for i := range s {
		x = mix(x + uint64(i))
		s[i] = x
	}
	return s
}()

// mix is the splitmix64 finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Similarity estimates the Jaccard similarity of the shingle sets of two signatures.
func (s *Signature) Similarity(o *Signature) float64 {
	n := 0
	for i := range s {
		if s[i] == o[i] {
			n++
		}
	}
	return float64(n) / NumHashes
}

// Bands returns the signature's band keys: two texts of estimated
// similarity 0.6 share at least one band with probability 0.88, at 0.8
// with probability 0.9998. Band i's key carries i, so keys of different
// bands never collide by construction.
func (s *Signature) Bands() [NumBands]int64 {
	var out [NumBands]int64
	for b := range out {
		x := uint64(b)
		for _, v := range s[b*bandRows : (b+1)*bandRows] {
			x = mix(x ^ uint64(v))
		}
		// 56 bits of hash under the band number: positive, fits SQL integers.
		out[b] = int64(x>>8) | int64(b)<<56
	}
	return out
}

// Bytes encodes the signature for storage (little-endian uint32s).
func (s *Signature) Bytes() []byte {
	b := make([]byte, 4*NumHashes)
	for i, v := range s {
		b[4*i], b[4*i+1], b[4*i+2], b[4*i+3] = byte(v), byte(v>>8), byte(v>>16), byte(v>>24)
	}
	return b
}

// SignatureFrom decodes [Signature.Bytes]; false when b has the wrong length.
func SignatureFrom(b []byte) (Signature, bool) {
	var s Signature
	if len(b) != 4*NumHashes {
		return s, false
	}
	for i := range s {
		s[i] = uint32(b[4*i]) | uint32(b[4*i+1])<<8 | uint32(b[4*i+2])<<16 | uint32(b[4*i+3])<<24
	}
	return s, true
}
