package cli

import (
	"context"
	"io"

	"github.com/parquet-go/parquet-go"

	"github.com/parleyhq/parley/internal/cameo"
	"github.com/parleyhq/parley/internal/store"
)

// parquetEvent is one row of the parquet export: a deduplicated event,
// flat, with its CAMEO equivalent.
type parquetEvent struct {
	ID              string   `parquet:"id"`
	Date            string   `parquet:"date"`
	DatePrecision   string   `parquet:"date_precision"`
	EventType       string   `parquet:"event_type"`
	Mode            string   `parquet:"mode"`
	Quad            string   `parquet:"quad"`
	Status          string   `parquet:"status"`
	Context         []string `parquet:"context,list"`
	ActorIDs        []string `parquet:"actor_ids,list"`
	ActorNames      []string `parquet:"actor_names,list"`
	ActorCountries  []string `parquet:"actor_countries,list"`
	RecipientIDs    []string `parquet:"recipient_ids,list"`
	RecipientNames  []string `parquet:"recipient_names,list"`
	RecipientCtries []string `parquet:"recipient_countries,list"`
	Location        string   `parquet:"location"`
	LocationCountry string   `parquet:"location_country"`
	Lat             *float64 `parquet:"lat,optional"`
	Lon             *float64 `parquet:"lon,optional"`
	CAMEO           string   `parquet:"cameo_code"`
	Goldstein       *float64 `parquet:"goldstein,optional"`
	CAMEOQuad       *int32   `parquet:"cameo_quad_class,optional"`
	NumMentions     int32    `parquet:"num_mentions"`
	NumSources      int32    `parquet:"num_sources"`
	NumArticles     int32    `parquet:"num_articles"`
	NumStories      int32    `parquet:"num_stories"`
	FirstSeen       string   `parquet:"first_seen"`
	LastSeen        string   `parquet:"last_seen"`
	Confidence      float64  `parquet:"confidence"`
	URL             string   `parquet:"url"`
	Text            string   `parquet:"text"`
}

func exportParquet(ctx context.Context, w io.Writer, db store.EventReader, f store.Filter, limit int, rv *reviewed) error {
	tab, err := cameo.Load()
	if err != nil {
		return err
	}
	pw := parquet.NewGenericWriter[parquetEvent](w, parquet.Compression(&parquet.Zstd))
	rows := make([]parquetEvent, 0, 1000)
	flush := func() error {
		_, err := pw.Write(rows)
		rows = rows[:0]
		return err
	}
	err = eachEvent(ctx, db, f, limit, rv, func(e *store.Event) error {
		if rows = append(rows, parquetRow(tab, e)); len(rows) == cap(rows) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if cerr := pw.Close(); err == nil {
		err = cerr
	}
	return err
}

func parquetRow(tab *cameo.Table, e *store.Event) parquetEvent {
	r := parquetEvent{ID: e.ID, Date: e.Date, DatePrecision: string(e.DatePrecision), EventType: e.EventType, Mode: e.Mode,
		Quad: e.Quad, Status: e.Status, Context: e.Context, NumMentions: int32(e.NumMentions), NumSources: int32(e.NumSources),
		NumArticles: int32(e.NumArticles), NumStories: int32(e.NumStories), FirstSeen: e.FirstSeen, LastSeen: e.LastSeen,
		Confidence: e.Confidence, URL: e.URL, Text: e.Text}
	for _, x := range e.Actor {
		r.ActorIDs, r.ActorNames, r.ActorCountries = append(r.ActorIDs, x.ID), append(r.ActorNames, x.Name), append(r.ActorCountries, x.Country)
	}
	for _, x := range e.Recipient {
		r.RecipientIDs, r.RecipientNames, r.RecipientCtries = append(r.RecipientIDs, x.ID), append(r.RecipientNames, x.Name), append(r.RecipientCtries, x.Country)
	}
	if l := e.Location; l != nil {
		r.Location, r.LocationCountry, r.Lat, r.Lon = l.Name, l.Country, l.Lat, l.Lon
	}
	if c, ok := tab.Lookup(e.EventType, e.Mode, e.Context); ok {
		g, q := c.Goldstein, int32(c.Quad)
		r.CAMEO, r.Goldstein, r.CAMEOQuad = c.Code, &g, &q
	}
	return r
}
