package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// stepDays writes an introduction's step days as "promised made met
// closed", a dash for a step not reached.
func stepDays(in kith.Introduction) string {
	var out []string
	for _, d := range []*dates.Date{in.PromisedOn, in.MadeOn, in.MetOn, in.ClosedOn} {
		if d == nil {
			out = append(out, "-")
		} else {
			out = append(out, d.String())
		}
	}
	return strings.Join(out, " ")
}

// TestMigrationGivesEachStepItsDay upgrades introductions an older kith
// wrote, which had only a first day and a status day: the status day
// becomes the current step's, earlier steps take the first day.
func TestMigrationGivesEachStepItsDay(t *testing.T) {
	db := openOldFixture(t, "v0009.db", `INSERT INTO introductions
		(id, from_id, to_id, direction, kind, asked, status, intro_on, status_on, created_at, updated_at) VALUES
		(10, 1, 3, 'received', 'client', 1, 'made', '2025-06-01', '2025-06-09', '2025-06-01T09:00:00Z', '2025-06-09T09:00:00Z'),
		(11, 1, 4, 'received', 'client', 1, 'met', '2025-06-01', '2025-06-09', '2025-06-01T09:00:00Z', '2025-06-09T09:00:00Z'),
		(12, 1, 5, 'received', 'client', 1, 'lost', '2025-06-01', '2025-06-09', '2025-06-01T09:00:00Z', '2025-06-09T09:00:00Z'),
		(13, 2, 4, 'given', 'coffee', 1, 'won', '2025-06-05', '2025-06-01', '2025-06-01T09:00:00Z', '2025-06-09T09:00:00Z'),
		(14, 2, 1, 'received', 'coffee', 1, 'promised', '2025-06-01', '2025-06-09', '2025-06-01T09:00:00Z', '2025-06-09T09:00:00Z')`)
	want := map[int64]string{
		1:  "- 2025-05-28 - -",                   // made: made on its day
		2:  "- 2025-04-01 2025-04-01 2025-05-15", // won: made and met on the first day, closed on the status day
		3:  "2025-06-01 - - -",                   // promised
		10: "2025-06-01 2025-06-09 - -",          // a promise made later
		11: "- 2025-06-01 2025-06-09 -",
		12: "- 2025-06-01 2025-06-01 2025-06-09", // lost was counted as made and met, and stays so
		13: "- 2025-06-05 2025-06-05 2025-06-05", // a status day before the first is taken as the first
		14: "2025-06-01 - - -",
	}
	for id, steps := range want {
		in, err := db.ListIntroductions(context.Background(), store.IntroFilter{})
		require.NoError(t, err)
		var got *kith.Introduction
		for i := range in {
			if in[i].ID == id {
				got = &in[i]
			}
		}
		require.NotNil(t, got, "introduction %d", id)
		assert.Equal(t, steps, stepDays(*got), "introduction %d (%s)", id, got.Status)
		assert.NoError(t, got.Check(got.Status), "introduction %d", id)
		assert.Equal(t, got.First(), got.On, "introduction %d", id)
		assert.Equal(t, got.Day(got.Status), got.StatusOn, "introduction %d", id)
	}
}

// TestRestoreGivesOldIntroductionsTheirSteps checks that an export from
// before step days is restored with the days its statuses imply, and a
// current one exactly as it was.
func TestRestoreGivesOldIntroductionsTheirSteps(t *testing.T) {
	ctx := context.Background()
	old, _ := openTemp(t)
	ana, err := old.AddContact(ctx, kith.Contact{Name: "Ana"})
	require.NoError(t, err)
	_, err = old.AddContact(ctx, kith.Contact{Name: "Bo"})
	require.NoError(t, err)
	_, err = old.AddContact(ctx, kith.Contact{Name: "Cy"})
	require.NoError(t, err)
	_, err = old.RecordIntroduction(ctx, store.IntroRefs{From: "Ana", To: "Bo"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance, Status: kith.Promised, On: day("2026-02-01")})
	require.NoError(t, err)
	lost, err := old.UpdateIntroduction(ctx, 1, store.IntroUpdate{Status: kith.Lost, On: day("2026-02-10")})
	require.NoError(t, err)
	require.Equal(t, "2026-02-01 - - 2026-02-10", stepDays(lost.Introduction))
	_, err = old.RecordIntroduction(ctx, store.IntroRefs{From: "Ana", To: "Cy"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance, Status: kith.Met, On: day("2026-02-03")})
	require.NoError(t, err)

	var current bytes.Buffer
	require.NoError(t, old.ExportDatabase(ctx, &current))
	restored, _ := openTemp(t)
	require.NoError(t, restored.ImportDatabase(ctx, bytes.NewReader(current.Bytes()), "now.json"))
	got, err := restored.ListIntroductions(ctx, store.IntroFilter{ContactID: ana.ID})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "- 2026-02-03 2026-02-03 -", stepDays(got[0]))
	assert.Equal(t, "2026-02-01 - - 2026-02-10", stepDays(got[1]), "the lost promise stays unmade")

	// the same file from before step days: no step columns
	_, err = old.SQL().Exec("UPDATE introductions SET promised_on = NULL, made_on = NULL, met_on = NULL, closed_on = NULL")
	require.NoError(t, err)
	var older bytes.Buffer
	require.NoError(t, old.ExportDatabase(ctx, &older))
	restored, _ = openTemp(t)
	require.NoError(t, restored.ImportDatabase(ctx, &older, "old.json"))
	got, err = restored.ListIntroductions(ctx, store.IntroFilter{ContactID: ana.ID})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "- 2026-02-03 2026-02-03 -", stepDays(got[0]))
	assert.Equal(t, "- 2026-02-01 2026-02-01 2026-02-10", stepDays(got[1]), "an old lost one was counted as made")
}
