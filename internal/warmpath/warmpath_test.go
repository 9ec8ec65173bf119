package warmpath_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/warmpath"
)

// fakeNet is a network held in memory.
type fakeNet struct {
	links []warmpath.Link
	known map[int64]bool
	asked int // how many rings were expanded
}

func (n *fakeNet) Links(ids []int64) ([]warmpath.Link, error) {
	n.asked++
	in := map[int64]bool{}
	for _, id := range ids {
		in[id] = true
	}
	var out []warmpath.Link
	for _, l := range n.links {
		if in[l.From] || in[l.To] {
			out = append(out, l)
		}
	}
	return out, nil
}

func (n *fakeNet) Met(ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	for _, id := range ids {
		out[id] = n.known[id]
	}
	return out, nil
}

func intro(from, to int64, status kith.IntroStatus) warmpath.Link {
	return warmpath.Link{From: from, To: to, Kind: warmpath.Introduced, Status: status, Made: status != kith.Promised}
}

func colleague(a, b int64) warmpath.Link {
	return warmpath.Link{From: a, To: b, Kind: warmpath.Colleague, Company: "Acme"}
}

func TestSearch(t *testing.T) {
	// 1 and 2 are known; 9 is at the target. 1 —intro— 5 —colleague— 9;
	// 2 —intro— 6 —intro— 7 —colleague— 9 is longer.
	net := &fakeNet{
		links: []warmpath.Link{
			intro(1, 5, kith.Made), colleague(5, 9),
			intro(2, 6, kith.Made), intro(6, 7, kith.Made), colleague(7, 9),
		},
		known: map[int64]bool{1: true, 2: true},
	}
	chains, err := warmpath.Search(net, []int64{9}, 4)
	require.NoError(t, err)
	require.Len(t, chains, 2, "only the shortest warm chains, and the target directly")
	assert.Equal(t, []int64{1, 5, 9}, chains[0].People)
	assert.Equal(t, []warmpath.Link{intro(1, 5, kith.Made), colleague(5, 9)}, chains[0].Links)
	assert.Equal(t, warmpath.Chain{People: []int64{9}}, chains[1], "a contact never met is still there to write to")

	t.Run("every shortest chain", func(t *testing.T) {
		net.links = append(net.links, intro(2, 5, kith.Promised))
		chains, err := warmpath.Search(net, []int64{9}, 4)
		require.NoError(t, err)
		require.Len(t, chains, 3)
		starts := []int64{chains[0].People[0], chains[1].People[0]}
		assert.ElementsMatch(t, []int64{1, 2}, starts)
	})

	t.Run("a known target needs no chain", func(t *testing.T) {
		net.known[9] = true
		defer delete(net.known, 9)
		chains, err := warmpath.Search(net, []int64{9}, 4)
		require.NoError(t, err)
		require.Len(t, chains, 1, "a met target needs no chain, nor a second one of its own")
		assert.Equal(t, []int64{9}, chains[0].People)
		assert.Empty(t, chains[0].Links)
	})

	t.Run("too far", func(t *testing.T) {
		chains, err := warmpath.Search(net, []int64{9}, 1)
		require.NoError(t, err)
		assert.Equal(t, []warmpath.Chain{{People: []int64{9}}}, chains)
	})

	t.Run("nobody connects", func(t *testing.T) {
		net.asked = 0
		chains, err := warmpath.Search(net, []int64{42, 42}, 4)
		require.NoError(t, err)
		assert.Equal(t, []warmpath.Chain{{People: []int64{42}}}, chains, "once each")
		assert.Equal(t, 1, net.asked, "an isolated target stops the search at once")
	})

	t.Run("no targets", func(t *testing.T) {
		chains, err := warmpath.Search(net, nil, 4)
		require.NoError(t, err)
		assert.Empty(t, chains)
	})
}

func TestSearchDoesNotLoop(t *testing.T) {
	net := &fakeNet{
		links: []warmpath.Link{colleague(1, 2), colleague(2, 3), colleague(3, 1), intro(3, 4, kith.Made)},
		known: map[int64]bool{4: true},
	}
	chains, err := warmpath.Search(net, []int64{1}, 10)
	require.NoError(t, err)
	require.Len(t, chains, 2)
	assert.Equal(t, []int64{4, 3, 1}, chains[0].People)
}

func TestRank(t *testing.T) {
	d := func(s string) *dates.Date {
		v, err := dates.ParseISO(s)
		require.NoError(t, err)
		return &v
	}
	people := map[int64]warmpath.Person{
		1: {ID: 1, Met: true, Advocacy: kith.NoAdvocacy, LastContact: d("2026-02-01")},
		2: {ID: 2, Met: true, Advocacy: kith.RavingFan, LastContact: d("2025-01-01")},
		3: {ID: 3, Met: true, Advocacy: kith.NoAdvocacy, LastContact: d("2026-03-01")},
		4: {ID: 4, Met: true, Advocacy: kith.NoAdvocacy},
		7: {ID: 7, Met: true, Coffees: 2, Advocacy: kith.NoAdvocacy, LastContact: d("2026-02-01")},
		8: {ID: 8, Advocacy: kith.NoAdvocacy},
		9: {ID: 9},
	}
	short := warmpath.Chain{People: []int64{4, 9}, Links: []warmpath.Link{colleague(4, 9)}}
	fan := warmpath.Chain{People: []int64{2, 5, 9}, Links: []warmpath.Link{colleague(2, 5), colleague(5, 9)}}
	wonIntro := warmpath.Chain{People: []int64{1, 5, 9}, Links: []warmpath.Link{intro(1, 5, kith.Won), colleague(5, 9)}}
	coffees := warmpath.Chain{People: []int64{7, 5, 9}, Links: []warmpath.Link{colleague(7, 5), colleague(5, 9)}}
	recent := warmpath.Chain{People: []int64{3, 6, 9}, Links: []warmpath.Link{colleague(3, 6), colleague(6, 9)}}
	older := warmpath.Chain{People: []int64{1, 6, 9}, Links: []warmpath.Link{colleague(1, 6), colleague(6, 9)}}
	twin := warmpath.Chain{People: []int64{1, 7, 9}, Links: []warmpath.Link{colleague(1, 7), colleague(7, 9)}}
	cold := warmpath.Chain{People: []int64{8}}
	coldTarget := warmpath.Chain{People: []int64{9}}
	chains := []warmpath.Chain{coldTarget, twin, older, cold, recent, coffees, wonIntro, fan, short}
	warmpath.Rank(chains, people)
	want := []warmpath.Chain{short, fan, wonIntro, coffees, recent, older, twin, cold, coldTarget}
	assert.Equal(t, want, chains)

	assert.Greater(t, warmpath.Warmth(wonIntro, people), warmpath.Warmth(older, people))
	assert.Equal(t, 2, warmpath.Warmth(coffees, people))
	people[7] = warmpath.Person{ID: 7, Met: true, Coffees: 12}
	assert.Equal(t, 3, warmpath.Warmth(coffees, people), "meetings count up to three")

	people[7] = warmpath.Person{ID: 7, Met: true, Coffees: 2, LastContact: d("2026-02-01")}
	reasons := []warmpath.Reason{warmpath.Longer, warmpath.LessWarm, warmpath.LessWarm, warmpath.LessWarm,
		warmpath.MetLessRecently, warmpath.Tie, warmpath.Cold, warmpath.Tie}
	for i, r := range reasons {
		assert.Equal(t, r, warmpath.Below(want[i], want[i+1], people), "below the %d", i+1)
	}
}
