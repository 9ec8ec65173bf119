package store

import (
	"slices"

	"github.com/kith-crm/kith/internal/kith"
)

// merge combines an imported contact into a stored one: lists gain what
// they lack; other fields are filled where empty, or overwritten where they
// differ with Update. Unchanged contacts are not written at all.
func (imp *Importer) merge(id int64, in kith.Contact) (Outcome, error) {
	before, err := imp.contact(id)
	if err != nil {
		return 0, err
	}
	after := MergeFields(before, in, imp.opts.Update)
	if after.Category == "" && imp.opts.Category != "" || imp.opts.Update && imp.opts.Category != "" {
		after.Category = imp.opts.Category
	}
	if sameContact(before, after) {
		return Unchanged, nil
	}
	if err := imp.tx.saveContact(id, before, after); err != nil {
		return 0, err
	}
	return Updated, nil
}

// MergeFields returns stored with in's fields combined into it: emails,
// phones and tags are joined (stored ones first); each other field takes
// in's value when stored has none, or, with overwrite, whenever in has a
// different one. Stage and advocacy change only with overwrite.
func MergeFields(stored, in kith.Contact, overwrite bool) kith.Contact {
	out := stored
	out.Emails = joinBy(stored.Emails, in.Emails, sameFolded)
	out.Phones = joinBy(stored.Phones, in.Phones, samePhone)
	out.Tags = joinBy(stored.Tags, in.Tags, sameFolded)
	for _, f := range []struct{ dst, src *string }{
		{&out.Name, &in.Name}, {&out.Company, &in.Company}, {&out.Title, &in.Title}, {&out.Category, &in.Category},
		{&out.MetAt, &in.MetAt}, {&out.Topic, &in.Topic}, {&out.Idea, &in.Idea}, {&out.LinkedInURL, &in.LinkedInURL},
		{&out.Birthday, &in.Birthday}, {&out.Notes, &in.Notes},
	} {
		if *f.src != "" && (*f.dst == "" || overwrite) {
			*f.dst = *f.src
		}
	}
	if in.CadenceDays != nil && (out.CadenceDays == nil || overwrite) {
		out.CadenceDays = in.CadenceDays
	}
	if in.AdvocacySet && (!out.AdvocacySet || overwrite) {
		out.Advocacy, out.AdvocacySet = in.Advocacy, true
	}
	if overwrite && in.Stage != "" {
		out.Stage = in.Stage
	}
	return out
}

// samePhone compares phones as numbers, so "+1 415 555 0100",
// "1-415-555-0100" and "415 555 0100" are one (kith.SamePhoneDigits);
// phones without digits compare as text.
func samePhone(a, b string) bool {
	da, db := kith.PhoneDigits(a), kith.PhoneDigits(b)
	if da == "" && db == "" {
		return kith.Fold(a) == kith.Fold(b)
	}
	return kith.SamePhoneDigits(da, db)
}

// sameFolded compares text without regard to case.
func sameFolded(a, b string) bool {
	return kith.Fold(a) == kith.Fold(b)
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

// sameContact compares what an import can change.
func sameContact(a, b kith.Contact) bool {
	return a.Name == b.Name && a.Company == b.Company && a.Title == b.Title && a.Category == b.Category &&
		a.MetAt == b.MetAt && a.Topic == b.Topic && a.Idea == b.Idea && a.LinkedInURL == b.LinkedInURL &&
		a.Birthday == b.Birthday && a.Notes == b.Notes && a.Stage == b.Stage &&
		a.AdvocacySet == b.AdvocacySet && (!a.AdvocacySet || a.Advocacy == b.Advocacy) &&
		equalCadence(a.CadenceDays, b.CadenceDays) &&
		slices.Equal(a.Emails, b.Emails) && slices.Equal(a.Phones, b.Phones) && slices.Equal(a.Tags, b.Tags)
}

func equalCadence(a, b *int) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
