package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
)

// Default limits; see [Options].
const (
	DefaultMaxLineBytes = 64 << 20  // 64 MiB
	DefaultMaxFileBytes = 256 << 20 // 256 MiB
)

// Options tune a [Reader]. The zero value is the default configuration; a nil
// *Options means the zero value.
type Options struct {
	// SkipBad makes the Reader go on past a bad record (or a file it cannot
	// read) instead of stopping: each such error is passed to OnError.
	SkipBad bool
	// OnError receives the errors skipped under SkipBad, each an
	// [*InputError]. Nil discards them.
	OnError func(error)
	// MaxLineBytes bounds one JSONL line; 0 means DefaultMaxLineBytes.
	MaxLineBytes int
	// MaxFileBytes bounds a plain-text file or a JSON document, which are
	// read whole; 0 means DefaultMaxFileBytes.
	MaxFileBytes int64
}

func (o *Options) maxLine() int {
	if o.MaxLineBytes > 0 {
		return o.MaxLineBytes
	}
	return DefaultMaxLineBytes
}

func (o *Options) maxFile() int64 {
	if o.MaxFileBytes > 0 {
		return o.MaxFileBytes
	}
	return DefaultMaxFileBytes
}

// decoder yields the articles of one input. It returns io.EOF at the end, a
// recordError for a bad record it can read past, and any other error when the
// rest of the input cannot be read.
type decoder interface {
	next() (*doc.Article, error)
	// line reports the line of the last record, or 0.
	line() int
}

// input is one file (or standard input) waiting to be read.
type input struct {
	name string
	open func() (io.ReadCloser, error)
}

// Reader reads articles from a sequence of inputs. It is not safe for
// concurrent use.
type Reader struct {
	opts    Options
	pending []input
	name    string
	cur     decoder
	closer  io.Closer
	art     *doc.Article
	err     error
	closed  bool
}

// Open returns a Reader over path: a file, a directory (every regular file
// under it, in lexical order, hidden files and directories skipped) or "-"
// for standard input. opts may be nil.
func Open(path string, opts *Options) (*Reader, error) {
	if path == "-" {
		return newReader(opts, []input{{name: "stdin", open: func() (io.ReadCloser, error) {
			return io.NopCloser(os.Stdin), nil
		}}}), nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("source: %w", err)
	}
	if !st.IsDir() {
		return newReader(opts, []input{fileInput(path)}), nil
	}
	var ins []input
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if d.Type().IsRegular() {
			ins = append(ins, fileInput(p))
			return nil
		}
		if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() { // a symlink to a file
			ins = append(ins, fileInput(p))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("source: walk %s: %w", path, err)
	}
	return newReader(opts, ins), nil
}

func fileInput(path string) input {
	return input{name: path, open: func() (io.ReadCloser, error) { return os.Open(path) }}
}

// NewReader returns a Reader over r, which is named name in errors. The
// Reader does not close r.
func NewReader(r io.Reader, name string, opts *Options) *Reader {
	return newReader(opts, []input{{name: name, open: func() (io.ReadCloser, error) {
		return io.NopCloser(r), nil
	}}})
}

func newReader(opts *Options, ins []input) *Reader {
	r := &Reader{pending: ins}
	if opts != nil {
		r.opts = *opts
	}
	return r
}

// Next advances to the next article and reports whether there is one. It
// returns false at the end of the input and after an error; see [Reader.Err].
func (r *Reader) Next() bool {
	r.art = nil
	for r.err == nil && !r.closed {
		if r.cur == nil {
			if len(r.pending) == 0 {
				return false
			}
			in := r.pending[0]
			r.pending = r.pending[1:]
			if err := r.start(in); err != nil {
				r.fail(err, false)
			}
			continue
		}
		a, err := r.cur.next()
		switch {
		case err == nil:
			r.art = a
			return true
		case errors.Is(err, io.EOF):
			r.finish()
		default:
			var re recordError
			recordOnly := errors.As(err, &re)
			r.fail(r.locate(err), recordOnly)
		}
	}
	return false
}

// start opens in and picks a decoder for its format.
func (r *Reader) start(in input) error {
	rc, err := in.open()
	if err != nil {
		return &InputError{Name: in.name, Err: unwrapPath(err)}
	}
	r.name, r.closer = in.name, rc
	dec, err := newDecoder(rc, in.name, &r.opts)
	if err != nil {
		err = r.locate(err)
		r.finish()
		return err
	}
	r.cur = dec
	return nil
}

// unwrapPath drops the *fs.PathError around an open error, whose path the
// InputError already names.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// locate wraps err with the current input's name and line.
func (r *Reader) locate(err error) error {
	line := 0
	if r.cur != nil {
		line = r.cur.line()
	}
	var le lineError
	if errors.As(err, &le) {
		line, err = le.line, le.err
	}
	var re recordError
	if errors.As(err, &re) {
		err = re.err
	}
	return &InputError{Name: r.name, Line: line, Err: err}
}

// fail records err: under SkipBad it is reported and reading goes on, with
// the next record when the error is confined to one record, else with the
// next input; otherwise it becomes the sticky error.
func (r *Reader) fail(err error, recordOnly bool) {
	if !r.opts.SkipBad {
		r.err = err
		r.finish()
		return
	}
	if r.opts.OnError != nil {
		r.opts.OnError(err)
	}
	if !recordOnly {
		r.finish()
	}
}

// finish closes the current input.
func (r *Reader) finish() {
	if r.closer != nil {
		r.closer.Close()
	}
	r.cur, r.closer = nil, nil
}

// Article returns the article read by the last call to Next, or nil. Each
// call to Next makes a new Article, so callers may keep it.
func (r *Reader) Article() *doc.Article { return r.art }

// Err returns the first error that stopped the Reader, or nil at a clean end
// of input. Errors skipped under Options.SkipBad are not returned.
func (r *Reader) Err() error { return r.err }

// Pos returns the name of the input the last article came from and its line
// (0 for inputs that are not line-based).
func (r *Reader) Pos() (name string, line int) {
	if r.cur != nil {
		line = r.cur.line()
	}
	return r.name, line
}

// Close releases the open input. Next returns false after Close.
func (r *Reader) Close() error {
	r.closed = true
	var err error
	if r.closer != nil {
		err = r.closer.Close()
	}
	r.cur, r.closer, r.pending = nil, nil, nil
	return err
}
