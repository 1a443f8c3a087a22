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

func jsonValid(b []byte) bool { return json.Valid(b) }

// jsonlDecoder reads article JSONL line by line, so that one bad line is
// reported with its number and the lines after it can still be read.
type jsonlDecoder struct {
	br    *bufio.Reader
	max   int
	n     int // number of the last line read
	buf   []byte
	atEOF bool
}

func newJSONLDecoder(br *bufio.Reader, opts *Options) *jsonlDecoder {
	return &jsonlDecoder{br: br, max: opts.maxLine()}
}

func (d *jsonlDecoder) line() int { return d.n }

func (d *jsonlDecoder) next() (*doc.Article, error) {
	for {
		line, err := d.readLine()
		if err != nil {
			return nil, err
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		a, err := decodeRecord(line)
		if err != nil {
			return nil, recordError{err}
		}
		return a, nil
	}
}

// readLine returns the next line without its end of line. A line longer
// than d.max is consumed and reported as a recordError wrapping ErrTooLong.
func (d *jsonlDecoder) readLine() ([]byte, error) {
	if d.atEOF {
		return nil, io.EOF
	}
	d.buf = d.buf[:0]
	d.n++
	tooLong := false
	for {
		chunk, err := d.br.ReadSlice('\n')
		if !tooLong {
			if len(d.buf)+len(chunk) > d.max+2 { // +2 for "\r\n"
				tooLong = true
				d.buf = d.buf[:0]
			} else {
				d.buf = append(d.buf, chunk...)
			}
		}
		switch {
		case err == nil:
		case errors.Is(err, bufio.ErrBufferFull):
			continue
		case errors.Is(err, io.EOF):
			d.atEOF = true
			if len(d.buf) == 0 && !tooLong {
				return nil, io.EOF
			}
		default:
			return nil, err
		}
		break
	}
	if tooLong {
		// Keep memory bounded: drop the buffer grown for the long line.
		d.buf = nil
		return nil, recordError{fmt.Errorf("line longer than %d bytes: %w", d.max, ErrTooLong)}
	}
	return bytes.TrimRight(d.buf, "\r\n"), nil
}
