package timex

import (
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// Years outside [minYear, maxYear] are not taken for years.
const (
	minYear = 1900
	maxYear = 2100
)

// forwardMonths is how far after the publication date a date written
// without its year may fall: "3 March" in a report of 26 February is the
// coming 3 March, but "3 March" in a report of 26 June is last March.
const forwardMonths = 2

// refDate is a publication date prepared for resolution.
type refDate struct {
	t    time.Time // midnight UTC of the publication day; zero when unknown
	rank int       // how coarse the publication date is: rankDay .. rankUnknown
}

const (
	rankDay = iota
	rankWeek
	rankMonth
	rankYear
	rankUnknown
)

func precRank(p doc.Precision) int {
	switch p {
	case doc.PrecisionDay, "":
		return rankDay
	case doc.PrecisionWeek:
		return rankWeek
	case doc.PrecisionMonth:
		return rankMonth
	case doc.PrecisionYear:
		return rankYear
	}
	return rankUnknown
}

func newRef(r Ref) refDate {
	if r.Time.IsZero() {
		return refDate{rank: rankUnknown}
	}
	y, m, d := r.Time.Date()
	return refDate{t: time.Date(y, m, d, 0, 0, 0, 0, time.UTC), rank: precRank(r.Precision)}
}

// resolved is a date with its precision; a zero t means unknown.
type resolved struct {
	t    time.Time
	prec doc.Precision
}

func (r resolved) known() bool { return !r.t.IsZero() }

func dayOf(t time.Time) resolved { return resolved{t, doc.PrecisionDay} }

func weekOf(t time.Time) resolved { return resolved{monday(t), doc.PrecisionWeek} }

func monthOf(y, m int) resolved {
	return resolved{time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC), doc.PrecisionMonth}
}

func yearOf(y int) resolved {
	return resolved{time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), doc.PrecisionYear}
}

// monday returns the Monday that starts t's week.
func monday(t time.Time) time.Time {
	return t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7))
}

// date returns y-m-d and whether that day exists.
func date(y, m, d int) (time.Time, bool) {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	return t, t.Day() == d
}

// resolve turns a meaning into a date against the publication date.
func (r refDate) resolve(s sem) resolved {
	switch s.kind {
	case kDate:
		return r.calendar(s)
	case kRange:
		return r.span(s)
	case kWeekday:
		if r.rank > rankDay {
			return resolved{}
		}
		return dayOf(r.weekday(s.wd, s.dir))
	case kDays:
		if r.rank > rankDay {
			return resolved{}
		}
		return dayOf(r.t.AddDate(0, 0, s.n))
	case kUnit:
		return r.unitRel(s.unit, s.dir)
	case kAgo:
		return r.ago(s.unit, s.n)
	}
	return resolved{}
}

// calendar resolves a calendar date of which the year, or the day, or both
// may be missing.
func (r refDate) calendar(s sem) resolved {
	switch {
	case s.ambig || s.m == 0:
		return yearOf(s.y)
	case s.y > 0 && s.d == 0:
		return monthOf(s.y, s.m)
	case s.y > 0:
		if t, ok := date(s.y, s.m, s.d); ok {
			return dayOf(t)
		}
		return monthOf(s.y, s.m)
	case r.rank > rankMonth:
		return resolved{}
	case s.d == 0:
		return monthOf(r.monthYear(s.m, s.dir), s.m)
	}
	y := r.dayYear(s.m, s.d, s.dir)
	if t, ok := date(y, s.m, s.d); ok {
		return dayOf(t)
	}
	return monthOf(y, s.m)
}

// monthYear chooses the year of a month named without one: the latest
// occurrence at most forwardMonths after the publication month; strictly
// before it for "last May", strictly after for "next May", the publication
// year for "this May".
func (r refDate) monthYear(m int, d dir) int {
	ry, rm := r.t.Year(), int(r.t.Month())
	ref := ry*12 + rm - 1
	switch d {
	case dirThis:
		return ry
	case dirFuture:
		if m > rm {
			return ry
		}
		return ry + 1
	case dirPast:
		if m < rm {
			return ry
		}
		return ry - 1
	}
	for y := ry + 1; ; y-- {
		if y*12+m-1 <= ref+forwardMonths {
			return y
		}
	}
}

// dayYear chooses the year of a day and month given without one: the
// latest occurrence at most forwardMonths after the publication day; the
// latest before it for "last October 22", the first after it for "next".
func (r refDate) dayYear(m, d int, dr dir) int {
	at := func(y int) time.Time { return time.Date(y, time.Month(m), min(d, 28), 0, 0, 0, 0, time.UTC) }
	switch dr {
	case dirPast:
		if at(r.t.Year()).Before(r.t) {
			return r.t.Year()
		}
		return r.t.Year() - 1
	case dirFuture:
		if at(r.t.Year()).After(r.t) {
			return r.t.Year()
		}
		return r.t.Year() + 1
	case dirThis:
		return r.t.Year()
	}
	limit := r.t.AddDate(0, forwardMonths, 0)
	for y := r.t.Year() + 1; ; y-- {
		if !at(y).After(limit) {
			return y
		}
	}
}

