package proof

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// undoCrashRows is just above the number of rows (10,000) from which an
// undo drops a table's indexes and builds them again, so kills land in that
// too; undoCrashTrials is fewer than the import's trials, each an undo or a
// redo of that many rows.
const (
	undoCrashRows   = 10_500
	undoCrashTrials = 8
)

// TestSIGKILLDuringUndo kills kith undo of a large import at random
// moments, again and again: the import is then wholly there or wholly
// gone, never half, and the indexes an undo drops to remove many rows at
// once are all back. Each undo that finishes turns the import around (the
// next undo redoes it), so kills land in removals and in puts back.
func TestSIGKILLDuringUndo(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kith.db")
	env := kithEnv(t, db)
	seedContacts(t, env, 2)
	rows := sized(undoCrashRows, shortImportRows)
	csvFile := filepath.Join(dir, "undo.csv")
	writeImportCSV(t, csvFile, "undo", rows)
	mustKith(t, env, "contact", "import", csvFile, "--format", "linkedin", "--tag", "undo")

	// how long an undo and a redo take here sets the window kills land in
	began := time.Now()
	mustKith(t, env, "undo")
	mustKith(t, env, "undo")
	window := time.Since(began) * 13 / 20
	t.Logf("an undo of %d contacts and its redo take %s; kills land within %s", rows, time.Since(began).Round(time.Millisecond), window)

	conn := openRaw(t, db)
	schema := schemaObjects(t, conn)
	there := assertBatchAllOrNothing(t, conn, "undo", rows)
	conn.Close()
	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 11))

	var killedBefore, finished int
	for trial := 0; trial < sized(undoCrashTrials, 3); trial++ {
		p := start(t, env, "undo")
		deadline := time.Duration(r.Int64N(int64(window)))
		timer := time.AfterFunc(deadline, func() { p.cmd.Process.Kill() })
		p.cmd.Wait()
		killed := !timer.Stop()
		assertSucceededUnlessKilled(t, p, killed)

		conn := openRaw(t, db)
		assertIntact(t, conn)
		assert.Equal(t, schema, schemaObjects(t, conn), "every table, index and trigger is still there")
		now := assertBatchAllOrNothing(t, conn, "undo", rows)
		conn.Close()
		switch {
		case !killed:
			assert.NotEqual(t, there, now, "a finished undo turned the import around")
			finished++
		case now == there:
			killedBefore++
		default:
			finished++ // it committed before the kill
		}
		there = now
		if t.Failed() {
			t.Fatalf("trial %d (killed after %s) left the database inconsistent", trial, deadline)
		}
	}
	t.Logf("undo killed before its commit %d times, finished %d times", killedBefore, finished)
	mustKith(t, env, "contact", "add", fmt.Sprintf("After %d undos", finished))
}
