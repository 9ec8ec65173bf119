package store

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

// happened is the SQL test that an introduction took place: made, met,
// won or lost (the CHECK allows nothing else), for a promise is not yet
// evidence. Written as one inequality, an index on (..., status) finds it
// with one seek where an IN list would take four.
const happened = "<> 'promised'"

// WeekCount is the number of coffees held in one calendar week.
type WeekCount struct {
	From    dates.Date `json:"from"`
	To      dates.Date `json:"to"`
	Coffees int        `json:"coffees"`
}

// IntroCounts counts the introductions dated in a period.
type IntroCounts struct {
	Total    int `json:"total"`
	Asked    int `json:"asked"`    // received, and asked for
	Unasked  int `json:"unasked"`  // received without asking
	Promised int `json:"promised"` // still only promised
	Made     int `json:"made"`     // happened: made, met, won or lost
	Met      int `json:"met"`      // met, won or lost: the people met
	Given    int `json:"given"`    // the user introduced two people
	Received int `json:"received"` // someone introduced a person to the user
}

// SourceCount is how many new contacts came from one source.
type SourceCount struct {
	Source string `json:"source"`
	Count  int    `json:"count"`
}

// CategoryYield is what the people of one napkin category produced: the
// introductions they made to the user, the clients those introductions
// became, and the revenue of those won.
type CategoryYield struct {
	Category string  `json:"category"`
	Intros   int     `json:"intros"`
	Clients  int     `json:"clients"`
	Revenue  float64 `json:"revenue"`
}

// AdvocacyChange is a contact who became an advocate or raving fan.
type AdvocacyChange struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Category string        `json:"category"`
	Advocacy kith.Advocacy `json:"advocacy"`
	On       dates.Date    `json:"on"`
}

// Report is the raw scorecard of a period; objectives are laid over it by
// the caller.
type Report struct {
	Period  period.Period `json:"period"`
	Coffees int           `json:"coffees"` // held (not planned) in the period
	Weeks   []WeekCount   `json:"weeks"`
	Intros  IntroCounts   `json:"intros"`
	// IntrosWon and Revenue count the introductions received that were won
	// in the period (by the day of their last status change) and their value.
	IntrosWon int     `json:"intros_won"`
	Revenue   float64 `json:"revenue"`
	// ClientsWon are contacts who moved into client in the period;
	// ClientsFromIntros those of them someone introduced to the user.
	ClientsWon        int             `json:"clients_won"`
	ClientsFromIntros int             `json:"clients_from_intros"`
	NewContacts       int             `json:"new_contacts"`
	Sources           []SourceCount   `json:"new_contacts_by_source"`
	Categories        []CategoryYield `json:"categories"`
	NewAdvocates      int             `json:"new_advocates"`
	NewRavingFans     int             `json:"new_raving_fans"`
	// Advocacy lists who became an advocate or raving fan, by name.
	Advocacy []AdvocacyChange `json:"advocacy_changes"`
	// Goals are the objectives set, read in the same snapshot, for the
	// caller to lay over the figures.
	Goals map[string]kith.Goal `json:"-"`
}

// reportRun is one report being gathered: the report, and the introducers
// whose category or advocacy it needs, looked up once at the end.
type reportRun struct {
	tx    *Tx
	r     *Report
	weeks []period.Period // the chart's weeks
	// credits are what each introducer produced, to add to the
	// introducer's category.
	credits []credit
	// advocates are the introducers whose advocacy may have changed.
	advocates []int64
}

type credit struct {
	from    int64
	intros  int
	client  int64 // a contact who became a client through from, or 0
	revenue float64
}

// Report gathers the scorecard of p, with the coffees of each of weeks for
// the chart. Every query reads an index over the period's dates only
// (0004_report_indexes), and each introducer is looked up once, in id order.
func (db *DB) Report(ctx context.Context, p period.Period, weeks []period.Period) (Report, error) {
	r := Report{Period: p}
	err := db.read(ctx, "report", func(tx *Tx) error {
		run := &reportRun{tx: tx, r: &r, weeks: weeks}
		var err error
		if r.Goals, err = tx.goals(); err != nil {
			return err
		}
		for _, step := range []func() error{
			run.coffees, run.intros, run.wins, run.clients, run.newContacts, run.introducers,
		} {
			if err := step(); err != nil {
				return err
			}
		}
		return nil
	})
	return r, err
}

func (run *reportRun) bounds() (string, string) {
	return run.r.Period.From.String(), run.r.Period.To.String()
}

