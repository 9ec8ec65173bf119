package app

import (
	"context"
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/dav"
	"github.com/kith-crm/kith/internal/ical"
	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/syncplan"
)

// SyncOptions say what kith sync syncs with.
type SyncOptions struct {
	Account     dav.Account
	AddressBook string // the address book's name or path; "" for the only one
	// Calendar is the calendar's name or path; "" syncs none. Its server
	// is CalendarClient's (nil: the address book's).
	Calendar       string
	CalendarClient *dav.Client
	DryRun         bool // read both sides and plan, write nothing
}

// SyncReport is what a sync did (or, dry, would do) on each side.
type SyncReport struct {
	Server       string              `json:"server"`
	AddressBook  string              `json:"addressbook"`
	Calendar     string              `json:"calendar"` // "" when none is synced
	DryRun       bool                `json:"dry_run"`
	Kith         []SyncChange        `json:"kith"`
	ServerSide   []SyncChange        `json:"server_changes"`
	CalendarSide []SyncChange        `json:"calendar_changes"`
	Conflicts    []syncplan.Conflict `json:"conflicts"`
	Skipped      []SkippedCard       `json:"skipped"`
	Notes        []string            `json:"notes"` // what the sync could not do, and why
	Requests     int                 `json:"requests"`
}

// SyncChange is one contact or card added, changed or removed.
type SyncChange struct {
	Op     string   `json:"op"` // add, change, remove, archive, or done (a follow-up)
	Name   string   `json:"name"`
	Fields []string `json:"fields,omitempty"`
}

// SkippedCard is a card on the server the sync left alone, and why.
type SkippedCard struct {
	Href   string `json:"href"`
	Reason string `json:"reason"`
}

// syncRun is one sync's state as it goes.
type syncRun struct {
	db     *store.DB
	client *dav.Client
	opts   SyncOptions
	coll   store.SyncCollection
	token  string
	report SyncReport
	// cards are the cards read, by href: a card kith writes back keeps
	// what kith does not hold of it (importer.SyncCardOver)
	cards map[string][]byte
	cal   *calendarSync // nil when no calendar is synced
}

// Sync syncs kith's contacts with a CardDAV address book both ways: it
// reads what changed on the server since the last sync and in kith since
// then, merges (syncplan), writes the server's side with conditional
// requests, then kith's side in one transaction, the sync's one journal
// entry. Any failure before that transaction leaves kith as it was; the
// next sync finds the server's side as far as it got, and goes on.
func Sync(ctx context.Context, db *store.DB, client *dav.Client, opts SyncOptions) (SyncReport, error) {
	r := &syncRun{db: db, client: client, opts: opts, cards: map[string][]byte{}}
	r.report = SyncReport{Server: client.Host(), DryRun: opts.DryRun, Kith: []SyncChange{}, ServerSide: []SyncChange{},
		CalendarSide: []SyncChange{}, Conflicts: []syncplan.Conflict{}, Skipped: []SkippedCard{}, Notes: []string{}}
	if opts.Calendar != "" {
		r.cal = &calendarSync{client: opts.CalendarClient, want: opts.Calendar, objects: map[string]ical.Object{}}
		if r.cal.client == nil {
			r.cal.client = client
		}
	}
	err := r.run(ctx)
	r.report.Requests = client.Requests()
	if r.cal != nil && r.cal.client != client {
		r.report.Requests += r.cal.client.Requests()
	}
	return r.report, err
}

func (r *syncRun) note(s string) { r.report.Notes = append(r.report.Notes, s) }

// run is Sync's steps.
func (r *syncRun) run(ctx context.Context) error {
	client, opts := r.client, r.opts
	if err := r.findBook(ctx); err != nil {
		return err
	}
	r.report.AddressBook = r.coll.Path
	changes, err := client.Changes(ctx, r.coll.Path, r.coll.Token)
	if err != nil {
		return err
	}
	r.token = changes.Token
	in, err := r.readServer(ctx, changes)
	if err != nil {
		return err
	}
	plan, links, err := r.plan(ctx, in)
	if err != nil {
		return err
	}
	r.describe(plan)
	if r.cal != nil {
		if err := r.cal.prepare(ctx, r); err != nil {
			return err
		}
		r.report.Calendar = r.cal.coll.Path
		r.cal.describe(r)
	}
	if opts.DryRun {
		return nil
	}
	written, err := r.writeServer(ctx, plan)
	if err != nil {
		return err
	}
	if r.cal != nil {
		if err := r.cal.writeServer(ctx); err != nil {
			return err
		}
	}
	return r.writeKith(ctx, plan, append(links, written...))
}

// accountKey names the account in kith's sync state.
func (r *syncRun) accountKey() string {
	return strings.TrimSuffix(strings.TrimSpace(r.opts.Account.URL), "/") + " " + r.opts.Account.Username
}

// findBook takes the address book the last sync used for this account
// and setting, or finds it on the server.
func (r *syncRun) findBook(ctx context.Context) error {
	if ok, err := r.stored(ctx, "addressbook", r.opts.AddressBook, &r.coll); ok || err != nil {
		return err
	}
	principal, err := r.client.Principal(ctx)
	if err != nil {
		return err
	}
	book, err := r.client.AddressBook(ctx, principal, r.opts.AddressBook)
	if err != nil {
		return err
	}
	r.coll = store.SyncCollection{Account: r.accountKey(), Kind: "addressbook", Wanted: r.opts.AddressBook,
		Path: book.Path, Version: book.VCard}
	return nil
}

