package kb

import (
	"time"

	"github.com/parleyhq/parley/internal/fold"
)

// HolderOfOrg is [KB.HolderOf] within one organisation: the actor who held
// the role (a canonical key) for the country on day in org, which may be
// named by any of its names ("Government of National Unity", "GNU") or be
// an actor's id. Libya had rival governments, so "the Prime Minister" of
// 2022 is nobody in particular, but the GNU's Prime Minister is Dbeibah. It
// returns nil when none or several did, and falls back to HolderOf when org
// is empty.
func (k *KB) HolderOfOrg(role, country, org string, day time.Time) *Actor {
	if org == "" {
		return k.HolderOf(role, country, day)
	}
	k.mu.RLock()
	defer k.mu.RUnlock()
	want := k.orgOf(org)
	var found *Actor
	for _, a := range k.roles[role+"|"+country] {
		for i := range a.Roles {
			r := &a.Roles[i]
			if !r.HasKey(role) || r.Country != country || !r.activeOn(day) || !k.sameOrg(r.Org, org, want) {
				continue
			}
			if found != nil && found != a {
				return nil
			}
			found = a
		}
	}
	return found
}

// activeOn reports whether the role was held on day; every role is, on the
// zero day.
func (r *Role) activeOn(day time.Time) bool {
	return day.IsZero() || (r.from.IsZero() || !day.Before(r.from)) && (r.to.IsZero() || !day.After(r.to))
}

// orgOf returns the organisation (or state) actor named exactly by name or
// with that id, or nil.
func (k *KB) orgOf(name string) *Actor {
	if a := k.byID[name]; a != nil {
		return a
	}
	words := fold.Words(name)
	n, entries := k.index.Longest(words)
	if n != len(words) || n == 0 {
		return nil
	}
	var found *Actor
	for _, e := range entries {
		if (e.Kind == EntryActor || e.Kind == EntryState) && e.Actor != nil && e.Actor.Kind != KindPerson {
			if found != nil && found != e.Actor {
				return nil
			}
			found = e.Actor
		}
	}
	return found
}

// sameOrg reports whether a role's organisation is org (whose actor, when
// known, is want).
func (k *KB) sameOrg(roleOrg, org string, want *Actor) bool {
	if roleOrg == "" {
		return false
	}
	if fold.Phrase(roleOrg) == fold.Phrase(org) {
		return true
	}
	return want != nil && k.orgOf(roleOrg) == want
}
