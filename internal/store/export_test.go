package store

import (
	"context"

	"github.com/kith-crm/kith/internal/kith"
)

// The contact methods below are the tests' one-transaction shortcuts to
// the Tx methods. Commands go through AddContactWithCard and
// EditContactWithCard, which also keep the card's follow-up.

// GetContact returns the contact with the given id.
func (db *DB) GetContact(ctx context.Context, id int64) (kith.Contact, error) {
	var c kith.Contact
	err := db.read(ctx, "get contact", func(tx *Tx) error {
		var err error
		c, err = tx.getContact(id)
		return err
	})
	return c, err
}

// AddContact validates and stores a new contact, records its first funnel
// placement, and returns it as stored.
func (db *DB) AddContact(ctx context.Context, c kith.Contact) (kith.Contact, error) {
	var out kith.Contact
	err := db.write(ctx, "add contact", func(tx *Tx) error {
		var err error
		out, err = tx.AddContact(c)
		return err
	})
	return out, err
}

// UpdateContact loads a contact, lets change edit it, validates the result
// and stores it, recording a funnel move when the stage changed.
func (db *DB) UpdateContact(ctx context.Context, id int64, change func(*kith.Contact) error) (kith.Contact, error) {
	var out kith.Contact
	err := db.write(ctx, "update contact", func(tx *Tx) error {
		var err error
		out, err = tx.UpdateContact(id, change)
		return err
	})
	return out, err
}

// DueQueries are the queries behind followup due, for the test that keeps
// them on their indexes.
var DueQueries = map[string]string{
	"followups":        dueFollowupsQuery,
	"own cadence":      dueOwnCadenceQuery,
	"category cadence": dueCategoryCadenceQuery,
	"default cadence":  dueDefaultCadenceQuery,
}

// SetBulkLimits lowers the thresholds of an import's bulk mode for a test
// and returns the function that puts them back.
func SetBulkLimits(after, suspects int) func() {
	a, s := bulkAfter, maxSuspects
	bulkAfter, maxSuspects = after, suspects
	return func() { bulkAfter, maxSuspects = a, s }
}

// ListQueries are the queries that read a listing's lists, for the test
// that keeps them from sorting.
var ListQueries = map[string]string{
	"batchEmails": batchEmails, "batchPhones": batchPhones,
	"batchTags": batchTags, "batchFans": batchFans,
}

// GraphWalks are the queries that read the whole graph, for the test that
// keeps them from sorting: each walks its table in id order.
var GraphWalks = map[string]string{"graphPeople": graphPeopleSQL, "graphEdges": graphEdgesSQL}

// PhoneCandidatesQuery is the import's phone lookup without its id bound,
// for the test that keeps it on the index.
const PhoneCandidatesQuery = phoneCandidatesQuery

// MeasureQueries names the queries behind report, napkin, path, the
// follow-up draft's last meeting, the topics of the 211° list and the
// last-coffee tally's triggers, for the test that holds each of them to
// reading an index.
var MeasureQueries = map[string]string{
	"reportCoffees": reportCoffeesSQL, "reportIntroCounts": reportIntroCountsSQL, "reportCategoryIntros": reportCategoryIntrosSQL,
	"reportClients": reportClientsSQL, "reportSources": reportSourcesSQL,
	"reportCategoryMeetings": reportCategoryMeetingsSQL, "reportCategoryNames": reportCategoryNamesSQL,
	"reportClientsRefer":    reportClientsReferSQL,
	"reportAdvocacyChanges": reportAdvocacyChangesSQL,
	"napkinCounts":          napkinCountsSQL, "napkinRecent": napkinRecentSQL, "napkinOldest": napkinOldestSQL,
	"pathAtTarget": pathAtTargetSQL, "introEdgesTouching": introEdgesTouchingSQL,
	"pathRingCompanies": pathRingCompaniesSQL, "pathColleagues": pathColleaguesSQL, "pathKnown": pathKnownSQL, "pathMeetings": pathMeetingsSQL, "graphNodes": graphNodesSQL,
	"draftLastMeeting": lastMeetingSQL, "fansLastTopics": lastTopicsSQL,
	// as 0032_last_coffee_tally's triggers look up one person's, and of
	// everyone at a meeting
	"lastCoffeeOfOne":     `SELECT * FROM last_coffee_held WHERE contact_id = ?`,
	"lastCoffeeAtMeeting": `SELECT * FROM last_coffee_held WHERE contact_id IN (SELECT contact_id FROM coffee_contacts WHERE coffee_id = ?)`,
}
