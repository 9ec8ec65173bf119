package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Corrections to introductions: one recorded wrong is edited (who, which
// way, what kind, asked or not, its value, the day of each step) or
// removed. Advocacy is derived from introductions when it is read, so a
// correction moves it at once; the correction says whose it moved.

// IntroEdit is what intro edit changes: zero fields stay as they are.
// From and To are contact REFs. Days holds the corrected day of each step
// named in kith.IntroStepNames; a nil day clears the step.
type IntroEdit struct {
	From, To   string
	Direction  kith.Direction
	Kind       kith.IntroKind
	Asked      *bool
	Value      *float64
	ClearValue bool
	Days       map[string]*dates.Date
	Notes      *string
}

// AdvocacyMove is what a correction did to one contact's advocacy.
type AdvocacyMove struct {
	Contact kith.ContactRef `json:"contact"`
	Before  kith.Advocacy   `json:"before"`
	After   kith.Advocacy   `json:"after"`
}

// IntroCorrection is an introduction as a correction left it (or, when
// removed, as it was), with the advocacy it moved ([] in JSON when none)
// and, when an edit made a won introduction someone else's, whether
// that person became a client.
type IntroCorrection struct {
	kith.Introduction
	AdvocacyMoves []AdvocacyMove `json:"advocacy_changes"`
	BecameClient  bool           `json:"became_client"`
	StageBefore   kith.Stage     `json:"stage_before,omitempty"`
	// KeptClient is the person an edit took a won introduction from: they
	// stay a client (their funnel history is theirs to change).
	KeptClient *KeptClient `json:"kept_client,omitempty"`
}

// KeptClient is a client whose win an edit gave to someone else, with
// the stage they left when they were won.
type KeptClient struct {
	kith.ContactRef
	WonFrom kith.Stage `json:"won_from"`
}

// EditIntroduction corrects the introduction with id as e says, in one
// transaction. Its status stays (intro update moves it along); a won
// introduction received that now names another person introduced makes
// them a client, and a corrected closed day moves the win in their funnel
// history with it.
func (db *DB) EditIntroduction(ctx context.Context, id int64, e IntroEdit) (IntroCorrection, error) {
	var out IntroCorrection
	err := db.write(ctx, "edit introduction", func(tx *Tx) error {
		before, err := tx.GetIntroduction(id)
		if err != nil {
			return err
		}
		after, err := tx.editedIntro(before, e)
		if err != nil {
			return err
		}
		watch, err := tx.advocacyOf(before.From.ID, after.From.ID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE introductions SET from_id = ?, to_id = ?, direction = ?, kind = ?, asked = ?,
			value = ?, notes = ?, updated_at = ? WHERE id = ?`, after.From.ID, after.To.ID, string(after.Direction),
			string(after.Kind), after.Asked, after.Value, strings.TrimSpace(after.Notes), tx.Now(), id); err != nil {
			return err
		}
		if err := tx.writeIntroSteps(id, after.Status, after.IntroSteps); err != nil {
			return err
		}
		if out.Introduction, err = tx.GetIntroduction(id); err != nil {
			return err
		}
		if err := tx.moveWin(before, out.Introduction); err != nil {
			return err
		}
		prior := before.Status
		if before.To.ID != after.To.ID || before.Direction != after.Direction {
			prior = "" // a win for someone else: theirs is new
		}
		win := IntroChange{Introduction: out.Introduction}
		if err := win.winClient(tx, prior); err != nil {
			return err
		}
		out.BecameClient, out.StageBefore = win.BecameClient, win.StageBefore
		if prior == "" && before.Status == kith.Won && before.Direction == kith.Received {
			if out.KeptClient, err = tx.keptClient(before.To); err != nil {
				return err
			}
		}
		out.AdvocacyMoves, err = tx.advocacyMoves(watch)
		return err
	})
	return out, err
}

// editedIntro is introduction in with e applied and checked: two
// different people, known kind and direction, steps that fit its status.
func (tx *Tx) editedIntro(in kith.Introduction, e IntroEdit) (kith.Introduction, error) {
	for _, side := range []struct {
		ref string
		to  *kith.ContactRef
	}{{e.From, &in.From}, {e.To, &in.To}} {
		if side.ref == "" {
			continue
		}
		c, err := tx.ResolveContact(side.ref)
		if err != nil {
			return in, err
		}
		*side.to = kith.ContactRef{ID: c.ID, Name: c.Name}
	}
	if in.From.ID == in.To.ID {
		return in, kith.Errorf(kith.Invalid, "%s cannot be introduced to themselves; nothing was changed", in.From.Name).
			WithHint("name two different people")
	}
	if e.Direction != "" {
		if e.Direction != kith.Received && e.Direction != kith.Given {
			return in, kith.Errorf(kith.Invalid, "unknown direction %q", e.Direction)
		}
		in.Direction = e.Direction
	}
	if e.Kind != "" {
		if _, err := kith.ParseIntroKind(string(e.Kind)); err != nil {
			return in, err
		}
		in.Kind = e.Kind
	}
	if e.Asked != nil {
		in.Asked = *e.Asked
	}
	switch {
	case e.ClearValue:
		in.Value = nil
	case e.Value != nil && *e.Value < 0:
		return in, kith.Errorf(kith.Invalid, "revenue cannot be negative").WithHint("write the amount won, 0 or more")
	case e.Value != nil:
		in.Value = e.Value
	}
	setIf(&in.Notes, e.Notes)
	if len(e.Days) == 0 {
		return in, nil
	}
	steps, err := in.WithDays(in.Status, e.Days, tx.Today())
	var ke *kith.Error
	if errors.As(err, &ke) {
		ke.Message = fmt.Sprintf("introduction #%d: %s; nothing was changed", in.ID, ke.Message)
	}
	in.IntroSteps = steps
	return in, err
}

// moveWin keeps a win's funnel move on the win's day: when a won
// introduction received keeps its person introduced and its closed day
// is corrected, the move into client it made on the old day moves too.
// Only a win moves (from halo, lead or past client): a person added as a
// client that day was already one, and keeps the day they were added.
func (tx *Tx) moveWin(before, after kith.Introduction) error {
	if before.Status != kith.Won || before.Direction != kith.Received || after.Direction != kith.Received ||
		before.To.ID != after.To.ID || *before.ClosedOn == *after.ClosedOn {
		return nil
	}
	_, err := tx.Exec(`UPDATE stage_moves SET moved_on = ? WHERE id = (SELECT id FROM stage_moves
		WHERE contact_id = ? AND to_stage = 'client' AND from_stage IN ('halo', 'lead', 'past_client') AND moved_on = ?
		ORDER BY id DESC LIMIT 1)`,
		after.ClosedOn.String(), after.To.ID, before.ClosedOn.String())
	return err
}

// keptClient is who, when still a client, with the stage their latest
// move into client left; nil when they are no longer a client.
func (tx *Tx) keptClient(who kith.ContactRef) (*KeptClient, error) {
	var from sql.NullString
	err := tx.QueryRow(`SELECT m.from_stage FROM contacts c JOIN stage_moves m ON m.contact_id = c.id
		WHERE c.id = ? AND c.stage = 'client' AND m.to_stage = 'client' ORDER BY m.id DESC LIMIT 1`, who.ID).Scan(&from)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return &KeptClient{ContactRef: who, WonFrom: kith.Stage(from.String)}, err
}

// advocacyOf reads the advocacy of each of ids, once each, so that
// advocacyMoves can tell what a correction did to it.
func (tx *Tx) advocacyOf(ids ...int64) ([]AdvocacyMove, error) {
	var out []AdvocacyMove
	for _, id := range ids {
		if slices.ContainsFunc(out, func(m AdvocacyMove) bool { return m.Contact.ID == id }) {
			continue
		}
		c, err := tx.getContact(id)
		if err != nil {
			return nil, err
		}
		out = append(out, AdvocacyMove{Contact: kith.ContactRef{ID: c.ID, Name: c.Name}, Before: c.Advocacy})
	}
	return out, nil
}

// advocacyMoves reads the watched contacts' advocacy again and keeps those
// that moved.
func (tx *Tx) advocacyMoves(watched []AdvocacyMove) ([]AdvocacyMove, error) {
	moved := []AdvocacyMove{}
	for _, m := range watched {
		c, err := tx.getContact(m.Contact.ID)
		if err != nil {
			return nil, err
		}
		if m.After = c.Advocacy; m.After != m.Before {
			moved = append(moved, m)
		}
	}
	return moved, nil
}

// RemoveIntroductions removes the introductions with ids, all or none.
// The people stay, and so does a client's stage that a win gave them
// (their funnel history is theirs); advocacy drops with the evidence.
func (db *DB) RemoveIntroductions(ctx context.Context, ids []int64) ([]IntroCorrection, error) {
	var out []IntroCorrection
	err := db.write(ctx, "remove introductions", func(tx *Tx) error {
		found, err := tx.introsByID(ids)
		if err != nil {
			return err
		}
		var introducers []int64
		for _, in := range found {
			introducers = append(introducers, in.From.ID)
		}
		watch, err := tx.advocacyOf(introducers...)
		if err != nil {
			return err
		}
		for _, in := range found {
			if _, err := tx.Exec("DELETE FROM introductions WHERE id = ?", in.ID); err != nil {
				return err
			}
		}
		moves, err := tx.advocacyMoves(watch)
		for _, in := range found {
			out = append(out, IntroCorrection{Introduction: in, AdvocacyMoves: []AdvocacyMove{}})
		}
		// each move is told once, with the last introduction of its introducer
		for _, m := range moves {
			for i := len(out) - 1; i >= 0; i-- {
				if out[i].From.ID == m.Contact.ID {
					out[i].AdvocacyMoves = append(out[i].AdvocacyMoves, m)
					break
				}
			}
		}
		return err
	})
	return out, err
}

// introsByID reads the introductions with ids, all or none, for removal.
func (tx *Tx) introsByID(ids []int64) ([]kith.Introduction, error) {
	return recordsByID(ids, tx.GetIntroduction, "introduction", "removed", "intro")
}

// recordsByID reads the records with ids through get, each once, failing
// with every missing id named when any is missing: noun names the record,
// verb what was then not done to them, list the command that lists them.
func recordsByID[T any](ids []int64, get func(int64) (T, error), noun, verb, list string) ([]T, error) {
	var found []T
	var missing []string
	seen := map[int64]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		r, err := get(id)
		if kith.ErrorCode(err) == kith.NotFound {
			missing = append(missing, "#"+strconv.FormatInt(id, 10))
			continue
		}
		if err != nil {
			return nil, err
		}
		found = append(found, r)
	}
	if len(missing) > 0 {
		if len(missing) > 1 {
			noun += "s"
		}
		return nil, kith.Errorf(kith.NotFound, "no %s %s; nothing was %s", noun, clip.List(missing), verb).
			WithHint("kith %s list shows the ids", list)
	}
	return found, nil
}
