// Package watch follows news feeds: it polls a list of RSS and Atom feeds,
// fetches the page of every item it has not seen, extracts the article and
// hands it to a [Handler] — parley watch runs the pipeline there.
//
// It is polite: every request names parley in its User-Agent, feeds are
// fetched conditionally (ETag, If-Modified-Since), robots.txt is obeyed
// (with its Crawl-delay), requests to one host are spaced by
// [Options.HostDelay], and a feed that fails is polled less and less often
// (exponential backoff, and Retry-After on 429 and 503).
//
// Nothing is ingested twice: an item is known by its GUID (else its link)
// and a page by its normalised URL, across all feeds, and this state is
// saved to [Options.StatePath] after every item, so that it survives a
// restart. A broken feed or page is logged with its URL and skipped; a
// page that fails for a transient reason is tried again at the next polls,
// up to [Options.PageTries] times.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/source"
	"github.com/parleyhq/parley/internal/source/feed"
	htmlsrc "github.com/parleyhq/parley/internal/source/html"
)

// DefaultUserAgent names parley in every request.
const DefaultUserAgent = "parley/1 (news event coder; +https://github.com/parleyhq/parley)"

// Handler receives each new article. An error stops [Watcher.Run]: it is
// for failures of the output (a full disk), not of one article, which the
// handler should log and ignore.
type Handler func(ctx context.Context, a *doc.Article) error

// Options tune a [Watcher]. The zero value is the default configuration; a
// nil *Options means the zero value.
type Options struct {
	// UserAgent is sent with every request; "" means DefaultUserAgent.
	UserAgent string
	// Interval is the time between two polls of a feed; 0 means 15 minutes.
	Interval time.Duration
	// MaxBackoff bounds the wait after repeated failures; 0 means 6 hours.
	MaxBackoff time.Duration
	// HostDelay is the least time between two requests to one host; 0
	// means 1 second, a negative value none. A longer robots.txt
	// Crawl-delay (at most a minute) wins.
	HostDelay time.Duration
	// Timeout bounds each request, slow responses included; 0 means 30 s.
	Timeout time.Duration
	// PageTries is how many polls a page that fails transiently is tried
	// at; 0 means 3.
	PageTries int
	// MaxFeedBytes and MaxPageBytes bound a feed and a page; 0 means
	// 10 MiB and 16 MiB.
	MaxFeedBytes, MaxPageBytes int64
	// StatePath is the JSON file holding the per-feed state; "" keeps it
	// in memory only.
	StatePath string
	// Client makes the requests; nil means a client of its own.
	Client *http.Client
	// Logger receives a record of every failure and of every article; nil
	// discards them.
	Logger *slog.Logger
}

