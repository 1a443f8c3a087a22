package lexicon

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestRows(t *testing.T) {
	data := []byte("# origin: test\n# licence: CC0\nword\tclass\n\nmet\tCONSULT\n# a comment\nurged\tREQUEST\textra\n")
	var got [][]string
	var lines []int
	if err := Rows(data, "t.tsv", func(line int, cols []string) error {
		got = append(got, cols)
		lines = append(lines, line)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"met", "CONSULT"}, {"urged", "REQUEST", "extra"}}
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(lines, []int{5, 7}) {
		t.Errorf("got %q at %v", got, lines)
	}
	err := Rows(data, "t.tsv", func(int, []string) error { return errors.New("bad row") })
	if err == nil || !strings.Contains(err.Error(), "t.tsv:5: bad row") {
		t.Errorf("error %v should name the file and line", err)
	}
}
