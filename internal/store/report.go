package store

import (
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// The reads below are what the report (app.ReportOver) measures a period
// with, from and to both included. Every one reads an index over the
// period's dates only (0004_report_indexes), or the ids it is given.

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
}

// IntroCountsIn counts the introductions recorded, promised, met, lost,
// and given that were made or won from from to to, each by the day of
// that step.
func (tx *Tx) IntroCountsIn(from, to dates.Date) (IntroCounts, error) {
	var c IntroCounts
	args := make([]any, 0, 16)
	for range 8 {
		args = append(args, from.String(), to.String())
	}
	err := tx.QueryRow(reportIntroCountsSQL, args...).Scan(&c.Recorded, &c.Asked, &c.Promised, &c.Met, &c.Lost,
		&c.GivenMade, &c.GivenWon, &c.GivenRevenue)
	return c, err
}

// IntroStep is an introduction received that was made or won in a
// period, on that step's day: Step is made or won.
type IntroStep struct {
	Step  kith.IntroStatus
	Asked bool
	From  int64   // who introduced
	Value float64 // what a won one was worth
}

// IntroStepsIn returns the introductions received that were made from
// from to to, and those won, one row for each step: a promise made late is
// made on the day it was made, and a promise lost unmade has no made step.
func (tx *Tx) IntroStepsIn(from, to dates.Date) ([]IntroStep, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (IntroStep, error) {
		var in IntroStep
		err := row.Scan(&in.Step, &in.Asked, &in.From, &in.Value)
		return in, err
	}, reportIntroStepsSQL, from.String(), to.String(), from.String(), to.String())
}

// ClientWin is a contact who moved into client, with one of the people who
// introduced them to the user, or when nobody did (Introducer 0) their own
// category. A client introduced by several comes once for each.
type ClientWin struct {
	Client      int64
	CategoryKey string
	Introducer  int64
}

// ClientWins returns the contacts who moved into client from from to to,
// from halo, lead or past client. A contact added or imported as a client
// (a first placement, from no stage) is an existing client, not a win.
func (tx *Tx) ClientWins(from, to dates.Date) ([]ClientWin, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (ClientWin, error) {
		var w ClientWin
		var introducer sql.NullInt64
		err := row.Scan(&w.Client, &w.CategoryKey, &introducer)
		w.Introducer = introducer.Int64
		return w, err
	}, reportClientsSQL, from.String(), to.String())
}

// CategoryCount is a count for one napkin category, by its folded key
// ("" holds the contacts without one).
type CategoryCount struct {
	Key   string
	Count int
}

// OneToOnesByCategory counts the one-to-ones (coffee, lunch or call) held
// from from to to with people of each category: each person met counts,
// so a lunch with two lawyers is two for lawyers.
func (tx *Tx) OneToOnesByCategory(from, to dates.Date) ([]CategoryCount, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (CategoryCount, error) {
		var c CategoryCount
		err := row.Scan(&c.Key, &c.Count)
		return c, err
	}, reportCategoryMeetingsSQL, from.String(), to.String())
}

// CategoryNames returns the category of the given folded keys as a contact
// of each writes it, by key.
func (tx *Tx) CategoryNames(keys []string) (map[string]string, error) {
	names := make(map[string]string, len(keys))
	err := queryEach(tx, func(row interface{ Scan(...any) error }) ([2]string, error) {
		var kv [2]string
		err := row.Scan(&kv[0], &kv[1])
		return kv, err
	}, func(kv [2]string) error {
		names[kv[0]] = kv[1]
		return nil
	}, reportCategoryNamesSQL, jsonParam(keys))
	return names, err
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
// in the user's calendar, and stage_moves is indexed by that day.
func (tx *Tx) NewContactSources(from, to dates.Date) ([]SourceCount, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (SourceCount, error) {
		var s SourceCount
		err := row.Scan(&s.Source, &s.Count)
		return s, err
	}, reportSourcesSQL, from.String(), to.String())
}

// Introducer is what the report needs of someone who introduced people.
type Introducer struct {
	ID                          int64
	Name, Category, CategoryKey string
	Derived                     bool // advocacy is derived, not set by the user
}

// Introducers returns the contacts with the given ids, as introducers.
func (tx *Tx) Introducers(ids []int64) ([]Introducer, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (Introducer, error) {
		var p Introducer
		err := row.Scan(&p.ID, &p.Name, &p.Category, &p.CategoryKey, &p.Derived)
		return p, err
	}, reportIntroducersSQL, jsonParam(ids))
}

// FirstIntros are the days of someone's first introductions received that
// happened: the first of all, and the first made without being asked.
type FirstIntros struct {
	From         int64
	First        dates.Date
	FirstUnasked *dates.Date // nil: none unasked
}