// stored reads into coll the collection of kind the last sync used for
// this account and setting; ok is false when there is none yet.
func (r *syncRun) stored(ctx context.Context, kind, wanted string, coll *store.SyncCollection) (ok bool, err error) {
	err = r.db.Read(ctx, "read sync state", func(tx *store.Tx) error {
		found, err := tx.FindSyncCollection(r.accountKey(), kind, wanted)
		if found != nil {
			*coll, ok = *found, true
		}
		return err
	})
	return ok, err
}

// readServer reads the cards that changed and turns them into the
// planner's input.
func (r *syncRun) readServer(ctx context.Context, changes dav.Changes) (syncplan.Input, error) {
	in := syncplan.Input{Deleted: changes.Deleted, Full: changes.Full, Listed: map[string]bool{}}
	if err := r.db.Read(ctx, "read sync state", func(tx *store.Tx) error {
		return r.readKith(tx, &in)
	}); err != nil {
		return in, err
	}
	known := map[string]string{} // href → ETag kith has
	for _, l := range in.Links {
		known[l.Href] = l.ETag
	}
	var fetch []string
	for _, ref := range changes.Updated {
		in.Listed[ref.Path] = true
		if etag, ok := known[ref.Path]; !ok || etag != ref.ETag || etag == "" {
			fetch = append(fetch, ref.Path)
		}
	}
	objs, err := r.client.Fetch(ctx, r.coll.Path, fetch, false)
	if err != nil {
		return in, err
	}
	for _, o := range objs {
		if o.Missing {
			in.Deleted = append(in.Deleted, o.Path)
			delete(in.Listed, o.Path)
			continue
		}
		if card, ok := r.readCard(o); ok {
			in.Cards = append(in.Cards, card)
			r.cards[o.Path] = o.Data
		}
	}
	return in, nil
}

// readCard reads one card, or lists it as skipped.
func (r *syncRun) readCard(o dav.Object) (syncplan.Card, bool) {
	sc, err := importer.ReadSyncCard(o.Data, o.Path)
	if err == nil && sc.Skip == "" {
		err = sc.Contact.Normalize()
	}
	switch {
	case err != nil:
		r.skip(o.Path, err.Error())
		return syncplan.Card{}, false
	case sc.Skip != "":
		r.skip(o.Path, sc.Skip)
		return syncplan.Card{}, false
	}
	uid := sc.UID
	if uid == "" {
		uid = o.Path // a card without a UID is known by where it is
	}
	changed := sc.Rev
	if changed.IsZero() {
		changed = o.ModTime
	}
	sc.Contact.Source = "sync:carddav"
	return syncplan.Card{Href: o.Path, ETag: o.ETag, UID: uid, Contact: sc.Contact, Changed: changed}, true
}

func (r *syncRun) skip(href, reason string) {
	r.report.Skipped = append(r.report.Skipped, SkippedCard{Href: href, Reason: reason})
}

// readKith reads kith's side: its contacts with their UIDs and the links.
func (r *syncRun) readKith(tx *store.Tx, in *syncplan.Input) error {
	if r.coll.ID != 0 {
		links, err := tx.SyncLinks(r.coll.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			in.Links = append(in.Links, syncplan.Link{UID: l.UID, Href: l.Href, ETag: l.ETag, Base: l.Base})
		}
	}
	uids, err := tx.ContactUIDs()
	if err != nil {
		return err
	}
	contacts, err := tx.ListContacts(store.ContactFilter{})
	if err != nil {
		return err
	}
	for _, c := range contacts {
		in.Locals = append(in.Locals, syncplan.Local{UID: uids[c.ID], Contact: c})
	}
	return nil
}

// plan runs the planner on the input, matching new cards to contacts in
// a read of the store.
func (r *syncRun) plan(ctx context.Context, in syncplan.Input) (syncplan.Plan, []store.SyncLink, error) {
	var plan syncplan.Plan
	var matchErr error
	err := r.db.Read(ctx, "plan sync", func(tx *store.Tx) error {
		in.NewUID = newUID
		in.Match = func(c kith.Contact) int64 {
			id, err := tx.MatchContact(c)
			if err != nil && matchErr == nil {
				matchErr = err
			}
			return id
		}
		plan = syncplan.Make(in)
		if matchErr != nil {
			return matchErr
		}
		return keepHistories(tx, plan.Local)
	})
	links := make([]store.SyncLink, len(plan.Links))
	for i, l := range plan.Links {
		links[i] = store.SyncLink{UID: l.UID, Href: l.Href, ETag: l.ETag, Base: l.Base}
	}
	return plan, links, err
}

// keepHistories turns the removal of a contact with a history into a
// keep: the server's removing a card does not take coffees and
// introductions with it.
func keepHistories(tx *store.Tx, changes []syncplan.LocalChange) error {
	for i, c := range changes {
		if c.Op != syncplan.Remove {
			continue
		}
		has, err := tx.HasHistory(c.ID)
		if err != nil {
			return err
		}
		if has {
			changes[i].Op = syncplan.Keep
		}
	}
	return nil
}

// newUID makes a random UUID (version 4) for a contact's first card.
func newUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
