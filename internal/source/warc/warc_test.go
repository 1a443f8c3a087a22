package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
)

func page(i int) string {
	return fmt.Sprintf("<html><head><title>Story %d</title></head><body><p>Paragraph of story %d.</p></body></html>", i, i)
}

func httpBlock(body, ctype string) []byte {
	return []byte("HTTP/1.1 200 OK\r\nContent-Type: " + ctype + "\r\nContent-Length: " + fmt.Sprint(len(body)) + "\r\n\r\n" + body)
}

func sample(t testing.TB, gz bool, version string, n int) []byte {
	var buf bytes.Buffer
	w := NewWriter(&buf, gz)
	w.Version = version
	if err := w.WriteRecord(Header{{"WARC-Type", "warcinfo"}, {"WARC-Record-ID", "<urn:uuid:info>"}}, []byte("software: parley-test\r\n")); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		h := Header{
			{"WARC-Type", "response"},
			{"WARC-Target-URI", fmt.Sprintf("http://example.org/%d", i)},
			{"WARC-Date", "2024-05-01T10:00:00Z"},
			{"WARC-Record-ID", fmt.Sprintf("<urn:uuid:%d>", i)},
			{"Content-Type", "application/http; msgtype=response"},
		}
		if err := w.WriteRecord(h, httpBlock(page(i), "text/html; charset=utf-8")); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReader(t *testing.T) {
	for _, tt := range []struct {
		name    string
		gz      bool
		version string
	}{{"1.0", false, "1.0"}, {"1.1", false, "1.1"}, {"1.0.gz", true, "1.0"}, {"1.1.gz", true, "1.1"}} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(sample(t, tt.gz, tt.version, 3)))
			if err != nil {
				t.Fatal(err)
			}
			var types []string
			for i := -1; r.Next(); i++ {
				rec := r.Record()
				if rec.Version != tt.version {
					t.Errorf("version %q", rec.Version)
				}
				types = append(types, rec.Type())
				if rec.Type() != TypeResponse {
					continue
				}
				if want := fmt.Sprintf("http://example.org/%d", i); rec.TargetURI() != want {
					t.Errorf("uri %q, want %q", rec.TargetURI(), want)
				}
				if i == 1 {
					continue // left unread: Next must skip it
				}
				resp, err := rec.HTTPResponse()
				if err != nil {
					t.Fatal(err)
				}
				body, _ := io.ReadAll(resp.Body)
				if string(body) != page(i) || resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
					t.Errorf("record %d: %d %q %q", i, resp.StatusCode, resp.Header.Get("Content-Type"), body)
				}
			}
			if err := r.Err(); err != nil {
				t.Fatal(err)
			}
			if strings.Join(types, ",") != "warcinfo,response,response,response" {
				t.Errorf("types %v", types)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	good := sample(t, false, "1.1", 2)
	for _, tt := range []struct {
		name string
		data []byte
	}{
		{"truncated", good[:len(good)-200]},
		{"not warc", []byte("hello world\n")},
		{"bad length", []byte("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: -3\r\n\r\n")},
		{"no length", []byte("WARC/1.1\r\nWARC-Type: response\r\n\r\n")},
		{"bad field", []byte("WARC/1.1\r\nno colon here\r\n\r\n")},
		{"header cut", []byte("WARC/1.1\r\nWARC-Type: response\r\n")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r, err := NewReader(bytes.NewReader(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			for r.Next() {
				io.Copy(io.Discard, r.Record().Body)
			}
			if err := r.Err(); !errors.Is(err, ErrFormat) {
				t.Errorf("err = %v, want ErrFormat", err)
			}
		})
	}
}

func TestGzipEncodedPayload(t *testing.T) {
	var z bytes.Buffer
	zw := gzipWriter(&z)
	zw.Write([]byte(page(7)))
	zw.Close()
	block := append([]byte("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"), z.Bytes()...)
	var buf bytes.Buffer
	w := NewWriter(&buf, false)
	w.WriteRecord(Header{{"WARC-Type", "response"}, {"Content-Type", "application/http;msgtype=response"}}, block)
	w.Flush()
	r, _ := NewReader(&buf)
	if !r.Next() {
		t.Fatal(r.Err())
	}
	resp, err := r.Record().HTTPResponse()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	if string(b) != page(7) {
		t.Errorf("body %q", b)
	}
}

// TestConstantMemory streams an archive of 10,000 records of 20 KB each
// (200 MB uncompressed) from a generator and checks that the heap does not
// grow with it.
func TestConstantMemory(t *testing.T) {
	records := 10000
	if raceEnabled || testing.Short() {
		records = 1000
	}
	pr, pw := io.Pipe()
	go func() {
		w := NewWriter(pw, true)
		body := strings.Repeat("<p>All work and no play makes Jack a dull boy.</p>\n", 400)
		for i := range records {
			h := Header{{"WARC-Type", "response"}, {"WARC-Target-URI", fmt.Sprintf("http://example.org/%d", i)},
				{"Content-Type", "application/http; msgtype=response"}}
			if err := w.WriteRecord(h, httpBlock(body, "text/html")); err != nil {
				pw.CloseWithError(err)
				return
			}
		}
		pw.CloseWithError(w.Flush())
	}()
	r, err := NewReader(pr)
	if err != nil {
		t.Fatal(err)
	}
	var peak uint64
	var ms runtime.MemStats
	n := 0
	for r.Next() {
		n++
		if n%2 == 0 {
			resp, err := r.Record().HTTPResponse()
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
		}
		if n%500 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if n != records {
		t.Fatalf("read %d records, want %d", n, records)
	}
	t.Logf("%d records, peak heap in use %.1f MB", n, float64(peak)/(1<<20))
	if peak > 50<<20 {
		t.Errorf("peak heap %d MB", peak>>20)
	}
}
