package app

import (
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// CategoryYield is what one napkin category produced in the period: its
// contacts now, the one-to-ones held with them, the introductions they
// made to the user, the clients won through them (or in the category
// itself, for a client nobody introduced) and the revenue of the
// introductions they made that were won.
type CategoryYield struct {
	Category  string  `json:"category"`
	Contacts  int     `json:"contacts"`
	OneToOnes int     `json:"one_to_ones"`
	Intros    int     `json:"intros"`
	Clients   int     `json:"clients"`
	Revenue   float64 `json:"revenue"`
}

// ReferralHealth is how well the user's referral relationships work: the
// share of clients (current and past) who have made an introduction to the
// user, the sign of a profitable relationship rather than a merely
// credible one, and the introductions given against those received in the
// period.
type ReferralHealth struct {
	Clients                int `json:"clients"`
	ClientsWhoRefer        int `json:"clients_who_refer"`
	ClientsWhoReferPercent int `json:"clients_who_refer_percent"`
	Given                  int `json:"given"`
	Received               int `json:"received"`
}

// credit is what one introducer (from), or for a client nobody introduced
// the client's own category (key), produced, to add to that category.
type credit struct {
	from    int64
	key     string
	intros  int
	client  int64 // a contact who became a client through from, or 0
	revenue float64
}

// health measures the referral health: the clients who refer, now, and
// the introductions given and received in the period (run after intros).
func (run *reportRun) health() error {
	h := &run.r.Health
	var err error
	h.Clients, h.ClientsWhoRefer, err = run.tx.ClientsWhoRefer()
	if h.Clients > 0 {
		h.ClientsWhoReferPercent = int(math.Round(100 * float64(h.ClientsWhoRefer) / float64(h.Clients)))
	}
	h.Given, h.Received = run.r.Intros.Given, run.r.Intros.Received
	return err
}

// categories sums what each napkin category produced: the contacts in
// it, the one-to-ones held with them, and the credits of its introducers.
func (run *reportRun) categories(people map[int64]store.Introducer) error {
	byKey := map[string]*CategoryYield{}
	yield := func(key string) *CategoryYield {
		if byKey[key] == nil {
			byKey[key] = &CategoryYield{}
		}
		return byKey[key]
	}
	sizes, err := run.tx.CategorySizes()
	if err != nil {
		return err
	}
	for _, s := range sizes {
		yield(s.Key).Contacts = s.Count
	}
	meetings, err := run.tx.OneToOnesByCategory(run.r.Period.From, run.r.Period.To)
	if err != nil {
		return err
	}
	for _, m := range meetings {
		yield(m.Key).OneToOnes = m.Count
	}
	clients := map[string]bool{} // category key + client: one client counts once per category
	for _, c := range run.credits {
		key := c.key
		if c.from != 0 {
			p, ok := people[c.from]
			if !ok {
				continue
			}
			key = p.CategoryKey
		}
		y := yield(key)
		y.Intros += c.intros
		y.Revenue += c.revenue
		if k := key + "\x00" + strconv.FormatInt(c.client, 10); c.client != 0 && !clients[k] {
			clients[k] = true
			y.Clients++
		}
	}
	names, err := run.tx.CategoryNames(slices.Sorted(maps.Keys(byKey)))
	run.r.Categories = make([]CategoryYield, 0, len(byKey))
	for key, y := range byKey {
		y.Category = names[key]
		run.r.Categories = append(run.r.Categories, *y)
	}
	sortCategories(run.r.Categories)
	return err
}

// sortCategories puts the categories that produced most first: revenue,
// then clients, introductions, one-to-ones and contacts, the contacts
// without a category last.
func sortCategories(cs []CategoryYield) {
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if (a.Category == "") != (b.Category == "") {
			return b.Category == ""
		}
		if a.Revenue != b.Revenue {
			return a.Revenue > b.Revenue
		}
		for _, n := range [][2]int{{a.Clients, b.Clients}, {a.Intros, b.Intros}, {a.OneToOnes, b.OneToOnes}, {a.Contacts, b.Contacts}} {
			if n[0] != n[1] {
				return n[0] > n[1]
			}
		}
		return kith.Fold(a.Category) < kith.Fold(b.Category)
	})
}
