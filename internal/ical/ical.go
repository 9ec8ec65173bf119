// Package ical writes kith's dates as an iCalendar file (RFC 5545) that
// Google Calendar, Apple Calendar and Thunderbird import: follow-ups due,
// planned coffees, and the yearly birthdays and anniversaries.
//
// Every entry is an all-day VEVENT, follow-ups included. A VTODO would be
// the RFC's word for a thing to do, but Google Calendar's import drops
// VTODOs, Apple Calendar sends them to Reminders or nowhere, and only
// Thunderbird shows both; an all-day event shows everywhere, on its day,
// marked free (TRANSP:TRANSPARENT) so it books no time.
//
// Each entry has a UID made from the record's id, so importing a newer
// file again updates the entries already imported instead of adding
// twins; and every entry of a file carries a SEQUENCE taken from the
// moment it was written, so a calendar holding an older copy takes the
// newer one as the later revision. The library (golang-ical) escapes text
// and folds lines at 75 octets, as the RFC asks.
package ical

import (
	"fmt"
	"io"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Entries are what a calendar file holds.
type Entries struct {
	Due     []kith.DueItem         // follow-ups and stay-in-touch items, on their due days
	Coffees []kith.Coffee          // planned coffees, on their days
	Dates   []kith.DateThatMatters // birthdays and anniversaries, every year
	// Written is when the file is written: each entry's DTSTAMP, and its
	// SEQUENCE (seconds since 2000), so a later file is a later revision.
	Written time.Time
}

// uidDomain ends every UID, as RFC 5545 suggests, so kith's entries do
// not collide with others in the same calendar.
const uidDomain = "@kith"

// sequenceEpoch is where SEQUENCE counts seconds from: a small number
// that grows with each file written.
var sequenceEpoch = time.Date(2000, time.January, 1, 0, 0, 0, 0, time.UTC)

// Write writes e as one VCALENDAR to w.
func Write(w io.Writer, e Entries) error {
	cal := newCalendar(ics.MethodPublish)
	add := entryAdder(cal, e.Written)
	for _, it := range e.Due {
		ev := add("followup-"+it.ID.String(), it.Due, it.Contact+": "+it.What)
		ev.SetDescription(fmt.Sprintf("Done: kith followup done %s\nLater: kith followup snooze %s --for 1w", it.ID, it.ID))
		ev.AddCategory("kith follow-up")
	}
	for _, c := range e.Coffees {
		addCoffee(add, c)
	}
	for _, d := range e.Dates {
		if err := addYearly(add, d); err != nil {
			return err
		}
	}
	return cal.SerializeTo(w, ics.WithNewLine("\r\n"))
}

// newCalendar is an empty calendar named kith: a file to import is
// published (METHOD:PUBLISH); a resource stored on a server has no METHOD
// ("").
func newCalendar(method ics.Method) *ics.Calendar {
	cal := ics.NewCalendarFor("kith")
	cal.SetProductId("-//kith//kith calendar//EN")
	cal.SetCalscale("GREGORIAN")
	if method != "" {
		cal.SetMethod(method)
	}
	cal.SetXWRCalName("kith")
	return cal
}

// entryAdder returns how entries are added to cal: an all-day event on
// its day, marked free, stamped and sequenced with written.
func entryAdder(cal *ics.Calendar, written time.Time) func(uid string, day dates.Date, summary string) *ics.VEvent {
	seq := sequence(written)
	return func(uid string, day dates.Date, summary string) *ics.VEvent {
		ev := cal.AddEvent(uid + uidDomain)
		ev.SetDtStampTime(written)
		ev.SetSequence(seq)
		start := day.Time(time.UTC)
		ev.SetAllDayStartAt(start)
		ev.SetAllDayEndAt(start.AddDate(0, 0, 1))
		ev.SetTimeTransparency(ics.TransparencyTransparent)
		ev.SetSummary(oneLine(summary))
		return ev
	}
}

// sequence is the SEQUENCE of what is written at written.
func sequence(written time.Time) int { return int(written.Sub(sequenceEpoch) / time.Second) }

// addCoffee adds a planned coffee as an event on its day.
func addCoffee(add func(string, dates.Date, string) *ics.VEvent, c kith.Coffee) {
	ev := add(fmt.Sprintf("coffee-%d", c.ID), c.On, MeetingSummary(c))
	if c.Place != "" {
		ev.SetLocation(oneLine(c.Place))
	}
	ev.SetDescription(coffeeDescription(c))
	ev.AddCategory("kith coffee")
}

// addYearly adds a birthday or anniversary as an event every year, from
// the day itself when its year is known (from 2000 when not). 29 February
// comes on the last day of February, 28 February in a common year, as
// kith counts it everywhere.
func addYearly(add func(string, dates.Date, string) *ics.VEvent, d kith.DateThatMatters) error {
	first, feb29, err := firstOccurrence(d.Day)
	if err != nil {
		return fmt.Errorf("contact %d: %s %q: %w", d.Contact.ID, d.Label, d.Day, err)
	}
	uid, summary, category := fmt.Sprintf("birthday-%d", d.Contact.ID), d.Contact.Name+"'s birthday", "kith birthday"
	if d.Label != kith.BirthdayLabel {
		uid = fmt.Sprintf("anniversary-%d-%s", d.Contact.ID, strings.ToLower(d.Label))
		summary, category = d.Contact.Name+": "+d.Label+" anniversary", "kith anniversary"
	}
	ev := add(uid, first, summary)
	rule := "FREQ=YEARLY"
	if feb29 {
		rule += ";BYMONTH=2;BYMONTHDAY=-1"
	}
	ev.AddRrule(rule)
	ev.AddCategory(category)
	return nil
}

// firstOccurrence reads a stored day (YYYY-MM-DD or --MM-DD) as the first
// day of its yearly series, and whether it is 29 February.
func firstOccurrence(day string) (dates.Date, bool, error) {
	iso := day
	if rest, ok := strings.CutPrefix(day, "--"); ok {
		iso = "2000-" + rest // a leap year, so 29 February is a day
	}
	d, err := dates.ParseISO(iso)
	return d, strings.HasSuffix(day, "-02-29"), err
}

// MeetingSummary names a planned meeting: "Coffee with Ana Lima, Bo Chen".
func MeetingSummary(c kith.Coffee) string {
	names := make([]string, len(c.Contacts))
	for i, p := range c.Contacts {
		names[i] = p.Name
	}
	kind := string(c.Kind)
	return strings.ToUpper(kind[:1]) + kind[1:] + " with " + strings.Join(names, ", ")
}

// coffeeDescription is a planned meeting's topic and notes, then how to
// log it as held.
func coffeeDescription(c kith.Coffee) string {
	var b strings.Builder
	for _, s := range []string{c.Topic, c.Notes} {
		// the library escapes line feeds; a CR alone is not allowed
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
		if s = strings.TrimSpace(s); s != "" {
			b.WriteString(s + "\n")
		}
	}
	fmt.Fprintf(&b, "Held: kith coffee held %d\nDid not happen: kith coffee cancel %d", c.ID, c.ID)
	return b.String()
}

// oneLine makes a text one line: a summary or place is shown on one, and
// a bare CR is not allowed in a content line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
