package store

import (
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
)

// What a period's napkin categories produced, and who became an advocate
// in it, for the report (app.ReportOver). Each read aggregates in SQL and
// returns a row per category, or per person who changed, never one per
// introduction or meeting; the ids it walks are put in order first, so
// that each index page it looks up is read once.

// CategoryCount is a count for one napkin category, by its folded key
// ("" holds the contacts without one).
type CategoryCount struct {
	Key   string
	Count int
}

func scanCategoryCount(row interface{ Scan(...any) error }) (CategoryCount, error) {
	var c CategoryCount
	err := row.Scan(&c.Key, &c.Count)
	return c, err
}

// OneToOnesByCategory counts the one-to-ones (coffee, lunch or call) held
// from from to to with people of each category: each person met counts,
// so a lunch with two lawyers is two for lawyers. A person's category is
// the one they have now.
func (tx *Tx) OneToOnesByCategory(from, to dates.Date) ([]CategoryCount, error) {
	return queryAll(tx, scanCategoryCount, reportCategoryMeetingsSQL, from.String(), to.String())
}

// CategoryIntros is what the introducers of one napkin category brought
// in a period, by its folded key.
type CategoryIntros struct {
	Key     string
	Made    int     // introductions received that were made
	Revenue float64 // the value of those won
}

// IntrosByCategory sums the introductions received that were made from
// from to to, and the value of those won, by their introducer's category.
func (tx *Tx) IntrosByCategory(from, to dates.Date) ([]CategoryIntros, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (CategoryIntros, error) {
		var c CategoryIntros
		err := row.Scan(&c.Key, &c.Made, &c.Revenue)
		return c, err
	}, reportCategoryIntrosSQL, from.String(), to.String(), from.String(), to.String())
}

// ClientWins counts the contacts who moved into client from from to to,
// from halo, lead or past client, and those of them someone introduced to
// the user. A contact added or imported as a client (a first placement,
// from no stage) is an existing client, not a win. byCategory credits each
// client once to the category of each person who introduced them, or to
// their own when nobody did.
func (tx *Tx) ClientWins(from, to dates.Date) (won, introduced int, byCategory []CategoryCount, err error) {
	err = queryEach(tx, func(row interface{ Scan(...any) error }) (clientWinRow, error) {
		var r clientWinRow
		err := row.Scan(&r.key, &r.clients, &r.introduced)
		return r, err
	}, func(r clientWinRow) error {
		if !r.key.Valid {
			won, introduced = r.clients, r.introduced
			return nil
		}
		byCategory = append(byCategory, CategoryCount{Key: r.key.String, Count: r.clients})
		return nil
	}, reportClientsSQL, from.String(), to.String())
	return won, introduced, byCategory, err
}

// clientWinRow is one row of reportClientsSQL: the totals (no key), or
// one category's clients.
type clientWinRow struct {
	key                 sql.NullString
	clients, introduced int
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

// AdvocateSince is someone who made an introduction to the user in a
// period and whose first introduction that happened, or first made
// without being asked, is on or after its start: the people who may have
// become an advocate or a raving fan in it.
type AdvocateSince struct {
	ID             int64
	Name, Category string
	Derived        bool // advocacy is derived, not set by the user
	First          dates.Date
	FirstUnasked   *dates.Date // nil: none unasked
}

// AdvocatesSince returns those who made an introduction
// received from from to to and whose first introduction, or first
// unasked one, was made on or after from.
func (tx *Tx) AdvocatesSince(from, to dates.Date) ([]AdvocateSince, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (AdvocateSince, error) {
		var a AdvocateSince
		var first string
		var unasked sql.NullString
		if err := row.Scan(&a.ID, &a.Name, &a.Category, &a.Derived, &first, &unasked); err != nil {
			return a, err
		}
		var err error
		if a.First, err = dates.ParseISO(first); err != nil {
			return a, err
		}
		a.FirstUnasked, err = dateOf(unasked)
		return a, err
	}, reportAdvocatesSQL, from.String(), to.String(), from.String(), from.String())
}

// The queries, named so a test can check each one's plan reads an index.
const (
	// The one-to-ones are counted as they are written, in the tally
	// (0025_one_to_one_tally), by day and category: the period's days are
	// a range of its key. A category whose people were all counted off
	// keeps rows of none.
	reportCategoryMeetingsSQL = `SELECT category_key, sum(people) FROM one_to_one_tally
		WHERE held_on BETWEEN ? AND ? GROUP BY category_key HAVING sum(people) > 0`
	// Summed by introducer first (GROUP BY puts them in id order), then
	// each introducer's category is looked up once.
	reportCategoryIntrosSQL = `SELECT c.category_key, sum(s.made), total(s.value) FROM (
			SELECT from_id, sum(made) AS made, total(value) AS value FROM (
				SELECT from_id, 1 AS made, 0 AS value FROM introductions
					WHERE made_on BETWEEN ? AND ? AND direction = 'received'
				UNION ALL SELECT from_id, 0, value FROM introductions
					WHERE closed_on BETWEEN ? AND ? AND status = 'won' AND direction = 'received')
			GROUP BY from_id) s
		JOIN contacts c INDEXED BY contacts_category_of ON c.id = s.from_id
		GROUP BY c.category_key`
	// The clients won, once each and in id order, each with whoever
	// introduced them (credited) or else themselves; the first row holds
	// the totals (key NULL), then one row per category credited.
	reportClientsSQL = `WITH won AS MATERIALIZED (
			SELECT contact_id AS id FROM stage_moves
			WHERE moved_on BETWEEN ? AND ? AND to_stage = 'client' AND from_stage IN ('halo', 'lead', 'past_client')
			GROUP BY contact_id),
		credits AS MATERIALIZED (
			SELECT won.id AS client, i.from_id AS introducer, COALESCE(i.from_id, won.id) AS credited
			FROM won LEFT JOIN introductions i ON i.to_id = won.id AND ` + happenedReceived + `)
		SELECT NULL, count(DISTINCT client), count(DISTINCT CASE WHEN introducer IS NOT NULL THEN client END) FROM credits
		UNION ALL
		SELECT c.category_key, count(DISTINCT credits.client), 0
			FROM credits JOIN contacts c INDEXED BY contacts_category_of ON c.id = credits.credited
			GROUP BY c.category_key`
	reportCategoryNamesSQL = `SELECT j.value, (SELECT c.category FROM contacts c WHERE c.category_key = j.value LIMIT 1)
		FROM json_each(?) AS j`
	reportAdvocatesSQL = `SELECT c.id, c.name, c.category, c.advocacy IS NULL, f.first, f.unasked FROM (
			SELECT i.from_id, min(i.made_on) AS first, min(CASE WHEN i.asked = 0 THEN i.made_on END) AS unasked
			FROM introductions i
			WHERE i.from_id IN (SELECT from_id FROM introductions WHERE made_on BETWEEN ? AND ? AND direction = 'received')
				AND ` + happenedReceived + `
			GROUP BY i.from_id) f
		JOIN contacts c ON c.id = f.from_id
		WHERE f.first >= ? OR f.unasked >= ?`
)
