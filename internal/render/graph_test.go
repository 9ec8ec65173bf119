package render_test

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/awalterschulze/gographviz"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

// graph is who introduced whom as a whole, as the JSON writer must print it.
type graph struct {
	Nodes []kith.GraphNode `json:"nodes"`
	Edges []kith.IntroEdge `json:"edges"`
}

// hostile is a graph whose names try to break out of their quotes.
var hostile = graph{
	Nodes: []kith.GraphNode{
		{ID: 1, Name: `Ana "the" Lima\`, Company: "Lima\nLaw", Advocacy: kith.RavingFan, Stage: kith.Client},
		{ID: 2, Name: "Bo <b>Chen</b> #1 `x`", Advocacy: kith.Advocate, Stage: kith.Halo},
		{ID: 3, Name: "Cy\x1b[31m; } digraph x {", Advocacy: kith.NoAdvocacy, Stage: kith.Lead},
	},
	Edges: []kith.IntroEdge{
		{ID: 1, From: 1, To: 2, Direction: kith.Received, Kind: kith.ClientIntro, Status: kith.Won, Asked: true},
		{ID: 2, From: 2, To: 3, Direction: kith.Given, Kind: kith.Alliance, Status: kith.Promised},
		{ID: 3, From: 3, To: 1, Direction: kith.Received, Kind: kith.CoffeeIntro, Status: kith.Lost},
	},
}

// draw writes g through a GraphWriter.
func draw(t *testing.T, m render.Mode, format string, g graph) string {
	t.Helper()
	var b bytes.Buffer
	w := render.NewGraphWriter(&b, m, format)
	for _, n := range g.Nodes {
		require.NoError(t, w.Node(n))
	}
	for _, e := range g.Edges {
		require.NoError(t, w.Edge(e))
	}
	require.NoError(t, w.Close())
	return b.String()
}

func TestDOTParses(t *testing.T) {
	b := bytes.NewBufferString(draw(t, render.Mode{}, "dot", hostile))
	ast, err := gographviz.ParseString(b.String())
	require.NoError(t, err, b.String())
	g := gographviz.NewGraph()
	require.NoError(t, gographviz.Analyse(ast, g))
	assert.Len(t, g.Nodes.Nodes, 3)
	assert.Len(t, g.Edges.Edges, 3)
	assert.Equal(t, `"Ana \"the\" Lima\\\nLima Law"`, g.Nodes.Lookup["n1"].Attrs["label"])
	assert.NotContains(t, b.String(), "\x1b")

	if dot, err := exec.LookPath("dot"); err == nil {
		path := filepath.Join(t.TempDir(), "g.dot")
		require.NoError(t, os.WriteFile(path, b.Bytes(), 0o600))
		out, err := exec.Command(dot, "-Tsvg", path).CombinedOutput()
		require.NoError(t, err, string(out))
		assert.Contains(t, string(out), "<svg")
	}
}

func TestMermaidEscapes(t *testing.T) {
	out := draw(t, render.Mode{}, "mermaid", hostile)
	assert.Contains(t, out, `n1["Ana #quot;the#quot; Lima\<br/>Lima Law"]`)
	assert.Contains(t, out, `n2["Bo #lt;b#gt;Chen#lt;/b#gt; #35;1 #96;x#96;"]`)
	assert.Contains(t, out, "class n1 raving_fan")
	assert.Contains(t, out, "class n2 advocate")
	assert.NotContains(t, out, "class n3")
	assert.Contains(t, out, `n2 -.->|"alliance, promised, by you"| n3`)
	assert.Contains(t, out, "linkStyle 1 stroke:#9e9e9e,stroke-dasharray:2 4")
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		assert.Equal(t, 1, strings.Count(line, "\n")+1)
		assert.NotContains(t, line, "\x1b")
	}
}

// TestGraphJSONIsTheGraphsJSON holds the streamed JSON to what JSON prints
// for the whole graph: with no nodes or edges, a few, and more than the
// encoding goroutine takes at once.
func TestGraphJSONIsTheGraphsJSON(t *testing.T) {
	many := graph{}
	for i := range 600 {
		id := int64(i + 1)
		many.Nodes = append(many.Nodes, kith.GraphNode{ID: id, Name: "Ana \"#" + strings.Repeat("x", i%7), Stage: kith.Lead})
		many.Edges = append(many.Edges, kith.IntroEdge{ID: id, From: id, To: id%600 + 1, Kind: kith.Alliance, Status: kith.Made})
	}
	for name, g := range map[string]graph{
		"empty":    {Nodes: []kith.GraphNode{}, Edges: []kith.IntroEdge{}},
		"no edges": {Nodes: hostile.Nodes[:1], Edges: []kith.IntroEdge{}},
		"hostile":  hostile,
		"many":     many,
	} {
		var want bytes.Buffer
		require.NoError(t, render.JSON(&want, g))
		assert.Equal(t, want.String(), draw(t, render.Mode{JSON: true}, "dot", g), name)
	}
}

// TestEmptyGraphs draws a network with no one in it: the formats' frames.
func TestEmptyGraphs(t *testing.T) {
	dot := draw(t, render.Mode{}, "dot", graph{})
	assert.True(t, strings.HasSuffix(dot, "digraph kith {\n  rankdir=LR;\n"+
		"  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];\n"+
		"  edge [fontname=\"Helvetica\", fontsize=10];\n}\n"), dot)
	assert.Equal(t, "flowchart LR\n  classDef raving_fan fill:#ffd54f,stroke:#f9a825\n"+
		"  classDef advocate fill:#90caf9,stroke:#1e88e5\n", draw(t, render.Mode{}, "mermaid", graph{}))
}
