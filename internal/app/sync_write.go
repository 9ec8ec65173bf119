package app

import (
	"context"
	"net/url"
	"regexp"
	"sync"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/syncplan"
)

// describe lists the plan's changes on each side for the report.
func (r *syncRun) describe(plan syncplan.Plan) {
	words := map[string]string{syncplan.Create: "add", syncplan.Update: "change", syncplan.Remove: "remove", syncplan.Keep: "archive"}
	for _, c := range plan.Local {
		if c.Op == syncplan.Update && len(c.Fields) == 0 {
			continue // only the card's UID, nothing a person would call a change
		}
		r.report.Kith = append(r.report.Kith, SyncChange{Op: words[c.Op], Name: c.Contact.Name, Fields: c.Fields})
	}
	for _, c := range plan.Remote {
		r.report.ServerSide = append(r.report.ServerSide, SyncChange{Op: words[c.Op], Name: c.Contact.Name, Fields: c.Fields})
	}
	r.report.Conflicts = append(r.report.Conflicts, plan.Conflicts...)
}

// writeServer makes the plan's changes to the server's cards, each only
// over the version kith read (If-Match), and returns the links of the
// cards it wrote. It stops at the first failure: kith is then unchanged,
// and the next sync reads back what was written.
func (r *syncRun) writeServer(ctx context.Context, plan syncplan.Plan) ([]store.SyncLink, error) {
	if err := r.readCardsToWrite(ctx, plan.Remote); err != nil {
		return nil, err
	}
	var links []store.SyncLink
	for _, c := range plan.Remote {
		if c.Op == syncplan.Remove {
			if err := r.client.Delete(ctx, c.Href, c.ETag); err != nil {
				return nil, err
			}
			continue
		}
		data, err := importer.SyncCard(c.Contact, c.UID, r.coll.Version)
		if prev := r.cards[c.Href]; c.Op == syncplan.Update && prev != nil {
			data, err = importer.SyncCardOver(c.Contact, c.UID, prev)
		}
		if err != nil {
			return nil, err
		}
		href, etag := c.Href, c.ETag
		if c.Op == syncplan.Create {
			href, etag = r.coll.Path+resourceName(c.UID, ".vcf"), ""
		}
		if etag, err = r.client.Put(ctx, href, "text/vcard", data, etag); err != nil {
			return nil, err
		}
		base, err := importer.ReadSyncCard(data, href)
		if err == nil {
			err = base.Contact.Normalize()
		}
		if err != nil {
			return nil, err
		}
		links = append(links, store.SyncLink{UID: c.UID, Href: href, ETag: etag, Base: base.Contact})
	}
	return links, nil
}

// readCardsToWrite reads the cards kith is about to change that the sync
// has not read (changed in kith only), so that what kith does not hold
// of them stays: a batch of requests for all of them.
func (r *syncRun) readCardsToWrite(ctx context.Context, changes []syncplan.RemoteChange) error {
	var hrefs []string
	for _, c := range changes {
		if c.Op == syncplan.Update && r.cards[c.Href] == nil {
			hrefs = append(hrefs, c.Href)
		}
	}
	if len(hrefs) == 0 {
		return nil
	}
	objs, err := r.client.Fetch(ctx, r.coll.Path, hrefs, false)
	for _, o := range objs {
		if !o.Missing {
			r.cards[o.Path] = o.Data
		}
	}
	return err
}

// safeName is a UID that can be a file name on any server as it is, up
// to 201 characters (checked apart: a bounded repeat in the expression
// compiles to a state per character, which every kith command paid for
// at start-up).
var safeName = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]*$`) })

// resourceName is the name of a new card or calendar entry: its UID,
// escaped when it holds anything a path should not, and ext.
func resourceName(uid, ext string) string {
	if len(uid) > 201 || !safeName().MatchString(uid) {
		uid = url.PathEscape(uid)
	}
	return uid + ext
}

// writeKith makes the plan's changes to kith's contacts and keeps the
// sync's state, in one transaction: the sync's journal entry.
func (r *syncRun) writeKith(ctx context.Context, plan syncplan.Plan, links []store.SyncLink) error {
	return r.db.Write(ctx, "sync", func(tx *store.Tx) error {
		coll := r.coll
		coll.Token = r.token
		id, err := tx.SaveSyncCollection(coll)
		if err != nil {
			return err
		}
		for _, c := range plan.Local {
			switch c.Op {
			case syncplan.Keep:
				links = append(links, store.SyncLink{UID: c.UID, Base: c.Contact})
			case syncplan.Remove:
				plan.Drop = append(plan.Drop, c.UID)
			}
			if err := applyLocal(tx, c); err != nil {
				return err
			}
		}
		for _, uid := range plan.Drop {
			if err := tx.DropSyncLink(id, uid); err != nil {
				return err
			}
		}
		for _, l := range links {
			if err := tx.SaveSyncLink(id, l); err != nil {
				return err
			}
		}
		if r.cal != nil {
			return r.cal.writeKith(tx, "")
		}
		return nil
	})
}

// applyLocal makes one change to kith's contacts.
func applyLocal(tx *store.Tx, c syncplan.LocalChange) error {
	switch c.Op {
	case syncplan.Keep:
		if on, err := tx.ArchivedOn(c.ID); err != nil || on != nil {
			return err
		}
		return tx.SetArchived(c.ID, true)
	case syncplan.Create:
		added, err := tx.AddContact(c.Contact)
		if err != nil {
			return err
		}
		return tx.SetContactUID(added.ID, c.UID)
	case syncplan.Remove:
		return tx.RemoveContact(c.ID)
	}
	for _, note := range c.Notes {
		if _, err := tx.AddNote(c.ID, tx.Today(), note); err != nil {
			return err
		}
	}
	if len(c.Fields) > 0 {
		if _, err := tx.UpdateContact(c.ID, func(stored *kith.Contact) error {
			for _, f := range kith.ContactFields {
				if f.Changeable() {
					f.Set(stored, &c.Contact)
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	return tx.SetContactUID(c.ID, c.UID)
}
