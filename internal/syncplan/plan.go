package syncplan

import (
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// Card is a card read from the server that holds a person.
type Card struct {
	Href, ETag, UID string
	Contact         kith.Contact
	// Changed is when the card says it last changed (REV), or the server
	// does (zero when neither says).
	Changed time.Time
}

// Link is what the last sync left for one card (store.SyncLink).
type Link struct {
	UID, Href, ETag string
	Base            kith.Contact
}

// Local is one of kith's contacts; UID is "" until its first sync.
type Local struct {
	UID     string
	Contact kith.Contact
}

// Input is what a sync knows when it plans.
type Input struct {
	Links  []Link
	Locals []Local
	// Cards are the cards the server changed since the last sync (or all
	// of them, when Full) that kith read and that hold people.
	Cards []Card
	// Deleted are the hrefs the server removed since the last sync.
	Deleted []string
	// Full says Cards is the whole collection; then Listed holds every
	// href in it (cards left alone included), and a linked card not
	// listed is gone.
	Full   bool
	Listed map[string]bool
	// Match finds the contact a card's person is, among kith's contacts,
	// by contact import's rules; 0 when there is none.
	Match func(c kith.Contact) int64
	// NewUID gives a contact that has none its card's UID.
	NewUID func() string
}

// What a change does.
const (
	Create = "create"
	Update = "update"
	Remove = "remove"
	// Keep is a Remove the runner turns down: the contact has a history
	// kith keeps, so it is archived, off the server until it changes.
	Keep = "keep"
)

// LocalChange is a change to kith's contacts.
type LocalChange struct {
	Op  string // Create, Update, Remove or Keep
	UID string
	// ID is the contact's (0 for Create); Contact its fields after.
	ID      int64
	Contact kith.Contact
	// Fields are the keys of the fields an update changes; an update
	// without any only gives the contact its card's UID, or notes.
	Fields []string
	// Notes are dated notes to add: the values conflicts did not keep.
	Notes []string
}

// RemoteChange is a change to the server's cards.
type RemoteChange struct {
	Op   string // Create (PUT If-None-Match), Update (PUT If-Match) or Remove
	UID  string
	Href string // for Create, "" until the runner names it
	ETag string // the version replaced or removed
	// Contact is what a Create or Update writes.
	Contact kith.Contact
	Fields  []string
}

// Plan is what a sync changes. Links are the links of cards read and not
// written back; a card written gets its link from what the server
// answers, and a local Remove's link is dropped, or kept without a card
// for a contact kept for its history. Drop lists the UIDs whose links go.
type Plan struct {
	Local     []LocalChange
	Remote    []RemoteChange
	Links     []Link
	Drop      []string
	Conflicts []Conflict
}

// changedFields lists the keys of the Changeable fields a and b differ in.
func changedFields(a, b kith.Contact) []string {
	var keys []string
	for _, f := range kith.ContactFields {
		if f.Changeable() && !f.Same(&a, &b) {
			keys = append(keys, f.Key)
		}
	}
	return keys
}

// planner holds the indexes one Make builds.
type planner struct {
	in      Input
	plan    Plan
	linkBy  map[string]*Link  // by UID
	hrefUID map[string]string // href → UID of its link
	local   map[string]*Local // by UID
	byID    map[int64]*Local
	done    map[string]bool // UIDs settled
	usedIDs map[int64]bool  // contacts matched to a card
}

// Make plans a sync.
func Make(in Input) Plan {
	p := &planner{in: in, linkBy: map[string]*Link{}, hrefUID: map[string]string{}, local: map[string]*Local{},
		byID: map[int64]*Local{}, done: map[string]bool{}, usedIDs: map[int64]bool{}}
	for i := range in.Links {
		l := &in.Links[i]
		p.linkBy[l.UID] = l
		if l.Href != "" {
			p.hrefUID[l.Href] = l.UID
		}
	}
	for i := range in.Locals {
		l := &in.Locals[i]
		p.byID[l.Contact.ID] = l
		if l.UID != "" {
			p.local[l.UID] = l
		}
	}
	for _, c := range in.Cards {
		p.card(c)
	}
	for _, href := range in.Deleted {
		if uid, ok := p.hrefUID[href]; ok && !p.done[uid] {
			p.goneFromServer(*p.linkBy[uid])
		}
	}
	for _, l := range in.Links {
		if p.done[l.UID] {
			continue
		}
		if in.Full && l.Href != "" && !in.Listed[l.Href] {
			p.goneFromServer(l)
			continue
		}
		p.unchangedOnServer(l)
	}
	for i := range in.Locals {
		p.newInKith(&in.Locals[i])
	}
	return p.plan
}

// card settles a card the server changed.
func (p *planner) card(c Card) {
	uid := c.UID
	link := p.linkBy[uid]
	if u, ok := p.hrefUID[c.Href]; ok && link == nil {
		uid, link = u, p.linkBy[u] // the card's UID changed: it is still the card kith knows
	}
	if link == nil {
		p.newOnServer(c)
		return
	}
	p.done[uid] = true
	local := p.local[uid]
	if local == nil {
		// removed in kith but changed on the server: the change wins
		p.addLocal(LocalChange{Op: Create, UID: uid, Contact: c.Contact})
		p.link(uid, c.Href, c.ETag, c.Contact)
		return
	}
	p.usedIDs[local.Contact.ID] = true
	p.reconcile(uid, local, link.Base, c)
}

// reconcile merges a contact and its card, which changed on the server,
// from base, and writes whatever side lacks the result.
func (p *planner) reconcile(uid string, local *Local, base kith.Contact, c Card) {
	out, conflicts := Merge(base, local.Contact, c.Contact, local.Contact.UpdatedAt, c.Changed)
	p.plan.Conflicts = append(p.plan.Conflicts, conflicts...)
	var notes []string
	for _, cf := range conflicts {
		notes = append(notes, ConflictNote(cf))
	}
	if fields := changedFields(local.Contact, out); len(fields) > 0 || local.UID != uid || len(notes) > 0 {
		p.addLocal(LocalChange{Op: Update, UID: uid, ID: local.Contact.ID, Contact: out, Fields: fields, Notes: notes})
	}
	if fields := changedFields(c.Contact, out); len(fields) > 0 {
		p.addRemote(RemoteChange{Op: Update, UID: uid, Href: c.Href, ETag: c.ETag, Contact: out, Fields: fields})
		return
	}
	p.link(uid, c.Href, c.ETag, c.Contact)
}

// newOnServer settles a card kith has no link for: the same UID as a
// contact's, a match by the import's rules, or a new contact.
func (p *planner) newOnServer(c Card) {
	p.done[c.UID] = true
	local := p.local[c.UID]
	if local == nil && p.in.Match != nil {
		if id := p.in.Match(c.Contact); id != 0 && !p.usedIDs[id] {
			if l := p.byID[id]; l != nil && (l.UID == "" || p.linkBy[l.UID] == nil && !p.done[l.UID]) {
				local = l
			}
		}
	}
	if local == nil {
		p.addLocal(LocalChange{Op: Create, UID: c.UID, Contact: c.Contact})
		p.link(c.UID, c.Href, c.ETag, c.Contact)
		return
	}
	p.usedIDs[local.Contact.ID] = true
	if local.UID != "" {
		p.done[local.UID] = true
	}
	p.reconcile(c.UID, local, kith.Contact{}, c)
}

// goneFromServer settles a linked card the server removed.
func (p *planner) goneFromServer(l Link) {
	p.done[l.UID] = true
	local := p.local[l.UID]
	switch {
	case local == nil:
		p.plan.Drop = append(p.plan.Drop, l.UID)
	case kith.SameContact(local.Contact, l.Base):
		p.usedIDs[local.Contact.ID] = true
		p.addLocal(LocalChange{Op: Remove, UID: l.UID, ID: local.Contact.ID, Contact: local.Contact})
	default:
		// changed in kith since: the change wins, as a new card
		p.usedIDs[local.Contact.ID] = true
		p.addRemote(RemoteChange{Op: Create, UID: l.UID, Contact: local.Contact, Fields: changedFields(l.Base, local.Contact)})
	}
}

// unchangedOnServer settles a linked card the server did not change.
func (p *planner) unchangedOnServer(l Link) {
	p.done[l.UID] = true
	local := p.local[l.UID]
	switch {
	case local == nil && l.Href == "":
		p.plan.Drop = append(p.plan.Drop, l.UID)
	case local == nil:
		p.addRemote(RemoteChange{Op: Remove, UID: l.UID, Href: l.Href, ETag: l.ETag, Contact: l.Base})
		p.plan.Drop = append(p.plan.Drop, l.UID)
	case kith.SameContact(local.Contact, l.Base):
		p.usedIDs[local.Contact.ID] = true
	case l.Href == "":
		p.usedIDs[local.Contact.ID] = true
		p.addRemote(RemoteChange{Op: Create, UID: l.UID, Contact: local.Contact, Fields: changedFields(l.Base, local.Contact)})
	default:
		p.usedIDs[local.Contact.ID] = true
		p.addRemote(RemoteChange{Op: Update, UID: l.UID, Href: l.Href, ETag: l.ETag, Contact: local.Contact,
			Fields: changedFields(l.Base, local.Contact)})
	}
}

// newInKith settles a contact with no card yet.
func (p *planner) newInKith(l *Local) {
	if p.usedIDs[l.Contact.ID] {
		return
	}
	p.usedIDs[l.Contact.ID] = true
	uid := l.UID
	if uid == "" {
		uid = p.in.NewUID()
		p.addLocal(LocalChange{Op: Update, UID: uid, ID: l.Contact.ID, Contact: l.Contact})
	}
	p.done[uid] = true
	p.addRemote(RemoteChange{Op: Create, UID: uid, Contact: l.Contact})
}

func (p *planner) addLocal(c LocalChange) { p.plan.Local = append(p.plan.Local, c) }

func (p *planner) addRemote(c RemoteChange) { p.plan.Remote = append(p.plan.Remote, c) }

// link keeps a card's link as the sync leaves it.
func (p *planner) link(uid, href, etag string, base kith.Contact) {
	p.plan.Links = append(p.plan.Links, Link{UID: uid, Href: href, ETag: etag, Base: base})
}
