// Package web is parley's browser interface, served by `parley serve` next
// to the JSON API: server-rendered pages (html/template, so every value
// taken from an article is escaped) over a [store.Store], with a small
// amount of self-hosted JavaScript for the actor network.
//
// # Pages
//
//	/timeline          events per day or week, stacked by quad; a bar lists its events
//	/network           the actor network (cytoscape.js); a node opens its actor
//	/events            the events matching the filters, a page at a time
//	/events/{id}       one event, every mention of it, its corrections and the review form
//	/actors/{id}       aliases, roles, partners, cooperation and conflict over time, events
//	/articles          the stored articles
//	/articles/{id}     the cleaned text with entity mentions and event evidence highlighted
//	/review            the corrections, and their export as gold JSONL
//
// Every page shares one filter bar (actor, country, event type, quad,
// context, date range, text), read from and written to the URL, so a view
// is a link.
//
// # Counts and scale
//
// With an engine that keeps corrections ([store.CorrectedAggregator]),
// the timeline, the network and the actor page count events as analysts
// corrected them (events marked wrong left out). Over long spans the
// timeline draws weeks even when asked for days, and says so; the network
// keeps the most active actors and their strongest links, placed on the
// server by a deterministic force layout ([layout]) so that the browser
// only draws them. The article page highlights the entity mentions the
// store kept with the article.
//
// # Safety
//
// Article text is untrusted. Pages are rendered by html/template only, the
// Content-Security-Policy allows scripts and styles from the server alone
// (no inline script or style), and graph data reaches the script as a JSON
// data block. Review (POST) needs the write token whenever one is set or
// the server listens beyond localhost ([Options]), and refuses cross-site
// requests.
package web
