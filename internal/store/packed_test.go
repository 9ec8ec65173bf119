package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestQueryPacked round-trips awkward values through json_group_array and
// the reader: quotes, backslashes, tabs, line breaks, "],[" inside text,
// unicode, control characters, numbers and nulls.
func TestQueryPacked(t *testing.T) {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "k.db"), time.Now)
	require.NoError(t, err)
	defer db.Close()
	values := [][2]any{
		{"plain", 1},
		{`say "hi" \ there`, -2},
		{"tab\there\nnew line\r", nil},
		{"],[ not a row ],[", 3},
		{"Zoë 日本語 \x01\x1f", 4},
		{"", 5},
	}
	var want [][]string
	err = db.read(context.Background(), "test", func(tx *Tx) error {
		if _, err := tx.Exec("CREATE TEMP TABLE t (s TEXT, n INTEGER)"); err != nil {
			return err
		}
		for _, v := range values {
			if _, err := tx.Exec("INSERT INTO temp.t VALUES (?, ?)", v[0], v[1]); err != nil {
				return err
			}
			n := ""
			if v[1] != nil {
				n = map[int]string{1: "1", -2: "-2", 3: "3", 4: "4", 5: "5"}[v[1].(int)]
			}
			want = append(want, []string{v[0].(string), n})
		}
		p, err := tx.queryPacked("SELECT json_group_array(json_array(s, n)) FROM temp.t")
		require.NoError(t, err)
		var got [][]string
		require.NoError(t, p.each(2, func(f []string) error {
			got = append(got, append([]string(nil), f...))
			return nil
		}))
		assert.Equal(t, want, got)
		assert.GreaterOrEqual(t, p.rows(), len(values))
		assert.Error(t, p.each(3, func([]string) error { return nil }), "a row narrower than asked is an error")

		none, err := tx.queryPacked("SELECT json_group_array(json_array(s, n)) FROM temp.t WHERE 0")
		require.NoError(t, err)
		assert.Zero(t, none.rows())
		calls := 0
		require.NoError(t, none.each(2, func([]string) error { calls++; return nil }))
		assert.Zero(t, calls, "no rows: no calls")
		return nil
	})
	require.NoError(t, err)
}
