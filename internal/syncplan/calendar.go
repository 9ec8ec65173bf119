package syncplan

// A calendar sync is one way, but for one thing: kith keeps its open
// follow-ups (as tasks) and planned coffees (as events) in a calendar,
// rewriting an entry when it changes in kith and removing it when it is
// done, held, cancelled or gone; the one thing read back is a task ticked
// done on the server, which marks the follow-up done in kith. An entry
// removed on the server is not put back until it changes in kith: kith
// does not fight the person who cleared it.

// Entry is a calendar entry kith wants on the server.
type Entry struct {
	UID    string
	ID     int64  // the follow-up's or the coffee's
	Todo   bool   // a follow-up's task
	Label  string // what it is, for the report
	Digest string // of its text, to tell when it changed
}

// EntryLink is what kith last wrote of an entry (store.SyncEntry).
type EntryLink struct {
	UID, Href, ETag, Digest string
}

// CalendarInput is what a calendar sync knows when it plans.
type CalendarInput struct {
	Want  []Entry
	Links []EntryLink
	// Listed is the calendar as the server lists it: href → ETag.
	Listed map[string]string
	// Done are the UIDs of tasks the server holds ticked done.
	Done map[string]bool
	// Href is where a new entry goes.
	Href func(uid string) string
}

// EntryChange is a change to the calendar: Create (If-None-Match),
// Update (If-Match ETag) or Remove (If-Match ETag).
type EntryChange struct {
	Op    string
	Entry Entry
	Href  string
	ETag  string
}

// CalendarPlan is what a calendar sync changes: on the server, in kith
// (follow-ups to mark done), and in the links (kept as they are, or
// dropped; those of entries written come from the server's answers).
type CalendarPlan struct {
	Server []EntryChange
	Done   []Entry
	Links  []EntryLink
	Drop   []string
}

// PlanCalendar plans a calendar sync.
func PlanCalendar(in CalendarInput) CalendarPlan {
	var p CalendarPlan
	want := map[string]Entry{}
	for _, e := range in.Want {
		want[e.UID] = e
	}
	linked := map[string]bool{}
	for _, l := range in.Links {
		linked[l.UID] = true
		e, wanted := want[l.UID]
		etag, listed := in.Listed[l.Href]
		switch {
		case l.Href == "" || !listed:
			p.removedOnServer(l, e, wanted, in.Href(l.UID))
		case in.Done[l.UID]:
			if wanted && e.Todo {
				p.Done = append(p.Done, e)
			}
			p.Drop = append(p.Drop, l.UID) // the ticked task stays there, as the phone shows it
		case !wanted:
			p.Server = append(p.Server, EntryChange{Op: Remove, Entry: Entry{UID: l.UID}, Href: l.Href, ETag: etag})
			p.Drop = append(p.Drop, l.UID)
		case e.Digest != l.Digest || etag != l.ETag:
			p.Server = append(p.Server, EntryChange{Op: Update, Entry: e, Href: l.Href, ETag: etag})
		}
	}
	for _, e := range in.Want {
		if linked[e.UID] {
			continue
		}
		href := in.Href(e.UID)
		if etag, ok := in.Listed[href]; ok {
			// written by a sync that failed before kith kept its link
			p.Server = append(p.Server, EntryChange{Op: Update, Entry: e, Href: href, ETag: etag})
			continue
		}
		p.Server = append(p.Server, EntryChange{Op: Create, Entry: e, Href: href})
	}
	return p
}

// removedOnServer settles an entry the server no longer holds: written
// again only if it changed in kith since.
func (p *CalendarPlan) removedOnServer(l EntryLink, e Entry, wanted bool, href string) {
	switch {
	case !wanted:
		p.Drop = append(p.Drop, l.UID)
	case e.Digest != l.Digest:
		p.Server = append(p.Server, EntryChange{Op: Create, Entry: e, Href: href})
	default:
		p.Links = append(p.Links, EntryLink{UID: l.UID, Digest: l.Digest})
	}
}
