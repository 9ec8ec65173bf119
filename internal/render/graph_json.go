package render

import (
	"bufio"
	"io"

	"github.com/kith-crm/kith/internal/kith"
)

// jsonGraph writes a graph as data, the object {"nodes": [...], "edges":
// [...]}, each list element by element as a JSON list is written: the
// bytes JSON prints for the whole graph, at the memory of a few records.
type jsonGraph struct {
	out   *bufio.Writer // each list's in turn, then the object's end
	list  *jsonList     // the nodes, then the edges
	edges bool          // the nodes are ended and the edges begun
}

func newJSONGraph(w io.Writer) *jsonGraph {
	out := bufio.NewWriterSize(w, 64<<10)
	out.WriteString("{\n  \"nodes\": ")
	return &jsonGraph{out: out, list: startJSONList(out, "  ", "")}
}

// Node writes n in the nodes.
func (g *jsonGraph) Node(n kith.GraphNode) error { return g.list.add(n) }

// Edge writes e in the edges, ending the nodes at the first.
func (g *jsonGraph) Edge(e kith.IntroEdge) error {
	if err := g.startEdges(); err != nil {
		return err
	}
	return g.list.add(e)
}

// startEdges ends the nodes and starts the edges, once.
func (g *jsonGraph) startEdges() error {
	if g.edges {
		return nil
	}
	g.edges = true
	if err := g.list.close(); err != nil {
		return err
	}
	g.out.WriteString(",\n  \"edges\": ")
	g.list = startJSONList(g.out, "  ", "")
	return nil
}

// Close ends the lists and the object, and flushes.
func (g *jsonGraph) Close() error {
	if err := g.startEdges(); err != nil {
		return err
	}
	if err := g.list.close(); err != nil {
		return err
	}
	g.out.WriteString("\n}\n")
	return g.out.Flush()
}

// Stop leaves the graph unended: its JSON writer is done with before Stop
// returns, so nothing is written after.
func (g *jsonGraph) Stop() { g.list.stop() }
