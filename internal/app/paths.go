package app

import (
	"context"
	"slices"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/warmpath"
)

// PathPerson is someone on a warm path.
type PathPerson struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Company     string        `json:"company"`
	Category    string        `json:"category"`
	Stage       kith.Stage    `json:"stage"`
	Advocacy    kith.Advocacy `json:"advocacy"`
	LastContact *dates.Date   `json:"last_contact"`
	Source      string        `json:"source"`
	Met         bool          `json:"met"`     // see store.Tx.Met
	Coffees     int           `json:"coffees"` // meetings held with them
}

// WarmPath is one chain to someone at the target: People[0] is who to ask
// first, or, alone, whom to write to directly.
type WarmPath struct {
	Hops   int `json:"hops"`
	Warmth int `json:"warmth"`
	// Warm is whether the user has met People[0]; cold paths rank below.
	Warm bool `json:"warm"`
	// Why names the rule that ranks the path below the one before it.
	Why    warmpath.Reason `json:"why"`
	People []PathPerson    `json:"people"`
	Links  []warmpath.Link `json:"links"`
}

// PathResult is the answer to "who can introduce me to someone there?".
type PathResult struct {
	Target     string     `json:"target"`
	Registered bool       `json:"registered"` // a target the user added
	Segment    string     `json:"segment"`    // set when TARGET named a segment
	Companies  []string   `json:"companies"`
	AtTarget   int        `json:"people_at_target"`
	Paths      []WarmPath `json:"paths"`
}

// WarmPaths finds the best warm paths to target: a registered target's
// name, a segment of them, or any company. Searching stops at maxHops
// links; at most limit paths are returned, best first.
func WarmPaths(ctx context.Context, db *store.DB, target string, maxHops, limit int) (PathResult, error) {
	res := PathResult{Target: target, Companies: []string{}, Paths: []WarmPath{}}
	err := db.Read(ctx, "warm paths", func(tx *store.Tx) error {
		var err error
		if err = resolvePathTarget(tx, &res); err != nil {
			return err
		}
		atTarget, err := tx.ContactsAt(res.Companies)
		if err != nil {
			return err
		}
		res.AtTarget = len(atTarget)
		chains, err := warmpath.Search(network{tx}, atTarget, maxHops)
		if err != nil || len(chains) == 0 {
			return err
		}
		res.Paths, err = rankPaths(tx, chains, limit)
		return err
	})
	return res, err
}

// resolvePathTarget turns the TARGET the user typed into companies: a
// registered target is its own company, a segment is all its targets, and
// anything else is taken as a company name.
func resolvePathTarget(tx *store.Tx, res *PathResult) error {
	t, err := tx.TargetNamed(res.Target)
	if err != nil || t != nil {
		if t != nil {
			res.Registered, res.Companies = true, []string{t.Name}
		}
		return err
	}
	inSegment, err := tx.TargetsInSegment(res.Target)
	if err != nil {
		return err
	}
	for _, t := range inSegment {
		res.Registered, res.Segment = true, t.Segment
		res.Companies = append(res.Companies, t.Name)
	}
	if len(res.Companies) == 0 {
		res.Companies = []string{res.Target}
	}
	return nil
}

// rankPaths orders the chains best first and fills in the people on the
// first limit of them.
func rankPaths(tx *store.Tx, chains []warmpath.Chain, limit int) ([]WarmPath, error) {
	var ids []int64
	for _, c := range chains {
		ids = append(ids, c.People...)
	}
	people, ranked, err := pathPeople(tx, ids)
	if err != nil {
		return nil, err
	}
	warmpath.Rank(chains, ranked)
	out := []WarmPath{}
	for i, c := range chains[:min(limit, len(chains))] {
		wp := WarmPath{Hops: len(c.Links), Warmth: warmpath.Warmth(c, ranked), Warm: ranked[c.People[0]].Met,
			Why: warmpath.Best, Links: c.Links}
		if i > 0 {
			wp.Why = warmpath.Below(chains[i-1], c, ranked)
		}
		if wp.Links == nil {
			wp.Links = []warmpath.Link{}
		}
		for _, id := range c.People {
			wp.People = append(wp.People, people[id])
		}
		out = append(out, wp)
	}
	return out, nil
}

