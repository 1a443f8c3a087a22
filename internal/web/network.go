package web

import (
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/parleyhq/parley/internal/store"
)

// graph is what network.js draws.
type graph struct {
	Nodes []gnode `json:"nodes"`
	Edges []gedge `json:"edges"`
}

type gnode struct {
	ID       string `json:"id"`
	Label    string `json:"label"`
	Activity int    `json:"activity"`
	Size     int    `json:"size"`
	Href     string `json:"href"`
	// X and Y place the node (see [layout]).
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

type gedge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Weight int    `json:"weight"`
	Quad   string `json:"quad"`
	Width  int    `json:"width"`
}

type networkData struct {
	Graph    graph
	Top      []gnode
	AllNodes int
	MaxNodes int
	// AllEdges counts the links between the nodes shown, drawn or not.
	AllEdges int
}

const (
	defaultNodes = 100
	maxNodes     = 500
	// maxEdges bounds the links drawn: beyond a few hundred a graph is a
	// hairball, and drawing takes the browser longer than everything else.
	// Each node's strongest link is drawn even beyond it.
	maxEdges = 400
)

func (s *Server) network(w http.ResponseWriter, r *http.Request) {
	f := readFilters(r)
	sf, err := s.storeFilter(f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	n := defaultNodes
	if v, err := strconv.Atoi(r.URL.Query().Get("nodes")); err == nil && v > 0 {
		n = min(v, maxNodes)
	}
	edges, err := s.agg.Network(r.Context(), sf)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := buildGraph(f, edges, n)
	s.render(w, r, "network", "Network", d)
}

// buildGraph keeps the n most active actors and the heaviest edges between
// them. Each edge is one ordered pair, coloured by its dominant quad.
func buildGraph(f Filters, edges []store.Edge, n int) networkData {
	activity := map[string]int{}
	label := map[string]string{}
	for _, e := range edges {
		activity[e.Source] += e.Weight
		activity[e.Target] += e.Weight
		label[e.Source], label[e.Target] = e.SourceName, e.TargetName
	}
	ids := make([]string, 0, len(activity))
	for id := range activity {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		if activity[ids[i]] != activity[ids[j]] {
			return activity[ids[i]] > activity[ids[j]]
		}
		return ids[i] < ids[j]
	})
	d := networkData{AllNodes: len(ids), MaxNodes: n}
	if len(ids) > n {
		ids = ids[:n]
	}
	keep := map[string]bool{}
	top := 1
	if len(ids) > 0 {
		top = activity[ids[0]]
	}
	for _, id := range ids {
		keep[id] = true
		d.Graph.Nodes = append(d.Graph.Nodes, gnode{ID: id, Label: label[id], Activity: activity[id],
			Size: 16 + 44*activity[id]/top, Href: nodeHref(f, id, label[id])})
	}
	// The counts per quad (in quadList's order) of each pair of nodes kept.
	type pair struct{ src, dst string }
	byPair := map[pair]*[4]int{}
	var order []pair
	for _, e := range edges {
		p := pair{e.Source, e.Target}
		if !keep[p.src] || !keep[p.dst] || p.src == p.dst {
			continue
		}
		c := byPair[p]
		if c == nil {
			c = &[4]int{}
			byPair[p] = c
			order = append(order, p)
		}
		for i, q := range quadList {
			if q.Key == e.Quad {
				c[i] += e.Weight
			}
		}
	}
	var es []gedge
	for _, p := range order {
		e := gedge{Source: p.src, Target: p.dst}
		best := 0
		for i, c := range byPair[p] {
			e.Weight += c
			if c > best {
				best, e.Quad = c, quadList[i].Key
			}
		}
		if e.Weight > 0 {
			es = append(es, e)
		}
	}
	d.AllEdges = len(es)
	d.Graph.Edges = strongest(es, maxEdges)
	heaviest := 1
	for _, e := range d.Graph.Edges {
		heaviest = max(heaviest, e.Weight)
	}
	for i := range d.Graph.Edges {
		d.Graph.Edges[i].Width = 1 + 9*d.Graph.Edges[i].Weight/heaviest
	}
	if d.Graph.Nodes == nil {
		d.Graph.Nodes = []gnode{}
	}
	if d.Graph.Edges == nil {
		d.Graph.Edges = []gedge{}
	}
	layout(&d.Graph)
	d.Top = d.Graph.Nodes[:min(20, len(d.Graph.Nodes))]
	return d
}

// strongest keeps the n heaviest edges, and each node's heaviest edge
// beyond them, heaviest first (ties in their given order).
func strongest(es []gedge, n int) []gedge {
	sort.SliceStable(es, func(i, j int) bool { return es[i].Weight > es[j].Weight })
	if len(es) <= n {
		return es
	}
	linked := map[string]bool{}
	out := make([]gedge, 0, n)
	for i, e := range es {
		if i < n || !linked[e.Source] || !linked[e.Target] {
			out = append(out, e)
			linked[e.Source], linked[e.Target] = true, true
		}
	}
	return out
}

// nodeHref opens the actor page, keeping the filters other than the actor.
func nodeHref(f Filters, id, name string) string {
	f.Actor, f.ActorID = "", ""
	if strings.HasPrefix(id, "~") {
		return f.With("/events", "actor", name)
	}
	return f.With("/actors/" + url.PathEscape(id))
}
