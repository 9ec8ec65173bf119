package store

import (
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// The reads below are what the report (app.ReportOver) measures a period
// with, from and to both included. Every one reads an index or a tally
// over the period's dates only; what the period's napkin categories
// produced is in report_yield.go.

// DayCount is how many meetings of one kind were held on one day.
type DayCount struct {
	Day   dates.Date
	Kind  kith.CoffeeKind
	Count int
}

// HeldCoffeesByDay counts the meetings held (neither planned nor
// cancelled) on each day from from to to that had any, by kind.
func (tx *Tx) HeldCoffeesByDay(from, to dates.Date) ([]DayCount, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (DayCount, error) {
		var c DayCount
		var day string
		if err := row.Scan(&day, &c.Kind, &c.Count); err != nil {
			return c, err
		}
		var err error
		c.Day, err = dates.ParseISO(day)
		return c, err
	}, reportCoffeesSQL, from.String(), to.String())
}

// IntroCounts counts the steps of introductions in a period that the
// report needs as numbers only, each on its own day.
type IntroCounts struct {
	Recorded     int // first recorded: asked for and promised, or made
	Asked        int // of those, received and asked for
	Promised     int
	Met          int
	Lost         int // closed as lost, made or not
	GivenMade    int // given (the user introduced two people) and made
	GivenWon     int // given and won
	GivenRevenue float64
	// The introductions received that were made (of them, made unasked),
	// and those won with what they were worth: a promise made late is made
	// on the day it was made, and a promise lost unmade was never made.
	ReceivedMade    int
	ReceivedUnasked int
	ReceivedWon     int
	ReceivedRevenue float64
}

// IntroCountsIn counts the introductions recorded, promised, met, lost,
// and given or received that were made or won from from to to, each by
// the day of that step.
func (tx *Tx) IntroCountsIn(from, to dates.Date) (IntroCounts, error) {
	var c IntroCounts
	err := tx.QueryRow(reportIntroCountsSQL, from.String(), to.String()).Scan(&c.Recorded, &c.Asked, &c.Promised, &c.Met,
		&c.Lost, &c.GivenWon, &c.GivenRevenue, &c.ReceivedWon, &c.ReceivedRevenue, &c.GivenMade, &c.ReceivedMade, &c.ReceivedUnasked)
	return c, err
}

// ClientsWhoRefer counts the contacts who are clients or past clients now,
// and those of them who have made an introduction to the user.
func (tx *Tx) ClientsWhoRefer() (clients, referring int, err error) {
	err = tx.QueryRow(reportClientsReferSQL).Scan(&clients, &referring)
	return clients, referring, err
}

// SourceCount is how many new contacts came from one source.
type SourceCount struct {
	Source string `json:"source"`
	Count  int    `json:"count"`
}

// NewContactSources counts the contacts added from from to to by source,
// most first. A contact's first funnel placement is the day it was added,
// in the user's calendar.
func (tx *Tx) NewContactSources(from, to dates.Date) ([]SourceCount, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (SourceCount, error) {
		var s SourceCount
		err := row.Scan(&s.Source, &s.Count)
		return s, err
	}, reportSourcesSQL, from.String(), to.String())
}

// The queries, named so a test can check each one's plan reads an index.
const (
	// The meetings are counted as they are written, in the tally
	// (0029_meeting_tally), by day and kind. A day whose meetings all
	// went keeps rows of none.
	reportCoffeesSQL = `SELECT held_on, kind, meetings FROM meeting_tally
		WHERE held_on BETWEEN ? AND ? AND meetings > 0`
	// Each step's days are read once, from its own covering index
	// (0014_intro_steps), and counted every way the report needs.
	reportIntroCountsSQL = `SELECT * FROM
		(SELECT count(*), count(*) FILTER (WHERE direction = 'received' AND asked = 1)
			FROM introductions WHERE intro_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FROM introductions WHERE promised_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FROM introductions WHERE met_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FILTER (WHERE status = 'lost'),
				count(*) FILTER (WHERE status = 'won' AND direction = 'given'),
				total(value) FILTER (WHERE status = 'won' AND direction = 'given'),
				count(*) FILTER (WHERE status = 'won' AND direction = 'received'),
				total(value) FILTER (WHERE status = 'won' AND direction = 'received')
			FROM introductions WHERE closed_on BETWEEN ?1 AND ?2),
		(SELECT count(*) FILTER (WHERE direction = 'given'), count(*) FILTER (WHERE direction = 'received'),
				count(*) FILTER (WHERE direction = 'received' AND asked = 0)
			FROM introductions WHERE made_on BETWEEN ?1 AND ?2)`
	// The first placements are counted as they are written, in the tally
	// (0034_source_tally), by day and source. A source whose contacts were
	// all counted off keeps rows of none.
	reportSourcesSQL = `SELECT source, sum(contacts) FROM source_tally WHERE added_on BETWEEN ? AND ?
		GROUP BY source HAVING sum(contacts) > 0 ORDER BY sum(contacts) DESC, source`
	// Whether a client has introduced someone is whether the introducer
	// tally (0030) has a row for them.
	reportClientsReferSQL = `SELECT count(*), count(t.contact_id)
		FROM contacts c LEFT JOIN introducer_tally t ON t.contact_id = c.id
		WHERE c.stage IN ('client', 'past_client')`
)
