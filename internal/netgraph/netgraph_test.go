package netgraph_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/netgraph"
)

// network is introductions held in memory: 1—2—3—4 in a line, and 5—6
// apart.
var network = []kith.IntroEdge{
	{ID: 3, From: 3, To: 4},
	{ID: 1, From: 1, To: 2},
	{ID: 2, From: 3, To: 2},
	{ID: 4, From: 5, To: 6},
}

func touching(asked *int) netgraph.Touching {
	return func(ids []int64) ([]kith.IntroEdge, error) {
		*asked++
		var out []kith.IntroEdge
		for _, e := range network {
			for _, id := range ids {
				if e.From == id || e.To == id {
					out = append(out, e)
					break
				}
			}
		}
		return out, nil
	}
}

func ids(edges []kith.IntroEdge) []int64 {
	out := []int64{}
	for _, e := range edges {
		out = append(out, e.ID)
	}
	return out
}

func TestAround(t *testing.T) {
	for _, tc := range []struct {
		name   string
		center int64
		depth  int
		want   []int64
		rings  int
	}{
		{"one ring", 1, 1, []int64{1}, 1},
		{"two rings, by id", 1, 2, []int64{1, 2}, 2},
		{"the whole line, each edge once", 2, 5, []int64{1, 2, 3}, 3},
		{"nobody around", 9, 3, []int64{}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asked := 0
			edges, err := netgraph.Around(touching(&asked), tc.center, tc.depth)
			require.NoError(t, err)
			assert.Equal(t, tc.want, ids(edges))
			assert.Equal(t, tc.rings, asked, "rings read")
		})
	}
}
