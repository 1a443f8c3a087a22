package warc

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func gzipWriter(w io.Writer) *gzip.Writer { return gzip.NewWriter(w) }

// FuzzReader checks that no input makes the Reader or the HTTP payload
// parser panic or loop.
func FuzzReader(f *testing.F) {
	f.Add(sample(f, false, "1.0", 2))
	f.Add(sample(f, true, "1.1", 2))
	f.Add([]byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Type: application/http\r\nContent-Length: 20\r\n\r\nHTTP/1.1 200 OK\r\n\r\nhi"))
	f.Add([]byte("WARC/1.0\r\n  continued\r\nContent-Length: 0\r\n\r\n\r\n\r\nWARC/1.0\r\nContent-Length: 1\r\n\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(bytes.NewReader(data))
		if err != nil {
			return
		}
		n := 0
		for r.Next() {
			n++
			if n > len(data) {
				t.Fatal("more records than bytes")
			}
			rec := r.Record()
			if rec.ContentLength < 0 {
				t.Fatal("negative length")
			}
			if resp, err := rec.HTTPResponse(); err == nil {
				io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
			}
		}
	})
}
