package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealWorldImports imports every file of the shared folder of real
// exports (read in place, never copied here; the importer's test says
// what each file holds) into a new database, as a user would, and checks
// that none is refused and that no two people are merged: the contacts
// made are the records read, except where one person comes twice. The
// Google file whose two people share an office phone keeps them apart.
func TestRealWorldImports(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "realworld-exports")
	if d := os.Getenv("KITH_REALWORLD_EXPORTS"); d != "" {
		dir = d
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
	if len(files) == 0 {
		t.Skipf("real-world exports not found at %s", dir)
	}
	// the records that are the same person as an earlier one of the file
	again := map[string]int{
		// line 92 repeats line 91's Toavina Solo Rakotomalala
		"google-legacy-madagascar-synthetic.csv": 1,
	}
	// the records kept apart from an earlier one they share a phone with
	apart := map[string][]importDuplicate{
		// two cards of the test file, two names, one number
		"ezvcard-android-v21.vcf": {{Key: "phone 123456", NewID: 5, NewName: "Ñ Ñ Ñ Ñ", StoredID: 4, StoredName: "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ"}},
		// Toavina gave an office number that Dera has too
		"google-legacy-madagascar-synthetic.csv": {{Key: "phone 034 55 540 52", NewID: 90,
			NewName: "Toavina Solo Rakotomalala", StoredID: 12, StoredName: "Dera Volatiana Ratsimbazafy"}},
	}
	for _, path := range files {
		name := filepath.Base(path)
		if strings.HasSuffix(name, ".md") {
			continue
		}
		t.Run(name, func(t *testing.T) {
			e := newTestEnv(t)
			out, stderr, code := e.run("", "--json", "contact", "import", path)
			require.Equal(t, 0, code, stderr)
			var sum importSummary
			require.NoError(t, json.Unmarshal([]byte(out), &sum))
			assert.Equal(t, again[name], sum.Updated+sum.Unchanged, "records merged into an earlier one")
			if want := apart[name]; want != nil || len(sum.PossibleDuplicates) > 0 {
				assert.Equal(t, want, sum.PossibleDuplicates, "kept apart, listed as possible duplicates")
			}
			if name != "google-legacy-madagascar-synthetic.csv" {
				return
			}
			assert.Equal(t, 113, sum.Created)
			out, stderr, code = e.run("", "--json", "contact", "show", "Dera Volatiana Ratsimbazafy")
			require.Equal(t, 0, code, stderr)
			assert.Contains(t, out, `"phones": [
    "034 55 540 52"
  ]`, "the office phone's other holder's numbers stay with him")
			out, stderr, code = e.run("", "--json", "contact", "show", "Toavina Solo Rakotomalala")
			require.Equal(t, 0, code, stderr)
			for _, p := range []string{"032 55 533 47", "034 55 540 52", "+261345554031", "+261325555819"} {
				assert.Contains(t, out, p, "both of his rows")
			}
		})
	}
}
