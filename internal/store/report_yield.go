package store

import (
	"database/sql"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// What a period's napkin categories produced, and who became an advocate
// in it, for the report (app.ReportOver). Each read sums a tally kept by
// triggers over the period's days (one row per day and category, however
// many meetings, introductions or wins), and returns a row per category,
// or per person who changed.

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
// from to to, and the value of those won, by their introducer's category,
// to the cent.
func (tx *Tx) IntrosByCategory(from, to dates.Date) ([]CategoryIntros, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (CategoryIntros, error) {
		var c CategoryIntros
		err := row.Scan(&c.Key, &c.Made, &c.Revenue)
		return c, err
	}, reportCategoryIntrosSQL, from.String(), to.String())
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

// AdvocacyChange is a contact who became an advocate or raving fan.
type AdvocacyChange struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Category string        `json:"category"`
	Advocacy kith.Advocacy `json:"advocacy"`
	On       dates.Date    `json:"on"`
}

// AdvocacyChanges counts the people who became an advocate or a raving fan
// from from to to, and returns the first limit of them (a negative limit:
// all), raving fans first, the latest first. The first introduction to
// the user that happened makes an advocate, the first made without being
// asked a raving fan, both read from the introducer tally
// (0030_introducer_tally). A level the user set by hand has no date, so
// those people are left out.
func (tx *Tx) AdvocacyChanges(from, to dates.Date, limit int) (changes []AdvocacyChange, advocates, ravingFans int, err error) {
	// the counts ride on every row, so at least one is read for them (a
	// negative limit is none)
	read := limit
	if read == 0 {
		read = 1
	}
	changes, err = queryAll(tx, func(row interface{ Scan(...any) error }) (AdvocacyChange, error) {
		var a AdvocacyChange
		var on string
		if err := row.Scan(&a.ID, &a.Name, &a.Category, &a.Advocacy, &on, &advocates, &ravingFans); err != nil {
			return a, err
		}
		a.On, err = dates.ParseISO(on)
		return a, err
	}, reportAdvocacyChangesSQL, from.String(), to.String(), read)
	if limit == 0 {
		changes = changes[:0]
	}
	return changes, advocates, ravingFans, err
}

// The queries, named so a test can check each one's plan reads an index.
const (
	// The one-to-ones are counted as they are written, in the tally
	// (0025_one_to_one_tally), by day and category: the period's days are
	// a range of its key. A category whose people were all counted off
	// keeps rows of none.
	reportCategoryMeetingsSQL = `SELECT category_key, sum(people) FROM one_to_one_tally
		WHERE held_on BETWEEN ? AND ? GROUP BY category_key HAVING sum(people) > 0`
	// The introductions received are counted as they are written, in the
	// tally (0036_intro_yield_tally), by day and introducer's category: the
	// period's days are a range of its key. A category with any made or won
	// in the period has a row, as when they were counted one by one.
	reportCategoryIntrosSQL = `SELECT category_key, sum(made), sum(won_cents) / 100.0 FROM intro_yield_tally
		WHERE day BETWEEN ? AND ? GROUP BY category_key HAVING sum(made) > 0 OR sum(won) > 0`
	// The wins are counted as they are written, in the tallies
	// (0038_client_win_tally), by day, and by day and category credited;
	// the wins whose contact won before in the period too are taken off,
	// so that each client counts once. The first row holds the totals (key
	// NULL), then one row per category credited.
	reportClientsSQL = `WITH rewon (move_id) AS (
			SELECT move_id FROM client_rewin_tally WHERE prior_on BETWEEN ?1 AND ?2 AND won_on <= ?2)
		SELECT NULL,
			(SELECT coalesce(sum(won), 0) FROM client_win_tally WHERE won_on BETWEEN ?1 AND ?2)
				- (SELECT count(*) FROM client_wins WHERE move_id IN rewon),
			(SELECT coalesce(sum(introduced), 0) FROM client_win_tally WHERE won_on BETWEEN ?1 AND ?2)
				- (SELECT coalesce(sum(introduced), 0) FROM client_wins WHERE move_id IN rewon)
		UNION ALL
		SELECT category_key, sum(clients), 0 FROM (
			SELECT category_key, clients FROM client_credit_tally WHERE won_on BETWEEN ?1 AND ?2
			UNION ALL SELECT category_key, -1 FROM client_win_credits WHERE move_id IN rewon)
		GROUP BY category_key HAVING sum(clients) > 0`
	reportCategoryNamesSQL = `SELECT j.value, (SELECT c.category FROM contacts c WHERE c.category_key = j.value LIMIT 1)
		FROM json_each(?) AS j`
	// Who changed, from the tally's two indexes: those whose first
	// introduction is in the period, and those whose first unasked one is
	// though their first was before it (a first unasked introduction is
	// never before the first). A raving fan in the period if their first
	// unasked introduction is in it, else an advocate in it. Whether the
	// user set an advocacy is read from the small contacts_advocacy_set
	// index once, not from each person's row.
	reportAdvocacySQL = `SELECT contact_id, coalesce(first_unasked BETWEEN ?1 AND ?2, 0) AS fan,
			CASE WHEN first_unasked BETWEEN ?1 AND ?2 THEN first_unasked ELSE first_made END AS became_on
		FROM (SELECT contact_id, first_made, first_unasked FROM introducer_tally WHERE first_made BETWEEN ?1 AND ?2
			UNION ALL SELECT contact_id, first_made, first_unasked FROM introducer_tally
				WHERE first_unasked BETWEEN ?1 AND ?2 AND first_made < ?1)
		WHERE contact_id NOT IN (SELECT id FROM contacts WHERE advocacy IS NOT NULL)`
	// Ranked on the tally's rows alone, each with the counts of them all
	// (a window over every row, taken before the LIMIT); only those kept
	// read a contact.
	reportAdvocacyChangesSQL = `SELECT c.id, c.name, c.category, CASE WHEN a.fan THEN 'raving_fan' ELSE 'advocate' END, a.became_on,
			a.advocates, a.fans
		FROM (SELECT *, count(*) FILTER (WHERE NOT fan) OVER () AS advocates, count(*) FILTER (WHERE fan) OVER () AS fans
			FROM (` + reportAdvocacySQL + `) ORDER BY fan DESC, became_on DESC, contact_id LIMIT ?3) a
		CROSS JOIN contacts c ON c.id = a.contact_id
		ORDER BY a.fan DESC, a.became_on DESC, c.id`
)
