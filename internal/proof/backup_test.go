package proof

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// backupTrials is how many times the backup test kills kith backup.
const backupTrials = 12

// TestSIGKILLedBackupLeavesNoFakeBackup kills kith backup at random
// moments, again and again, always to the same name, and checks after each
// kill that the name holds a whole backup (every contact, opened as the
// user would) or nothing: never a partial file, which kith once left, and
// then opened as an empty database that passed for a backup. What may stay
// is a hidden temporary, which the next backup to the name removes.
func TestSIGKILLedBackupLeavesNoFakeBackup(t *testing.T) {
	dir := t.TempDir()
	env := kithEnv(t, filepath.Join(dir, "kith.db"))
	rows := sized(importRows, shortImportRows)
	csvFile := filepath.Join(dir, "people.csv")
	writeImportCSV(t, csvFile, "people", rows)
	mustKith(t, env, "contact", "import", csvFile, "--format", "linkedin")
	want := strings.Count(mustKith(t, env, "contact", "list"), "\n")
	require.Equal(t, rows, want)

	out := filepath.Join(t.TempDir(), "backup.db")
	began := time.Now()
	mustKith(t, env, "backup", out)
	window := time.Since(began) * 2 // some kills land after the end
	t.Logf("a backup of %d contacts takes %s; kills land within %s", rows, time.Since(began).Round(time.Millisecond), window)
	require.NoError(t, os.Remove(out))

	seed := uint64(time.Now().UnixNano())
	t.Logf("random seed %d", seed)
	r := rand.New(rand.NewPCG(seed, 19))
	temporary := regexp.MustCompile(`^\.backup\.db\.\d+\.kith-tmp(-journal)?$`)
	whole := 0
	for trial := range sized(backupTrials, 3) {
		p := start(t, env, "backup", out)
		time.Sleep(time.Duration(r.Int64N(int64(window))))
		killed := p.cmd.Process.Kill() == nil
		_ = p.cmd.Wait()
		assertSucceededUnlessKilled(t, p, killed)

		entries, err := os.ReadDir(filepath.Dir(out))
		require.NoError(t, err)
		for _, e := range entries {
			if e.Name() != "backup.db" {
				assert.Regexp(t, temporary, e.Name(), "trial %d: only the backup or a hidden temporary", trial)
			}
		}
		if _, err := os.Stat(out); err != nil {
			continue // killed before the copy was whole: no backup, as it should be
		}
		whole++
		backupEnv := kithEnv(t, out)
		got := strings.Count(mustKith(t, backupEnv, "contact", "list"), "\n")
		assert.Equal(t, want, got, "trial %d: a backup at its name holds every contact", trial)
		for _, side := range []string{"", "-wal", "-shm"} {
			require.NoError(t, os.RemoveAll(out+side))
		}
	}
	t.Logf("%d of %d killed backups had finished", whole, sized(backupTrials, 3))

	// the next backup to the name works, and removes the temporaries
	mustKith(t, env, "backup", out)
	entries, err := os.ReadDir(filepath.Dir(out))
	require.NoError(t, err)
	require.Len(t, entries, 1, "only the backup is left")
	assert.Equal(t, want, strings.Count(mustKith(t, kithEnv(t, out), "contact", "list"), "\n"))
}

// TestSIGTERMedBackupSaysSo sends SIGTERM to a backup once it has begun
// writing: it must say it was interrupted and leave no file, where it
// once said "context canceled".
func TestSIGTERMedBackupSaysSo(t *testing.T) {
	dir := t.TempDir()
	env := kithEnv(t, filepath.Join(dir, "kith.db"))
	csvFile := filepath.Join(dir, "people.csv")
	writeImportCSV(t, csvFile, "people", sized(importRows, shortImportRows))
	mustKith(t, env, "contact", "import", csvFile, "--format", "linkedin")
	out := filepath.Join(t.TempDir(), "backup.db")
	for attempt := 0; ; attempt++ {
		require.Less(t, attempt, 10, "every backup finished before the signal reached it")
		p := start(t, env, "backup", out)
		for began := false; !began; {
			entries, _ := os.ReadDir(filepath.Dir(out))
			began = len(entries) > 0
			time.Sleep(time.Millisecond)
		}
		require.NoError(t, p.cmd.Process.Signal(syscall.SIGTERM))
		_ = p.cmd.Wait()
		if p.cmd.ProcessState.ExitCode() == 0 {
			require.NoError(t, os.Remove(out)) // it finished first; again
			continue
		}
		assert.Equal(t, "kith: interrupted before it finished; nothing was changed\n", p.stderr.String())
		entries, err := os.ReadDir(filepath.Dir(out))
		require.NoError(t, err)
		assert.Empty(t, entries, "an interrupted backup leaves nothing")
		return
	}
}
