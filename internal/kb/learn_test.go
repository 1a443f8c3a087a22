package kb

import (
	"sync"
	"testing"
)

func TestLearn(t *testing.T) {
	k := loadEmbedded(t)
	if a := k.Learn("Muammar Gaddafi", "", "", ""); a == nil || a.ID != "p-lby-gaddafi-muammar" {
		t.Fatalf("Learn of a known person = %v", a)
	}
	a := k.Learn("Abdelraouf Zwawi Bentaher", "LBY", "GOV", "Minister of Planning")
	if a == nil || a.ID == "" || a.Kind != KindPerson || a.Country != "LBY" {
		t.Fatalf("Learn = %+v", a)
	}
	if len(a.Roles) != 1 || a.SectorAt(day("2024-01-01")) != "GOV" {
		t.Errorf("roles %+v", a.Roles)
	}
	for _, other := range []string{"Abdel Raouf Zawawi Bentaher", "Abdulraouf Zwawi Bentaher", "Abdelraouf Bentaher"} {
		if b := k.Learn(other, "LBY", "", ""); b != a {
			t.Errorf("Learn(%q) = %v, want %s", other, b, a.ID)
		}
	}
	if b := k.ResolvePerson("Abdel-Raouf Zwawi Bentaher", ""); b != a {
		t.Errorf("ResolvePerson after Learn = %v", b)
	}
	if b := k.Actor(a.ID); b != a {
		t.Errorf("Actor(%q) = %v", a.ID, b)
	}
	if c := k.Learn("Salem Bentaher", "LBY", "", ""); c == a || c == nil {
		t.Errorf("a different person joined %s: %v", a.ID, c)
	}
	if got := len(k.Learned()); got != 2 {
		t.Errorf("Learned() has %d, want 2", got)
	}
	// Ids are stable: the same first spelling gives the same id in another knowledge base.
	if b := loadEmbedded(t).Learn("Abdelraouf Zwawi Bentaher", "LBY", "GOV", ""); b.ID != a.ID {
		t.Errorf("id %q, then %q", a.ID, b.ID)
	}
}

func TestLearnConcurrent(t *testing.T) {
	k := loadEmbedded(t)
	names := []string{"Jamal Ben Omar", "Jamal Benomar", "Jamal Ben Omer", "Hassan Zakaria Tekali", "Hasan Zakaria Tekali"}
	var wg sync.WaitGroup
	ids := make([][]string, 8)
	for g := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, n := range names {
				if a := k.Learn(n, "", "", ""); a != nil {
					ids[g] = append(ids[g], a.ID)
				}
				k.ResolvePerson(n, "")
				k.HolderOf("prime_minister", "LBY", day("2022-01-01"))
			}
		}()
	}
	wg.Wait()
	for g := 1; g < len(ids); g++ {
		if len(ids[g]) != len(ids[0]) {
			t.Fatalf("goroutines saw different actors: %v and %v", ids[0], ids[g])
		}
		for i := range ids[g] {
			if ids[g][i] != ids[0][i] {
				t.Errorf("goroutines saw different actors: %v and %v", ids[0], ids[g])
			}
		}
	}
}
