// Package app holds kith's use cases: each operation that reads the store
// and runs an algorithm on what it read (warm paths, the 211° list and its
// plan, a follow-up draft, the introductions graph, the report, the funnel
// and the napkin). Each takes the store, reads one snapshot through
// store.DB.Read, and returns values for the cli to render. It holds no
// SQL and prints nothing.
package app
