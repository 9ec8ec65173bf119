package app

import (
	"context"
	"slices"
	"sort"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
	"github.com/kith-crm/kith/internal/store"
)

// WeekCount is the number of one-to-ones held in one calendar week.
type WeekCount struct {
	From    dates.Date `json:"from"`
	To      dates.Date `json:"to"`
	Coffees int        `json:"coffees"`
}

// IntroCounts counts the steps introductions took in a period, each on its
// own day: a promise made late counts as made when it was made, and a
// promise lost unmade is never made.
type IntroCounts struct {
	Total    int `json:"total"`    // first recorded in the period: asked for and promised, or made
	Asked    int `json:"asked"`    // of those, received and asked for
	Promised int `json:"promised"` // promised in the period
	Made     int `json:"made"`     // made in the period, either direction
	Met      int `json:"met"`      // met in the period: the person introduced was met
	Won      int `json:"won"`      // closed as won in the period, either direction
	Lost     int `json:"lost"`     // closed as lost in the period, made or not
	Given    int `json:"given"`    // made in the period: the user introduced two people
	Received int `json:"received"` // made in the period: someone introduced a person to the user
	Unasked  int `json:"unasked"`  // of those received, made without being asked
}

// AdvocacyChange is a contact who became an advocate or raving fan.
type AdvocacyChange struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Category string        `json:"category"`
	Advocacy kith.Advocacy `json:"advocacy"`
	On       dates.Date    `json:"on"`
}

// Report is the raw scorecard of a period, before objectives.
type Report struct {
	Period period.Period `json:"period"`
	// Coffees are the one-to-ones (coffee, lunch, call) held in the
	// period, the only meetings the coffee objective counts; Events and
	// OtherMeetings are the rest held, shown apart. Planned and cancelled
	// meetings count nowhere.
	Coffees       int         `json:"coffees"`
	Events        int         `json:"events"`
	OtherMeetings int         `json:"other_meetings"`
	Weeks         []WeekCount `json:"weeks"`
	Intros        IntroCounts `json:"intros"`
	// IntrosWon and Revenue count the introductions received that were won
	// in the period (by their closed day) and their value: what others
	// brought you. IntrosGivenWon and RevenueGiven are the same of those
	// you gave: the business you brought others.
	IntrosWon      int     `json:"intros_won"`
	Revenue        float64 `json:"revenue"`
	IntrosGivenWon int     `json:"intros_given_won"`
	RevenueGiven   float64 `json:"revenue_given"`
	// ClientsWon are contacts who moved into client in the period;
	// ClientsFromIntros those of them someone introduced to the user.
	ClientsWon        int                 `json:"clients_won"`
	ClientsFromIntros int                 `json:"clients_from_intros"`
	NewContacts       int                 `json:"new_contacts"`
	Sources           []store.SourceCount `json:"new_contacts_by_source"`
	Health            ReferralHealth      `json:"referral_health"`
	Categories        []CategoryYield     `json:"categories"`
	NewAdvocates      int                 `json:"new_advocates"`
	NewRavingFans     int                 `json:"new_raving_fans"`
	// Advocacy lists who became an advocate or raving fan, by name.
	Advocacy []AdvocacyChange `json:"advocacy_changes"`
}

// ChartWeeks is the fewest weeks of one-to-ones the report charts: a
// shorter period is charted with the weeks before it.
const ChartWeeks = 12

// ReportOver gathers the scorecard of p, with the one-to-ones of every
// week up to p's end (or today, if sooner) for the chart, from p's first
// week or the ChartWeeks weeks before, whichever is longer, and lays the
// objectives the user set over it, all in one snapshot.
func ReportOver(ctx context.Context, db *store.DB, p period.Period) (Scorecard, error) {
	var s Scorecard
	err := db.Scan(ctx, "report", func(tx *store.Tx) error {
		goals, err := tx.Goals()
		if err != nil {
			return err
		}
		last := p.To
		if today := tx.Today(); today.Before(last) {
			last = today
		}
		spanned := last.StartOfWeek().DaysSince(p.From.StartOfWeek())/7 + 1
		run := &reportRun{tx: tx, r: Report{Period: p}, weeks: period.Weeks(last, max(ChartWeeks, spanned))}
		for _, step := range []func() error{
			run.coffees, run.intros, run.health, run.clients, run.newContacts, run.introducers,
		} {
			if err := step(); err != nil {
				return err
			}
		}
		s = newScorecard(run.r, goals)
		return nil
	})
	return s, err
}

// reportRun is one report being gathered: the report, and the introducers
// whose category or advocacy it needs, looked up once at the end.
type reportRun struct {
	tx    *store.Tx
	r     Report
	weeks []period.Period // the chart's weeks
	// credits are what each introducer produced, to add to the
	// introducer's category.
	credits []credit
	// advocates are the introducers whose advocacy may have changed.
	advocates []int64
}

// coffees counts the one-to-ones held in the period and in each chart
// week, reading the days of both at once, and the other meetings held in
// the period apart.
func (run *reportRun) coffees() error {
	r, weeks := &run.r, run.weeks
	from, to := r.Period.From, r.Period.To
	if len(weeks) > 0 {
		if weeks[0].From.Before(from) {
			from = weeks[0].From
		}
		if last := weeks[len(weeks)-1].To; last.After(to) {
			to = last
		}
	}
	r.Weeks = make([]WeekCount, len(weeks))
	for i, w := range weeks {
		r.Weeks[i] = WeekCount{From: w.From, To: w.To}
	}
	days, err := run.tx.HeldCoffeesByDay(from, to)
	for _, d := range days {
		if !d.Kind.OneToOne() {
			switch {
			case !r.Period.Contains(d.Day):
			case d.Kind == kith.KindEvent:
				r.Events += d.Count
			default:
				r.OtherMeetings += d.Count
			}
			continue
		}
		if r.Period.Contains(d.Day) {
			r.Coffees += d.Count
		}
		for i, w := range weeks {
			if w.Contains(d.Day) {
				r.Weeks[i].Coffees += d.Count
			}
		}
	}
	return err
}

