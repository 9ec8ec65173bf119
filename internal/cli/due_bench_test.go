package cli

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kith-crm/kith/internal/benchgen"
)

// BenchmarkFollowupDue runs the whole `kith followup due` command in-process,
// piped, on KITH_BENCH_DB or else the full generated data set (written once
// to the temp folder), opening the database each time as a process would.
func BenchmarkFollowupDue(b *testing.B) {
	path := os.Getenv("KITH_BENCH_DB")
	if path == "" {
		var err error
		if path, err = benchgen.Cached(context.Background(), os.TempDir(), benchgen.Full); err != nil {
			b.Fatal(err)
		}
	}
	env := map[string]string{"KITH_DB": path, "KITH_NOW": benchgen.Today.String(), "HOME": b.TempDir()}
	for i := 0; i < b.N; i++ {
		f := &Factory{In: strings.NewReader(""), Out: io.Discard, ErrOut: io.Discard,
			Getenv: func(k string) string { return env[k] }, Now: time.Now}
		if code := Run(context.Background(), f, []string{"followup", "due"}); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
