package web

import (
	"fmt"
	"net/http"
	"sort"
	"time"

	"github.com/parleyhq/parley/internal/store"
)

// chart is the timeline as SVG: one bar per period, stacked by quad.
type chart struct {
	Width, Height int
	Bars          []bar
	Labels        []axisLabel
	Max, Total    int
	Bucket        string
}

type bar struct {
	Period   string
	Total    int
	Href     string
	Selected bool
	X, W     string
	Segs     []seg
}

type seg struct {
	Quad, Y, H, Href string
	Count            int
}

type axisLabel struct {
	X, Text string
}

type timelineData struct {
	Chart    chart
	Bucket   string
	DayHref  string
	WeekHref string
	// Period is the selected bar, Quad its selected part; Events lists them.
	Period, Quad, PeriodEnd string
	Events                  []eventRow
	// Undated are events without a date of their own whose possible dates
	// (around their reports) the timeline counts in this period.
	Undated []eventRow
	More    string
	// Days is set when days were asked for but weeks are drawn: the days
	// the events span, too many for a bar each.
	Days int
}

const (
	chartW, chartH = 1000, 260
	maxPeriods     = 5000
	// maxDayBars is the most days drawn a bar each (a year and a bit):
	// over longer spans, bars would be thinner than a pixel and the
	// browser would spend a second on thousands of them.
	maxDayBars = 400
)

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	f := readFilters(r)
	sf, err := s.storeFilter(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	bucket := r.URL.Query().Get("bucket")
	if bucket != "day" && bucket != "week" {
		bucket = "week"
		if !sf.Since.IsZero() && !sf.Until.IsZero() && sf.Until.Sub(sf.Since) <= 92*24*time.Hour {
			bucket = "day"
		}
	}
	buckets, err := s.agg.Timeline(r.Context(), sf, bucket, "quad")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := timelineData{Period: r.URL.Query().Get("period"), Quad: r.URL.Query().Get("period_quad"),
		DayHref: f.With("/timeline", "bucket", "day"), WeekHref: f.With("/timeline", "bucket", "week")}
	if n := daySpan(buckets); bucket == "day" && n > maxDayBars {
		bucket, buckets, d.Days = "week", weeks(buckets), n
	}
	d.Bucket = bucket
	d.Chart = buildChart(f, bucket, buckets, d.Period)
	if d.Period != "" {
		if err := s.periodEvents(r, f, sf, bucket, &d); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.render(w, r, "timeline", "Timeline", d)
}

// periodEvents lists the events of the selected bar (or part of it).
func (s *Server) periodEvents(r *http.Request, f Filters, sf store.Filter, bucket string, d *timelineData) error {
	start, err := day(d.Period, "period")
	if err != nil {
		return err
	}
	end := start
	if bucket == "week" {
		end = start.AddDate(0, 0, 6)
	}
	d.PeriodEnd = end.Format(time.DateOnly)
	sf.Since, sf.Until, sf.Limit = start, end, 200
	if d.Quad != "" {
		sf.Quad = d.Quad
	}
	p, err := s.db.Events(r.Context(), sf)
	if err != nil {
		return err
	}
	rows, err := s.rows(r.Context(), p.Items)
	if err != nil {
		return err
	}
	for _, e := range rows {
		if e.Date == "" {
			d.Undated = append(d.Undated, e)
		} else {
			d.Events = append(d.Events, e)
		}
	}
	if p.Next != "" {
		q := d.Quad
		if q == "" {
			q = f.Quad
		}
		d.More = f.With("/events", "since", d.Period, "until", d.PeriodEnd, "quad", q)
	}
	return nil
}

func buildChart(f Filters, bucket string, buckets []store.Bucket, selected string) chart {
	c := chart{Width: chartW, Height: chartH, Bucket: bucket}
	counts := map[string]map[string]int{}
	var periods []string
	for _, b := range buckets {
		if counts[b.Period] == nil {
			counts[b.Period] = map[string]int{}
			periods = append(periods, b.Period)
		}
		counts[b.Period][b.Group] += b.Count
		c.Total += b.Count
	}
	periods = fillPeriods(periods, bucket)
	for _, p := range periods {
		n := 0
		for _, v := range counts[p] {
			n += v
		}
		c.Max = max(c.Max, n)
	}
	if len(periods) == 0 || c.Max == 0 {
		return c
	}
	slot := float64(chartW) / float64(len(periods))
	gap := 0.0
	if slot > 3 {
		gap = slot * 0.15
	}
	scale := float64(chartH-20) / float64(c.Max)
	for i, p := range periods {
		b := bar{Period: p, Selected: p == selected, X: num(float64(i)*slot + gap/2), W: num(slot - gap),
			Href: f.With("/timeline", "bucket", bucket, "period", p)}
		y := float64(chartH)
		for _, q := range quadList {
			n := counts[p][q.Key]
			if n == 0 {
				continue
			}
			h := float64(n) * scale
			y -= h
			b.Segs = append(b.Segs, seg{Quad: q.Key, Y: num(y), H: num(h), Count: n,
				Href: f.With("/timeline", "bucket", bucket, "period", p, "period_quad", q.Key)})
			b.Total += n
		}
		c.Bars = append(c.Bars, b)
	}
	every := max(1, len(periods)/8)
	for i := 0; i < len(periods); i += every {
		c.Labels = append(c.Labels, axisLabel{X: num(float64(i)*slot + slot/2), Text: periods[i]})
	}
	return c
}

// fillPeriods adds the empty days or weeks between the first and last
// period, so that time runs evenly along the axis.
func fillPeriods(ps []string, bucket string) []string {
	if len(ps) < 2 {
		return ps
	}
	first, err1 := time.Parse(time.DateOnly, ps[0])
	last, err2 := time.Parse(time.DateOnly, ps[len(ps)-1])
	step := 1
	if bucket == "week" {
		step = 7
	}
	if err1 != nil || err2 != nil || int(last.Sub(first).Hours()/24)/step > maxPeriods {
		return ps
	}
	var out []string
	for d := first; !d.After(last); d = d.AddDate(0, 0, step) {
		out = append(out, d.Format(time.DateOnly))
	}
	return out
}

func num(x float64) string { return fmt.Sprintf("%.2f", x) }

// daySpan is the number of days from the first to the last of buckets
// per day (ordered by period), both included.
func daySpan(bs []store.Bucket) int {
	if len(bs) == 0 {
		return 0
	}
	first, err1 := time.Parse(time.DateOnly, bs[0].Period)
	last, err2 := time.Parse(time.DateOnly, bs[len(bs)-1].Period)
	if err1 != nil || err2 != nil {
		return len(bs)
	}
	return int(last.Sub(first).Hours()/24) + 1
}

// weeks sums buckets per day (ordered by period) into weeks, each named
// by its Monday, as the store's weekly timeline does.
func weeks(bs []store.Bucket) []store.Bucket {
	var out []store.Bucket
	at := map[[2]string]int{}
	for _, b := range bs {
		if t, err := time.Parse(time.DateOnly, b.Period); err == nil {
			b.Period = t.AddDate(0, 0, -(int(t.Weekday())+6)%7).Format(time.DateOnly)
		}
		k := [2]string{b.Period, b.Group}
		if i, ok := at[k]; ok {
			out[i].Count += b.Count
			continue
		}
		at[k] = len(out)
		out = append(out, b)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Period != out[j].Period {
			return out[i].Period < out[j].Period
		}
		return out[i].Group < out[j].Group
	})
	return out
}
