package eval

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/doc"
)

// Invented fixtures: two states, Freedonia (FRD) and Sylvania (SYL).
var (
	gFirefly  = GoldEntity{Name: "Rufus T. Firefly", Country: "FRD", Sector: "GOV", Aliases: []string{"Firefly", "Rufus Firefly"}}
	gTrentino = GoldEntity{Name: "Ambassador Trentino", Country: "SYL", Sector: "GOV", Aliases: []string{"Trentino"}}
	gSylvania = GoldEntity{Name: "Sylvania", Country: "SYL", Aliases: []string{"Sylvanian authorities"}}
	gSylGov   = GoldEntity{Name: "Sylvanian Government", Country: "SYL", Sector: "GOV"}
	gArmy     = GoldEntity{Name: "Freedonian Army", Country: "FRD", Sector: "MIL", Aliases: []string{"FDA"}}
	gLeague   = GoldEntity{Name: "League of Nations", Country: "IGO", Aliases: []string{"LoN"}}

	sFirefly  = doc.Entity{ID: "p1", Name: "Rufus Firefly", Country: "FRD", Sector: "GOV"}
	sTrentino = doc.Entity{ID: "p2", Name: "Trentino", Country: "SYL", Sector: "GOV"}
	sSylvania = doc.Entity{ID: "s1", Name: "Sylvania", Country: "SYL"}
	sSylGov   = doc.Entity{ID: "s2", Name: "Sylvanian Government", Country: "SYL", Sector: "GOV"}
	sArmy     = doc.Entity{ID: "o1", Name: "Freedonian Army", Country: "FRD", Sector: "MIL"}
	sLeague   = doc.Entity{ID: "i1", Name: "The League of Nations", Country: "IGO"}
)

func ga(es ...GoldEntity) []GoldEntity { return es }
func sa(es ...doc.Entity) []doc.Entity { return es }

func gev(typ string, actor, recip []GoldEntity) GoldEvent {
	return GoldEvent{EventType: typ, Status: "occurred", DatePrecision: "unknown", Actor: actor, Recipient: recip}
}

func sev(typ string, actor, recip []doc.Entity) doc.Event {
	return doc.Event{EventType: typ, Status: "occurred", Actor: actor, Recipient: recip}
}

func withStatus(e GoldEvent, st string) GoldEvent { e.Status = st; return e }
func sysStatus(e doc.Event, st string) doc.Event  { e.Status = st; return e }

type tpfpfn [3]int

func got(m PRF) tpfpfn { return tpfpfn{m.TP, m.FP, m.FN} }

