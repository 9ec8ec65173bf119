package ical

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func TestTodoObject(t *testing.T) {
	due, _ := dates.ParseISO("2026-03-04")
	written := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	obj, err := TodoObject(kith.Followup{ID: 7, Contact: "Ana Lima", Text: "send the deck", Due: due}, written)
	require.NoError(t, err)
	text := string(obj.Data)
	assert.Equal(t, "followup-7@kith", obj.UID)
	for _, want := range []string{"BEGIN:VTODO\r\n", "UID:followup-7@kith\r\n", "DUE;VALUE=DATE:20260304\r\n", "SUMMARY:Ana Lima: send the deck\r\n", "STATUS:NEEDS-ACTION\r\n"} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "METHOD", "a stored resource is no message")
	done, err := TodoDone(obj.Data)
	require.NoError(t, err)
	assert.False(t, done)
	ticked := strings.Replace(text, "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20260303T080000Z", 1)
	done, err = TodoDone([]byte(ticked))
	require.NoError(t, err)
	assert.True(t, done)
	_, err = TodoDone([]byte("not a calendar"))
	assert.Error(t, err)
}

func TestEventObject(t *testing.T) {
	on, _ := dates.ParseISO("2026-03-05")
	obj, err := EventObject(kith.Coffee{ID: 3, Kind: kith.KindCoffee, On: on, Place: "Blue Bottle",
		Contacts: []kith.ContactRef{{Name: "Bo Chen"}}}, time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	require.NoError(t, err)
	assert.Equal(t, "coffee-3@kith", obj.UID)
	assert.Contains(t, string(obj.Data), "DTSTART;VALUE=DATE:20260305\r\n")
	assert.Contains(t, string(obj.Data), "LOCATION:Blue Bottle\r\n")
}
