// Package warc reads WARC archives (ISO 28500: WARC 1.0 and 1.1), plain or
// gzip-compressed, as a stream of records.
//
// A [Reader] is shaped like [bufio.Scanner]: call [Reader.Next] until it
// returns false, take each record with [Reader.Record], then check
// [Reader.Err]. A record's Body reads straight from the archive and is only
// valid until the next call to Next, which skips what was not read; so
// memory stays constant whatever the size of the archive or of its
// records. Compressed archives are gzip multistreams, one member per record
// as the standard recommends, read as one stream.
//
// [Record.HTTPResponse] parses the HTTP message held by a response record.
package warc

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Limits on a record's header.
const (
	MaxHeaderBytes = 256 << 10
	MaxHeaderLines = 1024
)

// ErrFormat is wrapped by the errors of input that is not a WARC archive
// or is damaged.
var ErrFormat = errors.New("warc: malformed archive")

// Record types of WARC 1.1.
const (
	TypeWarcinfo     = "warcinfo"
	TypeResponse     = "response"
	TypeResource     = "resource"
	TypeRequest      = "request"
	TypeMetadata     = "metadata"
	TypeRevisit      = "revisit"
	TypeConversion   = "conversion"
	TypeContinuation = "continuation"
)

// Field is one named field of a record header.
type Field struct{ Name, Value string }

// Header is a record's named fields, in order.
type Header []Field

// Get returns the value of the first field called name (case-insensitive),
// or "".
func (h Header) Get(name string) string {
	for _, f := range h {
		if strings.EqualFold(f.Name, name) {
			return f.Value
		}
	}
	return ""
}

// Record is one WARC record.
type Record struct {
	// Version is the record's version line without "WARC/": "1.0", "1.1".
	Version string
	Header  Header
	// Offset is where the record starts in the (uncompressed) archive.
	Offset int64
	// ContentLength is the length of the content block.
	ContentLength int64
	// Body reads the content block. It is valid until the next call to
	// [Reader.Next].
	Body io.Reader
}

// Type returns the WARC-Type field.
func (r *Record) Type() string { return r.Header.Get("WARC-Type") }

// TargetURI returns the WARC-Target-URI field, without the angle brackets
// WARC 1.0 examples put around it.
func (r *Record) TargetURI() string {
	return strings.Trim(strings.TrimSpace(r.Header.Get("WARC-Target-URI")), "<>")
}

// ID returns the WARC-Record-ID field.
func (r *Record) ID() string { return r.Header.Get("WARC-Record-ID") }

// Date returns the WARC-Date field (when the record was made, not when
// its content was published).
func (r *Record) Date() string { return r.Header.Get("WARC-Date") }

// ContentType returns the Content-Type field.
func (r *Record) ContentType() string { return r.Header.Get("Content-Type") }

// Reader reads the records of an archive.
type Reader struct {
	cr   *countingReader
	br   *bufio.Reader
	rec  *Record
	body *io.LimitedReader
	err  error
	n    int
}

// NewReader returns a Reader over r, which may be gzip-compressed.
func NewReader(r io.Reader) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("warc: %w", err)
		}
		r = zr
	} else {
		r = br
	}
	cr := &countingReader{r: r}
	return &Reader{cr: cr, br: bufio.NewReaderSize(cr, 64<<10)}, nil
}

// Next advances to the next record, skipping what is left of the current
// one, and reports whether there is one. It returns false at the end of
// the archive and after an error.
func (r *Reader) Next() bool {
	if r.err != nil {
		return false
	}
	if r.body != nil {
		if _, err := io.Copy(io.Discard, r.body); err != nil {
			r.fail(err)
			return false
		}
		if r.body.N > 0 {
			r.fail(fmt.Errorf("%w: record %d truncated", ErrFormat, r.n))
			return false
		}
	}
	r.rec, r.body = nil, nil
	rec, err := r.readHeader()
	if err != nil {
		if !errors.Is(err, io.EOF) {
			r.fail(err)
		}
		return false
	}
	r.n++
	r.body = &io.LimitedReader{R: r.br, N: rec.ContentLength}
	rec.Body = r.body
	r.rec = rec
	return true
}