func TestScoreRules(t *testing.T) {
	for _, tc := range []struct {
		name              string
		gold              []GoldEvent
		sys               []doc.Event
		strict, quad, dyd tpfpfn
	}{
		{"exact",
			[]GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"symmetric type reversed",
			[]GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("CONSULT", sa(sTrentino), sa(sFirefly))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"ordered type reversed",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("ACCUSE", sa(sTrentino), sa(sFirefly))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{1, 0, 0}},
		{"same quad",
			[]GoldEvent{gev("SUPPORT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("AGREE", sa(sFirefly), sa(sTrentino))},
			tpfpfn{0, 1, 1}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"quad reversed, both symmetric",
			[]GoldEvent{gev("AGREE", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("CONSULT", sa(sTrentino), sa(sFirefly))},
			tpfpfn{0, 1, 1}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"quad reversed, one symmetric",
			[]GoldEvent{gev("AGREE", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("SUPPORT", sa(sTrentino), sa(sFirefly))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{1, 0, 0}},
		{"other quad",
			[]GoldEvent{gev("AID", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("ASSAULT", sa(sFirefly), sa(sTrentino))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{1, 0, 0}},
		{"pairs among actors are unordered",
			[]GoldEvent{gev("AID", ga(gFirefly, gTrentino, gArmy), nil)},
			[]doc.Event{sev("AID", sa(sTrentino), sa(sFirefly)), sev("AID", sa(sArmy), sa(sFirefly))},
			tpfpfn{2, 0, 1}, tpfpfn{2, 0, 1}, tpfpfn{2, 0, 1}},
		{"pairs among actors on the system side",
			[]GoldEvent{gev("AID", ga(gTrentino), ga(gFirefly))},
			[]doc.Event{sev("AID", sa(sFirefly, sTrentino), nil)},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"actor and recipients expand",
			[]GoldEvent{gev("REQUEST", ga(gFirefly), ga(gTrentino, gLeague))},
			[]doc.Event{sev("REQUEST", sa(sFirefly), sa(sLeague))},
			tpfpfn{1, 0, 1}, tpfpfn{1, 0, 1}, tpfpfn{1, 0, 1}},
		{"lone actor is (actor, none)",
			[]GoldEvent{gev("MOBILIZE", ga(gArmy), nil)},
			[]doc.Event{sev("MOBILIZE", sa(sArmy), nil)},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"none matches only none",
			[]GoldEvent{gev("MOBILIZE", ga(gArmy), nil)},
			[]doc.Event{sev("MOBILIZE", sa(sArmy), sa(sSylvania))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}},
		{"state rule: same country, GOV sector",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gSylvania))},
			[]doc.Event{sev("ACCUSE", sa(sFirefly), sa(sSylGov))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"state rule: empty sector, other name",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gSylvania))},
			[]doc.Event{sev("ACCUSE", sa(sFirefly), sa(doc.Entity{Name: "Sylvanian state", Country: "SYL"}))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"state rule: not for MIL",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gSylvania))},
			[]doc.Event{sev("ACCUSE", sa(sFirefly), sa(doc.Entity{Name: "Sylvanian Army", Country: "SYL", Sector: "MIL"}))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}},
		{"state rule: not for a gold GOV entity",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gSylGov))},
			[]doc.Event{sev("ACCUSE", sa(sFirefly), sa(sSylvania))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}},
		{"state rule: not for an IGO",
			[]GoldEvent{gev("ACCUSE", ga(gFirefly), ga(gLeague))},
			[]doc.Event{sev("ACCUSE", sa(sFirefly), sa(doc.Entity{Name: "Council of the League", Country: "IGO"}))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}},
		{"leading the, alias, accents and punctuation",
			[]GoldEvent{gev("AID", ga(GoldEntity{Name: "Müller-Łukasz Brigade", Country: "SYL", Sector: "REB"}), ga(gLeague))},
			[]doc.Event{sev("AID", sa(doc.Entity{Name: "the Muller Lukasz brigade"}), sa(doc.Entity{Name: "L.o.N."}))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"entity_text matches an alias",
			[]GoldEvent{gev("AID", ga(gArmy), ga(gTrentino))},
			[]doc.Event{sev("AID", sa(doc.Entity{Name: "Army of Freedonia", EntityText: "the FDA"}), sa(sTrentino))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"unknown name does not match",
			[]GoldEvent{gev("AID", ga(gArmy), ga(gTrentino))},
			[]doc.Event{sev("AID", sa(doc.Entity{Name: "Freedonian Navy", Country: "FRD", Sector: "MIL"}), sa(sTrentino))},
			tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}, tpfpfn{0, 1, 1}},
		{"status filter",
			[]GoldEvent{
				withStatus(gev("ASSAULT", ga(gArmy), ga(gSylvania)), "historical"),
				withStatus(gev("AID", ga(gArmy), ga(gSylvania)), "planned"),
			},
			[]doc.Event{
				sysStatus(sev("ASSAULT", sa(sArmy), sa(sSylvania)), "historical"),
				sysStatus(sev("COERCE", sa(sArmy), sa(sSylvania)), "negated"),
				sysStatus(sev("THREATEN", sa(sArmy), sa(sSylvania)), "hypothetical"),
				sysStatus(sev("AID", sa(sArmy), sa(sSylvania)), ""),
			},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"excluded gold, coded system",
			[]GoldEvent{withStatus(gev("ASSAULT", ga(gArmy), ga(gSylvania)), "negated")},
			[]doc.Event{sev("ASSAULT", sa(sArmy), sa(sSylvania))},
			tpfpfn{0, 1, 0}, tpfpfn{0, 1, 0}, tpfpfn{0, 1, 0}},
		{"one-to-one: a second system pair is spurious",
			[]GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{
				sev("CONSULT", sa(sFirefly), sa(sTrentino)),
				sev("CONSULT", sa(doc.Entity{ID: "p9", Name: "Firefly"}), sa(sTrentino)),
			},
			tpfpfn{1, 1, 0}, tpfpfn{1, 1, 0}, tpfpfn{1, 1, 0}},
		{"duplicates on one side collapse",
			[]GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino)), gev("CONSULT", ga(gTrentino), ga(gFirefly))},
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino)), sev("CONSULT", sa(sFirefly), sa(sTrentino))},
			tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}, tpfpfn{1, 0, 0}},
		{"dyad level collapses types",
			[]GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino)), sev("AID", sa(sFirefly), sa(sTrentino))},
			tpfpfn{1, 1, 0}, tpfpfn{1, 1, 0}, tpfpfn{1, 0, 0}},
		{"maximum matching beats greedy order",
			// The system's Sylvanian Government matches both gold entities
			// (one by name, the state by the state rule); the system's
			// Sylvania matches only the state.
			[]GoldEvent{gev("ACCUSE", ga(gSylvania), ga(gFirefly)), gev("ACCUSE", ga(gSylGov), ga(gFirefly))},
			[]doc.Event{sev("ACCUSE", sa(sSylGov), sa(sFirefly)), sev("ACCUSE", sa(sSylvania), sa(sFirefly))},
			tpfpfn{2, 0, 0}, tpfpfn{2, 0, 0}, tpfpfn{2, 0, 0}},
		{"one quad, two gold pairs",
			[]GoldEvent{gev("AGREE", ga(gFirefly), ga(gTrentino)), gev("SUPPORT", ga(gFirefly), ga(gTrentino))},
			[]doc.Event{sev("SUPPORT", sa(sFirefly), sa(sTrentino))},
			tpfpfn{1, 0, 1}, tpfpfn{1, 0, 1}, tpfpfn{1, 0, 0}},
		{"no system events",
			[]GoldEvent{gev("AID", ga(gArmy), ga(gTrentino))},
			nil,
			tpfpfn{0, 0, 1}, tpfpfn{0, 0, 1}, tpfpfn{0, 0, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Score([]GoldArticle{{ID: "a", Events: tc.gold}}, []*doc.Article{{ID: "a", Events: tc.sys}})
			for _, l := range []struct {
				name      string
				got, want tpfpfn
			}{{"strict", got(r.Strict), tc.strict}, {"quad", got(r.Quad), tc.quad}, {"dyad", got(r.Dyad), tc.dyd}} {
				if l.got != l.want {
					t.Errorf("%s: TP/FP/FN = %v, want %v", l.name, l.got, l.want)
				}
			}
		})
	}
}

