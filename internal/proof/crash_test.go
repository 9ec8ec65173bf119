package proof

import (
	"database/sql"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// crashTrials is how many times the crash test kills kith mid-write.
const crashTrials = 24

// importRows is the size of each import the crash and concurrency tests
// run: large enough that a kill often lands inside the transaction, and
// past the store's bulk threshold (10,000 rows), so kills also land while
// the match indexes are dropped and being rebuilt inside the transaction.
const importRows = 12_000

// shortImportRows is importRows under -short: below the bulk threshold,
// so the development loop leaves bulk mode to the full suite.
const shortImportRows = 2_000

// writeImportCSV writes a LinkedIn Connections.csv of n people who exist
// only in this batch (their names, URLs and emails carry the batch name),
// so each batch's import is told apart from the others.
func writeImportCSV(t *testing.T, path, batch string, n int) {
	t.Helper()
	f, err := os.Create(path)
	require.NoError(t, err)
	defer f.Close()
	_, err = f.WriteString("\uFEFFNotes:\r\n\"Some emails are missing, as LinkedIn allows.\"\r\n\r\n")
	require.NoError(t, err)
	w := csv.NewWriter(f)
	w.UseCRLF = true
	require.NoError(t, w.Write([]string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}))
	for i := 0; i < n; i++ {
		email := ""
		if i%3 == 0 {
			email = fmt.Sprintf("p%d@%s.example.org", i, batch)
		}
		require.NoError(t, w.Write([]string{
			fmt.Sprintf("Person%d", i), "Batch " + batch,
			fmt.Sprintf("https://www.linkedin.com/in/%s-p%d", batch, i), email,
			fmt.Sprintf("Firm %d, %s", i%50, batch), "Partner, Tax", "12 Mar 2024",
		}))
	}
	w.Flush()
	require.NoError(t, w.Error())
}

// proc is a kith process started without waiting for it.
type proc struct {
	cmd    *exec.Cmd
	stderr strings.Builder
}

// start starts kith without waiting for it.
func start(t *testing.T, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: exec.Command(kithBin, args...)}
	p.cmd.Env = env
	p.cmd.Stderr = &p.stderr
	require.NoError(t, p.cmd.Start())
	return p
}

// assertSucceededUnlessKilled fails when a process ended with an error of
// its own: a kill is the only thing that may stop a write short, so a
// command that fails at once (say it was renamed) cannot pass as killed.
func assertSucceededUnlessKilled(t *testing.T, p *proc, killed bool) {
	t.Helper()
	code := p.cmd.ProcessState.ExitCode()
	if code != 0 && (!killed || strings.Contains(p.stderr.String(), "kith: ")) {
		t.Errorf("kith %s failed (exit %d): %s", strings.Join(p.cmd.Args[1:], " "), code, p.stderr.String())
	}
}

// seedContacts adds the people the coffees are logged with.
func seedContacts(t *testing.T, env []string, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		mustKith(t, env, "contact", "add", fmt.Sprintf("Regular %02d", i), "--email", fmt.Sprintf("r%d@example.com", i))
	}
}

// openRaw opens the database file without kith's store, for checks.
func openRaw(t *testing.T, path string) *sql.DB {
	t.Helper()
	conn, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(60000)")
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return conn
}

func count(t *testing.T, conn *sql.DB, query string, args ...any) int {
	t.Helper()
	var n int
	require.NoError(t, conn.QueryRow(query, args...).Scan(&n))
	return n
}

// schemaObjects lists the tables, indexes and triggers of the database.
func schemaObjects(t *testing.T, conn *sql.DB) []string {
	t.Helper()
	rows, err := conn.Query("SELECT type || ' ' || name FROM sqlite_master ORDER BY 1")
	require.NoError(t, err)
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		require.NoError(t, rows.Scan(&s))
		out = append(out, s)
	}
	require.NoError(t, rows.Err())
	return out
}

// assertIntact checks the file is a sound SQLite database with no dangling
// reference.
func assertIntact(t *testing.T, conn *sql.DB) {
	t.Helper()
	var check string
	require.NoError(t, conn.QueryRow("PRAGMA integrity_check").Scan(&check))
	require.Equal(t, "ok", check)
	rows, err := conn.Query("PRAGMA foreign_key_check")
	require.NoError(t, err)
	defer rows.Close()
	require.False(t, rows.Next(), "a row points at nothing")
}

// assertBatchAllOrNothing checks one import batch is wholly there or
// wholly absent, and returns whether it is there.
func assertBatchAllOrNothing(t *testing.T, conn *sql.DB, batch string, n int) bool {
	t.Helper()
	people := count(t, conn, "SELECT count(*) FROM contacts WHERE name LIKE 'Person% Batch ' || ?", batch)
	tagged := count(t, conn, "SELECT count(*) FROM contact_tags WHERE tag_key = ?", batch)
	moves := count(t, conn, `SELECT count(*) FROM stage_moves WHERE contact_id IN
		(SELECT contact_id FROM contact_tags WHERE tag_key = ?)`, batch)
	if people == 0 {
		assert.Zero(t, tagged, "batch %s: tags without contacts", batch)
		return false
	}
	assert.Equal(t, n, people, "batch %s is half there", batch)
	assert.Equal(t, n, tagged, "batch %s: every contact carries the import's tag", batch)
	assert.Equal(t, n, moves, "batch %s: every contact has its first funnel placement", batch)
	return true
}

