package store

import (
	"github.com/kith-crm/kith/internal/kith"
)

// merge combines an imported contact into a stored one by kith.MergeFields:
// lists gain what they lack; other fields are filled where empty, or
// overwritten where they differ with Update. Unchanged contacts are not
// written at all.
func (imp *Importer) merge(id int64, in kith.Contact) (Outcome, error) {
	before, err := imp.contact(id)
	if err != nil {
		return 0, err
	}
	after := kith.MergeFields(before, in, imp.opts.Update)
	if after.Category == "" && imp.opts.Category != "" || imp.opts.Update && imp.opts.Category != "" {
		after.Category = imp.opts.Category
	}
	if kith.SameContact(before, after) {
		return Unchanged, nil
	}
	if err := imp.tx.saveContact(id, before, after); err != nil {
		return 0, err
	}
	imp.changed = append(imp.changed, id)
	return Updated, nil
}
