package kith

import (
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// Note is a dated note about a contact. Notes only grow: kith note and
// contact edit --note add one, and no command rewrites or replaces one.
type Note struct {
	ID        int64      `json:"id"`
	Contact   ContactRef `json:"contact"`
	On        dates.Date `json:"date"`
	Text      string     `json:"text"`
	CreatedAt time.Time  `json:"created_at"`
}

// NoteOf cleans and checks the text of a new note: line breaks written as
// LF, trimmed, not empty, and a value kith stores (CheckValue).
func NoteOf(s string) (string, error) {
	text := TrimText(NoteText(s))
	if text == "" {
		return "", Errorf(Invalid, "the note is empty").WithHint("write what you want to remember, e.g. kith note ana \"asked about the Acme bid\"")
	}
	return text, CheckValue("the note", text, true)
}
