package kb

import "testing"

func TestNameKeySame(t *testing.T) {
	groups := [][]string{
		{"Muammar Gaddafi", "Mo'ammar Gadhafi", "Moammar Kadhafi", "Muammar al-Qaddafi", "Moamar Gheddafi", "Muammar Qadhafi"},
		{"Abdul Hamid Dbeibah", "Abdel-Hamid Dbaiba", "Abdulhamid Dbeiba", "Abdel Hamid Dabaiba", "Abdul Hamid Dbeibé"},
		{"Fayez al-Sarraj", "Fayez Serraj", "Faiz al Sarraj", "Fayez Al-Serraj"},
		{"Mohammed al-Haddad", "Muhammad al-Haddad", "Mohamed Al-Haddad"},
		{"Emad Trabelsi", "Imad Trabelsi", "Emad Al-Trabelsi"},
		{"Aguila Saleh", "Aqila Saleh", "Agila Salah"},
		{"Khalifa Haftar", "Khalifa Hifter", "Khalifa Haftar"},
		{"Yunus-Bek Yevkurov", "Junus-Bek Evkurov", "Yunusbeck Yevkurov", "Yunusbek Yevkurov"},
		{"Yunus Bek Yevkurov", "Yunus Bek Yevkirov"},
		{"Yusuf Ahmed", "Jusuf Ahmed"},
	}
	for _, g := range groups {
		want := NameKey(g[0])
		for _, n := range g[1:] {
			if got := NameKey(n); got != want {
				t.Errorf("NameKey(%q) = %q, want %q (as %q)", n, got, want, g[0])
			}
		}
	}
}

func TestNameKeyDifferent(t *testing.T) {
	pairs := [][2]string{
		{"Muammar Gaddafi", "Saif al-Islam Gaddafi"},
		{"Muammar Gaddafi", "Ahmed Gaddaf al-Dam"},
		{"Khalifa Haftar", "Saddam Haftar"},
		{"Fayez al-Sarraj", "Fathi Bashagha"},
		{"Abdul Hamid Dbeibah", "Ali Dbeibah"},
	}
	for _, p := range pairs {
		if NameKey(p[0]) == NameKey(p[1]) {
			t.Errorf("NameKey(%q) == NameKey(%q) = %q", p[0], p[1], NameKey(p[0]))
		}
	}
}

func TestTrieLongest(t *testing.T) {
	tr := NewTrie()
	a := &Actor{ID: "a"}
	b := &Actor{ID: "b"}
	tr.Add([]string{"libyan", "national", "army"}, Entry{Kind: EntryActor, Actor: a})
	tr.Add([]string{"libyan"}, Entry{Kind: EntryDemonym, Country: "LBY"})
	tr.Add([]string{"libyan", "national", "army"}, Entry{Kind: EntryActor, Actor: a}) // duplicate
	tr.Add([]string{"lna"}, Entry{Kind: EntryActor, Actor: b})
	tests := []struct {
		words []string
		n     int
		kind  EntryKind
	}{
		{[]string{"libyan", "national", "army", "said"}, 3, EntryActor},
		{[]string{"libyan", "national", "unity"}, 1, EntryDemonym},
		{[]string{"lna"}, 1, EntryActor},
		{[]string{"army"}, 0, 0},
	}
	for _, tt := range tests {
		n, es := tr.Longest(tt.words)
		if n != tt.n {
			t.Errorf("Longest(%q) = %d, want %d", tt.words, n, tt.n)
			continue
		}
		if n > 0 && (len(es) != 1 || es[0].Kind != tt.kind) {
			t.Errorf("Longest(%q) entries = %+v", tt.words, es)
		}
	}
}

func TestNameKeyArabic(t *testing.T) {
	tests := []struct{ arabic, latin string }{
		{"معمر القذافي", "Muammar Gaddafi"},
		{"خليفة حفتر", "Khalifa Haftar"},
		{"فايز السراج", "Fayez al-Sarraj"},
		{"عبد الحميد الدبيبة", "Abdul Hamid Dbeibah"},
		{"عقيلة صالح", "Aguila Saleh"},
		{"فتحي باشاغا", "Fathi Bashagha"},
		{"سيف الإسلام القذافي", "Saif al-Islam Gaddafi"},
		{"محمد المنفي", "Mohamed al-Menfi"},
		{"خالد المشري", "Khaled al-Mishri"},
	}
	for _, tt := range tests {
		if got, want := NameKey(tt.arabic), NameKey(tt.latin); got != want {
			t.Errorf("NameKey(%q) = %q (romanised %q), want %q as for %q", tt.arabic, got, Romanise(tt.arabic), want, tt.latin)
		}
	}
}