func (o *Options) defaults() {
	if o.UserAgent == "" {
		o.UserAgent = DefaultUserAgent
	}
	if o.Interval <= 0 {
		o.Interval = 15 * time.Minute
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 6 * time.Hour
	}
	if o.HostDelay == 0 {
		o.HostDelay = time.Second
	}
	if o.Timeout <= 0 {
		o.Timeout = 30 * time.Second
	}
	if o.PageTries <= 0 {
		o.PageTries = 3
	}
	if o.MaxFeedBytes <= 0 {
		o.MaxFeedBytes = 10 << 20
	}
	if o.MaxPageBytes <= 0 {
		o.MaxPageBytes = htmlsrc.DefaultMaxBytes
	}
	if o.Client == nil {
		o.Client = &http.Client{}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Stats counts what a Watcher did.
type Stats struct {
	Polls, NotModified, FeedErrors int
	Articles, PageErrors, Skipped  int
}

// Watcher polls feeds. It is not safe for concurrent use, apart from
// [Watcher.Stats].
type Watcher struct {
	feeds  []string
	handle Handler
	opts   Options
	state  *State
	robots map[string]*robots
	hosts  map[string]time.Time // host → time of the last request
	mu     sync.Mutex
	stats  Stats
}

// New returns a Watcher over the feed URLs, loading the state saved at
// opts.StatePath if there is one.
func New(feeds []string, handle Handler, opts *Options) (*Watcher, error) {
	w := &Watcher{handle: handle, robots: map[string]*robots{}, hosts: map[string]time.Time{}}
	if opts != nil {
		w.opts = *opts
	}
	w.opts.defaults()
	seen := map[string]bool{}
	for _, f := range feeds {
		f = strings.TrimSpace(f)
		u, err := url.Parse(f)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("watch: %q is not an http(s) URL", f)
		}
		if !seen[f] {
			seen[f] = true
			w.feeds = append(w.feeds, f)
		}
	}
	st, err := loadState(w.opts.StatePath)
	if err != nil {
		return nil, err
	}
	w.state = st
	return w, nil
}

// Stats returns what the Watcher has done so far.
func (w *Watcher) Stats() Stats {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.stats
}

func (w *Watcher) count(f func(*Stats)) {
	w.mu.Lock()
	f(&w.stats)
	w.mu.Unlock()
}

// Run polls the feeds, each when it is due, until ctx is done (then it
// returns nil) or the handler fails.
func (w *Watcher) Run(ctx context.Context) error {
	for {
		if err := w.Poll(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
		wait := time.Until(w.nextDue())
		t := time.NewTimer(max(wait, 10*time.Millisecond))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// nextDue returns when the next feed is due.
func (w *Watcher) nextDue() time.Time {
	next := time.Now().Add(w.opts.Interval)
	for _, f := range w.feeds {
		if fs := w.state.feed(f); fs.NextPoll.Before(next) {
			next = fs.NextPoll
		}
	}
	return next
}

// Poll polls every feed that is due, once, and handles its new items. It
// returns the handler's error, or ctx's; a broken feed or page is logged
// and skipped.
func (w *Watcher) Poll(ctx context.Context) error { return w.poll(ctx, false) }

// PollAll is [Watcher.Poll] over every feed, due or not (parley watch
// --once): the user asked for it now.
func (w *Watcher) PollAll(ctx context.Context) error { return w.poll(ctx, true) }

func (w *Watcher) poll(ctx context.Context, all bool) error {
	for _, f := range w.feeds {
		if err := ctx.Err(); err != nil {
			return err
		}
		fs := w.state.feed(f)
		if !all && time.Now().Before(fs.NextPoll) {
			continue
		}
		if err := w.pollFeed(ctx, f, fs); err != nil {
			return err
		}
	}
	return nil
}

// pollFeed fetches one feed and handles its new items.
func (w *Watcher) pollFeed(ctx context.Context, feedURL string, fs *FeedState) error {
	w.count(func(s *Stats) { s.Polls++ })
	fs.LastPoll = time.Now()
	items, lang, err := w.fetchFeed(ctx, feedURL, fs)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		w.count(func(s *Stats) { s.FeedErrors++ })
		w.backoff(fs, err)
		w.opts.Logger.Warn("feed failed", "url", feedURL, "err", err, "failures", fs.Failures, "next", fs.NextPoll.Format(time.RFC3339))
		return w.save()
	}
	fs.Failures, fs.LastError = 0, ""
	fs.NextPoll = time.Now().Add(w.opts.Interval)
	now := time.Now()
	// Feeds list the newest item first: handle the oldest first.
	for i := len(items) - 1; i >= 0; i-- {
		if err := w.item(ctx, feedURL, fs, &items[i], lang, now); err != nil {
			return err
		}
	}
	if len(fs.Tries) > 0 {
		// Items wait for another try: the next poll must not get a 304.
		fs.ETag, fs.LastModified = "", ""
	}
	fs.prune(now)
	return w.save()
}

// backoff schedules the next poll of a failing feed.
func (w *Watcher) backoff(fs *FeedState, err error) {
	fs.Failures++
	fs.LastError = err.Error()
	wait := w.opts.Interval << min(fs.Failures, 16)
	if wait <= 0 || wait > w.opts.MaxBackoff {
		wait = w.opts.MaxBackoff
	}
	var se *statusError
	if errors.As(err, &se) && se.retryAfter > wait {
		wait = min(se.retryAfter, w.opts.MaxBackoff)
	}
	fs.NextPoll = time.Now().Add(wait)
}

// item handles one item of a feed, unless it has been handled already.
func (w *Watcher) item(ctx context.Context, feedURL string, fs *FeedState, it *feed.Item, lang string, now time.Time) error {
	key := it.Key()
	if key == "" {
		return nil
	}
	if _, ok := fs.Seen[key]; ok {
		fs.Seen[key] = now
		return nil
	}
	page := ""
	if it.Link != "" {
		page = source.NormalizeURL(resolve(feedURL, it.Link))
		if _, done := w.state.Pages[page]; done {
			fs.Seen[key] = now // the same story, reached through another feed
			w.count(func(s *Stats) { s.Skipped++ })
			return w.save()
		}
	}
	a, err := w.article(ctx, feedURL, it, lang)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		w.count(func(s *Stats) { s.PageErrors++ })
		fs.Tries[key]++
		giveUp := fs.Tries[key] >= w.opts.PageTries || !transient(err)
		w.opts.Logger.Warn("page failed", "url", it.Link, "feed", feedURL, "err", err, "given_up", giveUp)
		if !giveUp {
			return nil
		}
	} else if err := w.handle(ctx, a); err != nil {
		return err
	} else {
		w.count(func(s *Stats) { s.Articles++ })
		w.opts.Logger.Info("article", "url", a.URL, "id", a.ID, "lang", a.Lang, "feed", feedURL)
	}
	delete(fs.Tries, key)
	fs.Seen[key] = now
	if page != "" {
		w.state.Pages[page] = now
	}
	return w.save()
}

// article fetches an item's page and extracts it; an item without a link,
// or whose page holds no article, falls back on the feed's own text.
func (w *Watcher) article(ctx context.Context, feedURL string, it *feed.Item, lang string) (*doc.Article, error) {
	if it.Link == "" {
		if a := source.ItemArticle(it, lang); a != nil {
			return a, nil
		}
		return nil, errors.New("item has neither link nor text")
	}
	link := resolve(feedURL, it.Link)
	body, ctype, err := w.get(ctx, link, nil, w.opts.MaxPageBytes)
	if err != nil {
		return nil, err
	}
	p, err := htmlsrc.Extract(body.data, &htmlsrc.Options{URL: link, ContentType: ctype})
	if err != nil {
		if a := source.ItemArticle(it, lang); a != nil {
			a.URL = link
			return a, nil
		}
		return nil, err
	}
	a := source.PageArticle(p)
	if a.Title == "" {
		a.Title = it.Title
	}
	if a.Published.IsZero() && !it.Published.IsZero() {
		a.Published, a.PublishedPrecision, a.PublishedText = it.Published, doc.PrecisionDay, it.PublishedText
	}
	return a, nil
}

// fetchFeed fetches and parses a feed, conditionally; a 304 gives no items.
func (w *Watcher) fetchFeed(ctx context.Context, feedURL string, fs *FeedState) ([]feed.Item, string, error) {
	h := http.Header{}
	if fs.ETag != "" {
		h.Set("If-None-Match", fs.ETag)
	}
	if fs.LastModified != "" {
		h.Set("If-Modified-Since", fs.LastModified)
	}
	h.Set("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	body, _, err := w.get(ctx, feedURL, h, w.opts.MaxFeedBytes)
	if err != nil {
		return nil, "", err
	}
	if body.notModified {
		w.count(func(s *Stats) { s.NotModified++ })
		return nil, "", nil
	}
	f, err := feed.Parse(body.data)
	if err != nil {
		return nil, "", err
	}
	fs.ETag, fs.LastModified = body.etag, body.lastModified
	return f.Items, f.Lang, nil
}

// response is what get read.
type response struct {
	data               []byte
	notModified        bool
	etag, lastModified string
}

// statusError is an HTTP response other than 200 and 304.
type statusError struct {
	code       int
	retryAfter time.Duration
}

func (e *statusError) Error() string { return "HTTP " + strconv.Itoa(e.code) }

// errRobots reports a URL that robots.txt forbids.
var errRobots = errors.New("disallowed by robots.txt")

// transient reports whether a page error may go away at the next poll.
func transient(err error) bool {
	var se *statusError
	if errors.As(err, &se) {
		return se.code == 429 || se.code >= 500
	}
	return !errors.Is(err, errRobots) && !errors.Is(err, htmlsrc.ErrNoContent) && !errors.Is(err, htmlsrc.ErrTooLarge)
}

// get fetches u politely: robots.txt first, the host's rate limit, the
// User-Agent, a timeout and a size limit.
func (w *Watcher) get(ctx context.Context, u string, h http.Header, limit int64) (*response, string, error) {
	pu, err := url.Parse(u)
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") {
		return nil, "", fmt.Errorf("bad URL %q", u)
	}
	rb, err := w.robotsFor(ctx, pu)
	if err != nil {
		return nil, "", err
	}
	if !rb.allowed(pu.EscapedPath() + query(pu)) {
		return nil, "", errRobots
	}
	resp, err := w.do(ctx, pu, h, rb.delay)
	if err != nil {
		return nil, "", err
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified:
		return &response{notModified: true}, "", nil
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, "", &statusError{code: resp.StatusCode, retryAfter: retryAfter(resp.Header.Get("Retry-After"))}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, "", err
	}
	if int64(len(data)) > limit {
		return nil, "", fmt.Errorf("%w: more than %d bytes", htmlsrc.ErrTooLarge, limit)
	}
	return &response{data: data, etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")},
		resp.Header.Get("Content-Type"), nil
}

func query(u *url.URL) string {
	if u.RawQuery == "" {
		return ""
	}
	return "?" + u.RawQuery
}

// do sends one request after waiting for the host's turn. The response
// body must be closed; it is bounded by the timeout as well.
func (w *Watcher) do(ctx context.Context, u *url.URL, h http.Header, crawlDelay time.Duration) (*http.Response, error) {
	if err := w.wait(ctx, u.Host, crawlDelay); err != nil {
		return nil, err
	}
	rctx, cancel := context.WithTimeout(ctx, w.opts.Timeout)
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u.String(), nil)
	if err != nil {
		cancel()
		return nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("User-Agent", w.opts.UserAgent)
	resp, err := w.opts.Client.Do(req)
	if err != nil {
		cancel()
		return nil, err
	}
	resp.Body = &cancelBody{ReadCloser: resp.Body, cancel: cancel}
	return resp, nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// wait blocks until a request to host is allowed.
func (w *Watcher) wait(ctx context.Context, host string, crawlDelay time.Duration) error {
	delay := w.opts.HostDelay
	if crawlDelay > delay {
		delay = min(crawlDelay, time.Minute)
	}
	if delay > 0 {
		if last, ok := w.hosts[host]; ok {
			if d := time.Until(last.Add(delay)); d > 0 {
				t := time.NewTimer(d)
				select {
				case <-ctx.Done():
					t.Stop()
					return ctx.Err()
				case <-t.C:
				}
			}
		}
	}
	w.hosts[host] = time.Now()
	return nil
}

// robotsFor returns the robots.txt rules of u's host, fetching them at
// most once a day (once a minute after a server error).
func (w *Watcher) robotsFor(ctx context.Context, u *url.URL) (*robots, error) {
	key := u.Scheme + "://" + u.Host
	if rb, ok := w.robots[key]; ok {
		ttl := 24 * time.Hour
		if rb.disallowAll {
			ttl = time.Minute
		}
		if time.Since(rb.fetched) < ttl {
			return rb, nil
		}
	}
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	rb := &robots{}
	resp, err := w.do(ctx, ru, nil, 0)
	switch {
	case err != nil:
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("robots.txt: %w", err) // unreachable: try again at the next poll
	case resp.StatusCode >= 500:
		rb.disallowAll = true
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		rb = parseRobots(resp.Body, "parley")
	}
	if resp != nil {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
	}
	rb.fetched = time.Now()
	w.robots[key] = rb
	if rb.disallowAll {
		return rb, fmt.Errorf("robots.txt: server error %d", resp.StatusCode)
	}
	return rb, nil
}

// retryAfter reads a Retry-After header: seconds or an HTTP date.
func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// resolve makes an item's link absolute against its feed's URL.
func resolve(base, link string) string {
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	l, err := url.Parse(strings.TrimSpace(link))
	if err != nil {
		return link
	}
	return b.ResolveReference(l).String()
}
