package benchgen_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/store"
)

func TestDatabaseWritesEveryTableThroughTheSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bench.db")
	s := benchgen.Small
	require.NoError(t, benchgen.Database(context.Background(), path, s))

	db, err := store.Open(context.Background(), path, func() time.Time { return benchgen.Now })
	require.NoError(t, err)
	defer db.Close()
	var check string
	require.NoError(t, db.SQL().QueryRow("PRAGMA integrity_check").Scan(&check))
	assert.Equal(t, "ok", check)
	rows, err := db.SQL().Query("PRAGMA foreign_key_check")
	require.NoError(t, err)
	assert.False(t, rows.Next(), "every reference points at a row")
	rows.Close()

	for table, want := range map[string]int{
		"contacts": s.Contacts, "coffees": s.Coffees, "followups": s.Followups,
		"introductions": s.Introductions, "targets": s.Targets, "goals": 4,
	} {
		var n int
		// table names come from the map above
		require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM "+table).Scan(&n))
		assert.Equal(t, want, n, table)
	}
	var moves, open, withLast int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM stage_moves").Scan(&moves))
	assert.Greater(t, moves, s.Contacts, "clients have more than their first placement")
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM followups WHERE done_at IS NULL AND due_on <= ?",
		benchgen.Today.String()).Scan(&open))
	assert.Positive(t, open, "some follow-ups are due on the benchmark day")
	require.NoError(t, db.SQL().QueryRow(`SELECT count(*) FROM contacts c WHERE last_contact IS NOT
		(SELECT max(held_on) FROM coffees f JOIN coffee_contacts cc ON cc.coffee_id = f.id WHERE cc.contact_id = c.id)`).Scan(&withLast))
	assert.Zero(t, withLast, "last_contact agrees with the coffees")

	// the target path runs against is a real company of generated people
	var atTarget int
	require.NoError(t, db.SQL().QueryRow("SELECT count(*) FROM contacts WHERE company = ?", benchgen.TargetName(0)).Scan(&atTarget))
	assert.Positive(t, atTarget)
}

func TestLinkedInCSVIsDeterministicAndShapedLikeTheExport(t *testing.T) {
	var a, b bytes.Buffer
	require.NoError(t, benchgen.LinkedInCSV(&a, 2000))
	require.NoError(t, benchgen.LinkedInCSV(&b, 2000))
	assert.Equal(t, a.Bytes(), b.Bytes())

	data := a.String()
	assert.True(t, strings.HasPrefix(data, "\uFEFFNotes:\r\n"))
	assert.NotContains(t, strings.ReplaceAll(data, "\r\n", ""), "\n", "every line ends in CRLF")

	lines := strings.SplitN(data, "\r\n", benchgen.LinkedInPreambleLines+1)
	r := csv.NewReader(strings.NewReader(lines[benchgen.LinkedInPreambleLines]))
	header, err := r.Read()
	require.NoError(t, err)
	assert.Equal(t, benchgen.LinkedInHeader, header)
	var n, noEmail, withComma int
	urls := map[string]bool{}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		n++
		if rec[3] == "" {
			noEmail++
		}
		if strings.Contains(rec[4], ",") || strings.Contains(rec[1], ",") {
			withComma++
		}
		assert.False(t, urls[rec[2]], "URL %s repeats", rec[2])
		urls[rec[2]] = true
		_, err = time.Parse("02 Jan 2006", rec[6])
		assert.NoError(t, err)
	}
	assert.Equal(t, 2000, n)
	assert.Positive(t, noEmail)
	assert.Positive(t, withComma)
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 100000: "100,000", 1000000: "1,000,000"} {
		assert.Equal(t, want, benchgen.Thousands(n))
	}
}
