package kith

import (
	"strconv"
	"strings"
)

// ItemID names a due item so it can be acted on: a stored follow-up by
// its id (12), or the stay-in-touch item a contact's cadence implies by
// "c" and the contact's id (c12). The stay-in-touch item is computed, not
// stored, so the contact is what names it; the "c" keeps the two kinds of
// number apart in one list.
type ItemID struct {
	N       int64 // the follow-up's id, or the contact's for a cadence item
	Cadence bool
}

// FollowupID names a stored follow-up.
func FollowupID(id int64) ItemID { return ItemID{N: id} }

// CadenceID names the stay-in-touch item of a contact.
func CadenceID(contactID int64) ItemID { return ItemID{N: contactID, Cadence: true} }

// String is the id as users type it: 12, or c12.
func (id ItemID) String() string {
	if id.Cadence {
		return "c" + strconv.FormatInt(id.N, 10)
	}
	return strconv.FormatInt(id.N, 10)
}

// MarshalJSON writes a follow-up's id as a number, as before cadence items
// had ids, and a cadence item's as the string "c12".
func (id ItemID) MarshalJSON() ([]byte, error) {
	if id.Cadence {
		return []byte(`"` + id.String() + `"`), nil
	}
	return strconv.AppendInt(nil, id.N, 10), nil
}

// ParseItemID reads an item id as `followup due` prints it: 12 (or #12)
// for a follow-up, c12 for a contact's stay-in-touch item.
func ParseItemID(s string) (ItemID, error) {
	v := strings.TrimPrefix(strings.TrimSpace(s), "#")
	var id ItemID
	if rest, ok := strings.CutPrefix(strings.ToLower(v), "c"); ok {
		v, id.Cadence = rest, true
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || v[0] == '+' {
		return ItemID{}, Errorf(Invalid, "%q is not a follow-up id", s).
			WithHint("ids are what 'kith followup due' prints first: 12 for a follow-up, c12 for staying in touch with contact #12")
	}
	id.N = n
	return id, nil
}