func TestExactTypeFirst(t *testing.T) {
	gold := []GoldArticle{{ID: "a", Events: []GoldEvent{
		gev("AGREE", ga(gFirefly), ga(gTrentino)),
		gev("SUPPORT", ga(gFirefly), ga(gTrentino)),
	}}}
	sys := systemSide(&doc.Article{Events: []doc.Event{sev("SUPPORT", sa(sFirefly), sa(sTrentino))}})
	gs := goldSide(&gold[0])
	for _, lv := range []level{quadLevel, dyadLevel} {
		gp := dedup(gs.pairs, quadLevel.key) // both gold pairs, at either level
		if gm := lv.match(gp, sys.pairs); gm[0] != -1 || gm[1] != 0 {
			t.Errorf("level %d: matching %v, want the SUPPORT pair matched", lv, gm)
		}
	}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Rufus T. Firefly", "rufus t firefly"},
		{"The League of Nations", "league of nations"},
		{"the", "the"},
		{"Theodora", "theodora"},
		{"U.S.", "us"},
		{"Mu'ammar al-Qadhafi", "muammar al qadhafi"},
		{"Mu’ammar  Al–Qadhafi ", "muammar al qadhafi"},
		{"Ṣaʿīd Ḥaftar", "said haftar"},
		{"Dbeibé", "dbeibe"},
		{"DBEIBÉ", "dbeibe"},
		{"Dbeibe\u0301", "dbeibe"}, // combining acute
		{"Łódź Œuvre Straße Þór Ĳssel", "lodz oeuvre strasse thor ijssel"},
		{"Ğüneş İzmir", "gunes izmir"},
		{"Ærø, (Fœroyar)", "aero foeroyar"},
		{"ليبيا", "ليبيا"},
		{"", ""},
	} {
		if got := fold(tc.in); got != tc.want {
			t.Errorf("fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestEntityResolution(t *testing.T) {
	firefly2 := sFirefly
	firefly2.ID = ""
	noID := doc.Entity{Name: "rufus  firefly"}
	trentinoAsP1 := sTrentino
	trentinoAsP1.ID = "p1"
	for _, tc := range []struct {
		name                 string
		sys1, sys2           []doc.Event
		items                int
		gold, system, both   int64
		precision, recall, f float64
	}{
		{"same ids across articles",
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino))},
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino)), sev("AID", sa(sFirefly), sa(sTrentino))},
			4, 2, 2, 2, 1, 1, 1},
		{"split ids",
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino))},
			[]doc.Event{sev("CONSULT", sa(doc.Entity{ID: "p7", Name: "Firefly"}), sa(doc.Entity{ID: "p8", Name: "Trentino"}))},
			4, 2, 0, 0, 0, 0, 0},
		{"merged and split",
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(trentinoAsP1))},
			[]doc.Event{sev("CONSULT", sa(sFirefly), sa(sTrentino))},
			4, 2, 3, 1, 1.0 / 3, 0.5, 0.4},
		{"folded name stands in for a missing id",
			[]doc.Event{sev("CONSULT", sa(firefly2), nil)},
			[]doc.Event{sev("CONSULT", sa(noID), nil)},
			2, 1, 1, 1, 1, 1, 1},
		{"excluded and unmatched entities give no items",
			[]doc.Event{sev("CONSULT", sa(sFirefly), nil), sysStatus(sev("CONSULT", sa(sTrentino), nil), "historical")},
			[]doc.Event{sev("CONSULT", sa(doc.Entity{ID: "zz", Name: "Groucho"}), sa(sTrentino))},
			2, 0, 0, 0, 1, 1, 1},
		{"no items at all",
			nil, nil,
			0, 0, 0, 0, 1, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			gold := []GoldArticle{
				{ID: "a1", Events: []GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))}},
				{ID: "a2", Events: []GoldEvent{gev("CONSULT", ga(gFirefly), ga(gTrentino))}},
			}
			sys := []*doc.Article{{ID: "a1", Events: tc.sys1}, {ID: "a2", Events: tc.sys2}}
			e := Score(gold, sys).Entities
			if e.Items != tc.items || e.GoldSame != tc.gold || e.SystemSame != tc.system || e.BothSame != tc.both {
				t.Errorf("items %d, pairs gold %d system %d both %d; want %d, %d %d %d",
					e.Items, e.GoldSame, e.SystemSame, e.BothSame, tc.items, tc.gold, tc.system, tc.both)
			}
			for _, v := range []struct {
				name      string
				got, want float64
			}{{"precision", e.Precision, tc.precision}, {"recall", e.Recall, tc.recall}, {"F1", e.F1, tc.f}} {
				if math.Abs(v.got-v.want) > 1e-9 {
					t.Errorf("%s = %.4f, want %.4f", v.name, v.got, v.want)
				}
			}
		})
	}
}

