// Package lexicon reads parley's word lists, gazetteers and tables: the
// tab-separated data files each package embeds, with '#' comment lines
// (origin and licence first) and a header row naming the columns.
package lexicon

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
)

// Rows calls fn for every data row of a tab-separated file, after its
// header, with the row's 1-based line number and its columns. Blank lines
// and lines starting with '#' are skipped. An error from fn stops the read
// and comes back naming the file and the line.
func Rows(data []byte, name string, fn func(line int, cols []string) error) error {
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 1<<16), 1<<22)
	header := true
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || line[0] == '#' {
			continue
		}
		if header {
			header = false
			continue
		}
		if err := fn(n, strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
