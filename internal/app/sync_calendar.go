package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dav"
	"github.com/kith-crm/kith/internal/ical"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/syncplan"
)

// calendarSync is the calendar part of a sync: kith's open follow-ups as
// tasks and planned coffees as events (syncplan.PlanCalendar).
type calendarSync struct {
	client  *dav.Client
	want    string // the calendar setting
	coll    store.SyncCollection
	objects map[string]ical.Object // by UID: what to write
	plan    syncplan.CalendarPlan
	written []store.SyncEntry
}

// digestTime is the moment every digest is written at, so that a digest
// changes with what an entry says, never with when it is written.
var digestTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// prepare finds the calendar, reads both sides and plans.
func (cs *calendarSync) prepare(ctx context.Context, r *syncRun) error {
	if err := cs.find(ctx, r); err != nil {
		return err
	}
	refs, err := cs.client.List(ctx, cs.coll.Path)
	if err != nil {
		return err
	}
	listed := map[string]string{}
	for _, ref := range refs {
		listed[ref.Path] = ref.ETag
	}
	in := syncplan.CalendarInput{Listed: listed, Done: map[string]bool{},
		Href: entryHref(cs.coll.Path)}
	if err := r.db.Read(ctx, "read the calendar's entries", func(tx *store.Tx) error { return cs.readKith(tx, r, &in) }); err != nil {
		return err
	}
	if err := cs.readDone(ctx, &in); err != nil {
		return err
	}
	cs.plan = syncplan.PlanCalendar(in)
	return nil
}

// entryHref names a new entry in the calendar at path after its UID's
// local part (followup-12@kith is kith-followup-12.ics), a name no
// server needs to escape.
func entryHref(path string) func(uid string) string {
	return func(uid string) string {
		local, _, _ := strings.Cut(uid, "@")
		return path + resourceName("kith-"+local, ".ics")
	}
}

// find takes the calendar the last sync used, or finds it on the server.
func (cs *calendarSync) find(ctx context.Context, r *syncRun) error {
	if ok, err := r.stored(ctx, "calendar", cs.want, &cs.coll); ok || err != nil {
		return err
	}
	principal, err := cs.client.Principal(ctx)
	if err != nil {
		return err
	}
	cal, err := cs.client.Calendar(ctx, principal, cs.want)
	if err != nil {
		return err
	}
	// a calendar's "version" is the components it takes ("" for all)
	cs.coll = store.SyncCollection{Account: r.accountKey(), Kind: "calendar", Wanted: cs.want, Path: cal.Path,
		Version: strings.Join(cal.Components, ",")}
	return nil
}

// readKith reads what kith wants in the calendar, and the links.
func (cs *calendarSync) readKith(tx *store.Tx, r *syncRun, in *syncplan.CalendarInput) error {
	if cs.coll.ID != 0 {
		links, err := tx.SyncEntries(cs.coll.ID)
		if err != nil {
			return err
		}
		for _, l := range links {
			in.Links = append(in.Links, syncplan.EntryLink{UID: l.UID, Href: l.Href, ETag: l.ETag, Digest: l.Digest})
		}
	}
	now := tx.Today().Time(time.UTC)
	add := func(e syncplan.Entry, make func(time.Time) (ical.Object, error)) error {
		obj, err := make(now)
		if err != nil {
			return err
		}
		plain, err := make(digestTime)
		sum := sha256.Sum256(plain.Data)
		e.UID, e.Digest = obj.UID, hex.EncodeToString(sum[:])
		cs.objects[obj.UID] = obj
		in.Want = append(in.Want, e)
		return err
	}
	takes := func(comp string) bool {
		return cs.coll.Version == "" || strings.Contains(strings.ToUpper(cs.coll.Version), comp)
	}
	if !takes("VTODO") {
		r.note("the calendar " + cs.coll.Path + " takes no tasks (VTODO): follow-ups are not synced; set sync.calendar to one that does")
	} else {
		fus, err := tx.OpenFollowups()
		if err != nil {
			return err
		}
		for _, fu := range fus {
			if err := add(syncplan.Entry{ID: fu.ID, Todo: true, Label: fu.Contact + ": " + fu.Text},
				func(t time.Time) (ical.Object, error) { return ical.TodoObject(fu, t) }); err != nil {
				return err
			}
		}
	}
	if !takes("VEVENT") {
		r.note("the calendar " + cs.coll.Path + " takes no events (VEVENT): planned coffees are not synced")
		return nil
	}
	today := tx.Today()
	plans, err := tx.PlannedCoffees(today.AddDays(plannedAhead))
	if err != nil {
		return err
	}
	for _, c := range plans {
		if c.On.Before(today) {
			continue // its day passed: for kith today to ask about, not a calendar
		}
		if err := add(syncplan.Entry{ID: c.ID, Label: c.On.String() + " " + ical.MeetingSummary(c)},
			func(t time.Time) (ical.Object, error) { return ical.EventObject(c, t) }); err != nil {
			return err
		}
	}
	return nil
}

