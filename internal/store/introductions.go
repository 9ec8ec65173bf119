package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// introColumns selects a whole introduction with both people's names;
// queries add introFrom.
const introColumns = `i.id, i.direction, i.from_id, fc.name, i.to_id, tc.name, i.kind, i.asked, i.status,
	i.value, i.promised_on, i.made_on, i.met_on, i.closed_on, i.coffee_id, i.notes, i.created_at, i.updated_at`

const introFrom = ` FROM introductions i JOIN contacts fc ON fc.id = i.from_id JOIN contacts tc ON tc.id = i.to_id`

func scanIntro(row interface{ Scan(...any) error }) (kith.Introduction, error) {
	var (
		in               kith.Introduction
		value            sql.NullFloat64
		coffee           sql.NullInt64
		steps            [4]sql.NullString
		created, updated string
	)
	err := row.Scan(&in.ID, &in.Direction, &in.From.ID, &in.From.Name, &in.To.ID, &in.To.Name, &in.Kind,
		&in.Asked, &in.Status, &value, &steps[0], &steps[1], &steps[2], &steps[3], &coffee, &in.Notes, &created, &updated)
	if err != nil {
		return in, err
	}
	for i, day := range []**dates.Date{&in.PromisedOn, &in.MadeOn, &in.MetOn, &in.ClosedOn} {
		if *day, err = dateOf(steps[i]); err != nil {
			return in, err
		}
	}
	in.On, in.StatusOn = in.First(), in.Day(in.Status)
	if value.Valid {
		in.Value = &value.Float64
	}
	if coffee.Valid {
		in.CoffeeID = &coffee.Int64
	}
	if in.CreatedAt, err = time.Parse(time.RFC3339, created); err != nil {
		return in, err
	}
	in.UpdatedAt, err = time.Parse(time.RFC3339, updated)
	return in, err
}

// NewIntroduction is an introduction to record between two contacts
// already resolved to ids.
type NewIntroduction struct {
	FromID, ToID int64
	Direction    kith.Direction
	Kind         kith.IntroKind
	Asked        bool
	Status       kith.IntroStatus
	On           dates.Date // when it was made (or promised); zero means today
	CoffeeID     *int64
	Notes        string
}

// AddIntroduction records an introduction inside an open transaction.
func (tx *Tx) AddIntroduction(n NewIntroduction) (kith.Introduction, error) {
	if n.FromID == n.ToID {
		c, err := tx.getContact(n.FromID)
		if err != nil {
			return kith.Introduction{}, err
		}
		return kith.Introduction{}, kith.Errorf(kith.Invalid, "%s cannot be introduced to themselves", c.Name).
			WithHint("name two different people")
	}
	if n.Direction != kith.Received && n.Direction != kith.Given {
		return kith.Introduction{}, kith.Errorf(kith.Invalid, "unknown direction %q", n.Direction)
	}
	var err error
	if n.Kind, err = kith.ParseIntroKind(string(n.Kind)); err != nil {
		return kith.Introduction{}, err
	}
	if n.Status == "" {
		n.Status = kith.Made
	}
	if n.Status, err = kith.ParseIntroStatus(string(n.Status)); err != nil {
		return kith.Introduction{}, err
	}
	if n.On.IsZero() {
		n.On = tx.Today()
	}
	if n.On.After(tx.Today()) {
		return kith.Introduction{}, kith.Errorf(kith.Invalid, "%s is in the future: record an introduction once it is made or promised", n.On).
			WithHint("give --on the day it happened")
	}
	steps, err := kith.NewIntroSteps(n.Status, n.On)
	if err != nil {
		return kith.Introduction{}, err
	}
	res, err := tx.Exec(`INSERT INTO introductions (from_id, to_id, direction, kind, asked, status, intro_on,
		status_on, coffee_id, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		n.FromID, n.ToID, string(n.Direction), string(n.Kind), n.Asked, string(n.Status), n.On.String(),
		n.On.String(), n.CoffeeID, strings.TrimSpace(n.Notes), tx.Now(), tx.Now())
	if err != nil {
		return kith.Introduction{}, err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return kith.Introduction{}, err
	}
	if err := tx.writeIntroSteps(id, n.Status, steps); err != nil {
		return kith.Introduction{}, err
	}
	return tx.GetIntroduction(id)
}

// writeIntroSteps stores an introduction's status with its step days,
// and the first and current steps' days beside them (intro_on, status_on),
// which listings sort and filter by. Every change of a step goes through
// here, after kith.IntroSteps.Check.
func (tx *Tx) writeIntroSteps(id int64, status kith.IntroStatus, s kith.IntroSteps) error {
	if err := s.Check(status); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE introductions SET status = ?, promised_on = ?, made_on = ?, met_on = ?, closed_on = ?,
		intro_on = ?, status_on = ? WHERE id = ?`, string(status), dateColumn(s.PromisedOn), dateColumn(s.MadeOn),
		dateColumn(s.MetOn), dateColumn(s.ClosedOn), s.First().String(), s.Day(status).String(), id)
	return err
}

