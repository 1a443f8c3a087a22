package source

import (
	"errors"
	"fmt"
)

// Errors that callers may test for with [errors.Is]. They come wrapped in an
// [*InputError] that names the input.
var (
	// ErrBinary reports a file with NUL bytes in its first 8 KiB.
	ErrBinary = errors.New("binary file")
	// ErrTooLong reports a line longer than Options.MaxLineBytes, or a
	// document larger than Options.MaxFileBytes.
	ErrTooLong = errors.New("too long")
	// ErrNoText reports a record without text (no text, maintext or body).
	ErrNoText = errors.New("record has no text")
	// ErrUnsupportedFormat reports an input in a format parley recognises
	// but cannot read yet (HTML, feeds, WARC).
	ErrUnsupportedFormat = errors.New("input format not supported yet")
)

// InputError locates a problem in the input.
type InputError struct {
	// Name is the file name, or "stdin".
	Name string
	// Line is the 1-based line number, or 0 when the problem is not on a line.
	Line int
	// Err is the problem.
	Err error
}

// Error formats the error as "name:line: problem", or "name: problem".
func (e *InputError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Name, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Name, e.Err)
}

// Unwrap returns the underlying problem.
func (e *InputError) Unwrap() error { return e.Err }

// formatError is a recognised format that has no reader yet.
type formatError struct{ format string }

func (e formatError) Error() string { return e.format + " input not supported yet" }

func (e formatError) Is(target error) bool { return target == ErrUnsupportedFormat }

// recordError marks a problem confined to one record: the reader can go on
// with the next record of the same file.
type recordError struct{ err error }

func (e recordError) Error() string { return e.err.Error() }
func (e recordError) Unwrap() error { return e.err }

// lineError places an error that ends an input on a line.
type lineError struct {
	line int
	err  error
}

func (e lineError) Error() string { return e.err.Error() }
func (e lineError) Unwrap() error { return e.err }