func TestStateRuleInEntityResolution(t *testing.T) {
	// The system's Sylvanian Government matches the gold state by the state
	// rule and the gold government by name; it is assigned to the government.
	gold := []GoldArticle{{ID: "a", Events: []GoldEvent{gev("ACCUSE", ga(gSylvania, gSylGov), nil)}}}
	sys := []*doc.Article{{ID: "a", Events: []doc.Event{sev("ACCUSE", sa(sSylGov), nil)}}}
	if e := Score(gold, sys).Entities; e.Items != 1 {
		t.Errorf("got %d items, want 1", e.Items)
	}
	gold[0].Events[0].Actor = ga(gSylvania)
	if e := Score(gold, sys).Entities; e.Items != 1 {
		t.Errorf("state rule alone: got %d items, want 1", e.Items)
	}
}

func TestAttributes(t *testing.T) {
	g := gev("CONSULT", ga(gFirefly), ga(gTrentino))
	g.Mode, g.Date, g.DatePrecision = "visit", "", "unknown"
	g.Context = []string{"military", "diplomatic"}
	g.Location = &doc.Location{Name: "Fredonia City", Country: "FRD"}
	s := sev("CONSULT", sa(sFirefly), sa(sTrentino))
	s.Mode, s.DatePrecision = "visit", ""
	s.Context = []string{"Military", "economic", "military"}
	s.Location = &doc.Location{Name: "fredonia-city"}

	g2 := gev("AID", ga(gArmy), ga(gSylvania))
	g2.Date, g2.DatePrecision = "2031-05-01", "month"
	s2 := sev("AID", sa(sArmy), sa(sSylvania))
	s2.Date, s2.DatePrecision, s2.Mode = "2031-05-01", doc.PrecisionDay, "arms"
	s2.Location = &doc.Location{}

	r := Score([]GoldArticle{{ID: "a", Events: []GoldEvent{g, g2}}}, []*doc.Article{{ID: "a", Events: []doc.Event{s, s2}}})
	for _, c := range []struct {
		name      string
		got, want Accuracy
	}{
		{"date", r.Date, Accuracy{1, 2, 0.5}},
		{"location", r.Location, Accuracy{2, 2, 1}},
		{"mode", r.Mode, Accuracy{1, 2, 0.5}},
	} {
		if c.got != c.want {
			t.Errorf("%s = %+v, want %+v", c.name, c.got, c.want)
		}
	}
	if got := got(r.Context); got != (tpfpfn{1, 1, 1}) {
		t.Errorf("context TP/FP/FN = %v, want [1 1 1]", got)
	}
	if math.Abs(r.Context.F1-0.5) > 1e-9 {
		t.Errorf("context F1 = %v, want 0.5", r.Context.F1)
	}
}

