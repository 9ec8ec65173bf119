package cli

import (
	"bufio"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/store"
)

// updateStreamed rewrites the sums TestListsAndExportsKeepTheirBytes
// compares with, after a change meant to alter an output.
var updateStreamed = flag.Bool("update-streamed", false, "rewrite "+streamedSums+" from this kith's outputs")

// streamedSums holds the SHA-256 of each listing and export of a seeded
// database, taken before the lists were streamed: writing records as
// they are read must not change a byte of what a script receives.
const streamedSums = "../../testdata/streamed.sum"

// streamedCommands are the outputs the sums cover: every list and export,
// piped and as JSON, a terminal's table for two of them, and the graph.
// The history lists follow in journalCommands, once journalWrites have
// written a journal (benchgen writes none).
var streamedCommands = []string{
	"contact list",
	"contact list --json",
	"contact list --sort last-contact --limit 50",
	"contact list --tag golf",
	"coffee list",
	"coffee list --json",
	"coffee list --since 2025-12-01",
	"intro list",
	"intro list --json",
	"followup list",
	"followup list --json",
	"target list",
	"target list --json",
	"search golf",
	"search golf --limit 0 --json",
	"contact export --format csv",
	"contact export --format vcard",
	"contact export --format json",
	"export",
	"graph",
	"graph --format mermaid",
	"graph --json",
	"graph --contact 1 --depth 3",
	"tty contact list",
	"tty coffee list",
}

// journalWrites are the commands that write the journal the history lists
// read: one of each kind of entry, and an undo.
var journalWrites = [][]string{
	{"contact", "add", "Zed Quill", "--company", "Acme", "--tag", "golf"},
	{"note", "zed", "plays golf on Sundays"},
	{"coffee", "log", "zed", "--at", "Golf Club", "--next", "send the photos"},
	{"followup", "add", "zed", "ask about the tournament"},
	{"undo"},
	{"contact", "edit", "zed", "--title", "CFO"},
	{"contact", "add", "Yan Ortiz"},
}

// journalCommands are the history lists, as JSON: piped, a line's time is
// in the machine's own zone.
var journalCommands = []string{
	"history --json",
	"history --limit 2 --json",
	"history zed --json",
}

func TestListsAndExportsKeepTheirBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: seeds a database of some thousand records")
	}
	e := newTestEnv(t)
	e.env["KITH_NOW"] = benchgen.Today.String()
	e.env["COLUMNS"] = "80"
	sizes := benchgen.Sizes{Contacts: 300, Coffees: 2_000, Followups: 300, Introductions: 150, Targets: 5}
	require.NoError(t, benchgen.Database(context.Background(), e.env["KITH_DB"], sizes))

	got := map[string]string{}
	sum := func(line string) {
		e.tty = strings.HasPrefix(line, "tty ")
		out, stderr, code := e.run("", strings.Fields(strings.TrimPrefix(line, "tty "))...)
		require.Equal(t, 0, code, "%s: %s", line, stderr)
		require.NotEmpty(t, out, line)
		got[line] = fmt.Sprintf("%x", sha256.Sum256([]byte(out)))
	}
	for _, line := range streamedCommands {
		sum(line)
	}
	e.tty = false
	e.env["KITH_NOW"] = benchgen.Now.Format(time.RFC3339) // the journal's times, in any zone
	for _, args := range journalWrites {
		_, stderr, code := e.run("", args...)
		require.Equal(t, 0, code, "%s: %s", args, stderr)
	}
	for _, line := range journalCommands {
		sum(line)
	}
	all := append(slices.Clone(streamedCommands), journalCommands...)
	if *updateStreamed {
		var b strings.Builder
		for _, line := range all {
			fmt.Fprintf(&b, "%s  %s\n", got[line], line)
		}
		require.NoError(t, os.WriteFile(streamedSums, []byte(b.String()), 0o644))
		return
	}
	want := readStreamedSums(t)
	for _, line := range all {
		assert.Equal(t, want[line], got[line], "kith %s printed other bytes than %s records; if the change is meant, run go test ./internal/cli -run TestListsAndExportsKeepTheirBytes -update-streamed", line, filepath.Base(streamedSums))
	}
}

// readStreamedSums reads the sums file: "SUM  COMMAND" lines.
func readStreamedSums(t *testing.T) map[string]string {
	f, err := os.Open(streamedSums)
	require.NoError(t, err)
	defer f.Close()
	sums := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		sum, line, ok := strings.Cut(s.Text(), "  ")
		require.True(t, ok, "bad line %q", s.Text())
		sums[line] = sum
	}
	require.NoError(t, s.Err())
	return sums
}

// cancelOnFirstWrite is a reader that goes away as soon as output starts:
// its first write cancels the command.
type cancelOnFirstWrite struct {
	cancel context.CancelFunc
	bytes  int
}

func (w *cancelOnFirstWrite) Write(p []byte) (int, error) {
	if w.bytes == 0 {
		w.cancel()
	}
	w.bytes += len(p)
	return len(p), nil
}

// TestListsWriteBeforeTheQueryEnds proves the lists and the graph stream:
// the first bytes reach the writer while rows are still being read, so
// cancelling then stops the query. A list read whole before printing
// would finish (exit 0) however early the reader went away.
func TestListsWriteBeforeTheQueryEnds(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: seeds a database of some thousand records")
	}
	e := newTestEnv(t)
	e.env["KITH_NOW"] = benchgen.Today.String()
	sizes := benchgen.Sizes{Contacts: 3_000, Coffees: 5_000, Followups: 3_000, Introductions: 1_000, Targets: 3_000}
	require.NoError(t, benchgen.Database(context.Background(), e.env["KITH_DB"], sizes))
	seedJournal(t, e.env["KITH_DB"], 2_000)
	for _, line := range []string{
		"contact list", "contact list --json", "coffee list", "coffee list --json",
		"intro list", "intro list --json", "followup list", "followup list --json", "target list", "target list --json",
		"history --limit 0", "history --limit 0 --json", "search golf --limit 0", "search golf --limit 0 --json",
		"contact export --format csv", "contact export --format vcard", "export",
		"graph", "graph --format mermaid", "graph --json",
	} {
		t.Run(line, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			w := &cancelOnFirstWrite{cancel: cancel}
			stderr, code := e.runTo(ctx, w, "", strings.Fields(line)...)
			assert.Positive(t, w.bytes, "nothing was written")
			assert.NotEqual(t, 0, code, "the list was read whole before its first byte was written (stderr %q)", stderr)
		})
	}
}

// seedJournal writes n entries straight into the journal, as n kith note
// commands would: the streaming test needs more history than a buffer
// holds, and running a thousand commands would take most of its time.
func seedJournal(t *testing.T, path string, n int) {
	ctx := context.Background()
	db, err := store.Open(ctx, path, func() time.Time { return benchgen.Now })
	require.NoError(t, err)
	defer db.Close()
	_, err = db.SQL().ExecContext(ctx, `WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
		INSERT INTO journal (at, command, operation, summary, counts, first_change, last_change)
		SELECT ?, json_array('note', 'ana', 'note ' || i), 'add contact note', 'added contact note #' || i, '{}', 0, 0 FROM k`,
		n, benchgen.Now.Format(time.RFC3339))
	require.NoError(t, err)
}
