package cli

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/source"
	htmlsrc "github.com/parleyhq/parley/internal/source/html"
	"github.com/parleyhq/parley/internal/watch"
)

// articleRecord is an article in the article JSONL format, with the
// author an HTML page names.
type articleRecord struct {
	ID        string `json:"id"`
	URL       string `json:"url,omitempty"`
	Title     string `json:"title,omitempty"`
	Text      string `json:"text"`
	Published string `json:"published,omitempty"`
	Lang      string `json:"lang,omitempty"`
	Source    string `json:"source,omitempty"`
	Author    string `json:"author,omitempty"`
}

func newArticleRecord(a *doc.Article, author string) articleRecord {
	pub := a.PublishedText
	if pub == "" && !a.Published.IsZero() {
		pub = a.Published.Format(time.RFC3339)
	}
	return articleRecord{ID: a.ID, URL: a.URL, Title: a.Title, Text: a.Text, Published: pub, Lang: a.Lang, Source: a.Source, Author: author}
}

func runArticle(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "article", "[--timeout D] FILE_OR_URL   (an HTML page, a URL to fetch, or any input extract reads)")
	timeout := fs.Duration("timeout", 30*time.Second, "timeout for fetching a URL")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return &usageError{"article: want one FILE or URL"}
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	target := pos[0]
	if strings.HasPrefix(target, "http://") || strings.HasPrefix(target, "https://") {
		p, err := fetchPage(ctx, target, *timeout)
		if err != nil {
			return err
		}
		return enc.Encode(newArticleRecord(source.PageArticle(p), p.Author))
	}
	data, err := readInput(env, target)
	if err != nil {
		return err
	}
	if htmlsrc.LooksLikeHTML(data) {
		p, err := htmlsrc.Extract(data, nil)
		if err != nil {
			return fmt.Errorf("%s: %w", target, err)
		}
		return enc.Encode(newArticleRecord(source.PageArticle(p), p.Author))
	}
	// Any other input (a feed, a WARC, JSONL): every article it holds.
	r := source.NewReader(bytes.NewReader(data), target, &source.Options{SkipBad: true,
		OnError: func(err error) { fmt.Fprintf(env.Stderr, "parley: skipped: %v\n", err) }})
	defer r.Close()
	for r.Next() {
		if err := enc.Encode(newArticleRecord(r.Article(), "")); err != nil {
			return err
		}
	}
	return r.Err()
}

// readInput reads a file (or "-", standard input), decompressing gzip.
func readInput(env *Env, path string) ([]byte, error) {
	var r io.Reader = env.Stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	br := bufio.NewReader(r)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	} else {
		r = br
	}
	data, err := io.ReadAll(io.LimitReader(r, source.DefaultMaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(data) > source.DefaultMaxFileBytes {
		return nil, fmt.Errorf("%s: larger than %d bytes", path, source.DefaultMaxFileBytes)
	}
	return data, nil
}

// fetchPage fetches one page, naming parley, and extracts its article.
func fetchPage(ctx context.Context, u string, timeout time.Duration) (*htmlsrc.Page, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("User-Agent", watch.DefaultUserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%s: HTTP %s", u, resp.Status)
	}
	p, err := htmlsrc.Read(resp.Body, &htmlsrc.Options{URL: resp.Request.URL.String(), ContentType: resp.Header.Get("Content-Type")})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", u, err)
	}
	return p, nil
}
