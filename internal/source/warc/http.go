package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"
)

// ErrNotHTTP reports a record that holds no HTTP response.
var ErrNotHTTP = errors.New("warc: record holds no HTTP response")

// HTTPResponse parses the HTTP response held by a response record (its
// Content-Type is application/http). The response's Body reads from the
// record's Body, decoded from a gzip or deflate Content-Encoding when the
// payload is still compressed; it is valid until the next call to
// [Reader.Next]. The caller need not close it.
func (r *Record) HTTPResponse() (*http.Response, error) {
	if r.Type() != TypeResponse && r.Type() != TypeRevisit {
		return nil, ErrNotHTTP
	}
	if mt, _, _ := mime.ParseMediaType(r.ContentType()); mt != "" && mt != "application/http" {
		return nil, ErrNotHTTP
	}
	resp, err := http.ReadResponse(bufio.NewReader(r.Body), nil)
	if err != nil {
		return nil, fmt.Errorf("warc: record %s: HTTP payload: %w", r.ID(), err)
	}
	if err := decodeBody(resp); err != nil {
		return nil, fmt.Errorf("warc: record %s: HTTP payload: %w", r.ID(), err)
	}
	return resp, nil
}

// decodeBody undoes a Content-Encoding left on the payload. Crawlers that
// store decoded payloads keep the header, so the body is sniffed first.
func decodeBody(resp *http.Response) error {
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if enc == "" || enc == "identity" {
		return nil
	}
	br := bufio.NewReader(resp.Body)
	resp.Body = io.NopCloser(br)
	head, _ := br.Peek(2)
	switch enc {
	case "gzip", "x-gzip":
		if !bytes.Equal(head, []byte{0x1f, 0x8b}) {
			return nil
		}
		zr, err := gzip.NewReader(br)
		if err != nil {
			return err
		}
		resp.Body = io.NopCloser(zr)
	case "deflate":
		if len(head) < 2 || head[0]&0x0f != 8 || (uint16(head[0])<<8|uint16(head[1]))%31 != 0 {
			return nil // not zlib: raw payload
		}
		zr, err := zlib.NewReader(br)
		if err != nil {
			return err
		}
		resp.Body = zr
	}
	resp.Header.Del("Content-Encoding")
	return nil
}
