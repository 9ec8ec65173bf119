package ical

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"github.com/kith-crm/kith/internal/kith"
)

// A calendar server (CalDAV) holds each entry as a resource of its own:
// one VCALENDAR with one component. kith sync keeps there, one way, each
// planned coffee as the all-day event the file has, and each open
// follow-up as a task (VTODO), the one thing it reads back: a task ticked
// done on the phone is done in kith.

// Object is one calendar resource: its UID and text.
type Object struct {
	UID  string
	Data []byte
}

// TodoObject is an open follow-up as a task due on its day.
func TodoObject(fu kith.Followup, written time.Time) (Object, error) {
	cal := newCalendar("")
	uid := fmt.Sprintf("followup-%d%s", fu.ID, uidDomain)
	todo := cal.AddTodo(uid)
	todo.SetDtStampTime(written)
	todo.SetSequence(sequence(written))
	todo.SetAllDayDueAt(fu.Due.Time(time.UTC))
	todo.SetSummary(oneLine(fu.Contact + ": " + fu.Text))
	todo.SetStatus(ics.ObjectStatusNeedsAction)
	todo.SetDescription(fmt.Sprintf("Done: tick it here, or kith followup done %d", fu.ID))
	todo.AddCategory("kith follow-up")
	return serialize(uid, cal)
}

// EventObject is a planned coffee as the all-day event of its day.
func EventObject(c kith.Coffee, written time.Time) (Object, error) {
	cal := newCalendar("")
	addCoffee(entryAdder(cal, written), c)
	return serialize(fmt.Sprintf("coffee-%d%s", c.ID, uidDomain), cal)
}

func serialize(uid string, cal *ics.Calendar) (Object, error) {
	var b bytes.Buffer
	err := cal.SerializeTo(&b, ics.WithNewLine("\r\n"))
	return Object{UID: uid, Data: b.Bytes()}, err
}

// TodoDone reads a task as a calendar server holds it and reports whether
// it was ticked done (STATUS:COMPLETED, or a COMPLETED time).
func TodoDone(data []byte) (bool, error) {
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		return false, err
	}
	for _, todo := range cal.Todos() {
		if p := todo.GetProperty(ics.ComponentPropertyStatus); p != nil && strings.EqualFold(p.Value, string(ics.ObjectStatusCompleted)) {
			return true, nil
		}
		if p := todo.GetProperty(ics.ComponentPropertyCompleted); p != nil && p.Value != "" {
			return true, nil
		}
	}
	return false, nil
}
