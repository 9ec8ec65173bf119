package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestMeasureQueriesUseIndexes checks the plan of every query behind
// report, napkin and path: none may scan a whole table, since each must
// stay fast on 100,000 contacts and 1,000,000 coffees. Only the napkin's
// counts read a whole index, which is the cheapest way to count them.
func TestMeasureQueriesUseIndexes(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "kith.db"), time.Now)
	require.NoError(t, err)
	defer db.Close()
	wholeIndexOK := map[string]bool{"napkinCountsSQL": true}
	for name, q := range map[string]string{
		"reportCoffeesSQL": reportCoffeesSQL, "reportIntrosSQL": reportIntrosSQL, "reportWinsSQL": reportWinsSQL,
		"reportClientsSQL": reportClientsSQL, "reportSourcesSQL": reportSourcesSQL,
		"reportIntroducersSQL": reportIntroducersSQL, "reportAdvocacySQL": reportAdvocacySQL,
		"napkinCountsSQL": napkinCountsSQL, "napkinRecentSQL": napkinRecentSQL, "napkinOldestSQL": napkinOldestSQL,
		"pathAtTargetSQL": pathAtTargetSQL, "pathIntroLinksSQL": pathIntroLinksSQL,
		"pathColleaguesSQL": pathColleaguesSQL, "pathKnownSQL": pathKnownSQL, "graphNodesSQL": graphNodesSQL,
	} {
		t.Run(name, func(t *testing.T) {
			args := make([]any, strings.Count(q, "?"))
			for i := range args {
				args[i] = "[1]" // a date, an id list or a key: the plan is the same
			}
			plan, err := db.QueryPlan(q, args...)
			require.NoError(t, err)
			for _, step := range plan {
				if !strings.HasPrefix(step, "SCAN ") || strings.Contains(step, "VIRTUAL TABLE") ||
					strings.HasPrefix(step, "SCAN (subquery") {
					continue
				}
				assert.True(t, wholeIndexOK[name] && strings.Contains(step, "COVERING INDEX"),
					"%s scans: %s\nplan: %s", name, step, strings.Join(plan, "; "))
			}
		})
	}
}
