package kith

import (
	"strings"
)

// An anniversary is a date that matters to a contact besides their
// birthday, under a label: "work:2021-06-01" (they started there),
// "wedding:--06-20". It is kept in that one LABEL:DATE form everywhere
// (flags, JSON, CSV), the date written as a birthday is.

// ParseAnniversary validates LABEL:DATE and returns its stored form: the
// label trimmed, the date as ParseBirthday stores it. The label is what
// comes before the last colon, so it may hold one itself.
func ParseAnniversary(s string) (string, error) {
	v := strings.TrimSpace(s)
	i := strings.LastIndexByte(v, ':')
	if i < 0 || strings.TrimSpace(v[:i]) == "" {
		return "", Errorf(Invalid, "anniversary %q has no label", s).
			WithHint("write LABEL:DATE, e.g. work:2021-06-01 or wedding:06-20")
	}
	label := TrimText(v[:i])
	day, err := ParseBirthday(v[i+1:])
	if err == nil && day == "" {
		err = Errorf(Invalid, "anniversary %q has no date", s)
	}
	if err != nil {
		return "", Errorf(Invalid, "anniversary %q: %q is not a date", s, strings.TrimSpace(v[i+1:])).
			WithHint("write LABEL:DATE, e.g. work:2021-06-01, or LABEL:MM-DD without the year")
	}
	return label + ":" + day, nil
}

// SplitAnniversary parts a stored anniversary into its label and date.
func SplitAnniversary(a string) (label, day string) {
	i := strings.LastIndexByte(a, ':')
	if i < 0 {
		return "", a
	}
	return a[:i], a[i+1:]
}

// SameAnniversary reports whether two anniversaries are the one date of
// that label (case aside): a contact has one date per label.
func SameAnniversary(a, b string) bool {
	la, _ := SplitAnniversary(a)
	lb, _ := SplitAnniversary(b)
	return Fold(la) == Fold(lb)
}

// normalizeAnniversaries validates each anniversary and keeps one per
// label: the last given, in the place of the first, so setting a label
// again changes its date.
func normalizeAnniversaries(list []string) ([]string, error) {
	out := []string{}
	for _, a := range list {
		if strings.TrimSpace(a) == "" {
			continue
		}
		v, err := ParseAnniversary(a)
		if err != nil {
			return nil, err
		}
		replaced := false
		for i, have := range out {
			if SameAnniversary(have, v) {
				out[i], replaced = v, true
			}
		}
		if !replaced {
			out = append(out, v)
		}
	}
	return out, nil
}

// BirthdayLabel is the Label of a DateThatMatters that is a birthday.
const BirthdayLabel = "birthday"

// DateThatMatters is a contact's birthday or an anniversary as stored:
// Label is BirthdayLabel or the anniversary's label, Day YYYY-MM-DD or
// --MM-DD.
type DateThatMatters struct {
	Contact ContactRef
	Label   string
	Day     string
}
