package warc

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"strconv"
)

// Writer writes WARC records, each as its own gzip member when compressed.
// It serves tests and tools that build archives; parley itself only reads
// them.
type Writer struct {
	w       io.Writer
	bw      *bufio.Writer
	gz      bool
	Version string // "1.1" unless set
}

// NewWriter returns a Writer to w, gzip-compressing each record when gz.
func NewWriter(w io.Writer, gz bool) *Writer {
	return &Writer{w: w, bw: bufio.NewWriter(w), gz: gz}
}

// WriteRecord writes one record: its header fields (Content-Length is
// added) and block.
func (w *Writer) WriteRecord(h Header, block []byte) error {
	out := io.Writer(w.bw)
	var zw *gzip.Writer
	if w.gz {
		zw = gzip.NewWriter(w.bw)
		out = zw
	}
	v := w.Version
	if v == "" {
		v = "1.1"
	}
	if _, err := fmt.Fprintf(out, "WARC/%s\r\n", v); err != nil {
		return err
	}
	for _, f := range h {
		if _, err := fmt.Fprintf(out, "%s: %s\r\n", f.Name, f.Value); err != nil {
			return err
		}
	}
	if _, err := fmt.Fprintf(out, "Content-Length: %s\r\n\r\n", strconv.Itoa(len(block))); err != nil {
		return err
	}
	if _, err := out.Write(block); err != nil {
		return err
	}
	if _, err := io.WriteString(out, "\r\n\r\n"); err != nil {
		return err
	}
	if zw != nil {
		if err := zw.Close(); err != nil {
			return err
		}
	}
	return nil
}

// Flush writes buffered records to the underlying writer.
func (w *Writer) Flush() error { return w.bw.Flush() }