// intros counts each step an introduction took in the period on its own
// day: recorded (asked for), promised, made, met, won or lost. Each one
// received that was made credits its introducer's category, as does the
// value of each one received that was won.
func (run *reportRun) intros() error {
	from, to := run.r.Period.From, run.r.Period.To
	c, err := run.tx.IntroCountsIn(from, to)
	if err != nil {
		return err
	}
	ic, r := &run.r.Intros, &run.r
	ic.Total, ic.Asked, ic.Promised, ic.Met, ic.Lost = c.Recorded, c.Asked, c.Promised, c.Met, c.Lost
	ic.Made, ic.Given, ic.Won = c.GivenMade, c.GivenMade, c.GivenWon
	r.IntrosGivenWon, r.RevenueGiven = c.GivenWon, c.GivenRevenue
	steps, err := run.tx.IntroStepsIn(from, to)
	for _, st := range steps {
		if st.Step == kith.Won {
			ic.Won++
			r.IntrosWon++
			r.Revenue += st.Value
			run.credits = append(run.credits, credit{from: st.From, revenue: st.Value})
			continue
		}
		ic.Made++
		ic.Received++
		if !st.Asked {
			ic.Unasked++
		}
		run.credits = append(run.credits, credit{from: st.From, intros: 1})
		run.advocates = append(run.advocates, st.From)
	}
	return err
}

// clients counts the contacts who became clients in the period, and those
// of them someone introduced, crediting each introducer's category, or the
// client's own when nobody introduced them.
func (run *reportRun) clients() error {
	wins, err := run.tx.ClientWins(run.r.Period.From, run.r.Period.To)
	won := map[int64]bool{}         // client → introduced
	own := map[int64]string{}       // client → their own category
	credited := map[[2]int64]bool{} // (client, introducer) pairs seen
	for _, w := range wins {
		introduced := w.Introducer != 0
		won[w.Client] = won[w.Client] || introduced
		own[w.Client] = w.CategoryKey
		if pair := [2]int64{w.Client, w.Introducer}; introduced && !credited[pair] {
			credited[pair] = true
			run.credits = append(run.credits, credit{from: w.Introducer, client: w.Client})
		}
	}
	for client, introduced := range won {
		run.r.ClientsWon++
		if introduced {
			run.r.ClientsFromIntros++
		} else {
			run.credits = append(run.credits, credit{key: own[client], client: client})
		}
	}
	return err
}

func (run *reportRun) newContacts() error {
	var err error
	run.r.Sources, err = run.tx.NewContactSources(run.r.Period.From, run.r.Period.To)
	for _, s := range run.r.Sources {
		run.r.NewContacts += s.Count
	}
	return err
}

// introducers looks up every introducer the other steps met, in id order,
// then sums the credits by category and finds who became an advocate or
// raving fan in the period.
func (run *reportRun) introducers() error {
	ids := make([]int64, 0, len(run.credits))
	for _, c := range run.credits {
		if c.from != 0 {
			ids = append(ids, c.from)
		}
	}
	slices.Sort(ids)
	found, err := run.tx.Introducers(slices.Compact(ids))
	if err != nil {
		return err
	}
	people := make(map[int64]store.Introducer, len(found))
	for _, p := range found {
		people[p.ID] = p
	}
	if err := run.categories(people); err != nil {
		return err
	}
	return run.advocacy(people)
}

// advocacy finds who became an advocate or raving fan in the period: only
// introducers active in it can have. For each, the first introduction that
// happened says when they became an advocate, the first unasked one when a
// raving fan. A level the user set by hand has no date, so it is left out.
func (run *reportRun) advocacy(people map[int64]store.Introducer) error {
	ids := slices.Clone(run.advocates)
	slices.Sort(ids)
	firsts, err := run.tx.FirstIntroductions(slices.Compact(ids))
	if err != nil {
		return err
	}
	from, to := run.r.Period.From, run.r.Period.To
	run.r.Advocacy = []AdvocacyChange{}
	for _, f := range firsts {
		p, ok := people[f.From]
		if !ok || !p.Derived {
			continue
		}
		a := AdvocacyChange{ID: f.From, Name: p.Name, Category: p.Category, Advocacy: kith.Advocate, On: f.First}
		unasked := f.FirstUnasked
		switch {
		case unasked != nil && !unasked.Before(from) && !unasked.After(to):
			a.Advocacy, a.On = kith.RavingFan, *unasked
			run.r.NewRavingFans++
		case f.First.Before(from), unasked != nil && unasked.Before(from):
			continue // an advocate or raving fan before the period
		default:
			run.r.NewAdvocates++
		}
		run.r.Advocacy = append(run.r.Advocacy, a)
	}
	sort.Slice(run.r.Advocacy, func(i, j int) bool {
		a, b := run.r.Advocacy[i], run.r.Advocacy[j]
		if a.Advocacy != b.Advocacy {
			return a.Advocacy == kith.RavingFan
		}
		if a.On != b.On {
			return b.On.Before(a.On)
		}
		return a.ID < b.ID
	})
	return nil
}
