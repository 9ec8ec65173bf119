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
	// Met returns which of ids the user has met: the people a warm chain
	// can start from.
	Met(ids []int64) (map[int64]bool, error)
}

// Chain is one path: People[0] is whom the user asks (or writes to) first,
// the last is at the target, and Links[i] joins People[i] and People[i+1].
type Chain struct {
	People []int64
	Links  []Link
}

// maxChains bounds how many chains a search returns, so a well-connected
// target cannot flood the output.
const maxChains = 200

// Search finds the chains to any of targets. Everyone at the target is in
// the user's contacts, so each target is a chain of no links (write to them
// directly), whether the user has met them or not; meeting people decides
// how warm a chain is, not whether it exists. Besides those, it finds the
// shortest chains, at most maxHops links long, that start from someone the
// user has met: it searches backwards from the targets, one ring at a time,
// and stops at the first ring holding someone met. The warm chains come
// first, then the direct ones to targets nobody met, up to maxChains.
func Search(net Network, targets []int64, maxHops int) ([]Chain, error) {
	warm, err := warmChains(net, targets, maxHops)
	if err != nil {
		return nil, err
	}
	out := warm
	direct := map[int64]bool{}
	for _, c := range warm {
		if len(c.Links) == 0 {
			direct[c.People[0]] = true
		}
	}
	for _, t := range targets {
		if len(out) >= maxChains {
			break
		}
		if !direct[t] {
			direct[t] = true
			out = append(out, Chain{People: []int64{t}})
		}
	}
	return out, nil
}

// warmChains finds the shortest chains from people the user has met to any
// of targets, at most maxHops links long.
func warmChains(net Network, targets []int64, maxHops int) ([]Chain, error) {
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
		met, err := net.Met(ring)
		if err != nil {
			return nil, err
		}
		var starts []int64
		for _, id := range ring {
			if met[id] {
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
		ring = nextRing(links, hops, dist, via)
	}
	return nil, nil
}

// nextRing takes one step out from the people hops links from a target:
// it records, for each person one step further, the links that lead back,
// and returns those newly reached.
func nextRing(links []Link, hops int, dist map[int64]int, via map[int64][]Link) []int64 {
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
	return next
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
	Met         bool // see Network.Met
	Coffees     int  // meetings held with them
	Advocacy    kith.Advocacy
	Stage       kith.Stage
	LastContact *dates.Date
}

// coffeesCounted caps the points meetings give: after a few, knowing
// someone well is no longer news.
const coffeesCounted = 3

// Warmth scores a chain: the first person's advocacy, standing and the
// meetings held with them, and every link's strength. Higher is warmer.
func Warmth(c Chain, people map[int64]Person) int {
	first := people[c.People[0]]
	score := min(first.Coffees, coffeesCounted)
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

// Reason names the rule that ranks a chain below the one before it.
type Reason string

// The ranking rules, in the order they apply.
const (
	Best            Reason = "best"              // ranked first
	Cold            Reason = "cold"              // the one above starts with someone met, this one does not
	Longer          Reason = "longer"            // more links
	LessWarm        Reason = "less_warm"         // a lower Warmth
	MetLessRecently Reason = "met_less_recently" // its first person's last meeting is older
	Tie             Reason = "tie"               // equal by every rule: kept in the order of the people's ids
)

// Rank orders chains best first: warm (the first person met) before cold,
// then shorter, then warmer, then the more recently met first person, then
// by the people's ids for a stable order.
func Rank(chains []Chain, people map[int64]Person) {
	sort.SliceStable(chains, func(i, j int) bool {
		less, _ := before(chains[i], chains[j], people)
		return less
	})
}

// Below says which rule ranks b below a, for a ranked just before b.
func Below(a, b Chain, people map[int64]Person) Reason {
	_, why := before(a, b, people)
	return why
}

// before reports whether a ranks before b, and the first rule that tells
// them apart.
func before(a, b Chain, people map[int64]Person) (bool, Reason) {
	pa, pb := people[a.People[0]], people[b.People[0]]
	if pa.Met != pb.Met {
		return pa.Met, Cold
	}
	if len(a.Links) != len(b.Links) {
		return len(a.Links) < len(b.Links), Longer
	}
	if wa, wb := Warmth(a, people), Warmth(b, people); wa != wb {
		return wa > wb, LessWarm
	}
	la, lb := pa.LastContact, pb.LastContact
	switch {
	case la != nil && lb == nil:
		return true, MetLessRecently
	case la == nil && lb != nil:
		return false, MetLessRecently
	case la != nil && *la != *lb:
		return lb.Before(*la), MetLessRecently
	}
	for k := range min(len(a.People), len(b.People)) {
		if a.People[k] != b.People[k] {
			return a.People[k] < b.People[k], Tie
		}
	}
	return false, Tie
}
