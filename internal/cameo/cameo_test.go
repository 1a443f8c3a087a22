package cameo

import "testing"

func TestLookup(t *testing.T) {
	tab, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		typ, mode string
		ctx       []string
		code      string
		quad      int
	}{
		{"CONSULT", "", nil, "040", 1},
		{"CONSULT", "visit", nil, "042", 1},
		{"CONSULT", "phone", []string{"military"}, "041", 1},
		{"AID", "", []string{"humanitarian"}, "073", 2},
		{"AID", "", nil, "070", 2},
		{"ACCUSE", "allege", nil, "114", 3},
		{"ACCUSE", "disapprove", nil, "110", 3},
		{"REJECT", "", nil, "120", 3},
		{"ACCUSE", "", nil, "110", 3},
		{"ASSAULT", "", nil, "180", 4},
		{"consult", "no-such-mode", nil, "040", 1},
	}
	for _, tt := range tests {
		c, ok := tab.Lookup(tt.typ, tt.mode, tt.ctx)
		if !ok || c.Code != tt.code || c.Quad != tt.quad || c.Root != tt.code[:2] {
			t.Errorf("Lookup(%s, %q, %v) = %+v, %v; want %s quad %d", tt.typ, tt.mode, tt.ctx, c, ok, tt.code, tt.quad)
		}
	}
	if c, ok := tab.Lookup("NOSUCH", "", nil); ok {
		t.Errorf("unknown type: %+v", c)
	}
	if c, _ := tab.Lookup("CONSULT", "visit", nil); c.Goldstein != 1.9 {
		t.Errorf("goldstein of 042: %v", c.Goldstein)
	}
}

func TestParseErrors(t *testing.T) {
	for _, bad := range []string{"A\tb\n", "AGREE\t\t\t030\tx\t1\n", "AGREE\t\t\t030\t1.0\tq\n", "AGREE\t\t\t0\t1.0\t1\n"} {
		if _, err := Parse(bad); err == nil {
			t.Errorf("Parse(%q): no error", bad)
		}
	}
}
