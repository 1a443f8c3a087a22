package cli

import (
	"context"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/cameo"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/store"
)

// The tabular exports write one row per deduplicated event, in the column
// layouts of the event datasets analysts' tools already read.

// eachEvent calls fn for every event matching f, up to limit (0: all),
// as rv corrects them: those marked wrong left out, those f selects only
// as corrected last.
func eachEvent(ctx context.Context, db store.EventReader, f store.Filter, limit int, rv *reviewed, fn func(e *store.Event) error) error {
	written := 0
	next, err := eachPage(f, limit, func(f store.Filter) (string, int, error) {
		p, err := db.Events(ctx, f)
		if err != nil {
			return "", 0, err
		}
		n := 0
		for i := range p.Items {
			if !rv.event(&p.Items[i]) {
				continue
			}
			if err := fn(&p.Items[i]); err != nil {
				return "", 0, err
			}
			n++
		}
		written += n
		return p.Next, n, nil
	})
	if err != nil || next != "" || rv == nil {
		return err
	}
	for i := range rv.extra {
		if limit > 0 && written >= limit {
			break
		}
		if err := fn(&rv.extra[i]); err != nil {
			return err
		}
		written++
	}
	return nil
}

// polecatHeader is the column layout of the POLECAT event data (PLOVER
// coded), one tab-separated row per event, in the order of POLECAT's
// published weekly files. Columns parley does not know (COW codes, titles,
// Wikipedia and GeoNames ids, the district and province of a place, story
// entity lists) are empty; Intensity is the Goldstein score of the event's
// CAMEO equivalent; several actors are joined by ';'.
var polecatHeader = []string{"Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code",
	"Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
	"Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country", "Recipient COW",
	"Primary Recipient Sector", "Recipient Sectors", "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
	"Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename",
	"Feature Type", "Source", "Publication Date", "Story People", "Story Organizations", "Story Locations",
	"Language", "Version"}

// evidenceLang is the language of an event's evidence among those the
// coder reads: Arabic when its first word is in Arabic script, else English.
func evidenceLang(text string) string {
	if f := strings.Fields(text); len(f) > 0 && fold.Caseless(f[0]) {
		return "ar"
	}
	return "en"
}

