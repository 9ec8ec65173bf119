package app

import (
	"context"

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
type AdvocacyChange = store.AdvocacyChange

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
	// Advocacy lists who became an advocate or raving fan, raving fans
	// first, the latest first: all of them, or the first few a text
	// report names (NewAdvocates and NewRavingFans count them all).
	Advocacy []AdvocacyChange `json:"advocacy_changes"`
}

// NameAll asks ReportOver to name everyone whose advocacy changed.
const NameAll = -1

// ChartWeeks is the fewest weeks of one-to-ones the report charts: a
// shorter period is charted with the weeks before it.
const ChartWeeks = 12

// ReportOver gathers the scorecard of p, with the one-to-ones of every
// week up to p's end (or today, if sooner) for the chart, from p's first
// week or the ChartWeeks weeks before, whichever is longer, and lays the
// objectives the user set over it, all in one snapshot. Of the people whose
// advocacy changed, in the order shown, the first named carry their names
// (NameAll: all of them); a text report names a few, and looking up the
// rest would cost it a read of each one's contact.
func ReportOver(ctx context.Context, db *store.DB, p period.Period, named int) (Scorecard, error) {
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
		run := &reportRun{tx: tx, r: Report{Period: p}, named: named, weeks: period.Weeks(last, max(ChartWeeks, spanned)),
			yields: map[string]*CategoryYield{}}
		for _, step := range []func() error{
			run.coffees, run.intros, run.health, run.clients, run.newContacts, run.advocacy, run.categories,
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

// reportRun is one report being gathered: the report, and what each
// napkin category produced, which the steps add to as they go.
type reportRun struct {
	tx    *store.Tx
	r     Report
	weeks []period.Period // the chart's weeks
	named int             // how many advocacy changes to name (NameAll: all)
	// yields are the categories' yields by folded key ("" holds the
	// contacts without one).
	yields map[string]*CategoryYield
}

// yield returns the yield of the category with the folded key.
func (run *reportRun) yield(key string) *CategoryYield {
	if run.yields[key] == nil {
		run.yields[key] = &CategoryYield{}
	}
	return run.yields[key]
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
	ic.Made, ic.Given, ic.Received, ic.Unasked = c.GivenMade+c.ReceivedMade, c.GivenMade, c.ReceivedMade, c.ReceivedUnasked
	ic.Won = c.GivenWon + c.ReceivedWon
	r.IntrosWon, r.Revenue = c.ReceivedWon, c.ReceivedRevenue
	r.IntrosGivenWon, r.RevenueGiven = c.GivenWon, c.GivenRevenue
	byCategory, err := run.tx.IntrosByCategory(from, to)
	for _, k := range byCategory {
		y := run.yield(k.Key)
		y.Intros += k.Made
		y.Revenue += k.Revenue
	}
	return err
}

// clients counts the contacts who became clients in the period, and those
// of them someone introduced, crediting each introducer's category, or the
// client's own when nobody introduced them.
func (run *reportRun) clients() error {
	won, introduced, byCategory, err := run.tx.ClientWins(run.r.Period.From, run.r.Period.To)
	run.r.ClientsWon, run.r.ClientsFromIntros = won, introduced
	for _, k := range byCategory {
		run.yield(k.Key).Clients += k.Count
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

// advocacy finds who became an advocate or raving fan in the period, and
// names as many of them as the report shows.
func (run *reportRun) advocacy() error {
	var err error
	r := &run.r
	r.Advocacy, r.NewAdvocates, r.NewRavingFans, err = run.tx.AdvocacyChanges(r.Period.From, r.Period.To, run.named)
	return err
}