func TestPublished(t *testing.T) {
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	for _, tc := range []struct {
		name       string
		gold, prec string
		sys        time.Time
		ok         bool
	}{
		{"day", "2031-03-05", "day", at("2031-03-05T23:30:00+02:00"), true},
		{"wrong day", "2031-03-05", "day", at("2031-03-06T01:00:00Z"), false},
		{"month", "2031-03-01", "month", at("2031-03-17T10:00:00Z"), true},
		{"year", "2031-01-01", "year", at("2031-11-17T10:00:00Z"), true},
		{"week starts on Monday", "2031-03-03", "week", at("2031-03-09T10:00:00Z"), true},
		{"null and zero", "", "unknown", time.Time{}, true},
		{"null but dated", "", "unknown", at("2031-03-09T10:00:00Z"), false},
		{"dated but zero", "2031-03-05", "day", time.Time{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Score([]GoldArticle{{ID: "a", Published: tc.gold, PublishedPrecision: tc.prec}},
				[]*doc.Article{{ID: "a", Published: tc.sys}})
			if ok := r.Published.Correct == 1; ok != tc.ok {
				t.Errorf("correct = %v, want %v (system %q)", ok, tc.ok, r.Details[0].SystemPublished)
			}
		})
	}
}

func TestArticles(t *testing.T) {
	gold := []GoldArticle{
		{ID: "a", Events: []GoldEvent{gev("AID", ga(gArmy), ga(gTrentino))}},
		{ID: "b", Events: []GoldEvent{gev("AID", ga(gArmy), ga(gTrentino)), gev("CONSULT", ga(gFirefly, gTrentino), nil)}},
	}
	sys := []*doc.Article{
		{ID: "a", Events: []doc.Event{sev("AID", sa(sArmy), sa(sTrentino))}},
		{ID: "x", Events: []doc.Event{sev("AID", sa(sArmy), sa(sTrentino))}},
		nil,
	}
	r := Score(gold, sys)
	if r.Articles != 2 || r.MissingArticles != 1 || r.ExtraArticles != 1 {
		t.Errorf("articles %d missing %d extra %d, want 2 1 1", r.Articles, r.MissingArticles, r.ExtraArticles)
	}
	if r.GoldEvents != 3 || r.SystemEvents != 1 {
		t.Errorf("events gold %d system %d, want 3 1", r.GoldEvents, r.SystemEvents)
	}
	if got(r.Strict) != (tpfpfn{1, 0, 2}) {
		t.Errorf("strict = %v, want [1 0 2]", got(r.Strict))
	}
	if math.Abs(r.Strict.Precision-1) > 1e-9 || math.Abs(r.Strict.Recall-1.0/3) > 1e-9 || math.Abs(r.Strict.F1-0.5) > 1e-9 {
		t.Errorf("strict P/R/F1 = %v %v %v", r.Strict.Precision, r.Strict.Recall, r.Strict.F1)
	}
	if !r.Details[1].Missing {
		t.Error("article b not marked missing")
	}
}

