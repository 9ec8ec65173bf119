package benchgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
)

// Cached returns a database of sizes s kept in dir, generating it the first
// time: Go benchmarks share one copy instead of writing a large file on
// every run. The name carries Version, so a changed generator writes anew.
func Cached(ctx context.Context, dir string, s Sizes) (string, error) {
	path := filepath.Join(dir, fmt.Sprintf("kith-bench-v%d-%d-%d-%d-%d-%d.db",
		Version, s.Contacts, s.Coffees, s.Followups, s.Introductions, s.Targets))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	// generate beside it and rename, so a run cut short leaves nothing half-written
	tmp, err := os.MkdirTemp(dir, "kith-bench-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	if err := Database(ctx, filepath.Join(tmp, "bench.db"), s); err != nil {
		return "", err
	}
	return path, os.Rename(filepath.Join(tmp, "bench.db"), path)
}
