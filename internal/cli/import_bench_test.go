package cli

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

// BenchmarkContactImport runs the whole `kith contact import` command
// in-process on a generated LinkedIn export of 100,000 rows, into a new
// database each time, as `make bench` does with the binary.
func BenchmarkContactImport(b *testing.B) {
	dir := b.TempDir()
	csv := filepath.Join(dir, "connections.csv")
	writeLinkedInCSV(b, csv, 100_000)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db := filepath.Join(b.TempDir(), "kith.db")
		env := map[string]string{"KITH_DB": db, "HOME": dir}
		f := &Factory{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
			Getenv: func(k string) string { return env[k] }, Now: time.Now}
		b.StartTimer()
		if code := Run(context.Background(), f, []string{"contact", "import", "--format", "linkedin", csv}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

func writeLinkedInCSV(b *testing.B, path string, rows int) {
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	if err := benchgen.LinkedInCSV(w, rows); err != nil {
		b.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
}
