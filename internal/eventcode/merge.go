package eventcode

import (
	"sort"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
)

// merge keeps one record per happening within an article: events of the
// same type with the same participants are one event, whose first mention
// (in the body, not the headline) carries the evidence. A later mention
// fills what the first lacks (date, location, mode, recipient).
func merge(evs []doc.Event, a *doc.Article) []doc.Event {
	var out []doc.Event
	idx := map[string]int{}
	for _, e := range evs {
		k := mergeKey(e)
		if i, ok := idx[k]; ok {
			o := &out[i]
			if a.Sentences[o.Sentence].Para == 0 && a.Sentences[e.Sentence].Para > 0 {
				// prefer the body's sentence as evidence
				e.Context = union(e.Context, o.Context)
				fill(&e, o)
				*o = e
				continue
			}
			fill(o, &e)
			o.Context = union(o.Context, e.Context)
			continue
		}
		idx[k] = len(out)
		out = append(out, e)
	}
	return out
}

// dropHostStates drops a visit to a state ("Meloni visited Tripoli")
// when the same sentence has the visitor meet someone of that state ("...
// and met Dbeibah"): the meeting is the event, the host state only its
// setting, whose date and location the meeting takes when it lacks them.
func dropHostStates(evs []doc.Event) []doc.Event {
	hostOf := func(e *doc.Event) string {
		if e.EventType != "CONSULT" || len(e.Recipient) != 1 || !strings.HasPrefix(e.Recipient[0].ID, "s-") {
			return ""
		}
		return e.Recipient[0].Country
	}
	drop := make([]bool, len(evs))
	for i := range evs {
		host := hostOf(&evs[i])
		if host == "" {
			continue
		}
		for j := range evs {
			f := &evs[j]
			if j == i || drop[j] || f.Sentence != evs[i].Sentence || f.EventType != "CONSULT" || f.Status != evs[i].Status ||
				hostOf(f) != "" || !sharesActor(f.Actor, evs[i].Actor) || !anyOf(f.Recipient, host) {
				continue
			}
			fill(f, &evs[i])
			drop[i] = true
			break
		}
	}
	out := evs[:0]
	for i, e := range evs {
		if !drop[i] {
			out = append(out, e)
		}
	}
	return out
}

func sharesActor(a, b []doc.Entity) bool {
	for _, x := range a {
		for _, y := range b {
			if x.ID != "" && x.ID == y.ID || x.ID == "" && y.ID == "" && x.Name == y.Name {
				return true
			}
		}
	}
	return false
}

// anyOf reports whether one of es is of country c.
func anyOf(es []doc.Entity, c string) bool {
	for _, x := range es {
		if x.Country == c {
			return true
		}
	}
	return false
}

func fill(dst, src *doc.Event) {
	if dst.Date == "" && src.Date != "" {
		dst.Date, dst.DatePrecision, dst.DateText = src.Date, src.DatePrecision, src.DateText
	}
	if dst.Location == nil && src.Location != nil {
		dst.Location = src.Location
	}
	if dst.Mode == "" {
		dst.Mode = src.Mode
	}
}

// mergeKey is type, status and the participants: ordered for directed
// types, as a set for meetings and agreements.
func mergeKey(e doc.Event) string {
	ids := func(es []doc.Entity) []string {
		var out []string
		for _, x := range es {
			out = append(out, x.ID+"/"+x.Name)
		}
		sort.Strings(out)
		return out
	}
	a, r := ids(e.Actor), ids(e.Recipient)
	switch e.EventType {
	case "CONSULT", "AGREE", "COOPERATE":
		all := append(a, r...)
		sort.Strings(all)
		return e.EventType + "|" + e.Status + "|" + strings.Join(all, ",")
	}
	return e.EventType + "|" + e.Status + "|" + strings.Join(a, ",") + ">" + strings.Join(r, ",")
}

func union(a, b []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, x := range append(append([]string(nil), a...), b...) {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	sort.Strings(out)
	return out
}
