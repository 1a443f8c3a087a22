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
}

type gedge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Weight int    `json:"weight"`
	Quad   string `json:"quad"`
	Width  int    `json:"width"`
}

type networkData struct {
	Graph      graph
	Top        []gnode
	AllNodes   int
	MaxNodes   int
	TotalEdges int
}

const (
	defaultNodes = 100
	maxNodes     = 500
	maxEdges     = 2000
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
	edges, err := s.db.Network(r.Context(), sf)
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
	type pair struct{ src, dst string }
	byPair := map[pair]map[string]int{}
	var order []pair
	activity := map[string]int{}
	label := map[string]string{}
	for _, e := range edges {
		p := pair{e.Source, e.Target}
		if byPair[p] == nil {
			byPair[p] = map[string]int{}
			order = append(order, p)
		}
		byPair[p][e.Quad] += e.Weight
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
	d := networkData{AllNodes: len(ids), MaxNodes: n, TotalEdges: len(order)}
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
	var es []gedge
	heaviest := 1
	for _, p := range order {
		if !keep[p.src] || !keep[p.dst] || p.src == p.dst {
			continue
		}
		e := gedge{Source: p.src, Target: p.dst}
		best := 0
		for _, q := range quadList {
			c := byPair[p][q.Key]
			e.Weight += c
			if c > best {
				best, e.Quad = c, q.Key
			}
		}
		heaviest = max(heaviest, e.Weight)
		es = append(es, e)
	}
	sort.SliceStable(es, func(i, j int) bool { return es[i].Weight > es[j].Weight })
	if len(es) > maxEdges {
		es = es[:maxEdges]
	}
	for i := range es {
		es[i].Width = 1 + 9*es[i].Weight/heaviest
	}
	d.Graph.Edges = es
	if d.Graph.Nodes == nil {
		d.Graph.Nodes = []gnode{}
	}
	if d.Graph.Edges == nil {
		d.Graph.Edges = []gedge{}
	}
	d.Top = d.Graph.Nodes[:min(20, len(d.Graph.Nodes))]
	return d
}

// nodeHref opens the actor page, keeping the filters other than the actor.
func nodeHref(f Filters, id, name string) string {
	f.Actor, f.ActorID = "", ""
	if strings.HasPrefix(id, "~") {
		return f.With("/events", "actor", name)
	}
	return f.With("/actors/" + url.PathEscape(id))
}
