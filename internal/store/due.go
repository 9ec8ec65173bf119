package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Due returns everything to do up to and including the day through: open
// stored follow-ups and the stay-in-touch items cadences imply, oldest
// first, with overdue days counted from today.
//
// It reads only index ranges (migrations 0003 and 0005): the open
// follow-ups by due day, and for cadences the contacts whose base day (last
// contact, or the day they were added) is early enough. The index keys use
// the UTC day of created_at, which can differ from the user's local day by
// one, so the ranges reach one day further and Go keeps the exact matches.
func (db *DB) Due(ctx context.Context, through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	var out []kith.DueItem
	err := db.read(ctx, "list due followups", func(tx *Tx) error {
		var err error
		out, err = tx.Due(through, policy)
		return err
	})
	return out, err
}

// dueFollowupsQuery packs (see packed.go) the open follow-ups due by a
// day as due_on, id, contact_id, contact names, text; it reads only the
// covering index followups_open_due. A follow-up shared with someone not
// archived stays due when its first person is archived.
const dueFollowupsQuery = `SELECT json_group_array(json_array(due_on, id, contact_id, contact_name, text))
	FROM followups WHERE done_at IS NULL AND due_on <= ? AND (contact_id NOT IN ` + archivedIDs + `
		OR id IN (SELECT followup_id FROM followup_people WHERE contact_id NOT IN ` + archivedIDs + `))`

// cadenceFields packs a contact as id, name, last contact, created_at
// when there is no last contact, and the cadence in days.
const cadenceFields = `SELECT json_group_array(json_array(id, name, last_contact,
	CASE WHEN last_contact IS NULL THEN created_at END, `

// dueOwnCadenceQuery packs the contacts with a cadence of their own that may
// be due by a day, reading only the covering index contacts_cadence_due.
const dueOwnCadenceQuery = cadenceFields + `cadence_days)) FROM contacts
	WHERE cadence_days IS NOT NULL
	AND julianday(COALESCE(last_contact, substr(created_at, 1, 10))) + cadence_days <= julianday(?) + 1
	AND id NOT IN ` + archivedIDs

// dueCategoryCadenceQuery packs the contacts of one category, without a
// cadence of their own, last seen by a day (index contacts_category_base).
const dueCategoryCadenceQuery = cadenceFields + `?1)) FROM contacts
	WHERE cadence_days IS NULL AND category_key = ?2
	AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?3 AND id NOT IN ` + archivedIDs

// dueDefaultCadenceQuery packs the contacts outside the listed categories,
// without a cadence of their own, last seen by a day (index contacts_base).
const dueDefaultCadenceQuery = cadenceFields + `?1)) FROM contacts
	WHERE cadence_days IS NULL AND COALESCE(last_contact, substr(created_at, 1, 10)) <= ?2
	AND category_key NOT IN (SELECT value FROM json_each(?3)) AND id NOT IN ` + archivedIDs