func (run *reportRun) coffees() error {
	r, weeks := run.r, run.weeks
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
	rows, err := run.tx.Query(reportCoffeesSQL, from.String(), to.String())
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var day string
		var n int
		if err := rows.Scan(&day, &n); err != nil {
			return err
		}
		d, err := dates.ParseISO(day)
		if err != nil {
			return err
		}
		if r.Period.Contains(d) {
			r.Coffees += n
		}
		for i, w := range weeks {
			if w.Contains(d) {
				r.Weeks[i].Coffees += n
			}
		}
	}
	return rows.Err()
}

// intros counts the introductions dated in the period and credits each
// one received that happened to its introducer's category.
func (run *reportRun) intros() error {
	from, to := run.bounds()
	rows, err := run.tx.Query(reportIntrosSQL, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	ic := &run.r.Intros
	for rows.Next() {
		var direction, status string
		var asked bool
		var introducer int64
		if err := rows.Scan(&direction, &status, &asked, &introducer); err != nil {
			return err
		}
		ic.Total++
		took := status != "promised"
		switch {
		case direction == "given":
			ic.Given++
		case asked:
			ic.Received++
			ic.Asked++
		default:
			ic.Received++
			ic.Unasked++
		}
		if !took {
			ic.Promised++
			continue
		}
		ic.Made++
		if status != "made" {
			ic.Met++
		}
		if direction == "received" {
			run.credits = append(run.credits, credit{from: introducer, intros: 1})
			run.advocates = append(run.advocates, introducer)
		}
	}
	return rows.Err()
}

// wins counts the introductions received that were won in the period: an
// introduction's status_on is the day of its latest status.
func (run *reportRun) wins() error {
	from, to := run.bounds()
	rows, err := run.tx.Query(reportWinsSQL, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var c credit
		if err := rows.Scan(&c.from, &c.revenue); err != nil {
			return err
		}
		run.r.IntrosWon++
		run.r.Revenue += c.revenue
		run.credits = append(run.credits, c)
	}
	return rows.Err()
}

// clients counts the contacts who became clients in the period, and those
// of them someone introduced, crediting each introducer's category.
func (run *reportRun) clients() error {
	from, to := run.bounds()
	rows, err := run.tx.Query(reportClientsSQL, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	won := map[int64]bool{}         // client → introduced
	credited := map[[2]int64]bool{} // (client, introducer) pairs seen
	for rows.Next() {
		var client int64
		var introducer sql.NullInt64
		if err := rows.Scan(&client, &introducer); err != nil {
			return err
		}
		won[client] = won[client] || introducer.Valid
		if introducer.Valid && !credited[[2]int64{client, introducer.Int64}] {
			credited[[2]int64{client, introducer.Int64}] = true
			run.credits = append(run.credits, credit{from: introducer.Int64, client: client})
		}
	}
	for _, introduced := range won {
		run.r.ClientsWon++
		if introduced {
			run.r.ClientsFromIntros++
		}
	}
	return rows.Err()
}

func (run *reportRun) newContacts() error {
	// A contact's first funnel placement is the day it was added, in the
	// user's calendar, and stage_moves is indexed by that day.
	from, to := run.bounds()
	rows, err := run.tx.Query(reportSourcesSQL, from, to)
	if err != nil {
		return err
	}
	defer rows.Close()
	run.r.Sources = []SourceCount{}
	for rows.Next() {
		var s SourceCount
		if err := rows.Scan(&s.Source, &s.Count); err != nil {
			return err
		}
		run.r.NewContacts += s.Count
		run.r.Sources = append(run.r.Sources, s)
	}
	return rows.Err()
}

// introducer is what the report needs of one introducer.
type introducer struct {
	name, category, key string
	derived             bool // advocacy is derived, not set by the user
}

// introducers looks up every introducer the other steps met, in id order,
// then sums the credits by category and finds who became an advocate or
// raving fan in the period.
func (run *reportRun) introducers() error {
	ids := make([]int64, 0, len(run.credits))
	for _, c := range run.credits {
		ids = append(ids, c.from)
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	people := make(map[int64]*introducer, len(ids))
	rows, err := run.tx.Query(reportIntroducersSQL, jsonParam(ids))
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		p := &introducer{}
		if err := rows.Scan(&id, &p.name, &p.category, &p.key, &p.derived); err != nil {
			rows.Close()
			return err
		}
		people[id] = p
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	run.sumCategories(people)
	return run.advocacy(people)
}

func (run *reportRun) sumCategories(people map[int64]*introducer) {
	byKey := map[string]*CategoryYield{}
	clients := map[string]bool{} // category key + client: one client counts once per category
	for _, c := range run.credits {
		p := people[c.from]
		if p == nil {
			continue
		}
		y := byKey[p.key]
		if y == nil {
			y = &CategoryYield{Category: p.category}
			byKey[p.key] = y
		}
		y.Intros += c.intros
		y.Revenue += c.revenue
		if k := p.key + "\x00" + strconv.FormatInt(c.client, 10); c.client != 0 && !clients[k] {
			clients[k] = true
			y.Clients++
		}
	}
	run.r.Categories = []CategoryYield{}
	for _, y := range byKey {
		run.r.Categories = append(run.r.Categories, *y)
	}
	sort.Slice(run.r.Categories, func(i, j int) bool {
		a, b := run.r.Categories[i], run.r.Categories[j]
		if a.Revenue != b.Revenue {
			return a.Revenue > b.Revenue
		}
		if a.Clients != b.Clients {
			return a.Clients > b.Clients
		}
		if a.Intros != b.Intros {
			return a.Intros > b.Intros
		}
		return kith.Fold(a.Category) < kith.Fold(b.Category)
	})
}

// advocacy finds who became an advocate or raving fan in the period: only
// introducers active in it can have. For each, the first introduction that
// happened says when they became an advocate, the first unasked one when a
// raving fan. A level the user set by hand has no date, so it is left out.
func (run *reportRun) advocacy(people map[int64]*introducer) error {
	ids := slices.Clone(run.advocates)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	rows, err := run.tx.Query(reportAdvocacySQL, jsonParam(ids))
	if err != nil {
		return err
	}
	defer rows.Close()
	from, to := run.bounds()
	run.r.Advocacy = []AdvocacyChange{}
	for rows.Next() {
		var id int64
		var first string
		var unasked sql.NullString
		if err := rows.Scan(&id, &first, &unasked); err != nil {
			return err
		}
		p := people[id]
		if p == nil || !p.derived {
			continue
		}
		a := AdvocacyChange{ID: id, Name: p.name, Category: p.category, Advocacy: kith.Advocate}
		day := first
		switch {
		case unasked.Valid && unasked.String >= from && unasked.String <= to:
			a.Advocacy, day = kith.RavingFan, unasked.String
			run.r.NewRavingFans++
		case first < from, unasked.Valid && unasked.String < from:
			continue // an advocate or raving fan before the period
		default:
			run.r.NewAdvocates++
		}
		if a.On, err = dates.ParseISO(day); err != nil {
			return err
		}
		run.r.Advocacy = append(run.r.Advocacy, a)
	}
	if err := rows.Err(); err != nil {
		return err
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

// The queries, named so a test can check each one's plan reads an index.
const (
	reportCoffeesSQL = `SELECT held_on, count(*) FROM coffees
		WHERE planned = 0 AND held_on BETWEEN ? AND ? GROUP BY held_on`
	reportIntrosSQL = `SELECT direction, status, asked, from_id FROM introductions
		WHERE intro_on BETWEEN ? AND ?`
	reportWinsSQL = `SELECT from_id, COALESCE(value, 0) FROM introductions
		WHERE status = 'won' AND status_on BETWEEN ? AND ? AND direction = 'received'`
	reportClientsSQL = `SELECT m.contact_id, i.from_id FROM stage_moves m
		LEFT JOIN introductions i ON i.to_id = m.contact_id AND i.direction = 'received' AND i.status ` + happened + `
		WHERE m.moved_on BETWEEN ? AND ? AND m.to_stage = 'client' AND m.from_stage IS NOT 'client'`
	reportSourcesSQL = `SELECT c.source, count(*) FROM stage_moves m JOIN contacts c ON c.id = m.contact_id
		WHERE m.moved_on BETWEEN ? AND ? AND m.from_stage IS NULL
		GROUP BY c.source ORDER BY count(*) DESC, c.source`
	reportIntroducersSQL = `SELECT c.id, c.name, c.category, c.category_key, c.advocacy IS NULL
		FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value`
	reportAdvocacySQL = `SELECT i.from_id, min(i.intro_on), min(CASE WHEN i.asked = 0 THEN i.intro_on END)
		FROM json_each(?) AS j CROSS JOIN introductions i ON i.from_id = j.value
		WHERE i.direction = 'received' AND i.status ` + happened + `
		GROUP BY i.from_id`
)
