// Package warmpath finds warm paths through the user's network: chains of
// people who know each other, from someone the user has met to someone at
// a target company, and ranks them best first. It is pure: the caller
// supplies who is linked to whom and whom the user knows.
package warmpath

import (
	"sort"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// LinkKind says why two people know each other.
type LinkKind string

// The kinds of link.
const (
	Introduced   LinkKind = "introduced"     // From introduced To to the user
	IntroducedBy LinkKind = "you_introduced" // the user introduced From to To
	Colleague    LinkKind = "colleague"      // both work at Company
)

// Link joins two people. From and To follow the record (who introduced
// whom); a path may cross it either way.
type Link struct {
	From    int64            `json:"from"`
	To      int64            `json:"to"`
	Kind    LinkKind         `json:"kind"`
	Status  kith.IntroStatus `json:"status,omitempty"`
	Made    bool             `json:"-"` // the introduction happened
	On      *dates.Date      `json:"date,omitempty"`
	Company string           `json:"company,omitempty"`
}

// Other returns the end of l that is not id.
func (l Link) Other(id int64) int64 {
	if l.From == id {
		return l.To
	}
	return l.From
}

// Network answers the two questions a search asks, for many people at once.
type Network interface {
	// Links returns every link touching any of ids.
	Links(ids []int64) ([]Link, error)
	// Known returns which of ids the user has met.
	Known(ids []int64) (map[int64]bool, error)
}

// Chain is one path: People[0] is someone the user knows, the last is at
// the target, and Links[i] joins People[i] and People[i+1].
type Chain struct {
	People []int64
	Links  []Link
}

// maxChains bounds how many shortest chains a search returns, so a
// well-connected target cannot flood the output.
const maxChains = 200

// Search finds the shortest chains from people the user knows to any of
// targets, at most maxHops links long. It searches backwards from the
// targets, one ring at a time, and stops at the first ring holding
// someone the user knows, so every chain returned is a shortest one.
func Search(net Network, targets []int64, maxHops int) ([]Chain, error) {
	dist := map[int64]int{}
	// via[n] are the links from n one step closer to a target.
	via := map[int64][]Link{}
	ring := []int64{}
	for _, t := range targets {
		if _, seen := dist[t]; !seen {
			dist[t] = 0
			ring = append(ring, t)
		}
	}
	for hops := 0; len(ring) > 0; hops++ {
		known, err := net.Known(ring)
		if err != nil {
			return nil, err
		}
		var starts []int64
		for _, id := range ring {
			if known[id] {
				starts = append(starts, id)
			}
		}
		if len(starts) > 0 {
			return chainsFrom(starts, via), nil
		}
		if hops == maxHops {
			break
		}
		links, err := net.Links(ring)
		if err != nil {
			return nil, err
		}
		var next []int64
		for _, l := range links {
			for _, end := range []int64{l.From, l.To} {
				d, inRing := dist[end]
				if !inRing || d != hops {
					continue
				}
				n := l.Other(end)
				if dn, seen := dist[n]; !seen {
					dist[n] = hops + 1
					next = append(next, n)
				} else if dn != hops+1 {
					continue
				}
				via[n] = append(via[n], l)
			}
		}
		ring = next
	}
	return nil, nil
}

// chainsFrom walks from each start towards the targets along every
// shortest route, up to maxChains chains.
func chainsFrom(starts []int64, via map[int64][]Link) []Chain {
	var out []Chain
	var walk func(id int64, c Chain)
	walk = func(id int64, c Chain) {
		if len(out) >= maxChains {
			return
		}
		c.People = append(c.People[:len(c.People):len(c.People)], id)
		links := via[id]
		if len(links) == 0 {
			out = append(out, c)
			return
		}
		for _, l := range links {
			next := c
			next.Links = append(c.Links[:len(c.Links):len(c.Links)], l)
			walk(l.Other(id), next)
		}
	}
	for _, s := range starts {
		walk(s, Chain{})
	}
	return out
}

// Person is what ranking needs to know of someone on a chain.
type Person struct {
	ID          int64
	Advocacy    kith.Advocacy
	Stage       kith.Stage
	LastContact *dates.Date
}

// Warmth scores a chain: the first person's advocacy and standing, and
// every link's strength. Higher is warmer.
func Warmth(c Chain, people map[int64]Person) int {
	first := people[c.People[0]]
	score := 0
	switch first.Advocacy {
	case kith.RavingFan:
		score += 6
	case kith.Advocate:
		score += 4
	}
	if first.Stage == kith.Client || first.Stage == kith.PastClient {
		score += 2
	}
	for _, l := range c.Links {
		score += LinkWarmth(l)
	}
	return score
}

// LinkWarmth scores one link: an introduction that led somewhere beats one merely made, a
// made one beats a promise, and any introduction beats sharing an employer.
func LinkWarmth(l Link) int {
	if l.Kind == Colleague {
		return 0
	}
	switch {
	case l.Status == kith.Won || l.Status == kith.Met:
		return 3
	case l.Made:
		return 2
	}
	return 1 // a promise, open or lost unmade
}

// Rank orders chains best first: shorter, then warmer, then the more
// recently met first person, then by the people's ids for a stable order.
func Rank(chains []Chain, people map[int64]Person) {
	sort.SliceStable(chains, func(i, j int) bool {
		a, b := chains[i], chains[j]
		if len(a.Links) != len(b.Links) {
			return len(a.Links) < len(b.Links)
		}
		if wa, wb := Warmth(a, people), Warmth(b, people); wa != wb {
			return wa > wb
		}
		la, lb := people[a.People[0]].LastContact, people[b.People[0]].LastContact
		switch {
		case la != nil && lb == nil:
			return true
		case la == nil && lb != nil:
			return false
		case la != nil && *la != *lb:
			return lb.Before(*la)
		}
		for k := range a.People {
			if a.People[k] != b.People[k] {
				return a.People[k] < b.People[k]
			}
		}
		return false
	})
}
