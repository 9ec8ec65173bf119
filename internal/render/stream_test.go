package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// streamed prints rows and values through a Stream.
func streamed(t *testing.T, tb Table, m Mode, rows [][]string, values []any) string {
	var b bytes.Buffer
	s := tb.Stream(&b, m)
	for i, r := range rows {
		require.NoError(t, s.Add(r, values[i]))
	}
	require.NoError(t, s.Close())
	return b.String()
}

func TestStreamPrintsWhatPrintDoes(t *testing.T) {
	type rec struct {
		ID    int               `json:"id"`
		Name  string            `json:"name"`
		Tags  []string          `json:"tags"`
		Extra map[string]string `json:"extra,omitempty"`
	}
	tb := Table{Headers: []string{"ID", "Name"}, Empty: "nothing here"}
	recs := []rec{
		{1, "Ana <ana@example.com> & co", []string{"a", "b"}, map[string]string{"k": "v"}},
		{2, "Bo\tChen\nnew line", nil, nil},
		{3, "Zoë 山田", []string{}, nil},
	}
	for name, m := range map[string]Mode{
		"json":     {JSON: true},
		"pipe":     {},
		"terminal": {TTY: true, Width: 40},
	} {
		for _, n := range []int{0, 1, 3} {
			rows := make([][]string, n)
			values := make([]any, n)
			for i := range n {
				rows[i] = []string{string(rune('1' + i)), recs[i].Name}
				values[i] = recs[i]
			}
			var want bytes.Buffer
			require.NoError(t, tb.Print(&want, m, rows, recs[:n]))
			assert.Equal(t, want.String(), streamed(t, tb, m, rows, values), "%s, %d records", name, n)
		}
	}
}

// indentCases are compact JSON values that encoding/json writes, with the
// bytes an indenter could mistake for structure inside strings.
var indentCases = []string{
	`{}`, `[]`, `""`, `0`, `null`, `[{}]`, `{"a":[]}`, `[[],[[]],{}]`,
	`{"id":1,"name":"Ana","tags":["a","b"],"extra":{"k":"v"},"none":null}`,
	`{"s":"a \"quoted\" {brace} [bracket], colon: done"}`,
	`{"s":"ends in a backslash \\","t":"\\\"","u":"\\\\"}`,
	`{"s":"\u003c\u2028 Zoë 山田 \ttab\nline"}`,
	`[1,-2.5e-7,true,false,null,"x"]`,
	`{"a":{"b":{"c":[1,{"d":[]}]}},"e":{}}`,
}

func TestAppendIndentedIsJSONIndent(t *testing.T) {
	for _, c := range indentCases {
		var want bytes.Buffer
		require.NoError(t, json.Indent(&want, []byte(c), "  ", "  "), c)
		assert.Equal(t, want.String(), string(appendIndented(nil, []byte(c), "  ", "  ")), c)
	}
}

// FuzzAppendIndented holds appendIndented to json.Indent on any valid
// JSON, made compact as encoding/json writes it.
func FuzzAppendIndented(f *testing.F) {
	for _, c := range indentCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var compact, want bytes.Buffer
		if json.Compact(&compact, []byte(s)) != nil {
			return
		}
		require.NoError(t, json.Indent(&want, compact.Bytes(), "  ", "  "))
		assert.Equal(t, want.String(), string(appendIndented(nil, compact.Bytes(), "  ", "  ")))
	})
}

// TestStreamLongJSON streams more records than the encoding goroutine takes
// at once, and checks the bytes against the whole slice's JSON.
func TestStreamLongJSON(t *testing.T) {
	type rec struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	n := 3*jsonBatch + 5
	recs := make([]rec, n)
	rows := make([][]string, n)
	values := make([]any, n)
	for i := range n {
		recs[i] = rec{i, "Ana \"#" + strings.Repeat("x", i%7) + "\""}
		values[i] = recs[i]
	}
	var want bytes.Buffer
	tb := Table{Headers: []string{"ID"}}
	require.NoError(t, tb.Print(&want, Mode{JSON: true}, nil, recs))
	assert.Equal(t, want.String(), streamed(t, tb, Mode{JSON: true}, rows, values))
}

