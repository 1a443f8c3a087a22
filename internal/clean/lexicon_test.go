package clean

import (
	"context"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/parleyhq/parley/internal/doc"
)

// dataCopy returns the embedded data as a MapFS, with edits applied.
func dataCopy(t *testing.T, edit map[string]string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(dataFS, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(dataFS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range edit {
		if data == "" {
			delete(m, name)
			continue
		}
		m[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return m
}

func TestNewFromFS(t *testing.T) {
	// An extra phrase in an override directory is dropped.
	fsys := dataCopy(t, map[string]string{"data/boilerplate_xx.txt": "[drop]\nbuy our newsletter\n"})
	c, err := NewFromFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	a := &doc.Article{Title: "T", Text: "T\n\nA sentence of the story that is long enough to count.\n\nBuy our newsletter!"}
	if err := c.Process(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(a.Text, "newsletter") {
		t.Errorf("override phrase kept: %q", a.Text)
	}

	bad := []struct {
		name string
		edit map[string]string
		want string
	}{
		{"unknown section", map[string]string{"data/boilerplate_xx.txt": "[nonsense]\nword\n"}, "unknown section"},
		{"bad month", map[string]string{"data/dates.txt": "[month]\njanuary\t13\n"}, "dates.txt:2"},
		{"no boilerplate", map[string]string{"data/boilerplate_en.txt": "", "data/boilerplate_fr.txt": "", "data/boilerplate_ar.txt": "", "data/boilerplate_it.txt": ""}, "no data/boilerplate"},
		{"missing dates", map[string]string{"data/dates.txt": ""}, "dates.txt"},
		{"invalid utf-8", map[string]string{"data/stopwords.txt": "[en]\n\xff\n"}, "invalid UTF-8"},
	}
	for _, tt := range bad {
		_, err := NewFromFS(dataCopy(t, tt.edit))
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %q does not mention %q", tt.name, err, tt.want)
		}
	}
}

// TestDataHeaders checks that every data file says where it comes from and
// under which licence.
func TestDataHeaders(t *testing.T) {
	entries, err := fs.ReadDir(dataFS, "data")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, _ := fs.ReadFile(dataFS, "data/"+e.Name())
		head := string(b[:min(len(b), 600)])
		if !strings.Contains(head, "Origin:") || !strings.Contains(head, "Licence:") {
			t.Errorf("%s: no Origin/Licence header", e.Name())
		}
	}
}
