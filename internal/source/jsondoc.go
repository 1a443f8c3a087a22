package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/parleyhq/parley/internal/doc"
)

// jsonDecoder reads one JSON document: an object, a sequence of objects or
// an array of objects. The document is read whole, so that a syntax error
// can be reported with its line number.
type jsonDecoder struct {
	data  []byte
	dec   *json.Decoder
	array bool // inside the top-level array
	n     int  // line where the last record started
	done  bool
}

func newJSONDecoder(br *bufio.Reader, opts *Options) (*jsonDecoder, error) {
	data, err := readAll(br, opts.maxFile())
	if err != nil {
		return nil, err
	}
	d := &jsonDecoder{data: data, dec: json.NewDecoder(bytes.NewReader(data))}
	t := bytes.TrimLeft(data, " \t\r\n")
	if len(t) > 0 && t[0] == '[' {
		if _, err := d.dec.Token(); err != nil {
			return nil, d.at(err)
		}
		d.array = true
	}
	return d, nil
}

// readAll reads r whole, refusing more than max bytes.
func readAll(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("larger than %d bytes: %w", max, ErrTooLong)
	}
	return data, nil
}

func (d *jsonDecoder) line() int { return d.n }

// lineAt returns the 1-based line of byte offset off.
func (d *jsonDecoder) lineAt(off int64) int {
	off = min(max(off, 0), int64(len(d.data)))
	return bytes.Count(d.data[:off], []byte{'\n'}) + 1
}

// at locates a decoding error; it ends the document, since the decoder
// cannot find the next record after a syntax error.
func (d *jsonDecoder) at(err error) error {
	d.done = true
	line := d.lineAt(d.dec.InputOffset())
	if d.n > 0 {
		line = d.n // the record that starts there is truncated
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line = d.lineAt(se.Offset)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("truncated JSON: %w", err)
	} else {
		err = jsonError(err)
	}
	return lineError{line: line, err: err}
}

func (d *jsonDecoder) next() (*doc.Article, error) {
	if d.done {
		return nil, io.EOF
	}
	if !d.dec.More() {
		d.done = true
		if d.array {
			if _, err := d.dec.Token(); err != nil { // the closing ']'
				return nil, d.at(err)
			}
		}
		return nil, io.EOF
	}
	d.n = d.lineAt(d.dec.InputOffset() + int64(leadingSpace(d.data[d.dec.InputOffset():])))
	var raw json.RawMessage
	if err := d.dec.Decode(&raw); err != nil {
		return nil, d.at(err)
	}
	a, err := decodeRecord(raw)
	if err != nil {
		return nil, recordError{err}
	}
	return a, nil
}

func leadingSpace(b []byte) int {
	return len(b) - len(bytes.TrimLeft(b, " \t\r\n,"))
}
