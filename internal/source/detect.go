package source

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"path/filepath"
	"strings"
)

// format is an input format recognised by its content.
type format int

const (
	formatText  format = iota // plain text, one article
	formatJSONL               // article JSONL, one object per line
	formatJSON                // one JSON document: object(s) or an array of objects
	formatHTML                // an HTML page
	formatFeed                // an RSS or Atom feed (or other XML)
	formatWARC                // a WARC archive
)

// sniffLen is how much of an input detection looks at.
const sniffLen = 8 << 10

var (
	utf8BOM   = []byte{0xEF, 0xBB, 0xBF}
	gzipMagic = []byte{0x1f, 0x8b}
)

// newDecoder detects the format of r and returns a decoder for it. This is
// the format switch.
func newDecoder(r io.Reader, name string, opts *Options) (decoder, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, err
	}
	if bytes.HasPrefix(head, gzipMagic) {
		// A compressed input (.warc.gz, .html.gz, .jsonl.gz): read through
		// it, as one stream of all its members, and detect what it holds.
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, err
		}
		br = bufio.NewReaderSize(zr, 64<<10)
		head, err = br.Peek(sniffLen)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		name = strings.TrimSuffix(strings.TrimSuffix(name, ".gz"), ".GZ")
	}
	if bytes.HasPrefix(head, utf8BOM) {
		br.Discard(len(utf8BOM))
		head = head[len(utf8BOM):]
	}
	f, err := detect(head, name)
	if err != nil {
		return nil, err
	}
	switch f {
	case formatJSONL:
		return newJSONLDecoder(br, opts), nil
	case formatJSON:
		return newJSONDecoder(br, opts)
	case formatText:
		return newTextDecoder(br, opts), nil
	case formatHTML:
		return &htmlDecoder{br: br, max: opts.maxFile()}, nil
	case formatFeed:
		return newFeedDecoder(br, opts)
	case formatWARC:
		return newWARCDecoder(br, opts)
	}
	return nil, errors.New("unknown format")
}

// detect picks the format from the first bytes of an input; the file
// extension only breaks ties.
func detect(head []byte, name string) (format, error) {
	t := bytes.TrimLeft(head, " \t\r\n\f\v")
	if bytes.HasPrefix(t, []byte("WARC/")) {
		return formatWARC, nil // its records may hold binary payloads
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return 0, ErrBinary
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case len(t) > 0 && t[0] == '[':
		return formatJSON, nil
	case len(t) > 0 && t[0] == '{':
		if ext == ".jsonl" || ext == ".ndjson" || firstLineIsObject(t) {
			return formatJSONL, nil
		}
		return formatJSON, nil
	case len(t) > 1 && t[0] == '<' && isTagStart(t[1]):
		return markup(t), nil
	case ext == ".jsonl" || ext == ".ndjson":
		return formatJSONL, nil // not JSON at all: the decoder says so, with a line number
	}
	return formatText, nil
}

// firstLineIsObject reports whether the first line of t is a complete JSON
// object, which tells JSONL from a pretty-printed document. A first line
// longer than the sniffed bytes is taken for JSONL.
func firstLineIsObject(t []byte) bool {
	i := bytes.IndexByte(t, '\n')
	if i < 0 {
		return true
	}
	line := bytes.TrimSpace(t[:i])
	return len(line) > 1 && line[len(line)-1] == '}' && jsonValid(line)
}

// markup tells a feed from an HTML page. Anything else that opens with a tag
// is taken for HTML.
func markup(t []byte) format {
	low := bytes.ToLower(t[:min(len(t), 512)])
	for _, p := range []string{"<?xml", "<rss", "<feed", "<rdf:rdf"} {
		if bytes.HasPrefix(low, []byte(p)) {
			if p == "<?xml" && bytes.Contains(low, []byte("<html")) {
				return formatHTML // XHTML
			}
			return formatFeed
		}
	}
	return formatHTML
}

func isTagStart(c byte) bool {
	return c == '!' || c == '?' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
