// Package netgraph draws who introduced whom as a Graphviz DOT or Mermaid
// graph: people as nodes styled by advocacy, introductions as edges
// styled by direction, kind and status. It is pure: the caller gathers the
// graph, and every name is escaped for the format it is written in.
package netgraph

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

// Node is one person.
type Node struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Company  string        `json:"company"`
	Stage    kith.Stage    `json:"stage"`
	Advocacy kith.Advocacy `json:"advocacy"`
}

// Edge is one introduction: received, From introduced To to the user;
// given, the user introduced From to To.
type Edge struct {
	ID        int64            `json:"id"`
	From      int64            `json:"from"`
	To        int64            `json:"to"`
	Direction kith.Direction   `json:"direction"`
	Kind      kith.IntroKind   `json:"kind"`
	Status    kith.IntroStatus `json:"status"`
	Asked     bool             `json:"asked"`
	On        dates.Date       `json:"date"`
}

// Graph is the people and the introductions between them.
type Graph struct {
	Nodes []Node `json:"nodes"`
	Edges []Edge `json:"edges"`
}

// Formats lists the formats Write knows.
var Formats = []string{"dot", "mermaid"}

// ParseFormat accepts a format name, case-insensitively.
func ParseFormat(s string) (string, error) {
	f := kith.Fold(s)
	if slices.Contains(Formats, f) {
		return f, nil
	}
	return "", kith.Errorf(kith.Invalid, "unknown graph format %q", s).WithHint("use --format dot or --format mermaid")
}

// Write writes g in format, dot or mermaid.
func Write(w io.Writer, g Graph, format string) error {
	if format == "mermaid" {
		return WriteMermaid(w, g)
	}
	return WriteDOT(w, g)
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
	s = render.Cell(s)
	s = strings.ReplaceAll(s, `\`, `\\`)
	return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"`
}

// WriteDOT writes g as a Graphviz digraph.
func WriteDOT(w io.Writer, g Graph) error {
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
func edgeLabel(e Edge) string {
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
	return r.Replace(render.Cell(s))
}

// WriteMermaid writes g as a Mermaid flowchart.
func WriteMermaid(w io.Writer, g Graph) error {
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
