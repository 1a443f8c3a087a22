package watch

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"time"
)

// robots holds the rules of one robots.txt (RFC 9309) that apply to
// parley: the group naming parley, else the "*" group.
type robots struct {
	rules []rule
	// delay is the Crawl-delay the group asks for, if any.
	delay time.Duration
	// disallowAll is set when robots.txt could not be fetched for a
	// server error: the RFC says to assume complete disallow.
	disallowAll bool
	fetched     time.Time
}

type rule struct {
	allow   bool
	pattern string
}

// parseRobots reads robots.txt for the product token agent ("parley").
func parseRobots(r io.Reader, agent string) *robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []rule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false
	sc := bufio.NewScanner(io.LimitReader(r, 512<<10))
	sc.Buffer(make([]byte, 0, 4096), 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key, val = strings.ToLower(strings.TrimSpace(key)), strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil {
				continue
			}
			if val == "" { // "Disallow:" allows everything
				continue
			}
			cur.rules = append(cur.rules, rule{allow: key == "allow", pattern: val})
		case "crawl-delay":
			inAgents = false
			if cur != nil {
				if s, err := strconv.ParseFloat(val, 64); err == nil && s > 0 {
					cur.delay = time.Duration(s * float64(time.Second))
				}
			}
		}
	}
	var star, mine *group
	for _, g := range groups {
		for _, a := range g.agents {
			switch {
			case a == "*":
				if star == nil {
					star = g
				}
			case a != "" && strings.Contains(agent, a) || a != "" && strings.Contains(a, agent):
				if mine == nil {
					mine = g
				}
			}
		}
	}
	if mine == nil {
		mine = star
	}
	if mine == nil {
		return &robots{}
	}
	return &robots{rules: mine.rules, delay: mine.delay}
}

// allowed reports whether path (with its query) may be fetched: the
// longest matching rule decides, allow winning a tie; no rule allows.
func (r *robots) allowed(path string) bool {
	if r.disallowAll {
		return false
	}
	if path == "/robots.txt" {
		return true
	}
	best, allow := -1, true
	for _, ru := range r.rules {
		if !match(ru.pattern, path) {
			continue
		}
		if l := len(ru.pattern); l > best || l == best && ru.allow {
			best, allow = l, ru.allow
		}
	}
	return allow
}

// match reports whether a robots.txt pattern (with "*" wildcards and a
// "$" end anchor) matches the start of path.
func match(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	rest := path[len(parts[0]):]
	for i, p := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return strings.HasSuffix(rest, p)
		}
		j := strings.Index(rest, p)
		if j < 0 {
			return false
		}
		rest = rest[j+len(p):]
	}
	return !anchored || rest == "" || len(parts) > 1 && parts[len(parts)-1] == ""
}