// pathPeople reads the people on the chains: as shown, and as ranked.
func pathPeople(tx *store.Tx, ids []int64) (map[int64]PathPerson, map[int64]warmpath.Person, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids) // each person once, or MeetingsHeld counts them twice
	contacts, err := tx.ContactsByID(ids)
	if err != nil {
		return nil, nil, err
	}
	met, err := tx.Met(ids)
	if err != nil {
		return nil, nil, err
	}
	held, err := tx.MeetingsHeld(ids)
	if err != nil {
		return nil, nil, err
	}
	people := make(map[int64]PathPerson, len(contacts))
	ranked := make(map[int64]warmpath.Person, len(contacts))
	for _, c := range contacts {
		people[c.ID] = PathPerson{ID: c.ID, Name: c.Name, Company: c.Company, Category: c.Category,
			Stage: c.Stage, Advocacy: c.Advocacy, LastContact: c.LastContact, Source: c.Source,
			Met: met[c.ID], Coffees: held[c.ID]}
		ranked[c.ID] = warmpath.Person{ID: c.ID, Met: met[c.ID], Coffees: held[c.ID], Advocacy: c.Advocacy,
			Stage: c.Stage, LastContact: c.LastContact}
	}
	return people, ranked, nil
}

// network is the user's network as the path search sees it, read through
// one transaction.
type network struct{ tx *store.Tx }

// Links returns the introductions touching ids, the warmest one per pair
// of people, and the colleagues of ids (same company, any case).
func (n network) Links(ids []int64) ([]warmpath.Link, error) {
	edges, err := n.tx.IntroEdgesTouching(ids)
	if err != nil {
		return nil, err
	}
	best := map[[2]int64]int{}
	var out []warmpath.Link
	for _, e := range edges {
		l := warmpath.Link{From: e.From, To: e.To, Kind: warmpath.Introduced, Status: e.Status, Made: e.Made, On: &e.On}
		if e.Direction == kith.Given {
			l.Kind = warmpath.IntroducedBy
		}
		pair := [2]int64{min(l.From, l.To), max(l.From, l.To)}
		if i, ok := best[pair]; ok {
			if warmpath.LinkWarmth(l) > warmpath.LinkWarmth(out[i]) {
				out[i] = l
			}
			continue
		}
		best[pair] = len(out)
		out = append(out, l)
	}
	colleagues, err := n.colleagues(ids)
	return append(out, colleagues...), err
}

// colleaguesPerPerson bounds the colleague links each person gets into a
// ring: a chain needs one, and a few leave ranking a choice. Without the
// bound, a ring of many people at one large employer would link every one
// of them to every colleague.
const colleaguesPerPerson = 3

// colleagues links the people who work where the ring's people do to a
// few of those in the ring, reading each employer once.
func (n network) colleagues(ring []int64) ([]warmpath.Link, error) {
	workplaces, err := n.tx.Workplaces(ring)
	if err != nil {
		return nil, err
	}
	ringAt := map[string][]int64{} // company key → ring members there
	company := map[string]string{} // company key → a spelling
	var keys []string
	for _, w := range workplaces {
		if _, ok := ringAt[w.CompanyKey]; !ok {
			keys = append(keys, w.CompanyKey)
			company[w.CompanyKey] = w.Company
		}
		ringAt[w.CompanyKey] = append(ringAt[w.CompanyKey], w.ContactID)
	}
	staff, err := n.tx.Staff(keys)
	if err != nil {
		return nil, err
	}
	var out []warmpath.Link
	for _, key := range keys {
		for _, id := range staff[key] {
			linked := 0
			for _, r := range ringAt[key] {
				if r == id || linked == colleaguesPerPerson {
					continue
				}
				out = append(out, warmpath.Link{From: r, To: id, Kind: warmpath.Colleague, Company: company[key]})
				linked++
			}
		}
	}
	return out, nil
}

// Met returns which of ids the user has met.
func (n network) Met(ids []int64) (map[int64]bool, error) { return n.tx.Met(ids) }
