package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// The reads below are what the warm path search (app.WarmPaths) asks of
// the network, many people at a time, each through an index.

// TargetNamed returns the registered target whose name is name (any
// case), or nil when there is none.
func (tx *Tx) TargetNamed(name string) (*kith.Target, error) {
	t, err := scanTarget(tx.QueryRow("SELECT "+targetColumns+" FROM targets WHERE name_key = ?", kith.Fold(name)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// TargetsInSegment returns the targets of segment (any case), by name.
func (tx *Tx) TargetsInSegment(segment string) ([]kith.Target, error) {
	return queryAll(tx, scanTarget, "SELECT "+targetColumns+" FROM targets WHERE kith_fold(segment) = ? ORDER BY name_key",
		kith.Fold(segment))
}

// ContactsAt returns the ids of the contacts who work at any of the
// companies (any case), in id order.
func (tx *Tx) ContactsAt(companies []string) ([]int64, error) {
	keys := make([]string, len(companies))
	for i, c := range companies {
		keys[i] = kith.Fold(c)
	}
	return tx.idList(pathAtTargetSQL, jsonParam(keys))
}

// IntroEdgesTouching returns the introductions from or to any of ids,
// ordered by from, to, direction, status and date.
func (tx *Tx) IntroEdgesTouching(ids []int64) ([]kith.IntroEdge, error) {
	list := jsonParam(ids)
	return queryAll(tx, scanIntroEdge, introEdgesTouchingSQL, list, list)
}

// introEdgeColumns selects an introduction as a kith.IntroEdge. The
// columns a path compares come first: a UNION of them sorts by its columns.
const introEdgeColumns = `i.from_id, i.to_id, i.direction, i.status, i.intro_on, i.id, i.kind, i.asked,
	i.made_on IS NOT NULL`

func scanIntroEdge(row interface{ Scan(...any) error }) (kith.IntroEdge, error) {
	var e kith.IntroEdge
	var on string
	if err := row.Scan(&e.From, &e.To, &e.Direction, &e.Status, &on, &e.ID, &e.Kind, &e.Asked, &e.Made); err != nil {
		return e, err
	}
	var err error
	e.On, err = dates.ParseISO(on)
	return e, err
}

// Workplace is where one contact works.
type Workplace struct {
	ContactID  int64
	CompanyKey string // the company folded, as contacts are matched on it
	Company    string // as the contact's record spells it
}

// Workplaces returns the companies of those of ids who have one.
func (tx *Tx) Workplaces(ids []int64) ([]Workplace, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (Workplace, error) {
		var w Workplace
		err := row.Scan(&w.ContactID, &w.CompanyKey, &w.Company)
		return w, err
	}, pathRingCompaniesSQL, jsonParam(ids))
}

// Staff returns, for each company key, the ids of everyone who works there.
func (tx *Tx) Staff(companyKeys []string) (map[string][]int64, error) {
	rows, err := tx.Query(pathColleaguesSQL, jsonParam(companyKeys))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]int64{}
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		out[key] = append(out[key], id)
	}
	return out, rows.Err()
}

// Met returns which of ids the user has met: a coffee with them, a lead
// or a client now or before, an advocacy the user set, a message sent
// (kith touch), an introduction they made to the user, one the user made
// for them, or one to them that got as far as a meeting.
func (tx *Tx) Met(ids []int64) (map[int64]bool, error) {
	met, err := tx.idList(pathKnownSQL, jsonParam(ids))
	out := make(map[int64]bool, len(met))
	for _, id := range met {
		out[id] = true
	}
	return out, err
}

// MeetingsHeld counts the meetings held (not planned) with each of ids who
// has had one; ids must each be there once, or their meetings count twice.
func (tx *Tx) MeetingsHeld(ids []int64) (map[int64]int, error) {
	return queryMap[int64, int](tx, pathMeetingsSQL, jsonParam(ids))
}

// ContactsByID returns the contacts with the given ids (each once), advocacy
// derived as everywhere else, in no particular order.
func (tx *Tx) ContactsByID(ids []int64) ([]kith.Contact, error) {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	return tx.queryContacts("SELECT "+contactColumns+` FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.id = j.value`, jsonParam(ids))
}

// idList runs a query yielding one id per row.
func (tx *Tx) idList(q string, args ...any) ([]int64, error) {
	rows, err := tx.Query(q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// jsonParam passes a list as one JSON parameter, for json_each(?): the
// SQL stays fixed text whatever the list holds.
func jsonParam[T any](list []T) string {
	if list == nil {
		return "[]"
	}
	b, err := json.Marshal(list)
	if err != nil {
		panic(err) // slices of ids and strings always marshal
	}
	return string(b)
}

// The queries, named so a test can check each one's plan reads an index.
const (
	pathAtTargetSQL = `SELECT c.id FROM json_each(?) AS j CROSS JOIN contacts c
			ON c.company_key = j.value ORDER BY c.id`
	introEdgesTouchingSQL = `SELECT ` + introEdgeColumns + `
			FROM json_each(?) AS j CROSS JOIN introductions i ON i.from_id = j.value
		UNION
		SELECT ` + introEdgeColumns + `
			FROM json_each(?) AS j CROSS JOIN introductions i ON i.to_id = j.value`
	pathRingCompaniesSQL = `SELECT c.id, c.company_key, c.company FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.id = j.value WHERE c.company_key <> ''`
	pathColleaguesSQL = `SELECT c.id, c.company_key FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.company_key = j.value`
	pathMeetingsSQL = `SELECT cc.contact_id, count(*) FROM json_each(?) AS j
		CROSS JOIN coffee_contacts cc ON cc.contact_id = j.value
		CROSS JOIN coffees f ON f.id = cc.coffee_id
		WHERE f.planned = 0 GROUP BY cc.contact_id`
	pathKnownSQL = `SELECT c.id FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value
		WHERE c.last_contact IS NOT NULL OR c.stage IN ('lead', 'client', 'past_client')
			OR c.advocacy IN ('advocate', 'raving_fan')
			OR EXISTS (SELECT 1 FROM touches t WHERE t.contact_id = c.id)
			OR EXISTS (SELECT 1 FROM introductions i WHERE i.from_id = c.id
				AND i.made_on IS NOT NULL)
			OR EXISTS (SELECT 1 FROM introductions i WHERE i.to_id = c.id
				AND (i.direction = 'given' AND i.made_on IS NOT NULL
					OR i.direction = 'received' AND i.met_on IS NOT NULL))`
)
