package app

import (
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/kith-crm/kith/internal/kith"
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

// categories lays out what each napkin category produced: the contacts
// in it and the one-to-ones held with them, beside the introductions and
// clients the other steps credited to it (run last).
func (run *reportRun) categories() error {
	sizes, err := run.tx.CategorySizes()
	if err != nil {
		return err
	}
	for _, s := range sizes {
		run.yield(s.Key).Contacts = s.Count
	}
	meetings, err := run.tx.OneToOnesByCategory(run.r.Period.From, run.r.Period.To)
	if err != nil {
		return err
	}
	for _, m := range meetings {
		run.yield(m.Key).OneToOnes = m.Count
	}
	names, err := run.tx.CategoryNames(slices.Sorted(maps.Keys(run.yields)))
	run.r.Categories = make([]CategoryYield, 0, len(run.yields))
	for key, y := range run.yields {
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
