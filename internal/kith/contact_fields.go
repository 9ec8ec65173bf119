package kith

import (
	"slices"
	"strconv"
	"strings"
	"time"
)

// ImportRule says what a contact import does with one field of a stored
// contact that an imported one matched.
type ImportRule uint8

// The import rules.
const (
	// Computed fields are kith's own (id, last contact, timestamps): files
	// carry them, imports ignore them.
	Computed ImportRule = iota
	// Kept fields are read for a new contact but never change a stored
	// one (where it came from).
	Kept
	// Derived fields follow from others: email and phone are the first of
	// the emails and phones.
	Derived
	// Joined lists gain the imported values they have none the same as.
	Joined
	// Filled fields take the imported value where the stored one is empty,
	// or, with overwrite, wherever it differs.
	Filled
	// Overwritten fields take the imported value only with overwrite.
	Overwritten
	// Appended text takes the imported value where the stored one is
	// empty, and, with overwrite, adds a different one after it on a line
	// of its own (unless it holds it already): never replacing it.
	Appended
)

// ContactField describes one field of Contact: the key it is written
// under, how kith's files write it and what an import does with it.
// ContactFields lists every field, so a new field is described once,
// there; tests check the list against Contact itself.
type ContactField struct {
	// Key is the field's JSON key, which is also its column in kith's CSV.
	Key string
	// Import is what an import does with the field of a stored contact.
	Import ImportRule
	// text writes a single value; list reads a list (text is nil).
	text func(c *Contact) string
	list func(c *Contact) []string
	// merge combines in's value into out's, as Import says, and same
	// compares two values; both nil for fields no import changes.
	merge func(out, in *Contact, overwrite bool)
	same  func(a, b *Contact) bool
	// set copies the value, an empty one too (a sync's three-way merge);
	// nil where same is. A list field also compares and sets single values.
	set       func(dst, src *Contact)
	sameValue func(a, b string) bool
	setList   func(c *Contact, v []string)
}

// Changeable reports whether imports and syncs change the field: the
// person's own fields, not kith's bookkeeping (id, source, timestamps).
func (f ContactField) Changeable() bool { return f.same != nil }

// Same reports whether a and b hold the same value of a Changeable field.
func (f ContactField) Same(a, b *Contact) bool { return f.same(a, b) }

// Set copies a Changeable field's value from src to dst, even an empty one.
func (f ContactField) Set(dst, src *Contact) { f.set(dst, src) }

// SameValue compares two values of a list field as the field does:
// emails and tags without regard to case, phones as numbers.
func (f ContactField) SameValue(a, b string) bool { return f.sameValue(a, b) }

// SetList replaces a list field's values.
func (f ContactField) SetList(c *Contact, v []string) { f.setList(c, v) }

// IsList reports whether the field holds a list of values (List) rather
// than one (Text).
func (f ContactField) IsList() bool { return f.list != nil }

// Text is the field of c as kith's files write it: absent values (no
// cadence, no last contact) as "", times in UTC to the second. It is ""
// for a list field.
func (f ContactField) Text(c *Contact) string {
	if f.text == nil {
		return ""
	}
	return f.text(c)
}

// List is the list field of c, nil for a single-valued field.
func (f ContactField) List(c *Contact) []string {
	if f.list == nil {
		return nil
	}
	return f.list(c)
}

// ContactFields lists the fields of Contact in its order, which is also
// the order of kith's CSV columns.
var ContactFields = []ContactField{
	{Key: "id", Import: Computed, text: func(c *Contact) string { return strconv.FormatInt(c.ID, 10) }},
	textField("name", Filled, func(c *Contact) *string { return &c.Name }),
	textField("email", Derived, func(c *Contact) *string { return &c.Email }),
	listField("emails", sameFolded, func(c *Contact) *[]string { return &c.Emails }),
	textField("phone", Derived, func(c *Contact) *string { return &c.Phone }),
	listField("phones", samePhone, func(c *Contact) *[]string { return &c.Phones }),
	textField("company", Filled, func(c *Contact) *string { return &c.Company }),
	textField("title", Filled, func(c *Contact) *string { return &c.Title }),
	textField("category", Filled, func(c *Contact) *string { return &c.Category }),
	listField("tags", sameFolded, func(c *Contact) *[]string { return &c.Tags }),
	{Key: "stage", Import: Overwritten, text: func(c *Contact) string { return string(c.Stage) },
		merge: mergeStage, same: func(a, b *Contact) bool { return a.Stage == b.Stage },
		set: func(dst, src *Contact) { dst.Stage = src.Stage }},
	// advocacy is empty until the user sets it (AdvocacySet): the two are
	// merged and compared as one, by advocacy's rule
	{Key: "advocacy", Import: Filled, text: func(c *Contact) string { return string(c.Advocacy) },
		merge: mergeAdvocacy, same: sameAdvocacy,
		set: func(dst, src *Contact) { dst.Advocacy, dst.AdvocacySet = src.Advocacy, src.AdvocacySet }},
	{Key: "advocacy_set", Import: Filled, text: func(c *Contact) string { return strconv.FormatBool(c.AdvocacySet) }},
	textField("met_at", Filled, func(c *Contact) *string { return &c.MetAt }),
	textField("topic", Filled, func(c *Contact) *string { return &c.Topic }),
	textField("idea", Filled, func(c *Contact) *string { return &c.Idea }),
	{Key: "cadence_days", Import: Filled, text: cadenceText, merge: mergeCadence,
		same: func(a, b *Contact) bool { return sameCadence(a.CadenceDays, b.CadenceDays) }, set: setCadence},
	textField("linkedin_url", Filled, func(c *Contact) *string { return &c.LinkedInURL }),
	textField("birthday", Filled, func(c *Contact) *string { return &c.Birthday }),
	listField("anniversaries", SameAnniversary, func(c *Contact) *[]string { return &c.Anniversaries }),
	textField("source", Kept, func(c *Contact) *string { return &c.Source }),
	{Key: "last_contact", Import: Computed, text: lastContactText},
	textField("notes", Appended, func(c *Contact) *string { return &c.Notes }),
	{Key: "created_at", Import: Computed, text: func(c *Contact) string { return timeText(c.CreatedAt) }},
	{Key: "updated_at", Import: Computed, text: func(c *Contact) string { return timeText(c.UpdatedAt) }},
}

