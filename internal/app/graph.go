package app

import (
	"context"
	"slices"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/netgraph"
	"github.com/kith-crm/kith/internal/store"
)

// IntroGraph returns who introduced whom: every introduction when ref is
// empty, otherwise those within depth introductions of the contact ref names.
func IntroGraph(ctx context.Context, db *store.DB, ref string, depth int) (kith.Graph, error) {
	g := kith.Graph{Nodes: []kith.GraphNode{}, Edges: []kith.IntroEdge{}}
	err := db.Scan(ctx, "read introductions graph", func(tx *store.Tx) error {
		var ids []int64
		var err error
		if ref == "" {
			g.Edges, err = tx.AllIntroEdges()
		} else {
			var c kith.Contact
			if c, err = tx.ResolveContact(ref); err != nil {
				return err
			}
			ids = append(ids, c.ID)
			g.Edges, err = netgraph.Around(tx.IntroEdgesTouching, c.ID, depth)
		}
		if err != nil {
			return err
		}
		for _, e := range g.Edges {
			ids = append(ids, e.From, e.To)
		}
		slices.Sort(ids)
		g.Nodes, err = tx.GraphNodes(slices.Compact(ids))
		return err
	})
	return g, err
}
