package kith

import (
	"strings"
	"time"
)

// Target is a company (or a whole segment) of the user's target market:
// where the client question asks for a name.
type Target struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Segment   string    `json:"segment"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
}

// Normalize trims the target's fields and checks it has a name.
func (t *Target) Normalize() error {
	t.Name, t.Segment, t.Notes = TrimText(t.Name), strings.TrimSpace(t.Segment), NoteText(strings.TrimSpace(t.Notes))
	if t.Name == "" {
		return Errorf(Invalid, "a target needs a name").WithHint(`e.g. kith target add "Acme Corp" --segment manufacturing`)
	}
	if err := CheckValue("the target", t.Name, false); err != nil {
		return err
	}
	if err := CheckValue("the segment", t.Segment, false); err != nil {
		return err
	}
	return CheckValue("the notes", t.Notes, true)
}
