package main

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

// Everyday writes on the large network: a category changed and a person
// removed with their meetings, each one command a person types. Each
// works on a copy of the network (the reads above keep theirs as
// generated) and is put back, untimed, before the next run. The person is
// #46 of the generated network, who has meetings of their own and shared
// ones, introductions and a follow-up.
const (
	writeTarget  = 200 * time.Millisecond
	benchContact = "46"
)

// everydayWrites measures the writes, on a copy of the network made once.
func (m *measurer) everydayWrites(runs int) []result {
	dataset := benchgen.Thousands(m.ds.sizes.Contacts) + " contacts"
	edit := result{name: "kith contact edit --category", dataset: dataset, target: "≤ " + ms(writeTarget)}
	remove := result{name: "kith contact rm --force", dataset: dataset, target: "≤ " + ms(writeTarget)}
	if !selected(edit.name) && !selected(remove.name) {
		edit.skipped, remove.skipped = notSelected, notSelected
		return []result{edit, remove}
	}
	db := filepath.Join(m.out, "writes.db")
	defer fresh(db)()
	if err := copyDatabase(m.ds.db, db); err != nil {
		edit.failed, remove.failed = err.Error(), err.Error()
		return []result{edit, remove}
	}
	env := m.env(db)
	categorized := func() error {
		return untimed("category before the edit", m.kith, []string{"contact", "edit", benchContact, "--category", "bench before"}, env)
	}
	edit = measure(edit, runs, categorized, m.kith, []string{"contact", "edit", benchContact, "--category", "bench after"}, env)
	removed := false
	present := func() error {
		if !removed {
			removed = true
			return nil
		}
		return untimed("undo of the removal", m.kith, []string{"undo"}, env)
	}
	remove = measure(remove, runs, present, m.kith, []string{"contact", "rm", benchContact, "--yes", "--force"}, env)
	for _, r := range []*result{&edit, &remove} {
		if r.ok() && r.median() > writeTarget {
			r.note = "OVER TARGET"
		}
	}
	return []result{edit, remove}
}

// copyDatabase copies a closed database file (no WAL beside it) to path.
func copyDatabase(from, path string) error {
	if err := fresh(path)(); err != nil {
		return err
	}
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
