package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

// FuzzSource checks that no input makes a Reader panic or deliver an
// article that is not valid UTF-8 or has no ID.
func FuzzSource(f *testing.F) {
	files, _ := filepath.Glob("testdata/*")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b, filepath.Ext(name), false)
			f.Add(b, filepath.Ext(name), true)
		}
	}
	f.Add([]byte("{\"text\":\"\xff\"}\n{"), ".jsonl", true)
	f.Add([]byte("[{\"text\":1},{\"text\":\"ok\"}]"), ".json", true)
	f.Add([]byte("\xef\xbb\xbf{\"text\":\"bom\"}"), "", false)
	f.Fuzz(func(t *testing.T, data []byte, ext string, skip bool) {
		name := "fuzz" + ext
		r := NewReader(bytes.NewReader(data), name, &Options{SkipBad: skip, MaxLineBytes: 1 << 16, MaxFileBytes: 1 << 20})
		defer r.Close()
		for n := 0; r.Next(); n++ {
			a := r.Article()
			if a == nil || a.ID == "" {
				t.Fatalf("article %d: %+v", n, a)
			}
			if !utf8.ValidString(a.Text) || !utf8.ValidString(a.Title) || !utf8.ValidString(a.URL) {
				t.Fatalf("article %d: invalid UTF-8", n)
			}
			if n > len(data)+1 {
				t.Fatal("more articles than bytes")
			}
		}
		if err := r.Err(); err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Name != name {
				t.Fatalf("error %v does not name the input", err)
			}
		}
	})
}