// span resolves a range of days: one day is day precision, up to a week is
// the week of its first day, longer is the month of its first day. Ranges
// of years are not resolved.
func (r refDate) span(s sem) resolved {
	if s.m == 0 {
		return resolved{}
	}
	m2 := s.m2
	if m2 == 0 {
		m2 = s.m
	}
	y, y2 := s.y, s.y2
	switch {
	case y == 0 && y2 == 0:
		if r.rank > rankMonth {
			return resolved{}
		}
		y = r.dayYear(s.m, s.d, dirNone)
		y2 = y
		if m2 < s.m {
			y2++
		}
	case y == 0:
		y = y2
		if m2 < s.m {
			y--
		}
	case y2 == 0:
		y2 = y
		if m2 < s.m {
			y2++
		}
	}
	start, ok1 := date(y, s.m, s.d)
	end, ok2 := date(y2, m2, s.d2)
	days := int(end.Sub(start).Hours() / 24)
	switch {
	case !ok1 || !ok2 || days < 0:
		return resolved{}
	case days == 0:
		return dayOf(start)
	case days < 7:
		return weekOf(start)
	}
	return monthOf(y, s.m)
}

// weekday resolves a day of the week. "last Tuesday" is the latest Tuesday
// before the publication day, "next Tuesday" the first after it, "this
// Tuesday" the one in the publication week. A bare "Tuesday" is the
// publication day itself when that is a Tuesday, the next day when that is
// a Tuesday (a report of the eve announces it), and otherwise the latest
// Tuesday before publication.
func (r refDate) weekday(wd time.Weekday, d dir) time.Time {
	pub := int(r.t.Weekday())
	back := (pub - int(wd) + 7) % 7
	fwd := (int(wd) - pub + 7) % 7
	switch d {
	case dirPast:
		if back == 0 {
			back = 7
		}
		return r.t.AddDate(0, 0, -back)
	case dirFuture:
		if fwd == 0 {
			fwd = 7
		}
		return r.t.AddDate(0, 0, fwd)
	case dirThis:
		return monday(r.t).AddDate(0, 0, (int(wd)+6)%7)
	}
	switch {
	case back == 0:
		return r.t
	case fwd == 1:
		return r.t.AddDate(0, 0, 1)
	}
	return r.t.AddDate(0, 0, -back)
}

// unitRel resolves "last week", "this month", "next year", "the weekend".
// Weeks start on Monday and are dated by their Monday; a weekend is dated
// by the Monday of its week.
func (r refDate) unitRel(u unit, d dir) resolved {
	off := 0
	switch d {
	case dirPast:
		off = -1
	case dirFuture:
		off = 1
	}
	switch u {
	case unitWeek:
		if r.rank > rankDay {
			return resolved{}
		}
		return weekOf(r.t.AddDate(0, 0, 7*off))
	case unitWeekend:
		if r.rank > rankDay {
			return resolved{}
		}
		return weekOf(r.saturday(d))
	case unitMonth:
		if r.rank > rankMonth {
			return resolved{}
		}
		t := time.Date(r.t.Year(), r.t.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
		return monthOf(t.Year(), int(t.Month()))
	case unitYear:
		if r.rank > rankYear {
			return resolved{}
		}
		return yearOf(r.t.Year() + off)
	}
	return resolved{}
}

// saturday returns the Saturday of the weekend meant: for a bare "the
// weekend" the latest one that has begun by publication, for "last weekend"
// the one before the publication weekend, for "this weekend" the one of the
// publication week and for "next weekend" the first one after publication.
func (r refDate) saturday(d dir) time.Time {
	pub := r.t.Weekday()
	back := (int(pub) - int(time.Saturday) + 7) % 7
	latest := r.t.AddDate(0, 0, -back)
	switch d {
	case dirPast:
		if pub == time.Saturday || pub == time.Sunday {
			return latest.AddDate(0, 0, -7)
		}
		return latest
	case dirThis:
		return monday(r.t).AddDate(0, 0, 5)
	case dirFuture:
		return latest.AddDate(0, 0, 7)
	}
	return latest
}

// ago resolves "three days ago", "two weeks ago", "a year ago".
func (r refDate) ago(u unit, n int) resolved {
	switch u {
	case unitDay:
		if r.rank > rankDay {
			return resolved{}
		}
		return dayOf(r.t.AddDate(0, 0, -n))
	case unitWeek:
		if r.rank > rankDay {
			return resolved{}
		}
		return weekOf(r.t.AddDate(0, 0, -7*n))
	case unitMonth:
		if r.rank > rankMonth {
			return resolved{}
		}
		t := time.Date(r.t.Year(), r.t.Month()-time.Month(n), 1, 0, 0, 0, 0, time.UTC)
		return monthOf(t.Year(), int(t.Month()))
	case unitYear:
		if r.rank > rankYear {
			return resolved{}
		}
		return yearOf(r.t.Year() - n)
	}
	return resolved{}
}
