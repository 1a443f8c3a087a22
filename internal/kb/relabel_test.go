package kb

import "testing"

func TestRelabeler(t *testing.T) {
	k := loadEmbedded(t)
	haftar := "p-lby-haftar-khalifa"
	k.Remember(&Actor{ID: "x-klf-hftr-snr", Name: "Khalifa Hafter Senior", Country: "LBY"})
	k.Remember(&Actor{ID: "x-mr-glm", Name: "Omar Gallum", Aliases: []string{"Omar Gallum"}})
	ops := []Op{
		{Op: "merge", ID: haftar, From: "x-klf-hftr-snr"},
		{Op: "alias", ID: haftar, Name: "The Old Marshal"},
		{Op: "split", ID: haftar, NewID: "u-khalifa-hifter-jr", Name: "Khalifa Hifter Jr", Aliases: []string{"K. Hifter Jr"}},
		{Op: "add", Actor: &Actor{ID: "t-lby-gallum", Name: "Omar Gallum", Kind: KindPerson, Country: "LBY"}},
	}
	for _, op := range ops {
		if err := k.Apply(op); err != nil {
			t.Fatalf("%+v: %v", op, err)
		}
	}
	relabel := k.Relabeler(ops)
	tests := []struct {
		id, spelling string
		want         string // "" when nothing changes
	}{
		{"x-klf-hftr-snr", "Khalifa Hafter Senior", haftar},     // merged away
		{"x-klf-hftr-snr", "Hafter", haftar},                    // any spelling of the merged id
		{"", "the old marshal", haftar},                         // an alias, folded
		{"x-ld-mrshl", "The Old Marshal", haftar},               // an alias, from another actor
		{haftar, "Khalifa Hifter Jr", "u-khalifa-hifter-jr"},    // split off
		{haftar, "K. Hifter Jr", "u-khalifa-hifter-jr"},         // an alias split off with it
		{"x-klf-hftr-jr", "Khalifa Hifter Jr", ""},              // split applies to the split actor only
		{haftar, "Khalifa Haftar", ""},                          // the rest stays
		{haftar, "Marshal Haftar", ""},                          // resolved in context: stays
		{"x-mr-glm", "Omar Gallum", "t-lby-gallum"},             // an imported name
		{"p-lby-dbeibah-abdulhamid", "Abdul Hamid Dbeibah", ""}, // untouched
		{"", "Abdul Hamid Dbeibah", ""},                         // unresolved stays unresolved
		{"p-lby-dbeibah-abdulhamid", "the Prime Minister", ""},  // a role mention
		{"x-klf-hftr-snr", "", haftar},                          // no spelling: ids still merge
	}
	for _, tt := range tests {
		got := ""
		if a := relabel(tt.id, tt.spelling); a != nil {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("relabel(%q, %q) = %q, want %q", tt.id, tt.spelling, got, tt.want)
		}
	}
	// Edits of an earlier overlay: a merged-away id still moves.
	later := k.Relabeler(nil)
	if a := later("x-klf-hftr-snr", "Khalifa Hafter Senior"); a == nil || a.ID != haftar {
		t.Errorf("earlier merge not followed: %v", a)
	}
	if a := later(haftar, "The Old Marshal"); a != nil {
		t.Errorf("no edits, yet %s moved to %s", haftar, a.ID)
	}
}

func TestRemember(t *testing.T) {
	k := loadEmbedded(t)
	k.Remember(&Actor{ID: "x-hmz-zwy", Name: "Hamza Belqasem Zwayy", Sector: "MIL",
		Aliases: []string{"Hamza Zwayy", "Hamza Belgasem Zuwai"}})
	tests := []struct {
		name, want string
	}{
		{"Hamza Belqasem Zwayy", "x-hmz-zwy"},
		{"Hamza Zwayy", "x-hmz-zwy"},
		{"Hamza Belgasem Zuwai", "x-hmz-zwy"},
		{"Hamza Belkasem Zwayy", "x-hmz-zwy"}, // a new spelling, by the transliteration key
	}
	for _, tt := range tests {
		got := ""
		if a := k.ResolvePerson(tt.name, ""); a != nil {
			got = a.ID
		}
		if got != tt.want {
			t.Errorf("ResolvePerson(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	if a := k.Learn("Hamza Belqasem Zwayy", "", "MIL", ""); a == nil || a.ID != "x-hmz-zwy" {
		t.Errorf("Learn after Remember made %v", a)
	}
	// Remembering a known id changes nothing.
	k.Remember(&Actor{ID: "p-lby-haftar-khalifa", Name: "Someone Else"})
	if a := k.Actor("p-lby-haftar-khalifa"); a.Name != "Khalifa Haftar" {
		t.Errorf("Remember replaced a curated actor: %q", a.Name)
	}
}
