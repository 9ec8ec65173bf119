//go:build !linux && !darwin

package store

// noRoomAt cannot tell on this system; SQLite's own words are shown.
func noRoomAt(string) bool { return false }
