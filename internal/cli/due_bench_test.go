package cli

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkFollowupDue runs the whole `kith followup due` command in-process
// on the database KITH_BENCH_DB names (make bench generates one); without
// it the benchmark is skipped.
func BenchmarkFollowupDue(b *testing.B) {
	path := os.Getenv("KITH_BENCH_DB")
	if path == "" {
		b.Skip("set KITH_BENCH_DB to a generated database (see make bench)")
	}
	env := map[string]string{"KITH_DB": path, "KITH_NOW": "2026-03-02", "HOME": b.TempDir()}
	for i := 0; i < b.N; i++ {
		f := &Factory{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
			Getenv: func(k string) string { return env[k] }, Now: time.Now}
		if code := Run(context.Background(), f, []string{"followup", "due"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
