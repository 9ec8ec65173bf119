package app

import (
	"context"
	"slices"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/netgraph"
	"github.com/kith-crm/kith/internal/store"
)

// GraphSink takes a graph as it is read: every node, by id, then every
// edge, by id.
type GraphSink interface {
	Node(kith.GraphNode) error
	Edge(kith.IntroEdge) error
}

// IntroGraph writes who introduced whom to out: every introduction when
// ref is empty, as it is read, so a network of any size is drawn without
// being held; otherwise those within depth introductions of the contact
// ref names, who is drawn even with none.
func IntroGraph(ctx context.Context, db *store.DB, ref string, depth int, out GraphSink) error {
	return db.Scan(ctx, "read introductions graph", func(tx *store.Tx) error {
		if ref == "" {
			if err := tx.EachIntroducedPerson(out.Node); err != nil {
				return err
			}
			return tx.EachIntroEdge(out.Edge)
		}
		c, err := tx.ResolveContact(ref)
		if err != nil {
			return err
		}
		edges, err := netgraph.Around(tx.IntroEdgesTouching, c.ID, depth)
		if err != nil {
			return err
		}
		ids := []int64{c.ID}
		for _, e := range edges {
			ids = append(ids, e.From, e.To)
		}
		slices.Sort(ids)
		if err := tx.GraphNodes(slices.Compact(ids), out.Node); err != nil {
			return err
		}
		for _, e := range edges {
			if err := out.Edge(e); err != nil {
				return err
			}
		}
		return nil
	})
}
