package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/warmpath"
)

// PathPerson is someone on a warm path.
type PathPerson struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Company     string        `json:"company"`
	Category    string        `json:"category"`
	Stage       kith.Stage    `json:"stage"`
	Advocacy    kith.Advocacy `json:"advocacy"`
	LastContact *dates.Date   `json:"last_contact"`
}

// WarmPath is one chain from someone the user knows to someone at the
// target: People[0] is who to ask first.
type WarmPath struct {
	Hops   int             `json:"hops"`
	Warmth int             `json:"warmth"`
	People []PathPerson    `json:"people"`
	Links  []warmpath.Link `json:"links"`
}

// PathResult is the answer to "who can introduce me to someone there?".
type PathResult struct {
	Target     string     `json:"target"`
	Registered bool       `json:"registered"` // a target the user added
	Segment    string     `json:"segment"`    // set when TARGET named a segment
	Companies  []string   `json:"companies"`
	AtTarget   int        `json:"people_at_target"`
	Paths      []WarmPath `json:"paths"`
}

// WarmPaths finds the best warm paths to target: a registered target's
// name, a segment of them, or any company. Searching stops at maxHops
// links; at most limit paths are returned, best first.
func (db *DB) WarmPaths(ctx context.Context, target string, maxHops, limit int) (PathResult, error) {
	res := PathResult{Target: target, Companies: []string{}, Paths: []WarmPath{}}
	err := db.read(ctx, "warm paths", func(tx *Tx) error {
		if err := tx.resolvePathTarget(&res); err != nil {
			return err
		}
		keys := make([]string, len(res.Companies))
		for i, c := range res.Companies {
			keys[i] = kith.Fold(c)
		}
		atTarget, err := tx.idList(pathAtTargetSQL, jsonParam(keys))
		if err != nil {
			return err
		}
		res.AtTarget = len(atTarget)
		chains, err := warmpath.Search(network{tx}, atTarget, maxHops)
		if err != nil || len(chains) == 0 {
			return err
		}
		var ids []int64
		for _, c := range chains {
			ids = append(ids, c.People...)
		}
		people, err := tx.pathPeople(ids)
		if err != nil {
			return err
		}
		ranked := make(map[int64]warmpath.Person, len(people))
		for id, p := range people {
			ranked[id] = warmpath.Person{ID: id, Advocacy: p.Advocacy, Stage: p.Stage, LastContact: p.LastContact}
		}
		warmpath.Rank(chains, ranked)
		for _, c := range chains[:min(limit, len(chains))] {
			wp := WarmPath{Hops: len(c.Links), Warmth: warmpath.Warmth(c, ranked), Links: c.Links}
			if wp.Links == nil {
				wp.Links = []warmpath.Link{}
			}
			for _, id := range c.People {
				wp.People = append(wp.People, people[id])
			}
			res.Paths = append(res.Paths, wp)
		}
		return nil
	})
	return res, err
}

// resolvePathTarget turns the TARGET the user typed into companies: a
// registered target is its own company, a segment is all its targets, and
// anything else is taken as a company name.
func (tx *Tx) resolvePathTarget(res *PathResult) error {
	key := kith.Fold(res.Target)
	var name string
	err := tx.QueryRow("SELECT name FROM targets WHERE name_key = ?", key).Scan(&name)
	switch {
	case err == nil:
		res.Registered, res.Companies = true, []string{name}
		return nil
	case !errors.Is(err, sql.ErrNoRows):
		return err
	}
	rows, err := tx.Query("SELECT name, segment FROM targets WHERE kith_fold(segment) = ? ORDER BY name_key", key)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := rows.Scan(&name, &res.Segment); err != nil {
			return err
		}
		res.Registered = true
		res.Companies = append(res.Companies, name)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(res.Companies) == 0 {
		res.Companies = []string{res.Target}
	}
	return nil
}

// network is the user's network as the path search sees it, read through
// one transaction.
type network struct{ tx *Tx }