// failingWriter takes ok bytes, then fails.
type failingWriter struct{ ok int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.ok -= len(p); w.ok < 0 {
		return 0, errors.New("disk full")
	}
	return len(p), nil
}

// TestStreamJSONWriteFails returns the writer's error, from Add once the
// encoding goroutine has met it, or else from Close.
func TestStreamJSONWriteFails(t *testing.T) {
	s := Table{}.Stream(&failingWriter{ok: 100}, Mode{JSON: true})
	var err error
	for i := 0; i < 100*jsonBatch && err == nil; i++ {
		err = s.Add(nil, map[string]string{"text": strings.Repeat("x", 100)})
	}
	require.EqualError(t, err, "disk full", "Add stops once the writing failed")
	assert.EqualError(t, s.Close(), "disk full")

	s = Table{}.Stream(&failingWriter{ok: 3}, Mode{JSON: true})
	require.NoError(t, s.Add(nil, 1), "a record waits in its batch")
	assert.EqualError(t, s.Close(), "disk full")
}

// TestStreamStop ends a list that failed part way: whatever was written
// by then, nothing after Stop, and no end.
func TestStreamStop(t *testing.T) {
	var b bytes.Buffer
	s := Table{}.Stream(&b, Mode{JSON: true})
	for i := range 2*jsonBatch + 1 {
		require.NoError(t, s.Add(nil, i))
	}
	s.Stop()
	s.Stop()
	got := b.String()
	assert.NotContains(t, got, "]", "a stopped list is not ended")
	assert.Equal(t, got, b.String())
}

func TestStreamCutsATerminalTableAtAPage(t *testing.T) {
	rows := make([][]string, 2*PageRows+5)
	for i := range rows {
		rows[i] = []string{strconv.Itoa(i + 1), strings.Repeat("x", i%7)}
	}
	for _, c := range []struct {
		name  string
		table Table
		shown int
		line  string
	}{
		{"a page", Table{Headers: []string{"ID", "Name"}}, PageRows,
			"the first 100 shown; pipe the list (| less) or add --json to see every one\n"},
		{"a list that takes --limit", Table{Headers: []string{"ID", "Name"}, Limited: true}, PageRows,
			"the first 100 shown; --limit N shows N, a pipe (| less) or --json every one\n"},
		{"asked for more than a page", Table{Headers: []string{"ID", "Name"}, Limit: PageRows + 20, Limited: true}, PageRows + 20,
			"the first 120 shown; --limit N shows N, a pipe (| less) or --json every one\n"},
		{"asked for every row, fewer than it holds", Table{Headers: []string{"ID", "Name"}, Limit: len(rows) + 1}, len(rows), ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			m := Mode{TTY: true, Width: 40}
			var b bytes.Buffer
			s := c.table.Stream(&b, m)
			added := 0
			for _, r := range rows {
				err := s.Add(r, nil)
				if errors.Is(err, ErrTableFull) {
					break
				}
				require.NoError(t, err)
				added++
			}
			require.NoError(t, s.Close())
			assert.Equal(t, c.shown, added, "rows taken before the table was full")
			var want bytes.Buffer
			require.NoError(t, c.table.Print(&want, m, rows[:c.shown], nil))
			assert.Equal(t, want.String()+c.line, b.String())
		})
	}
	t.Run("piped and JSON are never cut", func(t *testing.T) {
		for _, m := range []Mode{{}, {JSON: true}} {
			s := Table{Headers: []string{"ID", "Name"}}.Stream(io.Discard, m)
			for _, r := range rows {
				require.NoError(t, s.Add(r, r))
			}
			require.NoError(t, s.Close())
		}
	})
}