// Due is DB.Due on an open transaction, for the morning digest.
func (tx *Tx) Due(through dates.Date, policy kith.CadencePolicy) ([]kith.DueItem, error) {
	followups, err := tx.queryPacked(dueFollowupsQuery, through.String())
	if err != nil {
		return nil, err
	}
	cadences, err := tx.dueCadences(through, policy)
	if err != nil {
		return nil, err
	}
	holds, err := tx.cadenceHolds()
	if err != nil {
		return nil, err
	}
	n := followups.rows()
	for _, p := range cadences {
		n += p.rows()
	}
	items := make([]kith.DueItem, 0, n)
	days := &dayCache{}
	if err := tx.appendFollowupItems(&items, followups, days); err != nil {
		return nil, err
	}
	for _, p := range cadences {
		err := p.each(5, func(f []string) error {
			item, ok, err := tx.cadenceItem(f, through, days, holds)
			if ok {
				items = append(items, item)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	kith.SortDue(items)
	return items, nil
}

// dueCadences packs the contacts a cadence may make due by through: those
// with a cadence of their own, then the rest by the cadence of their
// category, else the default.
func (tx *Tx) dueCadences(through dates.Date, policy kith.CadencePolicy) ([]packed, error) {
	own, err := tx.queryPacked(dueOwnCadenceQuery, through.String())
	if err != nil {
		return nil, err
	}
	cadences := []packed{own}
	categories := make([]string, 0, len(policy.ByCategory))
	for cat := range policy.ByCategory {
		categories = append(categories, kith.Fold(cat))
	}
	sort.Strings(categories)
	for _, cat := range categories {
		days := policy.For(cat, nil)
		if days <= 0 {
			continue
		}
		p, err := tx.queryPacked(dueCategoryCadenceQuery, days, cat, through.AddDays(1-days).String())
		if err != nil {
			return nil, err
		}
		cadences = append(cadences, p)
	}
	if policy.Default > 0 {
		// categories with a cadence of their own (or none) are not the default's
		others, err := json.Marshal(categories)
		if err != nil {
			return nil, err
		}
		p, err := tx.queryPacked(dueDefaultCadenceQuery, policy.Default, through.AddDays(1-policy.Default).String(), string(others))
		if err != nil {
			return nil, err
		}
		cadences = append(cadences, p)
	}
	return cadences, nil
}

// appendFollowupItems appends to items the open follow-ups packed by
// dueFollowupsQuery.
func (tx *Tx) appendFollowupItems(items *[]kith.DueItem, followups packed, days *dayCache) error {
	today := tx.Today()
	return followups.each(5, func(f []string) error {
		due, err := days.parse(f[0])
		if err != nil {
			return fmt.Errorf("follow-up %s: due_on: %w", f[1], err)
		}
		id, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return err
		}
		it := kith.DueItem{ID: kith.FollowupID(id), Kind: kith.KindFollowup, Due: due, OverdueDays: today.DaysSince(due),
			Contact: f[3], What: f[4]}
		if it.ContactID, err = strconv.ParseInt(f[2], 10, 64); err != nil {
			return err
		}
		*items = append(*items, it)
		return nil
	})
}

// cadenceItem reads one packed contact (see cadenceFields) and returns
// its stay-in-touch item when it falls due by through, with its hold. A
// hold only makes an item later, so the index ranges that found the
// contact by their meetings alone find every contact that can be due.
func (tx *Tx) cadenceItem(f []string, through dates.Date, days *dayCache, holds map[int64]kith.CadenceHold) (kith.DueItem, bool, error) {
	id, err := strconv.ParseInt(f[0], 10, 64)
	if err != nil {
		return kith.DueItem{}, false, err
	}
	cadence, err := strconv.Atoi(f[4])
	if err != nil {
		return kith.DueItem{}, false, fmt.Errorf("contact %d: cadence: %w", id, err)
	}
	var due dates.Date
	if f[2] != "" {
		last, err := days.parse(f[2])
		if err != nil {
			return kith.DueItem{}, false, fmt.Errorf("contact %d: last_contact: %w", id, err)
		}
		due = kith.CadenceDue(&last, dates.Date{}, cadence)
	} else {
		added, err := time.Parse(time.RFC3339, f[3])
		if err != nil {
			return kith.DueItem{}, false, fmt.Errorf("contact %d: created_at: %w", id, err)
		}
		due = kith.CadenceDue(nil, tx.LocalDay(added), cadence)
	}
	if hold, ok := holds[id]; ok {
		due = hold.Apply(due, cadence)
	}
	if due.After(through) {
		return kith.DueItem{}, false, nil
	}
	return kith.CadenceItem(id, f[1], due, tx.Today()), true, nil
}

// dayCache parses YYYY-MM-DD days, each distinct one once: a long due list
// repeats a few hundred days, and mostly comes sorted by day.
type dayCache struct {
	last string
	day  dates.Date
	seen map[string]dates.Date
}

func (c *dayCache) parse(s string) (dates.Date, error) {
	if s == c.last && s != "" {
		return c.day, nil
	}
	d, ok := c.seen[s]
	if !ok {
		var err error
		if d, err = dates.ParseISO(s); err != nil {
			return d, err
		}
		if c.seen == nil {
			c.seen = map[string]dates.Date{}
		}
		// a copy: s is often part of a long packed value, which a key
		// would keep for the whole read
		c.seen[strings.Clone(s)] = d
	}
	c.last, c.day = s, d
	return d, nil
}
