package eval

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// maxText is the length, in characters, to which evidence sentences are
// trimmed in the text report.
const maxText = 120

// WriteText writes the report for people: the counts, the three levels, the
// attribute scores and entity resolution. With detail it adds, per article,
// every strict-level pair: matched ("ok"), missed gold ("miss") and spurious
// system ("spur") pairs, with their type, participants and sentence.
func (r *Report) WriteText(w io.Writer, detail bool) error {
	ew := &errWriter{w: w}
	ew.printf("articles: %d gold (%d missing from the system output), %d system-only ignored\n",
		r.Articles, r.MissingArticles, r.ExtraArticles)
	ew.printf("events:   %d gold, %d system (excluded by status: %d gold, %d system)\n\n",
		r.GoldEvents, r.SystemEvents, r.GoldExcluded, r.SystemExcluded)

	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "level\tTP\tFP\tFN\tprecision\trecall\tF1\t")
	for _, l := range []struct {
		name string
		m    PRF
	}{{"strict", r.Strict}, {"quad", r.Quad}, {"dyad", r.Dyad}, {"context", r.Context}} {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%.3f\t%.3f\t%.3f\t\n",
			l.name, l.m.TP, l.m.FP, l.m.FN, l.m.Precision, l.m.Recall, l.m.F1)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	ew.printf("(context: micro-averaged labels of strict matches)\n\n")
	ew.printf("on strict matches: date %s, location %s, mode %s\n",
		r.Date, r.Location, r.Mode)
	ew.printf("publication date:  %s\n", r.Published)
	e := r.Entities
	ew.printf("entity resolution: precision %.3f, recall %.3f, F1 %.3f (%d items; pairs same in gold %d, in system %d, in both %d)\n",
		e.Precision, e.Recall, e.F1, e.Items, e.GoldSame, e.SystemSame, e.BothSame)
	if detail {
		for i := range r.Details {
			r.Details[i].writeText(ew)
		}
	}
	return ew.err
}

// String formats an accuracy as "0.750 (3/4)", or "n/a (0/0)".
func (a Accuracy) String() string {
	if a.Total == 0 {
		return "n/a (0/0)"
	}
	return fmt.Sprintf("%.3f (%d/%d)", a.Accuracy, a.Correct, a.Total)
}

func (a *ArticleReport) writeText(ew *errWriter) {
	ew.printf("\n== %s", a.ID)
	if a.Missing {
		ew.printf(" (missing from the system output)")
	}
	ew.printf("\n   strict %d/%d/%d  quad %d/%d/%d  dyad %d/%d/%d (TP/FP/FN)",
		a.Strict.TP, a.Strict.FP, a.Strict.FN, a.Quad.TP, a.Quad.FP, a.Quad.FN, a.Dyad.TP, a.Dyad.FP, a.Dyad.FN)
	mark := "ok"
	if !a.PublishedOK {
		mark = "WRONG"
	}
	ew.printf("  published gold %q system %q %s\n", a.GoldPublished, a.SystemPublished, mark)
	for _, p := range a.Pairs {
		switch p.Outcome {
		case Matched:
			ew.printf("   ok    %s\n", p.Gold.line())
			if s := p.System.head(); s != p.Gold.head() {
				ew.printf("         coded as %s\n", s)
			}
		case Missed:
			ew.printf("   miss  %s\n", p.Gold.line())
		case Spurious:
			ew.printf("   spur  %s\n", p.System.line())
		}
	}
}

// line is the one-line form of a pair: type, participants, trimmed sentence.
func (v *PairView) line() string { return v.head() + " | " + trim(v.Text, maxText) }

// head is the type and participants of a pair.
func (v *PairView) head() string {
	arrow := "->"
	if v.Unordered {
		arrow = "<->"
	}
	return fmt.Sprintf("%-9s %s %s %s", v.EventType, v.Actor, arrow, v.Recipient)
}

// trim collapses white space and cuts s to at most n characters, marking a
// cut with an ellipsis.
func trim(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return strings.TrimRight(string(rs[:n-1]), " ") + "…"
}

// errWriter keeps the first write error and skips later writes.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) { fmt.Fprintf(e, format, args...) }
