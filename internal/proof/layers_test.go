package proof

import (
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// layer is a kind of package; imports may only point down the layers, as
// README's Development section draws them.
type layer string

const (
	domainLayer    layer = "domain"    // types and pure rules
	algorithmLayer layer = "algorithm" // pure computations over domain values
	storeLayer     layer = "store"     // SQLite and nothing else
	renderLayer    layer = "render"    // output of domain values
	importerLayer  layer = "importer"  // file formats read into domain values
	networkLayer   layer = "network"   // a server's protocol (CardDAV, CalDAV) and nothing else
	fileLayer      layer = "file"      // files written whole; knows nothing of kith
	useCaseLayer   layer = "use case"  // a store read plus an algorithm
	commandLayer   layer = "command"   // flags in, use cases called, output rendered
	mainLayer      layer = "main"      // the binary
	supportLayer   layer = "support"   // benchmarks and test data; never imported by the rest
)

// layers places every package of the module (paths relative to it). A new
// package fails TestImportsPointDown until it is placed here.
var layers = map[string]layer{
	"internal/clip":          domainLayer,
	"internal/dates":         domainLayer,
	"internal/kith":          domainLayer,
	"internal/draft":         algorithmLayer,
	"internal/ical":          algorithmLayer,
	"internal/ladder":        algorithmLayer,
	"internal/netgraph":      algorithmLayer,
	"internal/period":        algorithmLayer,
	"internal/questions":     algorithmLayer,
	"internal/warmpath":      algorithmLayer,
	"internal/syncplan":      algorithmLayer,
	"internal/dav":           networkLayer,
	"internal/store":         storeLayer,
	"internal/render":        renderLayer,
	"internal/importer":      importerLayer,
	"internal/wholefile":     fileLayer,
	"internal/app":           useCaseLayer,
	"internal/cli":           commandLayer,
	"cmd/kith":               mainLayer,
	"cmd/gen-man":            mainLayer,
	"internal/benchgen":      supportLayer,
	"internal/kith/kithtest": supportLayer,
	"internal/proof":         supportLayer,
	"internal/davtest":       supportLayer,
	"internal/synctest":      supportLayer,
	"bench":                  supportLayer,
}

// mayImport says which layers' packages each layer's may import; nil
// means any. Within the domain, only clip and dates may be imported.
var mayImport = map[layer][]layer{
	domainLayer:    {domainLayer},
	algorithmLayer: {domainLayer, algorithmLayer},
	storeLayer:     {domainLayer},
	renderLayer:    {domainLayer},
	importerLayer:  {domainLayer},
	networkLayer:   {domainLayer},
	fileLayer:      {},
	// a use case may read and write a format (sync's cards) and talk to a
	// server (sync), besides the store
	useCaseLayer: {domainLayer, algorithmLayer, storeLayer, importerLayer, networkLayer},
	commandLayer: {domainLayer, algorithmLayer, storeLayer, renderLayer, importerLayer, networkLayer, fileLayer, useCaseLayer},
	mainLayer:    {commandLayer},
	supportLayer: nil,
}

// domainBase are the domain packages the rest of the domain builds on:
// the domain imports nothing else of kith.
var domainBase = []string{"internal/clip", "internal/dates"}

// notInUseCases are standard packages a use case must not import: its
// SQL belongs in the store.
var notInUseCases = []string{"database/sql"}

// TestImportsPointDown reads the module's import graph with go list and
// fails on any arrow the layers forbid: the store importing more than the
// domain, an algorithm importing the store or render, render importing the
// store, the domain importing anything but clip and dates, and so on.
func TestImportsPointDown(t *testing.T) {
	pkgs := listPackages(t)
	require.NotEmpty(t, pkgs)
	for _, p := range pkgs {
		rel := strings.TrimPrefix(strings.TrimPrefix(p.ImportPath, modulePath), "/")
		t.Run(rel, func(t *testing.T) {
			from, ok := layers[rel]
			if !ok {
				t.Fatalf("%s has no layer: place it in layers (layers_test.go) and in README's Development section", rel)
			}
			for _, imp := range p.Imports {
				if from == useCaseLayer && slices.Contains(notInUseCases, imp) {
					t.Errorf("%s imports %s: a use case reads through the store's methods, its SQL stays in the store", rel, imp)
				}
				dep, internal := strings.CutPrefix(imp, modulePath+"/")
				if !internal {
					continue
				}
				if msg := forbidden(rel, from, dep); msg != "" {
					t.Error(msg)
				}
			}
		})
	}
}

// forbidden says why the arrow rel → dep breaks the layers, or "".
func forbidden(rel string, from layer, dep string) string {
	to, ok := layers[dep]
	switch {
	case !ok:
		return rel + " imports " + dep + ", which has no layer"
	case to == supportLayer && from != supportLayer:
		return rel + " imports " + dep + ": support packages are for tests and benchmarks only"
	case from == domainLayer && !slices.Contains(domainBase, dep):
		return rel + " imports " + dep + ": the domain imports only clip and dates"
	case mayImport[from] != nil && !slices.Contains(mayImport[from], to):
		return rel + " (" + string(from) + ") imports " + dep + " (" + string(to) + "); " +
			string(from) + " packages may import only " + layerList(mayImport[from])
	}
	return ""
}

func layerList(ls []layer) string {
	s := make([]string, len(ls))
	for i, l := range ls {
		s[i] = string(l)
	}
	return strings.Join(s, ", ")
}

// goPackage is what go list -json says of one package that the test reads.
type goPackage struct {
	ImportPath string
	Imports    []string
}

// listPackages runs go list over the whole module.
func listPackages(t *testing.T) []goPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", modulePath+"/...")
	out, err := cmd.Output()
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		t.Fatalf("go list: %v\n%s", err, exitErr.Stderr)
	}
	require.NoError(t, err)
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []goPackage
	for {
		var p goPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			return pkgs
		} else if err != nil {
			t.Fatalf("reading go list: %v", err)
		}
		pkgs = append(pkgs, p)
	}
}

// TestForbiddenArrows checks the rules themselves on arrows that must fail
// and arrows that must pass.
func TestForbiddenArrows(t *testing.T) {
	for _, tc := range []struct {
		from, to string
		bad      bool
	}{
		{"internal/store", "internal/warmpath", true},
		{"internal/store", "internal/render", true},
		{"internal/netgraph", "internal/render", true},
		{"internal/ladder", "internal/store", true},
		{"internal/render", "internal/store", true},
		{"internal/kith", "internal/importer", true},
		{"internal/dates", "internal/kith", true},
		{"internal/app", "internal/render", true},
		{"internal/cli", "internal/benchgen", true},
		{"internal/store", "internal/new", true},
		{"internal/store", "internal/kith", false},
		{"internal/kith", "internal/dates", false},
		{"internal/ladder", "internal/questions", false},
		{"internal/app", "internal/store", false},
		{"internal/cli", "internal/app", false},
		{"internal/benchgen", "internal/store", false},
	} {
		msg := forbidden(tc.from, layers[tc.from], tc.to)
		if tc.bad && msg == "" {
			t.Errorf("%s → %s passes; it must not", tc.from, tc.to)
		}
		if !tc.bad && msg != "" {
			t.Errorf("%s → %s fails: %s", tc.from, tc.to, msg)
		}
	}
}
