package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/ontology"
)

type quadInfo struct{ Key, Label string }

var quadList = []quadInfo{
	{ontology.VerbalCooperation, "Verbal cooperation"},
	{ontology.MaterialCooperation, "Material cooperation"},
	{ontology.VerbalConflict, "Verbal conflict"},
	{ontology.MaterialConflict, "Material conflict"},
}

var quadLabels = func() map[string]string {
	m := map[string]string{}
	for _, q := range quadList {
		m[q.Key] = q.Label
	}
	return m
}()

func cooperation(quad string) bool {
	return quad == ontology.VerbalCooperation || quad == ontology.MaterialCooperation
}

var funcs = template.FuncMap{
	"quadLabel": func(q string) string {
		if l := quadLabels[q]; l != "" {
			return l
		}
		return q
	},
	"names": func(es []doc.Entity) string {
		var ns []string
		for _, e := range es {
			ns = append(ns, e.Name)
		}
		if len(ns) == 0 {
			return "—"
		}
		return strings.Join(ns, "; ")
	},
	"actorHref": actorHref,
	"eventHref": func(id string) string { return "/events/" + url.PathEscape(id) },
	"articleHref": func(id string) string {
		return "/articles/" + url.PathEscape(id)
	},
	"join":       strings.Join,
	"maxDayBars": func() int { return maxDayBars },
	"itoa":       strconv.Itoa,
	"pct": func(a, b int) int {
		if b == 0 {
			return 0
		}
		return a * 100 / b
	},
}

// actorHref links an entity to its actor page, or, for a participant the
// knowledge base does not know, to the events that name it.
func actorHref(e doc.Entity) string {
	if e.ID != "" && !strings.HasPrefix(e.ID, "~") {
		return "/actors/" + url.PathEscape(e.ID)
	}
	return "/events?" + url.Values{"actor": {strings.TrimPrefix(e.Name, "~")}}.Encode()
}
