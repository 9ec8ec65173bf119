package store

import (
	"cmp"
	"context"
	"slices"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/netgraph"
)

// graphEdgeColumns selects an introduction as a graph edge.
const graphEdgeColumns = `i.id, i.from_id, i.to_id, i.direction, i.kind, i.status, i.asked, i.intro_on`

// IntroGraph returns who introduced whom: every introduction when ref is
// empty, otherwise those within depth introductions of the contact ref names.
func (db *DB) IntroGraph(ctx context.Context, ref string, depth int) (netgraph.Graph, error) {
	g := netgraph.Graph{Nodes: []netgraph.Node{}, Edges: []netgraph.Edge{}}
	err := db.read(ctx, "read introductions graph", func(tx *Tx) error {
		var center int64
		if ref != "" {
			c, err := tx.ResolveContact(ref)
			if err != nil {
				return err
			}
			center = c.ID
		}
		var err error
		if center == 0 {
			g.Edges, err = tx.graphEdges("SELECT " + graphEdgeColumns + " FROM introductions i ORDER BY i.id")
		} else {
			g.Edges, err = tx.graphAround(center, depth)
		}
		if err != nil {
			return err
		}
		ids := []int64{center}
		if center == 0 {
			ids = nil
		}
		for _, e := range g.Edges {
			ids = append(ids, e.From, e.To)
		}
		slices.Sort(ids)
		ids = slices.Compact(ids)
		rows, err := tx.Query(graphNodesSQL, jsonParam(ids))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var n netgraph.Node
			if err := rows.Scan(&n.ID, &n.Name, &n.Company, &n.Stage, &n.Advocacy); err != nil {
				return err
			}
			g.Nodes = append(g.Nodes, n)
		}
		return rows.Err()
	})
	return g, err
}

// graphAround walks the introductions out from center, one ring of people
// at a time, up to depth rings.
func (tx *Tx) graphAround(center int64, depth int) ([]netgraph.Edge, error) {
	seen := map[int64]bool{center: true}
	edgeSeen := map[int64]bool{}
	edges := []netgraph.Edge{}
	ring := []int64{center}
	for d := 0; d < depth && len(ring) > 0; d++ {
		list := jsonParam(ring)
		found, err := tx.graphEdges(`SELECT `+graphEdgeColumns+` FROM json_each(?) AS j
				CROSS JOIN introductions i ON i.from_id = j.value
			UNION SELECT `+graphEdgeColumns+` FROM json_each(?) AS j
				CROSS JOIN introductions i ON i.to_id = j.value`, list, list)
		if err != nil {
			return nil, err
		}
		var next []int64
		for _, e := range found {
			if edgeSeen[e.ID] {
				continue
			}
			edgeSeen[e.ID] = true
			edges = append(edges, e)
			for _, id := range []int64{e.From, e.To} {
				if !seen[id] {
					seen[id] = true
					next = append(next, id)
				}
			}
		}
		ring = next
	}
	slices.SortFunc(edges, func(a, b netgraph.Edge) int { return cmp.Compare(a.ID, b.ID) })
	return edges, nil
}

func (tx *Tx) graphEdges(q string, args ...any) ([]netgraph.Edge, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []netgraph.Edge{}
	for rows.Next() {
		var e netgraph.Edge
		var on string
		if err := rows.Scan(&e.ID, &e.From, &e.To, &e.Direction, &e.Kind, &e.Status, &e.Asked, &on); err != nil {
			return nil, err
		}
		if e.On, err = dates.ParseISO(on); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// The queries, named so a test can check each one's plan reads an index.
const (
	graphNodesSQL = `SELECT c.id, c.name, c.company, c.stage, ` + effectiveAdvocacy + `
			FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value ORDER BY c.id`
)
