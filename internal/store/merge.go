package store

import (
	"context"
	"database/sql"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kith-crm/kith/internal/kith"
)

// Dupe is a pair of contacts that are likely the same person, with the
// reasons kith thinks so.
type Dupe struct {
	Keep    DupeContact `json:"keep"`
	Other   DupeContact `json:"other"`
	Reasons []string    `json:"reasons"`
}

// DupeContact names one side of a Dupe.
type DupeContact struct {
	ID      int64  `json:"id"`
	Name    string `json:"name"`
	Company string `json:"company"`
}

// maxSameCompany bounds the pairwise name comparison inside one company,
// so a company with thousands of contacts cannot make dupes quadratic.
const maxSameCompany = 500

// Dupes lists likely duplicates: contacts sharing an email, a phone
// number (with or without a country code), a LinkedIn URL, or at the same company with names that differ
// only in case, accents, punctuation or a letter or two. The older
// contact (lower id) is offered as the one to keep.
func (db *DB) Dupes(ctx context.Context) ([]Dupe, error) {
	pairs := map[[2]int64][]string{}
	add := func(a, b int64, reason string) {
		if a > b {
			a, b = b, a
		}
		k := [2]int64{a, b}
		for _, r := range pairs[k] {
			if r == reason {
				return
			}
		}
		pairs[k] = append(pairs[k], reason)
	}
	names := map[int64]DupeContact{}
	err := db.read(ctx, "find duplicates", func(tx *Tx) error {
		shared := func(reason string) func(*sql.Rows, error) error {
			return func(rows *sql.Rows, err error) error { return addShared(add, reason, rows, err) }
		}
		if err := shared("same email")(tx.Query(`SELECT a.contact_id, b.contact_id, a.email FROM contact_emails a
			JOIN contact_emails b ON b.email_key = a.email_key AND b.contact_id > a.contact_id`)); err != nil {
			return err
		}
		if err := tx.samePhones(add); err != nil {
			return err
		}
		if err := shared("same LinkedIn URL")(tx.Query(`SELECT a.id, b.id, a.linkedin_url FROM contacts a
			JOIN contacts b ON b.linkedin_url = a.linkedin_url AND b.id > a.id
			WHERE a.linkedin_url <> ''`)); err != nil {
			return err
		}
		if err := tx.similarNames(add); err != nil {
			return err
		}
		ids := map[int64]bool{}
		for k := range pairs {
			ids[k[0]], ids[k[1]] = true, true
		}
		rows, err := tx.Query("SELECT id, name, company FROM contacts")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c DupeContact
			if err := rows.Scan(&c.ID, &c.Name, &c.Company); err != nil {
				return err
			}
			if ids[c.ID] {
				names[c.ID] = c
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	out := []Dupe{}
	for k, reasons := range pairs {
		out = append(out, Dupe{Keep: names[k[0]], Other: names[k[1]], Reasons: reasons})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Keep.ID != out[j].Keep.ID {
			return out[i].Keep.ID < out[j].Keep.ID
		}
		return out[i].Other.ID < out[j].Other.ID
	})
	return out, nil
}

// samePhones records the pairs of contacts with one phone number between
// them, written with or without a country code: the rows sharing a match
// key (substr(digits, -9), indexed), then kith.SamePhoneDigits on each.
func (tx *Tx) samePhones(add func(a, b int64, reason string)) error {
	rows, err := tx.Query(`SELECT a.contact_id, b.contact_id, a.phone, a.digits, b.digits FROM contact_phones a
		JOIN contact_phones b ON substr(b.digits, -9) = substr(a.digits, -9) AND b.contact_id > a.contact_id
		WHERE length(a.digits) >= ?`, minPhoneDigits)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		var phone, da, db string
		if err := rows.Scan(&a, &b, &phone, &da, &db); err != nil {
			return err
		}
		if kith.SamePhoneDigits(da, db) {
			add(a, b, "same phone "+phone)
		}
	}
	return rows.Err()
}

// addShared records a pair for each row (a, b, shared value) of rows.
func addShared(add func(a, b int64, reason string), reason string, rows *sql.Rows, err error) error {
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b int64
		var v string
		if err := rows.Scan(&a, &b, &v); err != nil {
			return err
		}
		add(a, b, reason+" "+v)
	}
	return rows.Err()
}

// similarNames compares the names of contacts at each company.
func (tx *Tx) similarNames(add func(a, b int64, reason string)) error {
	rows, err := tx.Query("SELECT id, name, company_key FROM contacts WHERE company_key <> '' ORDER BY company_key, id")
	if err != nil {
		return err
	}
	defer rows.Close()
	type entry struct {
		id   int64
		name string
	}
	var group []entry
	company := ""
	flush := func() {
		if len(group) > maxSameCompany {
			group = group[:maxSameCompany]
		}
		for i := range group {
			for j := i + 1; j < len(group); j++ {
				if similarName(group[i].name, group[j].name) {
					add(group[i].id, group[j].id, "similar names at the same company")
				}
			}
		}
		group = group[:0]
	}
	for rows.Next() {
		var e entry
		var key string
		if err := rows.Scan(&e.id, &e.name, &key); err != nil {
			return err
		}
		if key != company {
			flush()
			company = key
		}
		group = append(group, entry{e.id, nameShape(e.name)})
	}
	flush()
	return rows.Err()
}

