package render

import (
	"strings"

	"github.com/clipperhouse/displaywidth"
)

// A terminal draws East Asian wide characters and most emoji two columns
// wide and combining marks in none, so everything that lines text up
// measures it here, in display columns, never in bytes or runes.

// measure counts an escape sequence as taking no columns: stored text has
// none (Cell shows them escaped), so any left are kith's own colours.
var measure = displaywidth.Options{ControlSequences: true}

// DefaultWidth is the terminal width assumed when it cannot be told.
const DefaultWidth = 80

// ellipsis marks a cut.
const ellipsis = "…"

// Width is how many terminal columns s takes.
func Width(s string) int {
	return measure.String(s)
}

// Truncate cuts s to at most n terminal columns, marking the cut with an
// ellipsis. A wide character is never split: the cut may fall one column
// short. A colour's escape sequences are kept whole.
func Truncate(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return measure.TruncateString(s, n, ellipsis)
}

// pad fills s with spaces to n terminal columns.
func pad(s string, n int) string {
	if w := Width(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}