func exportPOLECAT(ctx context.Context, w io.Writer, db store.EventReader, f store.Filter, limit int, rv *reviewed) error {
	tab, err := cameo.Load()
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma = '\t'
	cw.Write(polecatHeader)
	err = eachEvent(ctx, db, f, limit, rv, func(e *store.Event) error {
		code, _ := tab.Lookup(e.EventType, e.Mode, e.Context)
		intensity := ""
		if code.Code != "" {
			intensity = strconv.FormatFloat(code.Goldstein, 'f', 1, 64)
		}
		place, country, lat, lon := location(e.Location)
		primary := func(es []doc.Entity) string {
			if len(es) == 0 {
				return ""
			}
			return es[0].Sector
		}
		return cw.Write([]string{e.ID, e.Date, e.EventType, e.Mode, intensity, e.Quad, strings.Join(e.Context, ";"),
			names(e.Actor), field(e.Actor, func(x doc.Entity) string { return x.Country }), "", primary(e.Actor),
			field(e.Actor, func(x doc.Entity) string { return x.Sector }), "", field(e.Actor, entityText), "",
			names(e.Recipient), field(e.Recipient, func(x doc.Entity) string { return x.Country }), "", primary(e.Recipient),
			field(e.Recipient, func(x doc.Entity) string { return x.Sector }), "", field(e.Recipient, entityText), "",
			place, "", "", "", country, lat, lon, "", place, "", hostOf(e.URL), e.FirstSeen, "", "", "",
			evidenceLang(e.Text), "parley"})
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return err
}

// gdeltHeader is the column layout of the GDELT 2.0 event table. parley
// writes it as CSV with this header. Actor codes are the country and the
// sector (LBYGOV); country codes are ISO 3166 alpha-3, where GDELT's
// geographic fields use FIPS; EventCode, QuadClass and GoldsteinScale come
// from the event's CAMEO equivalent (package cameo); an event without a
// date is dated by its first report; columns parley does not know are empty.
var gdeltHeader = []string{"GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
	"Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode", "Actor1Religion1Code",
	"Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
	"Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode", "Actor2Religion1Code",
	"Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
	"IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
	"NumMentions", "NumSources", "NumArticles", "AvgTone",
	"Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
	"Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
	"Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
	"Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
	"ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
	"ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL"}

// gdeltQuad is GDELT's QuadClass (1-4) of a PLOVER quad, for events the
// CAMEO table does not know.
var gdeltQuad = map[string]int{"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}

func exportGDELT(ctx context.Context, w io.Writer, db store.EventReader, f store.Filter, limit int, rv *reviewed) error {
	tab, err := cameo.Load()
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(gdeltHeader)
	err = eachEvent(ctx, db, f, limit, rv, func(e *store.Event) error {
		return cw.Write(gdeltRow(tab, e))
	})
	cw.Flush()
	if err == nil {
		err = cw.Error()
	}
	return err
}

func gdeltRow(tab *cameo.Table, e *store.Event) []string {
	row := make([]string, 0, len(gdeltHeader))
	date := e.Date
	if date == "" {
		date = e.FirstSeen // GDELT dates every event; an undated one happened by its first report
	}
	day, month, year, frac := gdeltDate(date)
	row = append(row, e.ID, day, month, year, frac)
	for _, es := range [][]doc.Entity{e.Actor, e.Recipient} {
		var x doc.Entity
		if len(es) > 0 {
			x = es[0]
		}
		row = append(row, x.Country+x.Sector, x.Name, x.Country, "", "", "", "", x.Sector, "", "")
	}
	code, ok := tab.Lookup(e.EventType, e.Mode, e.Context)
	quad, goldstein := gdeltQuad[e.Quad], ""
	base, root := "", ""
	if ok {
		base, root = code.Code[:3], code.Root
		if quad = code.Quad; quad == 0 {
			quad = 1 // GDELT counts CAMEO's neutral statements (01, 02) as verbal cooperation
		}
		goldstein = strconv.FormatFloat(code.Goldstein, 'f', 1, 64)
	}
	quadText := ""
	if quad > 0 {
		quadText = strconv.Itoa(quad)
	}
	row = append(row, "1", code.Code, base, root, quadText, goldstein,
		strconv.Itoa(e.NumMentions), strconv.Itoa(e.NumSources), strconv.Itoa(e.NumArticles), "")
	row = append(row, make([]string, 16)...) // actor geography: parley places events, not actors
	place, country, lat, lon := location(e.Location)
	geoType := ""
	if place != "" {
		geoType = "4" // a place name (GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state)
	}
	added := ""
	if d, _, _, _ := gdeltDate(e.FirstSeen); d != "" {
		added = d + "000000"
	}
	return append(row, geoType, place, country, "", "", lat, lon, "", added, e.URL)
}

// gdeltDate turns YYYY, YYYY-MM or YYYY-MM-DD into GDELT's SQLDATE,
// MonthYear, Year and FractionDate (a coarse date takes its first day).
func gdeltDate(d string) (day, month, year, frac string) {
	var t time.Time
	var err error
	switch len(d) {
	case 4:
		t, err = time.Parse("2006", d)
	case 7:
		t, err = time.Parse("2006-01", d)
	case 10:
		t, err = time.Parse(time.DateOnly, d)
	default:
		return
	}
	if err != nil {
		return
	}
	f := float64(t.Year()) + float64(t.YearDay())/365
	return t.Format("20060102"), t.Format("200601"), t.Format("2006"), strconv.FormatFloat(f, 'f', 4, 64)
}

func location(l *doc.Location) (name, country, lat, lon string) {
	if l == nil {
		return
	}
	name, country = l.Name, l.Country
	if l.Lat != nil && l.Lon != nil {
		lat, lon = strconv.FormatFloat(*l.Lat, 'f', -1, 64), strconv.FormatFloat(*l.Lon, 'f', -1, 64)
	}
	return
}

func field(es []doc.Entity, get func(doc.Entity) string) string {
	out := make([]string, len(es))
	for i, x := range es {
		out[i] = get(x)
	}
	return strings.Join(out, ";")
}

func entityText(x doc.Entity) string { return x.EntityText }

// hostOf is the host of a URL without "www.", or "".
func hostOf(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	host, _, _ := strings.Cut(rest, "/")
	return strings.TrimPrefix(host, "www.")
}
