//go:build !kith_nojournal

package store

// journalOn is true in every kith that ships. Only the benchmark builds a
// kith without the journal (go build -tags kith_nojournal), to measure what
// the journal costs an import.
const journalOn = true
