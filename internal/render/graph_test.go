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

// hostile is a graph whose names try to break out of their quotes.
var hostile = kith.Graph{
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

func TestDOTParses(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, render.DOT(&b, hostile))
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
	var b bytes.Buffer
	require.NoError(t, render.Mermaid(&b, hostile))
	out := b.String()
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
