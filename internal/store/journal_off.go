//go:build kith_nojournal

package store

// journalOn is false in the benchmark's kith without the journal (see
// journal_on.go): no triggers, no entries.
const journalOn = false