// assertCoffeeAllOrNothing checks a logged coffee with note is there with
// its contact, its follow-up and the contact's last-contact day, or not at
// all; it returns whether it is there.
func assertCoffeeAllOrNothing(t *testing.T, conn *sql.DB, note string) bool {
	t.Helper()
	coffees := count(t, conn, "SELECT count(*) FROM coffees WHERE notes = ?", note)
	followups := count(t, conn, "SELECT count(*) FROM followups WHERE text = ?", "next "+note)
	if coffees == 0 {
		assert.Zero(t, followups, "%s: a follow-up without its coffee", note)
		return false
	}
	require.Equal(t, 1, coffees, "%s logged twice", note)
	assert.Equal(t, 1, count(t, conn, `SELECT count(*) FROM coffee_contacts cc JOIN coffees f ON f.id = cc.coffee_id
		WHERE f.notes = ?`, note), "%s: its contact", note)
	assert.Equal(t, 1, count(t, conn, `SELECT count(*) FROM followups u JOIN coffees f ON f.id = u.coffee_id
		WHERE f.notes = ? AND u.text = 'next ' || f.notes`, note), "%s: its follow-up", note)
	assert.Equal(t, 1, count(t, conn, `SELECT count(*) FROM contacts c JOIN coffee_contacts cc ON cc.contact_id = c.id
		JOIN coffees f ON f.id = cc.coffee_id WHERE f.notes = ? AND c.last_contact >= f.held_on`, note),
		"%s: the contact's last contact moved", note)
	return true
}

// TestSIGKILLLeavesNoHalfWrites kills imports and bursts of coffee logs
// at random moments, again and again, and checks after each that the
// database is sound and every write is all there or not there at all.
func TestSIGKILLLeavesNoHalfWrites(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "kith.db")
	env := kithEnv(t, db)
	seedContacts(t, env, 5)
	trials, rows := sized(crashTrials, 3), sized(importRows, shortImportRows)

	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 7))

	// How long one whole import takes here sets the window kills land in.
	csvFile := filepath.Join(dir, "calibrate.csv")
	writeImportCSV(t, csvFile, "calibrate", rows)
	began := time.Now()
	mustKith(t, env, "contact", "import", csvFile, "--format", "linkedin", "--tag", "calibrate")
	window := time.Since(began) * 13 / 10
	t.Logf("one import of %d rows takes %s; kills land within %s", rows, time.Since(began).Round(time.Millisecond), window)

	conn := openRaw(t, db)
	schema := schemaObjects(t, conn)
	conn.Close()

	var completeImports, killedImports, completeCoffees, killedCoffees int
	for trial := 0; trial < trials; trial++ {
		batch := fmt.Sprintf("trial%02d", trial)
		csvFile := filepath.Join(dir, batch+".csv")
		writeImportCSV(t, csvFile, batch, rows)
		procs := []*proc{start(t, env, "contact", "import", csvFile, "--format", "linkedin", "--tag", batch)}
		notes := make([]string, 5)
		for j := range notes {
			notes[j] = fmt.Sprintf("%s-coffee%d", batch, j)
			procs = append(procs, start(t, env, "coffee", "log", fmt.Sprintf("r%d@example.com", j),
				"--on", "2026-03-01", "--note", notes[j], "--next", "next "+notes[j], "--in", "1w"))
		}
		// each process dies at its own random moment, or finishes first
		deadline := time.Duration(r.Int64N(int64(window)))
		timer := time.AfterFunc(deadline, func() {
			for _, p := range procs {
				p.cmd.Process.Kill()
			}
		})
		for _, p := range procs {
			p.cmd.Wait()
		}
		killed := !timer.Stop()
		for _, p := range procs {
			assertSucceededUnlessKilled(t, p, killed)
		}

		conn := openRaw(t, db)
		assertIntact(t, conn)
		assert.Equal(t, schema, schemaObjects(t, conn), "every table, index and trigger is still there")
		if assertBatchAllOrNothing(t, conn, batch, rows) {
			completeImports++
		} else {
			killedImports++
		}
		for _, note := range notes {
			if assertCoffeeAllOrNothing(t, conn, note) {
				completeCoffees++
			} else {
				killedCoffees++
			}
		}
		conn.Close()
		if t.Failed() {
			t.Fatalf("trial %d (killed after %s) left the database inconsistent", trial, deadline)
		}
	}
	t.Logf("%d trials: imports %d complete, %d killed; coffees %d complete, %d killed",
		trials, completeImports, killedImports, completeCoffees, killedCoffees)

	// the database still takes writes after all that
	mustKith(t, env, "contact", "add", "After The Storm")
	conn = openRaw(t, db)
	assertIntact(t, conn)
}