func (r *Reader) fail(err error) {
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: unexpected end of archive in record %d", ErrFormat, r.n)
	}
	r.err = err
	r.rec, r.body = nil, nil
}

// Record returns the record read by the last call to Next.
func (r *Reader) Record() *Record { return r.rec }

// Err returns the error that stopped the Reader, or nil at a clean end.
func (r *Reader) Err() error { return r.err }

// readHeader reads the version line and named fields of the next record;
// io.EOF when only white space is left.
func (r *Reader) readHeader() (*Record, error) {
	var line []byte
	var err error
	for {
		line, err = r.readLine()
		if err != nil {
			if errors.Is(err, io.EOF) && len(bytes.TrimSpace(line)) == 0 {
				return nil, io.EOF
			}
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(bytes.TrimSpace(line)) > 0 {
			break // records are separated by blank lines; tolerate extra ones
		}
	}
	off := r.cr.n - int64(r.br.Buffered()) - int64(len(line))
	v, ok := bytes.CutPrefix(bytes.TrimSpace(line), []byte("WARC/"))
	if !ok || len(v) == 0 || len(v) > 8 {
		return nil, fmt.Errorf("%w: record %d at byte %d: no WARC version line", ErrFormat, r.n+1, off)
	}
	rec := &Record{Version: string(v), Offset: off}
	size := len(line)
	for {
		line, err := r.readLine()
		if err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		size += len(line)
		if size > MaxHeaderBytes || len(rec.Header) > MaxHeaderLines {
			return nil, fmt.Errorf("%w: record %d: header larger than %d bytes", ErrFormat, r.n+1, MaxHeaderBytes)
		}
		line = bytes.TrimRight(line, "\r\n")
		if len(line) == 0 {
			break
		}
		if (line[0] == ' ' || line[0] == '\t') && len(rec.Header) > 0 { // continuation
			f := &rec.Header[len(rec.Header)-1]
			f.Value += " " + string(bytes.TrimSpace(line))
			continue
		}
		name, value, ok := bytes.Cut(line, []byte(":"))
		if !ok || len(bytes.TrimSpace(name)) == 0 {
			return nil, fmt.Errorf("%w: record %d: bad header line %q", ErrFormat, r.n+1, truncate(line))
		}
		rec.Header = append(rec.Header, Field{string(bytes.TrimSpace(name)), string(bytes.TrimSpace(value))})
	}
	cl := rec.Header.Get("Content-Length")
	n, err := strconv.ParseInt(cl, 10, 64)
	if err != nil || n < 0 {
		return nil, fmt.Errorf("%w: record %d: bad Content-Length %q", ErrFormat, r.n+1, cl)
	}
	rec.ContentLength = n
	return rec, nil
}

// readLine reads one line, refusing lines longer than MaxHeaderBytes.
func (r *Reader) readLine() ([]byte, error) {
	var buf []byte
	for {
		chunk, err := r.br.ReadSlice('\n')
		if len(buf)+len(chunk) > MaxHeaderBytes {
			return nil, fmt.Errorf("%w: record %d: header line longer than %d bytes", ErrFormat, r.n+1, MaxHeaderBytes)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			buf = append(buf, chunk...)
			continue
		}
		if buf != nil {
			chunk = append(buf, chunk...)
		}
		return chunk, err
	}
}

func truncate(b []byte) string {
	if len(b) > 60 {
		b = b[:60]
	}
	return string(b)
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Fields makes a Header from alternating names and values.
func Fields(nameValue ...string) Header {
	h := make(Header, 0, len(nameValue)/2)
	for i := 0; i+1 < len(nameValue); i += 2 {
		h = append(h, Field{Name: nameValue[i], Value: nameValue[i+1]})
	}
	return h
}