// plannedAhead is how far ahead planned coffees are kept in the calendar.
const plannedAhead = 3660

// readDone reads the tasks the server changed since kith wrote them, to
// learn which were ticked done.
func (cs *calendarSync) readDone(ctx context.Context, in *syncplan.CalendarInput) error {
	var hrefs []string
	uidAt := map[string]string{}
	for _, l := range in.Links {
		if etag, ok := in.Listed[l.Href]; ok && etag != l.ETag {
			hrefs = append(hrefs, l.Href)
			uidAt[l.Href] = l.UID
		}
	}
	if len(hrefs) == 0 {
		return nil
	}
	objs, err := cs.client.Fetch(ctx, cs.coll.Path, hrefs, true)
	if err != nil {
		return err
	}
	for _, o := range objs {
		if done, err := ical.TodoDone(o.Data); err == nil && done && !o.Missing {
			in.Done[uidAt[o.Path]] = true
		}
	}
	return nil
}

// describe adds the plan to the report.
func (cs *calendarSync) describe(r *syncRun) {
	words := map[string]string{syncplan.Create: "add", syncplan.Update: "change", syncplan.Remove: "remove"}
	for _, c := range cs.plan.Server {
		r.report.CalendarSide = append(r.report.CalendarSide, SyncChange{Op: words[c.Op], Name: c.Entry.Label})
	}
	for _, e := range cs.plan.Done {
		r.report.Kith = append(r.report.Kith, SyncChange{Op: "done", Name: e.Label})
	}
}

// writeServer makes the plan's changes to the calendar, each only over
// the version listed.
func (cs *calendarSync) writeServer(ctx context.Context) error {
	for _, c := range cs.plan.Server {
		if c.Op == syncplan.Remove {
			if err := cs.client.Delete(ctx, c.Href, c.ETag); err != nil {
				return err
			}
			continue
		}
		etag, err := cs.client.Put(ctx, c.Href, "text/calendar", cs.objects[c.Entry.UID].Data, c.ETag)
		if err != nil {
			return err
		}
		cs.written = append(cs.written, store.SyncEntry{UID: c.Entry.UID, Href: c.Href, ETag: etag, Digest: c.Entry.Digest})
	}
	return nil
}

// writeKith marks done what was ticked on the server and keeps the
// calendar's state, in the sync's transaction.
func (cs *calendarSync) writeKith(tx *store.Tx, token string) error {
	coll := cs.coll
	coll.Token = token
	id, err := tx.SaveSyncCollection(coll)
	if err != nil {
		return err
	}
	for _, e := range cs.plan.Done {
		if err := tx.FollowupDone(e.ID); err != nil {
			return err
		}
	}
	for _, uid := range cs.plan.Drop {
		if err := tx.DropSyncEntry(id, uid); err != nil {
			return err
		}
	}
	for _, l := range cs.plan.Links {
		if err := tx.SaveSyncEntry(id, store.SyncEntry{UID: l.UID, Href: l.Href, ETag: l.ETag, Digest: l.Digest}); err != nil {
			return err
		}
	}
	for _, e := range cs.written {
		if err := tx.SaveSyncEntry(id, e); err != nil {
			return err
		}
	}
	return nil
}