// FirstIntroductions returns the first introductions of those of ids who
// made any that happened.
func (tx *Tx) FirstIntroductions(ids []int64) ([]FirstIntros, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (FirstIntros, error) {
		var f FirstIntros
		var first string
		var unasked sql.NullString
		if err := row.Scan(&f.From, &first, &unasked); err != nil {
			return f, err
		}
		var err error
		if f.First, err = dates.ParseISO(first); err != nil {
			return f, err
		}
		f.FirstUnasked, err = dateOf(unasked)
		return f, err
	}, reportAdvocacySQL, jsonParam(ids))
}

// The queries, named so a test can check each one's plan reads an index.
const (
	reportCoffeesSQL = `SELECT held_on, kind, count(*) FROM coffees
		WHERE planned = 0 AND held_on BETWEEN ? AND ? GROUP BY held_on, kind`
	// Each step reads its own covering index (0014_intro_steps).
	reportIntroCountsSQL = `SELECT
		(SELECT count(*) FROM introductions WHERE intro_on BETWEEN ? AND ?),
		(SELECT count(*) FROM introductions WHERE intro_on BETWEEN ? AND ? AND direction = 'received' AND asked = 1),
		(SELECT count(*) FROM introductions WHERE promised_on BETWEEN ? AND ?),
		(SELECT count(*) FROM introductions WHERE met_on BETWEEN ? AND ?),
		(SELECT count(*) FROM introductions WHERE closed_on BETWEEN ? AND ? AND status = 'lost'),
		(SELECT count(*) FROM introductions WHERE made_on BETWEEN ? AND ? AND direction = 'given'),
		(SELECT count(*) FROM introductions WHERE closed_on BETWEEN ? AND ? AND status = 'won' AND direction = 'given'),
		(SELECT total(value) FROM introductions WHERE closed_on BETWEEN ? AND ? AND status = 'won' AND direction = 'given')`
	reportIntroStepsSQL = `SELECT 'made', asked, from_id, 0 FROM introductions
			WHERE made_on BETWEEN ? AND ? AND direction = 'received'
		UNION ALL SELECT 'won', asked, from_id, COALESCE(value, 0) FROM introductions
			WHERE closed_on BETWEEN ? AND ? AND status = 'won' AND direction = 'received'`
	reportClientsSQL = `SELECT m.contact_id,
			CASE WHEN i.from_id IS NULL
				THEN (SELECT c.category_key FROM contacts c INDEXED BY contacts_category_of WHERE c.id = m.contact_id)
				ELSE '' END,
			i.from_id
		FROM stage_moves m
		LEFT JOIN introductions i ON i.to_id = m.contact_id AND i.direction = 'received' AND i.made_on IS NOT NULL
		WHERE m.moved_on BETWEEN ? AND ? AND m.to_stage = 'client' AND m.from_stage IN ('halo', 'lead', 'past_client')`
	reportSourcesSQL = `SELECT c.source, count(*) FROM stage_moves m JOIN contacts c ON c.id = m.contact_id
		WHERE m.moved_on BETWEEN ? AND ? AND m.from_stage IS NULL
		GROUP BY c.source ORDER BY count(*) DESC, c.source`
	// kith.CoffeeKind.OneToOne is the same rule of kinds in Go. The
	// categories come from contacts_category_of: the planner would read
	// each contact's row instead, at a quarter more cost.
	reportCategoryMeetingsSQL = `SELECT c.category_key, count(*) FROM coffees k
		JOIN coffee_contacts cc ON cc.coffee_id = k.id
		JOIN contacts c INDEXED BY contacts_category_of ON c.id = cc.contact_id
		WHERE k.planned = 0 AND k.held_on BETWEEN ? AND ? AND k.kind IN ('coffee', 'lunch', 'call')
		GROUP BY c.category_key`
	reportCategoryNamesSQL = `SELECT j.value, (SELECT c.category FROM contacts c WHERE c.category_key = j.value LIMIT 1)
		FROM json_each(?) AS j`
	reportClientsReferSQL = `SELECT count(*), count(CASE WHEN EXISTS (SELECT 1 FROM introductions i
			WHERE i.from_id = c.id AND ` + happenedReceived + `) THEN 1 END)
		FROM contacts c WHERE c.stage IN ('client', 'past_client')`
	reportIntroducersSQL = `SELECT c.id, c.name, c.category, c.category_key, c.advocacy IS NULL
		FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value`
	reportAdvocacySQL = `SELECT i.from_id, min(i.made_on), min(CASE WHEN i.asked = 0 THEN i.made_on END)
		FROM json_each(?) AS j CROSS JOIN introductions i ON i.from_id = j.value
		WHERE ` + happenedReceived + `
		GROUP BY i.from_id`
)
