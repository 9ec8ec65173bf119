package proof

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// coffeeWriters is how many coffee log processes run at once.
const coffeeWriters = 20

// TestConcurrentWritersAllLand runs what a busy morning looks like: a cron
// job polling `followup due`, 20 `coffee log`s and an import, all at once.
// No command may fail (no "database is locked"), and every write is there.
func TestConcurrentWritersAllLand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kith.db")
	env := kithEnv(t, db)
	writers, rows := sized(coffeeWriters, 5), sized(importRows, shortImportRows)
	seedContacts(t, env, writers)
	csvFile := filepath.Join(dir, "busy.csv")
	writeImportCSV(t, csvFile, "busy", rows)

	type outcome struct {
		what   string
		code   int
		stderr string
	}
	var (
		mu       sync.Mutex
		outcomes []outcome
		wg       sync.WaitGroup
	)
	run := func(what string, args ...string) {
		defer wg.Done()
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, kithBin, args...)
		cmd.Env = env
		var stderr strings.Builder
		cmd.Stderr = &stderr
		cmd.Run()
		mu.Lock()
		outcomes = append(outcomes, outcome{what, cmd.ProcessState.ExitCode(), stderr.String()})
		mu.Unlock()
	}

	// the cron job: `followup due` every 20 ms until the writers are done
	stop := make(chan struct{})
	var cronRuns atomic.Int32
	cronDone := make(chan struct{})
	go func() {
		defer close(cronDone)
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
			wg.Add(1)
			run("followup due", "followup", "due", "--within", "30d")
			cronRuns.Add(1)
		}
	}()

	wg.Add(1)
	go run("import", "contact", "import", csvFile, "--format", "linkedin", "--tag", "busy")
	for i := 0; i < writers; i++ {
		wg.Add(1)
		go run(fmt.Sprintf("coffee log %d", i), "coffee", "log", fmt.Sprintf("r%d@example.com", i),
			"--on", "2026-03-01", "--note", fmt.Sprintf("busy-coffee%d", i), "--next", fmt.Sprintf("next busy-coffee%d", i))
	}
	// let the cron job overlap the whole burst, then stop it
	time.Sleep(100 * time.Millisecond)
	for {
		mu.Lock()
		finished := 0
		for _, o := range outcomes {
			if o.what != "followup due" {
				finished++
			}
		}
		mu.Unlock()
		if finished == writers+1 && cronRuns.Load() >= 5 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(stop)
	<-cronDone
	wg.Wait()

	for _, o := range outcomes {
		assert.Equal(t, 0, o.code, "%s: %s", o.what, o.stderr)
		assert.NotContains(t, o.stderr, "database is locked", o.what)
		assert.NotContains(t, o.stderr, "SQLITE_BUSY", o.what)
	}
	t.Logf("%d coffee logs, an import of %d rows, %d runs of followup due, all at once", writers, rows, cronRuns.Load())

	conn := openRaw(t, db)
	assertIntact(t, conn)
	for i := 0; i < writers; i++ {
		require.True(t, assertCoffeeAllOrNothing(t, conn, fmt.Sprintf("busy-coffee%d", i)), "coffee %d is missing", i)
	}
	require.True(t, assertBatchAllOrNothing(t, conn, "busy", rows), "the import is missing")
}
