package clean

import "github.com/parleyhq/parley/internal/doc"

// setPublished settles the publication date, from the most to the least
// reliable evidence: the source's published field; a date in the URL; an
// extractor's "date" marker; a date line under the headline or a
// "Published:" line; a dateline with a year. A date that is only in the
// page header above the headline, or that has no year, is not used. With no
// evidence the date is unknown.
func (w *work) setPublished() {
	a := w.a
	if !a.Published.IsZero() {
		if a.PublishedPrecision == "" || a.PublishedPrecision == doc.PrecisionUnknown {
			a.PublishedPrecision = doc.PrecisionDay
		}
		return
	}
	if a.PublishedText != "" {
		if d, ok := parseISO(a.PublishedText); ok {
			w.use(d)
			return
		}
		if d, ok := w.st.dr.find(a.PublishedText); ok && d.Year > 0 {
			w.use(d)
			return
		}
	}
	if d, ok := urlDate(a.URL); ok {
		w.use(d)
		return
	}
	switch {
	case w.hasMeta:
		w.use(w.metaDate)
	case w.hasText:
		w.use(w.textDate)
	case w.hasDL && w.dl.HasDate && w.dl.Date.Year > 0:
		w.use(w.dl.Date)
	default:
		a.PublishedPrecision = doc.PrecisionUnknown
	}
}

func (w *work) use(d date) {
	w.a.Published, w.a.PublishedPrecision = d.toTime(), d.precision()
}
