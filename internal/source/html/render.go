package html

import (
	"strings"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockTags break the text: each starts and ends a line.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true, "dd": true,
	"details": true, "div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true,
	"figure": true, "footer": true, "form": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true,
	"ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tr": true, "ul": true, "caption": true, "thead": true, "tbody": true, "tfoot": true,
}

// skipTags hold no readable text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true, "head": true}

// render writes the text of the tree under n: one line per block
// element, <br> as a line break, table cells separated by spaces.
func render(n *nethtml.Node) string {
	var b strings.Builder
	var walk func(*nethtml.Node)
	walk = func(n *nethtml.Node) {
		switch n.Type {
		case nethtml.TextNode:
			b.WriteString(n.Data)
			return
		case nethtml.ElementNode:
			if skipTags[n.Data] {
				return
			}
			if n.Data == "br" {
				b.WriteByte('\n')
				return
			}
		case nethtml.DocumentNode:
		default:
			return
		}
		block := n.Type == nethtml.ElementNode && blockTags[n.Data]
		cell := n.Type == nethtml.ElementNode && (n.Data == "td" || n.Data == "th")
		if block {
			b.WriteByte('\n')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			b.WriteByte('\n')
		}
		if cell {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return b.String()
}

// Text returns the readable text of an HTML fragment (a feed item's
// description or content), post-cleaned like an extracted article (see
// [CleanText]). Text that holds no markup is only cleaned.
func Text(fragment string) string {
	if !strings.ContainsAny(fragment, "<&") {
		return CleanText(fragment, "")
	}
	nodes, err := nethtml.ParseFragment(strings.NewReader(fragment), &nethtml.Node{Type: nethtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return CleanText(fragment, "")
	}
	var b strings.Builder
	for _, n := range nodes {
		b.WriteString(render(n))
		if n.Type == nethtml.TextNode {
			continue
		}
		b.WriteByte('\n')
	}
	return CleanText(b.String(), "")
}