// ContactKeys are the keys of ContactFields, in order: the header of
// kith's CSV.
func ContactKeys() []string {
	keys := make([]string, len(ContactFields))
	for i, f := range ContactFields {
		keys[i] = f.Key
	}
	return keys
}

// textField describes a text field at the place field gives; a Filled or
// Appended one is merged and compared as text.
func textField(key string, rule ImportRule, field func(c *Contact) *string) ContactField {
	f := ContactField{Key: key, Import: rule, text: func(c *Contact) string { return *field(c) }}
	switch rule {
	case Filled:
		f.merge = func(out, in *Contact, overwrite bool) {
			if v := *field(in); v != "" && (overwrite || *field(out) == "") {
				*field(out) = v
			}
		}
	case Appended:
		f.merge = func(out, in *Contact, overwrite bool) {
			switch v, have := *field(in), *field(out); {
			case have == "":
				*field(out) = v
			case overwrite && v != "" && !strings.Contains(have, v):
				*field(out) = have + "\n" + v
			}
		}
	default:
		return f
	}
	f.same = func(a, b *Contact) bool { return *field(a) == *field(b) }
	// a sync's three-way merge sets the value a side changed, even notes
	// edited on the phone
	f.set = func(dst, src *Contact) { *field(dst) = *field(src) }
	return f
}

// listField describes a Joined list at the place field gives, whose
// values are one when same says so.
func listField(key string, same func(a, b string) bool, field func(c *Contact) *[]string) ContactField {
	return ContactField{
		Key: key, Import: Joined,
		list:  func(c *Contact) []string { return *field(c) },
		merge: func(out, in *Contact, _ bool) { *field(out) = joinBy(*field(out), *field(in), same) },
		same:  func(a, b *Contact) bool { return slices.Equal(*field(a), *field(b)) },
		set:   func(dst, src *Contact) { *field(dst) = slices.Clone(*field(src)) },

		sameValue: same,
		setList:   func(c *Contact, v []string) { *field(c) = v },
	}
}

func mergeStage(out, in *Contact, overwrite bool) {
	if overwrite && in.Stage != "" {
		out.Stage = in.Stage
	}
}

func mergeAdvocacy(out, in *Contact, overwrite bool) {
	if in.AdvocacySet && (overwrite || !out.AdvocacySet) {
		out.Advocacy, out.AdvocacySet = in.Advocacy, true
	}
}

// sameAdvocacy compares the user's choices: a derived level is not one.
func sameAdvocacy(a, b *Contact) bool {
	return a.AdvocacySet == b.AdvocacySet && (!a.AdvocacySet || a.Advocacy == b.Advocacy)
}

func mergeCadence(out, in *Contact, overwrite bool) {
	if in.CadenceDays != nil && (overwrite || out.CadenceDays == nil) {
		out.CadenceDays = in.CadenceDays
	}
}

func setCadence(dst, src *Contact) {
	dst.CadenceDays = nil
	if src.CadenceDays != nil {
		days := *src.CadenceDays
		dst.CadenceDays = &days
	}
}

func sameCadence(a, b *int) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}

func cadenceText(c *Contact) string {
	if c.CadenceDays == nil {
		return ""
	}
	return strconv.Itoa(*c.CadenceDays)
}

func lastContactText(c *Contact) string {
	if c.LastContact == nil {
		return ""
	}
	return c.LastContact.String()
}

// timeText writes a timestamp in UTC to the second.
func timeText(t time.Time) string { return t.UTC().Format(time.RFC3339) }
