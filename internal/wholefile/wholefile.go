// Package wholefile writes a file whole or not at all: the data goes to a
// hidden temporary beside the file, is synced to disk, and only then takes
// the file's name, the folder synced after it. A write killed at any
// moment (SIGKILL, a reboot, an OOM kill) leaves the old file or none, and
// at most a temporary, which the next write to that name removes. Backups
// and --out exports are written this way, so a file kith wrote can be
// trusted to be complete.
package wholefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
)

// tmpSuffix ends the name of every temporary, so that removing stale ones
// never touches a file of the user's (an editor's .swp beside an export).
const tmpSuffix = ".kith-tmp"

// File is a file being written whole.
type File struct {
	path string   // where the file goes
	tmp  *os.File // the temporary, open until Close
	name string   // the temporary's path
}

// Create starts writing path whole, in a temporary (0600) beside it named
// .BASE.RANDOM.kith-tmp, after removing the temporaries of earlier writes
// to path that were killed before they finished. A write to the same path
// running at that moment then fails at Commit instead of placing a file.
func Create(path string) (*File, error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	stale, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".*"+tmpSuffix))
	for _, s := range stale {
		removeWithJournal(s)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".*"+tmpSuffix)
	if err != nil {
		return nil, err
	}
	// CreateTemp makes it 0600 already; said again for umasks and systems
	// that might not
	if err := tmp.Chmod(0o600); err != nil && runtime.GOOS != "windows" {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, err
	}
	return &File{path: path, tmp: tmp, name: tmp.Name()}, nil
}

// Write writes to the temporary.
func (f *File) Write(p []byte) (int, error) {
	if f.tmp == nil {
		return 0, fs.ErrClosed
	}
	return f.tmp.Write(p)
}

// TempName is the temporary's path, for a writer that opens the file
// itself (SQLite's VACUUM INTO): Close first.
func (f *File) TempName() string { return f.name }

// Close closes the temporary; the file is not placed until Commit.
func (f *File) Close() error {
	if f.tmp == nil {
		return nil
	}
	err := f.tmp.Close()
	f.tmp = nil
	return err
}

// Commit syncs the temporary to disk, gives it the file's name and syncs
// the folder, so the file is there whole after a crash. Without replace, a
// file that exists already is left as it is and the error wraps
// fs.ErrExist; the temporary stays for Abort.
func (f *File) Commit(replace bool) error {
	if err := f.Close(); err != nil {
		return err
	}
	if err := syncFile(f.name); err != nil {
		return err
	}
	if replace {
		if err := os.Rename(f.name, f.path); err != nil {
			return err
		}
	} else if err := place(f.name, f.path); err != nil {
		return err
	}
	return syncDir(filepath.Dir(f.path))
}

// place gives tmp the name path unless path exists: a hard link cannot
// replace a file, so the check and the move are one step. Where links are
// not supported (FAT, some network disks) it checks, then renames.
func place(tmp, path string) error {
	err := os.Link(tmp, path)
	if err == nil {
		return os.Remove(tmp)
	}
	if errors.Is(err, fs.ErrExist) {
		return err
	}
	if _, statErr := os.Lstat(path); statErr == nil {
		return &fs.PathError{Op: "create", Path: path, Err: fs.ErrExist}
	}
	if _, statErr := os.Lstat(tmp); statErr != nil {
		return fmt.Errorf("%s: removed while it was written (by another write to the same file?): %w", tmp, statErr)
	}
	return os.Rename(tmp, path)
}

// Abort removes the temporary, and the journal SQLite may have left beside
// it, when the file is not to be written after all.
func (f *File) Abort() {
	f.Close()
	removeWithJournal(f.name)
}

func removeWithJournal(name string) {
	os.Remove(name)
	os.Remove(name + "-journal")
}

// syncFile syncs a file's data to disk; Windows flushes only a file
// opened for writing.
func syncFile(name string) error { return syncPath(name, os.O_RDWR) }

// syncDir makes a new name in dir last across a crash. Windows cannot open
// a folder to sync it, and its file systems journal the rename themselves.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	return syncPath(dir, os.O_RDONLY)
}

func syncPath(name string, flag int) error {
	f, err := os.OpenFile(name, flag, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// globEscape escapes the characters filepath.Glob would read as a pattern.
func globEscape(s string) string {
	if runtime.GOOS == "windows" {
		// '\' separates paths there; names cannot hold * ? or [ anyway
		return s
	}
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "?", `\?`, "[", `\[`).Replace(s)
}
