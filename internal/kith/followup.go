package kith

import (
	"sort"
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// FollowupSource says where a stored follow-up came from.
type FollowupSource string

// The sources of a stored follow-up.
const (
	FromUser   FollowupSource = "manual" // followup add
	FromCard   FollowupSource = "card"   // the follow-up idea on a contact's card
	FromCoffee FollowupSource = "coffee" // a coffee's next step
)

// Followup is a dated thing to do for a contact, as stored.
type Followup struct {
	ID        int64
	ContactID int64
	Contact   string // the contact's name
	Text      string
	Due       dates.Date
	Source    FollowupSource
	Snoozed   bool
	DoneAt    *time.Time
	CreatedAt time.Time
}

// Open reports whether the follow-up is still to do.
func (f Followup) Open() bool { return f.DoneAt == nil }

// Status is "open", "snoozed" or "done".
func (f Followup) Status() string {
	switch {
	case !f.Open():
		return "done"
	case f.Snoozed:
		return "snoozed"
	}
	return "open"
}

// ValidateFollowupText trims a follow-up's text and refuses an empty one.
func ValidateFollowupText(text string) (string, error) {
	text = TrimText(text)
	if text == "" {
		return "", Errorf(Invalid, "a follow-up needs text saying what to do").
			WithHint(`e.g. kith followup add ana "send the seminar invite"`)
	}
	return text, nil
}

// CheckFollowupDue refuses a due day before today: a follow-up, new or
// snoozed, is something still to do, so it falls due from today on. The
// caller adds a hint naming its own flags.
func CheckFollowupDue(due, today dates.Date) *Error {
	if due.Before(today) {
		return Errorf(Invalid, "a follow-up is due from today on: %s is before today (%s)", due, today)
	}
	return nil
}

// SameFollowupText reports whether two follow-up texts say the same thing:
// equal once trimmed and folded, so "Send invite " and "send invite" are
// twins.
func SameFollowupText(a, b string) bool {
	return Fold(a) == Fold(b)
}

// DueKind tells a stored follow-up from one a cadence implies.
type DueKind string

// The kinds of due item.
const (
	KindFollowup DueKind = "followup"
	KindCadence  DueKind = "cadence"
)

// StayInTouch is what a cadence item asks the user to do.
const StayInTouch = "stay in touch"

// ItemState is a due item with its status (open, snoozed or done), as
// followup list prints it and as the commands that act on items report
// them.
type ItemState struct {
	DueItem
	Status string `json:"status"`
}

// State returns the follow-up as a due item seen from today, with its
// status.
func (f Followup) State(today dates.Date) ItemState {
	return ItemState{DueItem: f.Item(today), Status: f.Status()}
}

// DueItem is one thing to do, as `followup due` and `followup list` print
// it. A cadence item's ID names its contact (see ItemID).
type DueItem struct {
	ID          ItemID     `json:"id"`
	Kind        DueKind    `json:"kind"`
	ContactID   int64      `json:"contact_id"`
	Contact     string     `json:"contact"`
	What        string     `json:"what"`
	Due         dates.Date `json:"due"`
	OverdueDays int        `json:"overdue_days"`
}

// Item returns the follow-up as a due item seen from today.
func (f Followup) Item(today dates.Date) DueItem {
	return DueItem{ID: FollowupID(f.ID), Kind: KindFollowup, ContactID: f.ContactID, Contact: f.Contact,
		What: f.Text, Due: f.Due, OverdueDays: today.DaysSince(f.Due)}
}

// CadenceItem returns the stay-in-touch item for a contact whose cadence
// falls due on due.
func CadenceItem(contactID int64, contact string, due, today dates.Date) DueItem {
	return DueItem{ID: CadenceID(contactID), Kind: KindCadence, ContactID: contactID, Contact: contact,
		What: StayInTouch, Due: due, OverdueDays: today.DaysSince(due)}
}

// CadenceDue is the day a contact with the given cadence should next hear
// from the user: their last contact plus the cadence, or, if they were
// never contacted, the day they were added plus the cadence.
func CadenceDue(lastContact *dates.Date, added dates.Date, days int) dates.Date {
	base := added
	if lastContact != nil {
		base = *lastContact
	}
	return base.AddDays(days)
}

// CadenceHold is what keeps a contact's stay-in-touch item from falling
// due on their last meeting alone: their latest touch (a message sent,
// kith touch), from which the cadence also counts, and a snooze, before
// which it is not due. Zero dates mean none.
type CadenceHold struct {
	Touched dates.Date
	Until   dates.Date
}

// Apply returns when a stay-in-touch item due on due by the contact's
// meetings falls due with the hold: the latest of that day, the last touch
// plus the cadence, and the snooze.
func (h CadenceHold) Apply(due dates.Date, days int) dates.Date {
	if !h.Touched.IsZero() {
		if t := h.Touched.AddDays(days); t.After(due) {
			due = t
		}
	}
	if h.Until.After(due) {
		due = h.Until
	}
	return due
}

// CadencePolicy says how often to stay in touch with contacts that have no
// cadence of their own: per category, else by default. Zero means never.
type CadencePolicy struct {
	Default    int            // days
	ByCategory map[string]int // folded category → days
}

// For returns the cadence in days for a contact in category whose own
// cadence is own (nil when unset); 0 means no cadence.
func (p CadencePolicy) For(category string, own *int) int {
	if own != nil {
		return *own
	}
	if days, ok := p.ByCategory[Fold(category)]; ok {
		return days
	}
	return p.Default
}

// SortDue sorts items oldest first, in place. It is stable: items due the
// same day keep the order they came in, which the store makes follow-ups
// first, then stay-in-touch items, each by contact name. Due days are few,
// so it counts them instead of comparing items: a long list sorts in
// linear time, without a copy.
func SortDue(items []DueItem) {
	if len(items) < 2 {
		return
	}
	lo, hi := items[0].Due.Ordinal(), items[0].Due.Ordinal()
	for _, it := range items {
		lo, hi = min(lo, it.Due.Ordinal()), max(hi, it.Due.Ordinal())
	}
	if hi-lo > 1<<20 {
		// days centuries apart: fall back to comparing
		sort.SliceStable(items, func(i, j int) bool { return items[i].Due.Before(items[j].Due) })
		return
	}
	// next[d-lo] is where the next item due on day d goes
	next := make([]int32, hi-lo+2)
	for _, it := range items {
		next[it.Due.Ordinal()-lo+1]++
	}
	for d := 1; d < len(next); d++ {
		next[d] += next[d-1]
	}
	// rank[i] is where items[i] belongs; follow the cycles of that
	// permutation, moving each item once
	rank := make([]int32, len(items))
	for i, it := range items {
		d := it.Due.Ordinal() - lo
		rank[i] = next[d]
		next[d]++
	}
	for i := range items {
		for int(rank[i]) != i {
			j := rank[i]
			items[i], items[j] = items[j], items[i]
			rank[i], rank[j] = rank[j], rank[i]
		}
	}
}
