package web

import "math"

// Layout of the network, worked out on the server so that the browser
// only draws: a force-directed layout (Fruchterman and Reingold, 1991)
// started from a spiral of the nodes by activity, so that the same graph
// always comes out the same.

const (
	layoutW, layoutH = 1000.0, 600.0
	// layoutWork bounds the pair comparisons of a layout (nodes² × rounds).
	layoutWork = 8_000_000
)

// layout places the nodes of g (most active first) in place.
func layout(g *graph) {
	n := len(g.Nodes)
	if n == 0 {
		return
	}
	index := make(map[string]int, n)
	for i, nd := range g.Nodes {
		index[nd.ID] = i
	}
	type vec struct{ x, y float64 }
	pos := make([]vec, n)
	disp := make([]vec, n)
	// Golden-angle spiral: the most active node in the middle.
	k := math.Sqrt(layoutW * layoutH / float64(n))
	for i := range pos {
		r := k * 0.5 * math.Sqrt(float64(i)+0.5)
		a := float64(i) * 2.399963229728653
		pos[i] = vec{r * math.Cos(a), r * math.Sin(a)}
	}
	type link struct {
		a, b int
		pull float64
	}
	links := make([]link, 0, len(g.Edges))
	heaviest := 1
	for _, e := range g.Edges {
		heaviest = max(heaviest, e.Weight)
	}
	for _, e := range g.Edges {
		a, okA := index[e.Source]
		b, okB := index[e.Target]
		if okA && okB && a != b {
			links = append(links, link{a, b, 0.4 + 0.6*math.Log1p(float64(e.Weight))/math.Log1p(float64(heaviest))})
		}
	}
	rounds := min(300, max(40, layoutWork/(n*n)))
	temp := layoutW / 10
	for round := 0; round < rounds; round++ {
		for i := range disp {
			disp[i] = vec{}
		}
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				dx, dy := pos[i].x-pos[j].x, pos[i].y-pos[j].y
				d2 := dx*dx + dy*dy
				if d2 < 0.01 {
					// Coincident nodes: push apart along a fixed direction.
					dx, dy, d2 = 0.1*float64(j-i), 0.1, 0.01+0.01*float64((j-i)*(j-i))
				}
				// Repulsion k²/d, larger nodes needing more room.
				room := 1 + float64(g.Nodes[i].Size+g.Nodes[j].Size)/60
				f := k * k * room / d2
				disp[i].x += dx * f
				disp[i].y += dy * f
				disp[j].x -= dx * f
				disp[j].y -= dy * f
			}
		}
		for _, l := range links {
			dx, dy := pos[l.a].x-pos[l.b].x, pos[l.a].y-pos[l.b].y
			d := math.Sqrt(dx*dx + dy*dy)
			// Attraction d²/k along the edge, stronger for heavier edges.
			f := d * l.pull / k
			disp[l.a].x -= dx * f
			disp[l.a].y -= dy * f
			disp[l.b].x += dx * f
			disp[l.b].y += dy * f
		}
		for i := range pos {
			// Gravity keeps nodes without links near the others.
			disp[i].x -= pos[i].x * 0.02 * k / 10
			disp[i].y -= pos[i].y * 0.02 * k / 10
			d := math.Sqrt(disp[i].x*disp[i].x + disp[i].y*disp[i].y)
			if d > 0 {
				step := math.Min(d, temp) / d
				pos[i].x += disp[i].x * step
				pos[i].y += disp[i].y * step
			}
		}
		temp = math.Max(temp*0.97, 1)
	}
	// Stretch into the layout box, which is wider than the round cloud a
	// force layout makes.
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = math.Min(minX, p.x), math.Max(maxX, p.x)
		minY, maxY = math.Min(minY, p.y), math.Max(maxY, p.y)
	}
	sx, sy := layoutW/math.Max(maxX-minX, 1e-9), layoutH/math.Max(maxY-minY, 1e-9)
	// No more than twice as wide as high: a line of nodes stays a line.
	sx, sy = math.Min(sx, 2*sy), math.Min(sy, 2*sx)
	for i, p := range pos {
		pos[i] = vec{(p.x - minX) * sx, (p.y - minY) * sy}
	}
	// Push overlapping nodes apart, a little at a time, each keeping room
	// for its label.
	for round := 0; round < 60; round++ {
		moved := false
		for i := 0; i < n; i++ {
			for j := i + 1; j < n; j++ {
				need := float64(g.Nodes[i].Size+g.Nodes[j].Size)/2 + 14
				dx, dy := pos[j].x-pos[i].x, pos[j].y-pos[i].y
				d := math.Sqrt(dx*dx + dy*dy)
				if d >= need {
					continue
				}
				if d < 1e-6 {
					dx, dy, d = 1, float64(j-i), math.Sqrt(1+float64((j-i)*(j-i)))
				}
				push := (need - d) / 2 / d
				pos[i].x -= dx * push
				pos[i].y -= dy * push
				pos[j].x += dx * push
				pos[j].y += dy * push
				moved = true
			}
		}
		if !moved {
			break
		}
	}
	for i, p := range pos {
		g.Nodes[i].X = math.Round(p.x)
		g.Nodes[i].Y = math.Round(p.y)
	}
}
