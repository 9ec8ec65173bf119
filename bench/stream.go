package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

// The streamed outputs' targets: a list or export of any size peaks under
// streamRSSTargetKiB, and its peak for ten times the records is within
// streamGrowthTarget of the smaller one's.
const (
	streamRSSTargetKiB = 64 << 10
	streamGrowthTarget = 1.2
	// contact list --json against the sqlite3 shell printing the same
	// fields as JSON
	listRatioTarget = 3.0
	// coffee list --json of the data set's million coffees
	coffeeListTarget = 3 * time.Second
)

// contactsAsJSON is the sqlite3 shell's version of contact list --json:
// the same fields, lists included, in name order.
const contactsAsJSON = `SELECT c.id, c.name,
	(SELECT json_group_array(email) FROM contact_emails WHERE contact_id = c.id ORDER BY position) AS emails,
	(SELECT json_group_array(phone) FROM contact_phones WHERE contact_id = c.id ORDER BY position) AS phones,
	c.company, c.title, c.category,
	(SELECT json_group_array(tag) FROM contact_tags WHERE contact_id = c.id ORDER BY tag_key) AS tags,
	c.stage, c.advocacy, c.met_at, c.topic, c.idea, c.cadence_days, c.linkedin_url, c.birthday,
	c.anniversaries, c.source, c.last_contact, c.notes, c.created_at, c.updated_at
FROM contacts c ORDER BY c.name_key, c.id`

// streamed measures the outputs that write records as they read them
// (issue 17): the two largest lists as JSON, the whole-database export,
// the graph of who introduced whom, the 211° list, and contact export of
// the 100,000- and 1,000,000-row LinkedIn imports, each held to its peak
// memory.
func (m *measurer) streamed(runs int, add func(result)) error {
	list := peakHeld(m.kithCmd("kith contact list --json", "db", runs, 0, "contact", "list", "--json"))
	ref := measure(result{name: "sqlite3 -json contacts (reference)", dataset: list.dataset}, runs, nil,
		"sqlite3", []string{"-json", m.ds.db, contactsAsJSON}, m.env(""))
	list.target = fmt.Sprintf("≤ %.0f× sqlite3, < %d MiB", listRatioTarget, streamRSSTargetKiB>>10)
	add(compared(list, ref, "sqlite3", listRatioTarget, list.peakKiB >= streamRSSTargetKiB))
	add(ref)
	add(peakHeld(m.kithCmd("kith coffee list --json", "db", runs, coffeeListTarget, "coffee", "list", "--json")))
	add(peakHeld(m.kithCmd("kith export", "db", runs, 0, "export")))
	// who introduced whom: 50,000 introductions and the 60,000 people in them
	add(peakHeld(m.kithCmd("kith graph", "db", runs, 0, "graph")))
	add(peakHeld(m.kithCmd("kith graph --json", "db", runs, 0, "graph", "--json")))
	// the whole 211° list: every advocate (19,000), each with the topic of
	// their last coffee
	add(peakHeld(m.kithCmd("kith fans", "db", runs, 0, "fans")))

	var small result
	for i, csv := range []struct {
		file string
		rows int
	}{{m.ds.csvSmall, m.ds.rowsSmall}, {m.ds.csvLarge, m.ds.rowsLarge}} {
		if !selected("kith contact export --format csv") {
			break
		}
		db, err := m.imported(csv.file, csv.rows)
		if err != nil {
			return err
		}
		r := result{name: "kith contact export --format csv", dataset: benchgen.Thousands(csv.rows) + " contacts"}
		r = peakHeld(measure(r, runs, nil, m.kith, []string{"contact", "export", "--format", "csv"}, m.env(db)))
		if i == 0 {
			small = r
		} else if r.ok() && small.ok() {
			growth := float64(r.peakKiB) / float64(small.peakKiB)
			r.target = fmt.Sprintf("< %d MiB, ≤ %.1f× the peak of %s", streamRSSTargetKiB>>10, streamGrowthTarget, small.dataset)
			r.note = fmt.Sprintf("peak %.2f× %s", growth, small.dataset)
			if growth > streamGrowthTarget || r.peakKiB >= streamRSSTargetKiB {
				r.note += ", OVER TARGET"
			}
		}
		add(r)
	}
	return nil
}

// peakHeld adds the streamed outputs' memory target to r.
func peakHeld(r result) result {
	limit := fmt.Sprintf("< %d MiB", streamRSSTargetKiB>>10)
	if r.target == "" {
		r.target = limit
	} else {
		r.target += ", " + limit
	}
	if r.ok() && r.peakKiB >= streamRSSTargetKiB && r.note == "" {
		r.note = "OVER TARGET"
	}
	return r
}

// imported returns a database holding the LinkedIn CSV's contacts,
// importing it the first time: it is kept beside the CSV, named for the
// generator's version so a changed generator imports anew, with a stamp
// file written once the import is whole.
func (m *measurer) imported(csv string, rows int) (string, error) {
	db := filepath.Join(m.out, fmt.Sprintf("linkedin-v%d-%d.db", benchgen.Version, rows))
	stamp := db + ".done"
	if _, err := os.Stat(stamp); err == nil {
		return db, nil
	}
	if err := fresh(db)(); err != nil {
		return "", err
	}
	fmt.Fprintf(os.Stderr, "bench: importing %s for contact export\n", filepath.Base(csv))
	if err := untimed("kith contact import "+csv, m.kith, importArgs(csv), m.env(db)); err != nil {
		return "", err
	}
	return db, os.WriteFile(stamp, nil, 0o600)
}
