package kith

import "strings"

// MergeFields returns stored with in's fields combined into it, each as
// its ContactFields entry's Import rule says: emails, phones and tags are
// joined (stored ones first); other fields take in's value when stored has
// none, or, with overwrite, whenever in has a different one; the stage
// changes only with overwrite; kith's own fields and the source stay.
func MergeFields(stored, in Contact, overwrite bool) Contact {
	out := stored
	for _, f := range ContactFields {
		if f.merge != nil {
			f.merge(&out, &in, overwrite)
		}
	}
	return out
}

// SameContact reports whether a and b agree on every field an import can
// change, so an import that changes none of them need not write.
func SameContact(a, b Contact) bool {
	for _, f := range ContactFields {
		if f.same != nil && !f.same(&a, &b) {
			return false
		}
	}
	return true
}

// CombineContacts merges other into keep without losing anything, as
// contact merge does: lists joined, keep's empty fields filled, notes and
// card notes joined when both have different ones, the later last contact.
func CombineContacts(keep, other Contact) Contact {
	out := MergeFields(keep, other, false)
	for _, f := range []struct {
		dst  *string
		a, b string
	}{
		{&out.Notes, keep.Notes, other.Notes}, {&out.MetAt, keep.MetAt, other.MetAt},
		{&out.Topic, keep.Topic, other.Topic}, {&out.Idea, keep.Idea, other.Idea},
	} {
		if f.a != "" && f.b != "" && f.a != f.b && !strings.Contains(f.a, f.b) {
			*f.dst = f.a + "\n" + f.b
		}
	}
	if other.LastContact != nil && (out.LastContact == nil || other.LastContact.After(*out.LastContact)) {
		out.LastContact = other.LastContact
	}
	return out
}

// samePhone compares phones as numbers, so "+1 415 555 0100",
// "1-415-555-0100" and "415 555 0100" are one (SamePhoneDigits); phones
// without digits compare as text.
func samePhone(a, b string) bool {
	da, db := PhoneDigits(a), PhoneDigits(b)
	if da == "" && db == "" {
		return Fold(a) == Fold(b)
	}
	return SamePhoneDigits(da, db)
}

// sameFolded compares text without regard to case.
func sameFolded(a, b string) bool {
	return Fold(a) == Fold(b)
}

// joinBy appends to a the values of b that a has none the same as.
func joinBy(a, b []string, same func(x, y string) bool) []string {
	out := append([]string{}, a...)
	for _, v := range b {
		found := false
		for _, have := range out {
			if same(have, v) {
				found = true
				break
			}
		}
		if !found && v != "" {
			out = append(out, v)
		}
	}
	return out
}
