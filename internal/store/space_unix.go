//go:build linux || darwin

package store

import (
	"path/filepath"
	"syscall"
)

// noRoomAt reports whether the file system holding path has (almost) no
// room left: SQLite reports a full disk as SQLITE_FULL only for the
// database's own pages, and as a bare I/O error when the -shm file, which
// even a read needs, cannot grow.
func noRoomAt(path string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(filepath.Dir(path), &st) != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 64<<10
}
