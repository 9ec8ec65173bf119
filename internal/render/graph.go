package render

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
)

// This file draws who introduced whom as a Graphviz DOT or Mermaid graph:
// people as nodes styled by advocacy, introductions as edges styled by
// direction, kind and status. Every name is made safe for a terminal and
// escaped for the format it is written in.

// GraphFormats lists the formats a GraphWriter draws in.
var GraphFormats = []string{"dot", "mermaid"}

// GraphWriter writes who introduced whom as it is read, so a network of
// any size costs the memory of a few records: every node, by id, then
// every edge. Close ends the graph; Stop gives up one that failed part
// way, leaving it unended.
type GraphWriter interface {
	Node(kith.GraphNode) error
	Edge(kith.IntroEdge) error
	Close() error
	Stop()
}

// NewGraphWriter starts a graph on w: in format (one of GraphFormats), or
// with m.JSON its nodes and edges as data.
func NewGraphWriter(w io.Writer, m Mode, format string) GraphWriter {
	switch {
	case m.JSON:
		return newJSONGraph(w)
	case format == "mermaid":
		return newMermaidGraph(w)
	default:
		return newDOTGraph(w)
	}
}

// textGraph is what the DOT and Mermaid writers share: their buffered
// output, and what ends the graph.
type textGraph struct {
	b   *bufio.Writer
	end string
}

// Close ends the graph and flushes it.
func (g *textGraph) Close() error {
	g.b.WriteString(g.end)
	return g.b.Flush()
}

// Stop leaves what is buffered unwritten.
func (g *textGraph) Stop() {}

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

// dotGraph writes a Graphviz digraph.
type dotGraph struct{ textGraph }

func newDOTGraph(w io.Writer) *dotGraph {
	g := &dotGraph{textGraph{b: bufio.NewWriterSize(w, 64<<10), end: "}\n"}}
	g.b.WriteString("// kith: who introduced whom. Dashed edges are introductions you gave;\n")
	g.b.WriteString("// gold nodes are raving fans, blue advocates.\n")
	g.b.WriteString("digraph kith {\n")
	g.b.WriteString("  rankdir=LR;\n")
	g.b.WriteString("  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n")
	g.b.WriteString("  edge [fontname=\"Helvetica\", fontsize=10];\n")
	return g
}

// Node writes n, labelled with its name and company.
func (g *dotGraph) Node(n kith.GraphNode) error {
	// One label line for the name, one for the company: each quoted on
	// its own, joined by DOT's \n.
	parts := []string{dotString(n.Name)}
	if n.Company != "" {
		parts = append(parts, dotString(n.Company))
	}
	for i, p := range parts {
		parts[i] = p[1 : len(p)-1]
	}
	fmt.Fprintf(g.b, "  n%d [label=\"%s\"", n.ID, strings.Join(parts, `\n`))
	if fill, ok := advocacyFill[n.Advocacy]; ok {
		fmt.Fprintf(g.b, ", style=\"rounded,filled\", fillcolor=\"%s\"", fill)
	}
	_, err := fmt.Fprintf(g.b, ", tooltip=%s];\n", dotString(string(n.Advocacy)+", "+string(n.Stage)))
	return err
}

// Edge writes e, styled by its direction and status.
func (g *dotGraph) Edge(e kith.IntroEdge) error {
	st := statusStyle[e.Status]
	style := st.dot
	if e.Direction == kith.Given && e.Status != kith.Promised {
		style = "dashed"
	}
	_, err := fmt.Fprintf(g.b, "  n%d -> n%d [label=%s, color=\"%s\", fontcolor=\"%s\", style=%s];\n",
		e.From, e.To, dotString(edgeLabel(e)), st.colour, st.colour, style)
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
	return mermaidEntities.Replace(Cell(s))
}

// mermaidEntities writes what mermaidText escapes as entity codes. It is
// made once: a Replacer costs more to make than a label to escape.
var mermaidEntities = strings.NewReplacer(`"`, "#quot;", "<", "#lt;", ">", "#gt;", "#", "#35;", "`", "#96;")

// mermaidGraph writes a Mermaid flowchart.
type mermaidGraph struct {
	textGraph
	edges int // written so far: Mermaid styles an edge by its number
}

func newMermaidGraph(w io.Writer) *mermaidGraph {
	g := &mermaidGraph{textGraph: textGraph{b: bufio.NewWriterSize(w, 64<<10)}}
	g.b.WriteString("flowchart LR\n")
	g.b.WriteString("  classDef raving_fan fill:#ffd54f,stroke:#f9a825\n")
	g.b.WriteString("  classDef advocate fill:#90caf9,stroke:#1e88e5\n")
	return g
}

// Node writes n, labelled with its name and company, in its advocacy's
// class.
func (g *mermaidGraph) Node(n kith.GraphNode) error {
	label := mermaidText(n.Name)
	if n.Company != "" {
		label += "<br/>" + mermaidText(n.Company)
	}
	_, err := fmt.Fprintf(g.b, "  n%d[\"%s\"]\n", n.ID, label)
	if _, ok := advocacyFill[n.Advocacy]; ok {
		_, err = fmt.Fprintf(g.b, "  class n%d %s\n", n.ID, n.Advocacy)
	}
	return err
}

// Edge writes e and its style, by its direction and status.
func (g *mermaidGraph) Edge(e kith.IntroEdge) error {
	arrow := "-->"
	if e.Direction == kith.Given {
		arrow = "-.->"
	}
	fmt.Fprintf(g.b, "  n%d %s|\"%s\"| n%d\n", e.From, arrow, mermaidText(edgeLabel(e)), e.To)
	st := statusStyle[e.Status]
	style := "stroke:" + st.colour
	if st.mermaid != "" {
		style += "," + st.mermaid
	}
	_, err := fmt.Fprintf(g.b, "  linkStyle %d %s\n", g.edges, style)
	g.edges++
	return err
}
