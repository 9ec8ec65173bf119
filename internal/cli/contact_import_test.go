package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestImportProgress shows the bar only on a terminal, and only once the
// import has run for a second.
func TestImportProgress(t *testing.T) {
	dir := t.TempDir()
	var csv strings.Builder
	csv.WriteString("name,emails\n")
	for i := range 3000 {
		fmt.Fprintf(&csv, "Person %d,p%d@example.com\n", i, i)
	}
	file := filepath.Join(dir, "people.csv")
	require.NoError(t, os.WriteFile(file, []byte(csv.String()), 0o600))

	tests := []struct {
		name    string
		tty     bool
		elapsed time.Duration
		bar     bool
	}{
		{"terminal, slow", true, 2 * time.Second, true},
		{"terminal, fast", true, 10 * time.Millisecond, false},
		{"piped, slow", false, 2 * time.Second, false},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			env := map[string]string{"HOME": dir, "KITH_DB": filepath.Join(dir, fmt.Sprintf("k%d.db", i))}
			f := &Factory{
				In: strings.NewReader(""), Out: &out, ErrOut: &errOut, ErrTTY: tt.tty,
				Getenv:  func(k string) string { return env[k] },
				Now:     time.Now,
				Elapsed: func() func() time.Duration { return func() time.Duration { return tt.elapsed } },
			}
			require.Equal(t, 0, Run(context.Background(), f, []string{"contact", "import", file}), errOut.String())
			assert.Contains(t, errOut.String(), "3000 created")
			assert.Equal(t, tt.bar, strings.Contains(errOut.String(), "importing "+file), errOut.String())
		})
	}
}
