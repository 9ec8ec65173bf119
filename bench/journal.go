package main

import (
	"fmt"
	"path/filepath"
)

// The journal's costs (issue 12): an import with its journal entry within
// 1.25× of the same import by a kith built without the journal (go build
// -tags kith_nojournal), and kith undo of that import no slower than the
// import itself.
const (
	journalRatioTarget = 1.25
	undoRatioTarget    = 1.0
)

// journalCosts measures, for the import imp of csv, the same import
// without the journal and the undo of the import.
func (m *measurer) journalCosts(imp result, csv string, runs int, noJournal string) []result {
	off := result{name: "kith contact import, no journal", dataset: imp.dataset}
	switch {
	case !selected(off.name):
		off.skipped = notSelected
	case noJournal == "":
		off.skipped = "skipped: no -nojournal binary (make bench builds it)"
	default:
		off = m.importWith(noJournal, off, runs, csv)
	}
	if imp.ok() && off.ok() {
		ratio := float64(imp.median()) / float64(off.median())
		off.note = fmt.Sprintf("with the journal %.2f× this (target ≤ %.2f×)", ratio, journalRatioTarget)
		if ratio > journalRatioTarget {
			off.note += ", OVER TARGET"
		}
	}

	db := filepath.Join(m.out, "import.db")
	undo := result{name: "kith undo (of that import)", dataset: imp.dataset, target: fmt.Sprintf("≤ %.2f× import", undoRatioTarget)}
	imported := func() error {
		if err := fresh(db)(); err != nil {
			return err
		}
		return untimed("import before undo", m.kith, importArgs(csv), m.env(db))
	}
	undo = measure(undo, runs, imported, m.kith, []string{"undo"}, m.env(db))
	fresh(db)()
	if imp.ok() && undo.ok() {
		ratio := float64(undo.median()) / float64(imp.median())
		undo.note = fmt.Sprintf("%.2f× the import", ratio)
		if ratio > undoRatioTarget {
			undo.note += ", OVER TARGET"
		}
	}
	return []result{off, undo}
}
