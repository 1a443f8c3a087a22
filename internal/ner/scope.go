package ner

import (
	"time"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
)

// scope is what the finder remembers within one article.
type scope struct {
	date     time.Time
	guessed  bool                  // date is a guess from the years the article names
	headline bool                  // the sentence being read is the headline
	persons  []*person             // every person named so far, most recent last
	acronyms map[string]doc.Entity // folded acronym → organisation
	// last holds the participants of the previous sentences, for "he" and "the two leaders".
	last []doc.Entity
	// orgs holds the organisations named so far, most recent last.
	orgs []doc.Entity
	// lookups caches the knowledge base's answers for names in this article.
	lookups map[string]*kb.Actor
	// delegations holds the people a country's delegation was said to be led by.
	delegations map[string][]doc.Entity
}

// delegation records who a country's delegation is.
func (s *scope) delegation(country string, refs []doc.Entity) {
	if s.delegations == nil {
		s.delegations = map[string][]doc.Entity{}
	}
	s.delegations[country] = refs
}

type person struct {
	ent   doc.Entity
	norms []string // folded name words
	role  string   // canonical role key from a title, if any
}

// remember records a person mention so that later bare names can find it.
func (s *scope) remember(e doc.Entity, norms []string, role string) {
	for _, p := range s.persons {
		if p.ent.ID == e.ID {
			if len(norms) > len(p.norms) {
				p.norms = norms
			}
			if role != "" {
				p.role = role
			}
			s.touch(p)
			return
		}
	}
	s.persons = append(s.persons, &person{ent: e, norms: norms, role: role})
}

// touch moves p to the most recent position.
func (s *scope) touch(p *person) {
	for i, q := range s.persons {
		if q == p {
			copy(s.persons[i:], s.persons[i+1:])
			s.persons[len(s.persons)-1] = p
			return
		}
	}
}

// byPart finds the most recent person whose name contains the words of a
// short name ("Haftar", "Saddam", "al-Haddad"), in order.
func (s *scope) byPart(norms []string) *person {
	for i := len(s.persons) - 1; i >= 0; i-- {
		p := s.persons[i]
		if containsSeq(p.norms, norms) {
			return p
		}
	}
	// One word spelled a little differently from a name already given
	// ("Shuja'addin" after "Haytham Shuga'addin").
	if len(norms) == 1 && len(norms[0]) >= 6 {
		for i := len(s.persons) - 1; i >= 0; i-- {
			p := s.persons[i]
			if len(p.norms) > 1 && fold.Dice(p.norms[len(p.norms)-1], norms[0]) >= 0.7 {
				return p
			}
		}
	}
	return nil
}

// byRole finds the most recent person of the article with a role in a country.
// The role is the one the article gave the person, or one the knowledge base
// says the person held on the article's date (any date when it is unknown).
func (s *scope) byRole(role, country string, k *kb.KB) *person {
	for i := len(s.persons) - 1; i >= 0; i-- {
		p := s.persons[i]
		if country != "" && p.ent.Country != country {
			continue
		}
		if p.role == role {
			return p
		}
		day := s.date
		if s.guessed {
			day = time.Time{} // a guessed date must not hide a role the person held
		}
		if a := k.Actor(p.ent.ID); a != nil && heldRole(a, role, day) {
			return p
		}
	}
	return nil
}

func heldRole(a *kb.Actor, role string, day time.Time) bool {
	for _, r := range a.Roles {
		if r.Key != role {
			continue
		}
		if day.IsZero() {
			return true
		}
		if r2, ok := a.RoleAt(day); ok && r2.Key == role {
			return true
		}
	}
	return false
}

func containsSeq(hay, needle []string) bool {
	if len(needle) == 0 || len(needle) > len(hay) {
		return false
	}
outer:
	for i := 0; i+len(needle) <= len(hay); i++ {
		for j, w := range needle {
			if hay[i+j] != w {
				continue outer
			}
		}
		return true
	}
	return false
}

// endSentence updates the participants that back-references point to.
func (s *scope) endSentence(ms []doc.Mention) {
	var ents []doc.Entity
	for _, m := range ms {
		switch m.Kind {
		case doc.KindPerson, doc.KindRole:
			ents = appendEntity(ents, m.Entity)
		case doc.KindPron:
			for _, r := range m.Refs {
				ents = appendEntity(ents, r)
			}
		}
	}
	if len(ents) > 0 {
		s.last = ents
	}
}

func appendEntity(list []doc.Entity, e doc.Entity) []doc.Entity {
	for _, x := range list {
		if x.ID == e.ID {
			return list
		}
	}
	return append(list, e)
}

// byCountry finds the most recent person of the article from a country.
func (s *scope) byCountry(country string) *person {
	for i := len(s.persons) - 1; i >= 0; i-- {
		if s.persons[i].ent.Country == country {
			return s.persons[i]
		}
	}
	return nil
}

// orgByHead finds the most recent organisation whose name has the word
// ("the Council" after "the Security Council").
func (s *scope) orgByHead(word string) (doc.Entity, bool) {
	for i := len(s.orgs) - 1; i >= 0; i-- {
		for _, w := range fold.Words(s.orgs[i].Name) {
			if w == word {
				return s.orgs[i], true
			}
		}
	}
	return doc.Entity{}, false
}