func TestReadGold(t *testing.T) {
	good := `{"id":"a","published":null,"published_precision":"unknown","events":[{"event_type":"AID","mode":null,` +
		`"context":["military"],"status":"occurred","date":null,"date_precision":"unknown",` +
		`"actor":[{"name":"Freedonian Army","country":"FRD","sector":"MIL","aliases":["FDA"]}],"recipient":[],` +
		`"location":{"name":"Fredonia City","country":"FRD"},"text":"x"}],"notes":""}` + "\n\n" +
		`{"id":"b","published":"2031-03-05","published_precision":"day","events":[],"notes":"n"}` + "\n"
	arts, err := ReadGold(strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 2 || arts[0].Events[0].Mode != "" || arts[0].Events[0].Actor[0].Aliases[0] != "FDA" ||
		arts[0].Events[0].Location.Name != "Fredonia City" || arts[1].Published != "2031-03-05" {
		t.Errorf("unexpected parse: %+v", arts)
	}
	for _, tc := range []struct{ name, in, want string }{
		{"syntax", `{"id":"a"}` + "\n" + `{"id":` + "\n", "line 2"},
		{"no id", "\n\n" + `{"events":[]}`, "line 3: article has no id"},
		{"duplicate", `{"id":"a"}` + "\n" + `{"id":"a"}`, "line 2: duplicate article id"},
		{"type", `{"id":"a","events":{}}`, "line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadGold(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestWriteText(t *testing.T) {
	long := strings.Repeat("word ", 40)
	g := gev("CONSULT", ga(gFirefly), ga(gTrentino))
	g.Text = long
	g2 := gev("THREATEN", ga(gArmy), ga(gSylvania))
	s := sev("CONSULT", sa(sTrentino), sa(sFirefly))
	s2 := sev("ASSAULT", sa(sArmy), sa(sSylvania))
	r := Score([]GoldArticle{{ID: "art-1", Events: []GoldEvent{g, g2}}}, []*doc.Article{{ID: "art-1", Events: []doc.Event{s, s2}}})
	var b strings.Builder
	if err := r.WriteText(&b, true); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"== art-1",
		"ok    CONSULT   Rufus T. Firefly <-> Ambassador Trentino | word word",
		"coded as CONSULT   Trentino <-> Rufus Firefly",
		"miss  THREATEN  Freedonian Army -> Sylvania",
		"spur  ASSAULT   Freedonian Army -> Sylvania",
		"…",
		"entity resolution:",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("text report lacks %q:\n%s", want, out)
		}
	}
	for line := range strings.Lines(out) {
		if _, text, ok := strings.Cut(line, " | "); ok && len([]rune(strings.TrimSpace(text))) > maxText {
			t.Errorf("sentence not trimmed: %q", line)
		}
	}
	b.Reset()
	if err := r.WriteText(&b, false); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "art-1") {
		t.Error("summary report lists articles")
	}

	js, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var back Report
	if err := json.Unmarshal(js, &back); err != nil {
		t.Fatal(err)
	}
	if back.Strict != r.Strict || back.Entities != r.Entities || len(back.Details[0].Pairs) != 3 {
		t.Errorf("JSON round trip lost data: %s", js)
	}
}