// nameShape reduces a name to lowercase letters and digits without
// accents, so "José  O'Neil" and "jose oneil" compare equal.
func nameShape(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(kith.Fold(name)) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// similarName reports whether two name shapes are equal or one edit apart
// per eight letters (a typo, a missing letter).
func similarName(a, b string) bool {
	if a == b {
		return a != ""
	}
	ra, rb := []rune(a), []rune(b)
	limit := 1 + min(len(ra), len(rb))/8
	if abs(len(ra)-len(rb)) > limit || min(len(ra), len(rb)) < 4 {
		return false
	}
	return editDistance(ra, rb) <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// MergeResult is what a merge moved onto the kept contact.
type MergeResult struct {
	Contact       kith.Contact `json:"contact"`
	Merged        []int64      `json:"merged"`
	Coffees       int64        `json:"coffees"`
	Introductions int64        `json:"introductions"`
	Followups     int64        `json:"followups"`
	// Stage is the stage kept: the one further along the funnel of all
	// the merged contacts. StageFrom is KEEP's stage before, when it
	// changed (recorded as a move of KEEP dated today).
	Stage     kith.Stage `json:"stage"`
	StageFrom kith.Stage `json:"stage_from,omitempty"`
	// DroppedIntroductions were between the merged contacts themselves,
	// which cannot stand once they are one person.
	DroppedIntroductions int64 `json:"dropped_introductions"`
}

// MergeContacts folds others into keep in one transaction: their coffees,
// introductions and follow-ups move to keep; emails, phones and tags are
// joined; keep's empty fields take the others' values, notes are joined,
// and the latest last contact wins. Then the others are removed.
//
// The stage kept is the one furthest along the funnel. The others' funnel
// history goes with them rather than onto keep, whose history must stay
// one line (one first placement, each move from the stage it was in); a
// stage keep gains is recorded as one move of keep, today.
func (db *DB) MergeContacts(ctx context.Context, keep int64, others []int64) (MergeResult, error) {
	var res MergeResult
	err := db.write(ctx, "merge contacts", func(tx *Tx) error {
		kept, err := tx.getContact(keep)
		if err != nil {
			return err
		}
		merged := kept
		for _, id := range others {
			if id == keep {
				return kith.Errorf(kith.Invalid, "cannot merge #%d into itself", id).WithHint("name the duplicates after the contact to keep")
			}
			other, err := tx.getContact(id)
			if err != nil {
				return err
			}
			if err := tx.moveContactRows(id, keep, &res); err != nil {
				return err
			}
			merged = kith.CombineContacts(merged, other)
			merged.Stage = kith.FurtherStage(merged.Stage, other.Stage)
			res.Merged = append(res.Merged, id)
		}
		for _, id := range others {
			if _, err := tx.Exec("DELETE FROM contacts WHERE id = ?", id); err != nil {
				return err
			}
		}
		res.Contact, err = tx.UpdateContact(keep, func(c *kith.Contact) error { *c = merged; return nil })
		res.Stage = res.Contact.Stage
		if res.Stage != kept.Stage {
			res.StageFrom = kept.Stage
		}
		return err
	})
	return res, err
}

// moveContactRows points everything that refers to contact from at to.
func (tx *Tx) moveContactRows(from, to int64, res *MergeResult) error {
	count := func(n *int64) func(sql.Result, error) error {
		return func(r sql.Result, err error) error {
			if err != nil {
				return err
			}
			k, err := r.RowsAffected()
			*n += k
			return err
		}
	}
	// A coffee both attended keeps one attendee row.
	if err := count(&res.Coffees)(tx.Exec(`UPDATE OR IGNORE coffee_contacts SET contact_id = ? WHERE contact_id = ?`, to, from)); err != nil {
		return err
	}
	if _, err := tx.Exec("DELETE FROM coffee_contacts WHERE contact_id = ?", from); err != nil {
		return err
	}
	if err := count(&res.DroppedIntroductions)(tx.Exec(`DELETE FROM introductions
		WHERE from_id = ?1 AND to_id = ?2 OR from_id = ?2 AND to_id = ?1`, from, to)); err != nil {
		return err
	}
	if err := count(&res.Introductions)(tx.Exec("UPDATE introductions SET from_id = ? WHERE from_id = ?", to, from)); err != nil {
		return err
	}
	if err := count(&res.Introductions)(tx.Exec("UPDATE introductions SET to_id = ? WHERE to_id = ?", to, from)); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE contact_notes SET contact_id = ? WHERE contact_id = ?", to, from); err != nil {
		return err
	}
	if _, err := tx.Exec("UPDATE touches SET contact_id = ? WHERE contact_id = ?", to, from); err != nil {
		return err
	}
	// keep's own snooze stands; the other's goes with them
	if _, err := tx.Exec("UPDATE OR IGNORE cadence_snoozes SET contact_id = ? WHERE contact_id = ?", to, from); err != nil {
		return err
	}
	if err := count(&res.Followups)(tx.Exec("UPDATE followups SET contact_id = ? WHERE contact_id = ?", to, from)); err != nil {
		return err
	}
	return tx.moveFollowupPeople(from, to)
}
