package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// This file draws who introduced whom as a Graphviz DOT or Mermaid graph:
// people as nodes styled by advocacy, introductions as edges styled by
// direction, kind and status. Every name is made safe for a terminal and
// escaped for the format it is written in.

// GraphFormats lists the formats Graph writes.
var GraphFormats = []string{"dot", "mermaid"}

// Graph writes g in format, dot or mermaid.
func Graph(w io.Writer, g kith.Graph, format string) error {
	if format == "mermaid" {
		return Mermaid(w, g)
	}
	return DOT(w, g)
}

// advocacyFill is the node colour for each advocacy level.
var advocacyFill = map[kith.Advocacy]string{
	kith.RavingFan: "#ffd54f",
	kith.Advocate:  "#90caf9",
}

// statusStyle is the edge colour and line for each status.
var statusStyle = map[kith.IntroStatus]struct{ colour, dot, mermaid string }{
	kith.Promised: {"#9e9e9e", "dotted", "stroke-dasharray:2 4"},
	kith.Made:     {"#424242", "solid", ""},
	kith.Met:      {"#1e88e5", "solid", ""},
	kith.Won:      {"#2e7d32", "bold", "stroke-width:3px"},
	kith.Lost:     {"#e53935", "solid", ""},
}

// dotString quotes s as a DOT string: the text is first made safe for a
// terminal (no control characters), then quotes and backslashes escaped.
func dotString(s string) string {
	s = Cell(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// DOT writes g as a Graphviz digraph.
func DOT(w io.Writer, g kith.Graph) error {
	var b strings.Builder
	b.WriteString("// kith: who introduced whom. Dashed edges are introductions you gave;\n")
	b.WriteString("// gold nodes are raving fans, blue advocates.\n")
	b.WriteString("digraph kith {\n")
	b.WriteString("  rankdir=LR;\n")
	b.WriteString("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n")
	b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10];\n")
	for _, n := range g.Nodes {
		// One label line for the name, one for the company: each quoted
		// on its own, joined by DOT's \n.
		parts := []string{dotString(n.Name)}
		if n.Company != "" {
			parts = append(parts, dotString(n.Company))
		}
		for i, p := range parts {
			parts[i] = p[1 : len(p)-1]
		}
		fmt.Fprintf(&b, "  n%d [label=\"%s\"", n.ID, strings.Join(parts, `\n`))
		if fill, ok := advocacyFill[n.Advocacy]; ok {
			fmt.Fprintf(&b, ", style=\"rounded,filled\", fillcolor=\"%s\"", fill)
		}
		fmt.Fprintf(&b, ", tooltip=%s];\n", dotString(string(n.Advocacy)+", "+string(n.Stage)))
	}
	for _, e := range g.Edges {
		st := statusStyle[e.Status]
		style := st.dot
		if e.Direction == kith.Given && e.Status != kith.Promised {
			style = "dashed"
		}
		fmt.Fprintf(&b, "  n%d -> n%d [label=%s, color=\"%s\", fontcolor=\"%s\", style=%s];\n",
			e.From, e.To, dotString(edgeLabel(e)), st.colour, st.colour, style)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// edgeLabel is the kind and status, marked when the user gave it or it
// came unasked.
func edgeLabel(e kith.IntroEdge) string {
	label := string(e.Kind) + ", " + string(e.Status)
	switch {
	case e.Direction == kith.Given:
		label += ", by you"
	case !e.Asked:
		label += ", unasked"
	}
	return label
}

// mermaidText makes s safe inside a quoted Mermaid label: Mermaid reads
// entity codes such as #quot; there, and would take < > as HTML.
func mermaidText(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "#", "#35;", "`", "#96;")
	return r.Replace(Cell(s))
}

// Mermaid writes g as a Mermaid flowchart.
func Mermaid(w io.Writer, g kith.Graph) error {
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	b.WriteString("  classDef raving_fan fill:#ffd54f,stroke:#f9a825\n")
	b.WriteString("  classDef advocate fill:#90caf9,stroke:#1e88e5\n")
	for _, n := range g.Nodes {
		label := mermaidText(n.Name)
		if n.Company != "" {
			label += "<br/>" + mermaidText(n.Company)
		}
		fmt.Fprintf(&b, "  n%d[\"%s\"]\n", n.ID, label)
		if _, ok := advocacyFill[n.Advocacy]; ok {
			fmt.Fprintf(&b, "  class n%d %s\n", n.ID, n.Advocacy)
		}
	}
	for i, e := range g.Edges {
		arrow := "-->"
		if e.Direction == kith.Given {
			arrow = "-.->"
		}
		fmt.Fprintf(&b, "  n%d %s|\"%s\"| n%d\n", e.From, arrow, mermaidText(edgeLabel(e)), e.To)
		st := statusStyle[e.Status]
		style := "stroke:" + st.colour
		if st.mermaid != "" {
			style += "," + st.mermaid
		}
		fmt.Fprintf(&b, "  linkStyle %d %s\n", i, style)
	}
	_, err := io.WriteString(w, b.String())
	return err
}
