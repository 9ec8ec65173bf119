// Package syncplan decides what a contacts sync does: given kith's
// contacts, the cards that changed on the server and what the last sync
// left (each card's base), it says what to change on each side. It is
// pure: no database, no network (internal/app runs the plan).
package syncplan

import (
	"fmt"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// Side is where a change was made.
type Side string

// The two sides of a sync.
const (
	Kith   Side = "kith"
	Server Side = "server"
)

// Conflict is a field both sides changed to different values since the
// last sync: the later change was kept, and the other is in the notes.
type Conflict struct {
	Name  string `json:"name"`  // the contact's
	Field string `json:"field"` // its key, such as title
	Kept  string `json:"kept"`
	Lost  string `json:"lost"`
	// Winner is the side whose value was kept.
	Winner Side `json:"winner"`
}

// Merge merges two versions of a contact changed since base: a field one
// side changed takes that side's value; list fields (emails, phones,
// tags, dates that matter) take both sides' additions and removals; notes
// changed on both sides keep both texts; any other field both changed
// keeps the later change (kithAt, serverAt), and the conflict says what
// the other value was (ConflictNote: the runner keeps it as a dated note,
// so nothing is lost).
func Merge(base, local, remote kith.Contact, kithAt, serverAt time.Time) (kith.Contact, []Conflict) {
	out := local
	var conflicts []Conflict
	for _, f := range kith.ContactFields {
		if !f.Changeable() {
			continue
		}
		localChanged, remoteChanged := !f.Same(&base, &local), !f.Same(&base, &remote)
		switch {
		case !remoteChanged || f.Same(&local, &remote):
		case !localChanged:
			f.Set(&out, &remote)
		case f.IsList():
			f.SetList(&out, mergeList(f, f.List(&base), f.List(&local), f.List(&remote)))
		case f.Key == "notes":
			out.Notes = joinNotes(local.Notes, remote.Notes)
		default:
			winner, loser, side := &local, &remote, Kith
			if serverAt.After(kithAt) {
				winner, loser, side = &remote, &local, Server
			}
			f.Set(&out, winner)
			conflicts = append(conflicts, Conflict{Name: out.Name, Field: f.Key, Kept: f.Text(winner), Lost: f.Text(loser), Winner: side})
		}
	}
	for i := range conflicts {
		conflicts[i].Name = out.Name
	}
	return out, conflicts
}

// ConflictNote is the note that keeps a conflict's losing value.
func ConflictNote(c Conflict) string {
	loser := Server
	if c.Winner == Server {
		loser = Kith
	}
	lost := c.Lost
	if lost == "" {
		lost = "(empty)"
	}
	return fmt.Sprintf("sync: %s was %q in %s; kept %q, changed later in %s",
		strings.ReplaceAll(c.Field, "_", " "), lost, loser, c.Kept, c.Winner)
}

// joinNotes keeps both texts, once each.
func joinNotes(a, b string) string {
	switch {
	case b == "" || strings.Contains(a, b):
		return a
	case a == "" || strings.Contains(b, a):
		return b
	}
	return a + "\n" + b
}

// mergeList merges a list field's values: local's, without those the
// server removed, then the server's additions.
func mergeList(f kith.ContactField, base, local, remote []string) []string {
	has := func(list []string, v string) bool {
		for _, x := range list {
			if f.SameValue(x, v) {
				return true
			}
		}
		return false
	}
	out := []string{}
	for _, v := range local {
		if has(base, v) && !has(remote, v) {
			continue // removed on the server
		}
		out = append(out, v)
	}
	for _, v := range remote {
		if !has(base, v) && !has(out, v) {
			out = append(out, v)
		}
	}
	return out
}
