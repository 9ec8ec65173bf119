// Package proof holds kith's cross-cutting checks, all of them tests: a
// vet-style check that no SQL is built from data, file permissions, crash
// safety under SIGKILL, concurrent writers, and old databases opened by the
// current binary. Tests that need the real binary build it once into a
// temp folder (see TestMain).
package proof
