package dedup

import (
	"slices"
	"strings"
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
)

// Policy holds the thresholds of deduplication. The zero Policy means the
// defaults.
type Policy struct {
	// NearDuplicate is the estimated Jaccard similarity from which an
	// article is a copy of another; 0 means 0.6.
	NearDuplicate float64
	// Tolerance is how many days apart two records' possible dates may be
	// and still match; 0 means 1, negative means 0.
	Tolerance int
	// Lookback is how many days before publication an undated record may
	// have happened; 0 means 8.
	Lookback int
}

// Threshold returns the near-duplicate threshold in effect.
func (p Policy) Threshold() float64 {
	if p.NearDuplicate <= 0 {
		return 0.6
	}
	return p.NearDuplicate
}

// Tol returns the date tolerance in effect, in days.
func (p Policy) Tol() int {
	switch {
	case p.Tolerance < 0:
		return 0
	case p.Tolerance == 0:
		return 1
	}
	return p.Tolerance
}

func (p Policy) lookback() int {
	if p.Lookback <= 0 {
		return 8
	}
	return p.Lookback
}

// Key returns the part of an event record that must be equal for two
// records to be one event: type, status and the set of participants.
func Key(e *doc.Event) string {
	var parts []string
	for _, list := range [][]doc.Entity{e.Actor, e.Recipient} {
		for _, x := range list {
			k := x.ID
			if k == "" {
				k = "~" + fold.Phrase(x.Name)
			}
			parts = append(parts, k)
		}
	}
	slices.Sort(parts)
	parts = slices.Compact(parts)
	return strings.ToUpper(e.EventType) + "|" + e.Status + "|" + strings.Join(parts, ",")
}

// Dates is a closed interval of days, as YYYY-MM-DD strings (which sort
// as dates).
type Dates struct {
	Lo, Hi string
}

// Interval returns the days an event record may have happened on: its
// date's day, week, month or year by its precision, or, when it has no
// date, the Lookback days up to the publication date. ok is false when
// neither is known.
func (p Policy) Interval(e *doc.Event, published time.Time) (d Dates, ok bool) {
	if lo, hi, ok := span(e.Date, e.DatePrecision); ok {
		return Dates{day(lo), day(hi)}, true
	}
	if published.IsZero() {
		return Dates{}, false
	}
	pub := published.UTC().Truncate(24 * time.Hour)
	return Dates{day(pub.AddDate(0, 0, -p.lookback())), day(pub)}, true
}

// Widen returns d widened by the tolerance on both sides: the interval a
// stored event's dates must overlap for a record with dates d to match.
func (p Policy) Widen(d Dates) Dates {
	lo, _ := time.Parse(time.DateOnly, d.Lo)
	hi, _ := time.Parse(time.DateOnly, d.Hi)
	return Dates{day(lo.AddDate(0, 0, -p.Tol())), day(hi.AddDate(0, 0, p.Tol()))}
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// span reads a date of the event format (YYYY, YYYY-MM or YYYY-MM-DD) at a
// precision into its first and last day.
func span(date string, prec doc.Precision) (lo, hi time.Time, ok bool) {
	var t time.Time
	var err error
	switch len(date) {
	case 4:
		t, err = time.Parse("2006", date)
		if prec != doc.PrecisionYear {
			prec = doc.PrecisionYear
		}
	case 7:
		t, err = time.Parse("2006-01", date)
		if prec == doc.PrecisionDay || prec == doc.PrecisionWeek || prec == "" || prec == doc.PrecisionUnknown {
			prec = doc.PrecisionMonth
		}
	case 10:
		t, err = time.Parse(time.DateOnly, date)
	default:
		return lo, hi, false
	}
	if err != nil {
		return lo, hi, false
	}
	switch prec {
	case doc.PrecisionWeek:
		lo = t.AddDate(0, 0, -((int(t.Weekday()) + 6) % 7)) // its Monday
		return lo, lo.AddDate(0, 0, 6), true
	case doc.PrecisionMonth:
		lo = time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
		return lo, lo.AddDate(0, 1, -1), true
	case doc.PrecisionYear:
		lo = time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		return lo, lo.AddDate(1, 0, -1), true
	}
	return t, t, true
}

// Rank orders precisions from finest (0, day) to unknown (4).
func Rank(p doc.Precision) int {
	switch p {
	case doc.PrecisionDay:
		return 0
	case doc.PrecisionWeek:
		return 1
	case doc.PrecisionMonth:
		return 2
	case doc.PrecisionYear:
		return 3
	}
	return 4
}

// Candidate is a stored event a record may join.
type Candidate struct {
	Dates    Dates
	Location *doc.Location
}

// SameLocation reports whether two locations may be the same place: either
// is unknown, or they have the same folded name.
func SameLocation(a, b *doc.Location) bool {
	if a == nil || b == nil || a.Name == "" || b.Name == "" {
		return true
	}
	return fold.Phrase(a.Name) == fold.Phrase(b.Name)
}

// Choose returns the index of the candidate a record with dates d and
// location loc joins, or -1 when none matches. Candidates must have the
// record's [Key]; among those whose dates come within the tolerance and
// whose location may be the same, the one with the nearest dates wins, the
// first on ties.
func (p Policy) Choose(d Dates, loc *doc.Location, cands []Candidate) int {
	best, bestGap := -1, 0
	for i, c := range cands {
		if !SameLocation(loc, c.Location) {
			continue
		}
		g := gap(d, c.Dates)
		if g > p.Tol() {
			continue
		}
		// Prefer by gap, then by distance of the midpoints.
		score := g*100000 + midDistance(d, c.Dates)
		if best < 0 || score < bestGap {
			best, bestGap = i, score
		}
	}
	return best
}

// gap is the number of days between two intervals, 0 when they overlap.
func gap(a, b Dates) int {
	switch {
	case a.Hi < b.Lo:
		return days(a.Hi, b.Lo)
	case b.Hi < a.Lo:
		return days(b.Hi, a.Lo)
	}
	return 0
}

func midDistance(a, b Dates) int {
	d := days(a.Lo, b.Lo) + days(a.Hi, b.Hi)
	if d < 0 {
		d = -d
	}
	return d
}

func days(from, to string) int {
	f, _ := time.Parse(time.DateOnly, from)
	t, _ := time.Parse(time.DateOnly, to)
	return int(t.Sub(f).Hours() / 24)
}
