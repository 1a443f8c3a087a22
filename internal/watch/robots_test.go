package watch

import (
	"strings"
	"testing"
	"time"
)

func TestRobots(t *testing.T) {
	txt := `# comment
User-agent: Googlebot
Disallow: /

User-agent: *
Disallow: /private/
Allow: /private/open
Disallow: /*.pdf$
Crawl-delay: 1.5

User-agent: parley
User-agent: other
Disallow: /nope
Allow: /nope/yes
`
	r := parseRobots(strings.NewReader(txt), "parley")
	if r.delay != 0 {
		t.Errorf("delay %v from another group", r.delay)
	}
	for path, want := range map[string]bool{"/": true, "/nope": false, "/nope/x": false, "/nope/yes": true, "/private/": true, "/robots.txt": true} {
		if got := r.allowed(path); got != want {
			t.Errorf("parley %s: %v, want %v", path, got, want)
		}
	}
	s := parseRobots(strings.NewReader(txt), "someone")
	if s.delay != 1500*time.Millisecond {
		t.Errorf("delay %v", s.delay)
	}
	for path, want := range map[string]bool{"/private/x": false, "/private/open/1": true, "/a.pdf": false, "/a.pdf?x": true, "/nope": true} {
		if got := s.allowed(path); got != want {
			t.Errorf("* %s: %v, want %v", path, got, want)
		}
	}
	if !parseRobots(strings.NewReader(""), "parley").allowed("/x") {
		t.Error("empty robots.txt disallows")
	}
}
