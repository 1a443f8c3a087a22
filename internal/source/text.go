package source

import (
	"bufio"
	"io"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
)

// textDecoder reads a plain-text file as one article: the first non-empty
// line is the title and the whole content is the text.
type textDecoder struct {
	br   *bufio.Reader
	max  int64
	done bool
}

func newTextDecoder(br *bufio.Reader, opts *Options) *textDecoder {
	return &textDecoder{br: br, max: opts.maxFile()}
}

func (d *textDecoder) line() int { return 0 }

func (d *textDecoder) next() (*doc.Article, error) {
	if d.done {
		return nil, io.EOF
	}
	d.done = true
	data, err := readAll(d.br, d.max)
	if err != nil {
		return nil, err
	}
	text := validText(data)
	if strings.TrimSpace(text) == "" {
		return nil, io.EOF // an empty file holds no article
	}
	return &doc.Article{ID: hashID(text), Title: firstLine(text), Text: text}, nil
}

// firstLine returns the first non-empty line of s, trimmed.
func firstLine(s string) string {
	for s != "" {
		line := s
		if i := strings.IndexByte(s, '\n'); i >= 0 {
			line, s = s[:i], s[i+1:]
		} else {
			s = ""
		}
		if line = strings.TrimSpace(line); line != "" {
			return line
		}
	}
	return ""
}