// GetIntroduction returns the introduction with the given id.
func (tx *Tx) GetIntroduction(id int64) (kith.Introduction, error) {
	in, err := scanIntro(tx.QueryRow("SELECT "+introColumns+introFrom+" WHERE i.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return in, kith.Errorf(kith.NotFound, "no introduction with id %d", id).WithHint("kith intro list shows the ids")
	}
	return in, err
}

// findOpenPromise returns the promised introduction matching n's people,
// direction and kind, if there is one, so recording the introduction
// fulfils the promise instead of counting it twice.
func (tx *Tx) findOpenPromise(n NewIntroduction) (*kith.Introduction, error) {
	var id int64
	err := tx.QueryRow(`SELECT id FROM introductions WHERE from_id = ? AND to_id = ? AND direction = ? AND kind = ?
		AND status = 'promised' ORDER BY id LIMIT 1`, n.FromID, n.ToID, string(n.Direction), string(n.Kind)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	in, err := tx.GetIntroduction(id)
	return &in, err
}

// IntroRefs names the two people of an introduction as the user typed
// them. With NewTo, To is a name heard ("Dan Wu @ Acme", as an answer to
// the three questions): an existing contact by exact name or email, or
// else a new halo contact.
type IntroRefs struct {
	From, To string
	NewTo    bool
}

// IntroChange is an introduction as written, with what it did to the
// introducer's advocacy and whether it made a new contact.
type IntroChange struct {
	kith.Introduction
	AdvocacyBefore kith.Advocacy `json:"advocacy_before"`
	AdvocacyAfter  kith.Advocacy `json:"advocacy_after"`
	CreatedContact bool          `json:"created_contact"`
	// Fulfilled is set when the introduction fulfilled an earlier promise,
	// which was updated instead of adding a second record.
	Fulfilled bool `json:"fulfilled_promise"`
	// IgnoredCompany is the company a --new name gave ("Eve Park @
	// Globex") when it matched an existing contact at another company:
	// the contact is kept as it is, and the user should hear about it.
	// KeptCompany is that contact's own company ("" for none).
	IgnoredCompany string `json:"ignored_company,omitempty"`
	KeptCompany    string `json:"kept_company,omitempty"`
	// BecameClient is set when winning the introduction made the person
	// introduced a client; StageBefore is the stage they left.
	BecameClient bool       `json:"became_client"`
	StageBefore  kith.Stage `json:"stage_before,omitempty"`
}

// RecordIntroduction resolves the two people and records an introduction
// in one transaction. A received introduction that matches an open
// promise (from the same person, to the same person, of the same kind)
// fulfils that promise.
func (db *DB) RecordIntroduction(ctx context.Context, refs IntroRefs, n NewIntroduction) (IntroChange, error) {
	var out IntroChange
	err := db.write(ctx, "record introduction", func(tx *Tx) error {
		from, err := tx.ResolveContact(refs.From)
		if err != nil {
			return err
		}
		var to kith.Contact
		if refs.NewTo {
			a, err := kith.ParseAnswer(n.Kind, refs.To)
			if err != nil {
				return err
			}
			to, out.CreatedContact, err = tx.ContactForAnswer(a, 0, from)
			if err != nil {
				return err
			}
			if !out.CreatedContact && a.Company != "" && kith.Fold(a.Company) != kith.Fold(to.Company) {
				out.IgnoredCompany, out.KeptCompany = a.Company, to.Company
			}
		} else if to, err = tx.ResolveContact(refs.To); err != nil {
			if kith.ErrorCode(err) == kith.NotFound {
				return kith.Errorf(kith.NotFound, "no contact matches %q", refs.To).
					WithHint("add them first with kith contact add, or pass --new to add %q as a new contact", refs.To)
			}
			return err
		}
		n.FromID, n.ToID = from.ID, to.ID
		out.AdvocacyBefore = from.Advocacy
		promise, err := tx.findOpenPromise(n)
		if err != nil {
			return err
		}
		before := kith.IntroStatus("")
		if promise != nil && n.Status != kith.Promised {
			out.Fulfilled, before = true, promise.Status
			out.Introduction, err = tx.UpdateIntroduction(promise.ID, IntroUpdate{Status: n.Status, On: n.On})
		} else {
			out.Introduction, err = tx.AddIntroduction(n)
		}
		if err != nil {
			return err
		}
		if err := out.winClient(tx, before); err != nil {
			return err
		}
		after, err := tx.getContact(from.ID)
		out.AdvocacyAfter = after.Advocacy
		return err
	})
	return out, err
}

// IntroUpdate is a change to an introduction; zero fields stay as they are.
type IntroUpdate struct {
	Status kith.IntroStatus
	Value  *float64
	// On is the day of the status's step. Zero: a step not reached yet
	// is dated today, one already reached keeps its day.
	On    dates.Date
	Notes *string
}

// UpdateIntroduction changes an introduction's status or value and
// reports what that did to the introducer's advocacy and, for a win, to
// the stage of the person introduced.
func (db *DB) UpdateIntroduction(ctx context.Context, id int64, u IntroUpdate) (IntroChange, error) {
	var out IntroChange
	err := db.write(ctx, "update introduction", func(tx *Tx) error {
		before, err := tx.GetIntroduction(id)
		if err != nil {
			return err
		}
		from, err := tx.getContact(before.From.ID)
		if err != nil {
			return err
		}
		out.AdvocacyBefore = from.Advocacy
		if out.Introduction, err = tx.UpdateIntroduction(id, u); err != nil {
			return err
		}
		if err := out.winClient(tx, before.Status); err != nil {
			return err
		}
		after, err := tx.getContact(before.From.ID)
		out.AdvocacyAfter = after.Advocacy
		return err
	})
	return out, err
}

// UpdateIntroduction is the in-transaction form of DB.UpdateIntroduction,
// without the win's move to client.
func (tx *Tx) UpdateIntroduction(id int64, u IntroUpdate) (kith.Introduction, error) {
	in, err := tx.GetIntroduction(id)
	if err != nil {
		return in, err
	}
	if u.Value != nil && *u.Value < 0 {
		return in, kith.Errorf(kith.Invalid, "revenue cannot be negative").WithHint("write the amount won, 0 or more")
	}
	if u.Status != "" {
		if u.Status, err = kith.ParseIntroStatus(string(u.Status)); err != nil {
			return in, err
		}
		steps, err := in.Move(in.Status, u.Status, u.On, tx.Today())
		var ke *kith.Error
		if errors.As(err, &ke) {
			ke.Message = fmt.Sprintf("introduction #%d: %s", id, ke.Message)
		}
		if err != nil {
			return in, err
		}
		if err := tx.writeIntroSteps(id, u.Status, steps); err != nil {
			return in, err
		}
	}
	value := in.Value
	if u.Value != nil {
		value = u.Value
	}
	notes := in.Notes
	if u.Notes != nil {
		notes = strings.TrimSpace(*u.Notes)
	}
	if _, err := tx.Exec("UPDATE introductions SET value = ?, notes = ?, updated_at = ? WHERE id = ?",
		value, notes, tx.Now(), id); err != nil {
		return in, err
	}
	return tx.GetIntroduction(id)
}

// winClient makes the person a received introduction brought a client
// when it has just been won (it was at status before): on its closed day,
// unless they already are one. The move is kept in their funnel history
// as any other, and the change says what they were.
func (ch *IntroChange) winClient(tx *Tx, before kith.IntroStatus) error {
	in := ch.Introduction
	if in.Status != kith.Won || before == kith.Won || in.Direction != kith.Received {
		return nil
	}
	var stage kith.Stage
	if err := tx.QueryRow("SELECT stage FROM contacts WHERE id = ?", in.To.ID).Scan(&stage); err != nil {
		return err
	}
	if stage == kith.Client {
		return nil
	}
	if _, err := tx.Exec("UPDATE contacts SET stage = ?, updated_at = ? WHERE id = ?", string(kith.Client), tx.Now(), in.To.ID); err != nil {
		return err
	}
	ch.BecameClient, ch.StageBefore = true, stage
	return tx.recordStageMove(in.To.ID, stage, kith.Client, *in.ClosedOn)
}

// IntroFilter narrows an introduction listing; zero fields do not filter.
type IntroFilter struct {
	Status    kith.IntroStatus
	Kind      kith.IntroKind
	Direction kith.Direction
	ContactID int64 // introductions this contact is on either side of
	Since     *dates.Date
	Until     *dates.Date
}

// ListIntroductions returns the introductions that pass the filter,
// newest first.
func (db *DB) ListIntroductions(ctx context.Context, f IntroFilter) ([]kith.Introduction, error) {
	return collect(func(add func(kith.Introduction) error) error { return db.EachIntroduction(ctx, f, add) })
}

// EachIntroduction calls fn with each introduction that passes the
// filter, newest first, as it is read.
func (db *DB) EachIntroduction(ctx context.Context, f IntroFilter, fn func(kith.Introduction) error) error {
	return db.scan(ctx, "list introductions", func(tx *Tx) error {
		q, args := introQuery(f)
		return queryEach(tx, scanIntro, fn, q, args...)
	})
}

// ListIntroductions is the in-transaction form of DB.ListIntroductions.
func (tx *Tx) ListIntroductions(f IntroFilter) ([]kith.Introduction, error) {
	q, args := introQuery(f)
	return queryAll(tx, scanIntro, q, args...)
}

// introQuery is the query that lists the introductions passing f.
func introQuery(f IntroFilter) (string, []any) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds = append(conds, "i.status = ?")
		args = append(args, string(f.Status))
	}
	if f.Kind != "" {
		conds = append(conds, "i.kind = ?")
		args = append(args, string(f.Kind))
	}
	if f.Direction != "" {
		conds = append(conds, "i.direction = ?")
		args = append(args, string(f.Direction))
	}
	if f.ContactID != 0 {
		conds = append(conds, "(i.from_id = ? OR i.to_id = ?)")
		args = append(args, f.ContactID, f.ContactID)
	}
	if f.Since != nil {
		conds = append(conds, "i.intro_on >= ?")
		args = append(args, f.Since.String())
	}
	if f.Until != nil {
		conds = append(conds, "i.intro_on <= ?")
		args = append(args, f.Until.String())
	}
	q := "SELECT " + introColumns + introFrom
	if len(conds) > 0 {
		q += " WHERE " + strings.Join(conds, " AND ")
	}
	q += " ORDER BY i.intro_on DESC, i.id DESC"
	return q, args
}