// goldAsSystem turns a gold article into system output that should score
// perfectly: each entity's gold name is both its Name and its ID.
func goldAsSystem(t *testing.T, g GoldArticle) *doc.Article {
	a := &doc.Article{ID: g.ID, PublishedPrecision: doc.Precision(g.PublishedPrecision)}
	if g.Published != "" {
		p, err := time.Parse(time.DateOnly, dateOnly(g.Published))
		if err != nil {
			t.Fatalf("%s: published: %v", g.ID, err)
		}
		a.Published = p
	}
	ents := func(gs []GoldEntity) []doc.Entity {
		var out []doc.Entity
		for _, e := range gs {
			out = append(out, doc.Entity{ID: e.Name, Name: e.Name, Country: e.Country, Sector: e.Sector})
		}
		return out
	}
	for _, e := range g.Events {
		a.Events = append(a.Events, doc.Event{ArticleID: g.ID, EventType: e.EventType, Mode: e.Mode,
			Context: e.Context, Status: e.Status, Date: e.Date, DatePrecision: doc.Precision(e.DatePrecision),
			Actor: ents(e.Actor), Recipient: ents(e.Recipient), Location: e.Location, Text: e.Text})
	}
	return a
}

func TestDevGoldAgainstItself(t *testing.T) {
	f, err := os.Open(devset.Path(t, "dev/gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gold, err := ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(gold) != 62 {
		t.Fatalf("read %d gold articles, want 62", len(gold))
	}
	var sys []*doc.Article
	for _, g := range gold {
		sys = append(sys, goldAsSystem(t, g))
	}
	r := Score(gold, sys)
	if r.GoldEvents == 0 || r.GoldEvents != r.SystemEvents {
		t.Errorf("events gold %d system %d", r.GoldEvents, r.SystemEvents)
	}
	for _, m := range []struct {
		name string
		v    float64
	}{
		{"strict F1", r.Strict.F1}, {"quad F1", r.Quad.F1}, {"dyad F1", r.Dyad.F1},
		{"entity resolution F1", r.Entities.F1}, {"context F1", r.Context.F1},
		{"date accuracy", r.Date.Accuracy}, {"location accuracy", r.Location.Accuracy},
		{"mode accuracy", r.Mode.Accuracy}, {"publication date accuracy", r.Published.Accuracy},
	} {
		if m.v != 1 {
			t.Errorf("%s = %v, want 1", m.name, m.v)
		}
	}
	if t.Failed() {
		var b strings.Builder
		r.WriteText(&b, false)
		t.Log(b.String())
	}
}
