// Package netgraph walks who introduced whom: the introductions around
// one person, ring by ring. It is pure: the caller reads the
// introductions that touch a ring of people.
package netgraph

import (
	"cmp"
	"slices"

	"github.com/kith-crm/kith/internal/kith"
)

// Touching returns every introduction from or to any of ids.
type Touching func(ids []int64) ([]kith.IntroEdge, error)

// Around walks the introductions out from center, one ring of people at a
// time, up to depth rings, and returns each introduction met once, by id.
func Around(touching Touching, center int64, depth int) ([]kith.IntroEdge, error) {
	seen := map[int64]bool{center: true}
	edgeSeen := map[int64]bool{}
	edges := []kith.IntroEdge{}
	ring := []int64{center}
	for d := 0; d < depth && len(ring) > 0; d++ {
		found, err := touching(ring)
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
	slices.SortFunc(edges, func(a, b kith.IntroEdge) int { return cmp.Compare(a.ID, b.ID) })
	return edges, nil
}