// Links returns the introductions touching ids, the warmest one per pair
// of people, and the colleagues of ids (same company, case-insensitive).
func (n network) Links(ids []int64) ([]warmpath.Link, error) {
	list := jsonParam(ids)
	rows, err := n.tx.Query(pathIntroLinksSQL, list, list)
	if err != nil {
		return nil, err
	}
	best := map[[2]int64]int{}
	var out []warmpath.Link
	for rows.Next() {
		var l warmpath.Link
		var direction, on string
		if err := rows.Scan(&l.From, &l.To, &direction, &l.Status, &on); err != nil {
			rows.Close()
			return nil, err
		}
		l.Kind = warmpath.Introduced
		if direction == string(kith.Given) {
			l.Kind = warmpath.IntroducedBy
		}
		if l.On, err = dateOf(sql.NullString{String: on, Valid: true}); err != nil {
			rows.Close()
			return nil, err
		}
		pair := [2]int64{min(l.From, l.To), max(l.From, l.To)}
		if i, ok := best[pair]; ok {
			if warmpath.LinkWarmth(l) > warmpath.LinkWarmth(out[i]) {
				out[i] = l
			}
			continue
		}
		best[pair] = len(out)
		out = append(out, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	colleagues, err := n.colleagues(list)
	return append(out, colleagues...), err
}

// colleaguesPerPerson bounds the colleague links each person gets into a
// ring: a chain needs one, and a few leave ranking a choice. Without the
// bound, a ring of many people at one large employer would link every one
// of them to every colleague.
const colleaguesPerPerson = 3

// colleagues links the people who work where the ring's people do to a
// few of those in the ring, reading each employer once.
func (n network) colleagues(list string) ([]warmpath.Link, error) {
	rows, err := n.tx.Query(pathRingCompaniesSQL, list)
	if err != nil {
		return nil, err
	}
	ringAt := map[string][]int64{} // company key → ring members there
	company := map[string]string{} // company key → a spelling
	var keys []string
	for rows.Next() {
		var id int64
		var key, name string
		if err := rows.Scan(&id, &key, &name); err != nil {
			rows.Close()
			return nil, err
		}
		if _, ok := ringAt[key]; !ok {
			keys = append(keys, key)
			company[key] = name
		}
		ringAt[key] = append(ringAt[key], id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = n.tx.Query(pathColleaguesSQL, jsonParam(keys))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []warmpath.Link
	for rows.Next() {
		var id int64
		var key string
		if err := rows.Scan(&id, &key); err != nil {
			return nil, err
		}
		linked := 0
		for _, r := range ringAt[key] {
			if r == id || linked == colleaguesPerPerson {
				continue
			}
			out = append(out, warmpath.Link{From: r, To: id, Kind: warmpath.Colleague, Company: company[key]})
			linked++
		}
	}
	return out, rows.Err()
}

// Known returns which of ids the user has met: a coffee with them, a
// client now or before, an introduction they made to the user, one the
// user made for them, or one to them that got as far as a meeting.
func (n network) Known(ids []int64) (map[int64]bool, error) {
	known, err := n.tx.idList(pathKnownSQL, jsonParam(ids))
	out := make(map[int64]bool, len(known))
	for _, id := range known {
		out[id] = true
	}
	return out, err
}

// pathPeople loads the people on the chains, advocacy derived as
// everywhere else.
func (tx *Tx) pathPeople(ids []int64) (map[int64]PathPerson, error) {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	contacts, err := tx.queryContacts("SELECT "+contactColumns+` FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.id = j.value`, jsonParam(ids))
	if err != nil {
		return nil, err
	}
	out := make(map[int64]PathPerson, len(contacts))
	for _, c := range contacts {
		out[c.ID] = PathPerson{ID: c.ID, Name: c.Name, Company: c.Company, Category: c.Category,
			Stage: c.Stage, Advocacy: c.Advocacy, LastContact: c.LastContact}
	}
	return out, nil
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
	pathIntroLinksSQL = `SELECT i.from_id, i.to_id, i.direction, i.status, i.intro_on
			FROM json_each(?) AS j CROSS JOIN introductions i ON i.from_id = j.value
		UNION
		SELECT i.from_id, i.to_id, i.direction, i.status, i.intro_on
			FROM json_each(?) AS j CROSS JOIN introductions i ON i.to_id = j.value`
	pathRingCompaniesSQL = `SELECT c.id, c.company_key, c.company FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.id = j.value WHERE c.company_key <> ''`
	pathColleaguesSQL = `SELECT c.id, c.company_key FROM json_each(?) AS j
		CROSS JOIN contacts c ON c.company_key = j.value`
	pathKnownSQL = `SELECT c.id FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value
		WHERE c.last_contact IS NOT NULL OR c.stage IN ('client', 'past_client')
			OR EXISTS (SELECT 1 FROM introductions i WHERE i.from_id = c.id
				AND i.status ` + happened + `)
			OR EXISTS (SELECT 1 FROM introductions i WHERE i.to_id = c.id
				AND (i.direction = 'given' AND i.status ` + happened + `
					OR i.direction = 'received' AND i.status IN ('met', 'won', 'lost')))`
)
