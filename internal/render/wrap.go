package render

import (
	"regexp"
	"strings"
	"sync"

	"github.com/clipperhouse/displaywidth"
)

// minWrap is the narrowest text is wrapped to, however deep its indent:
// narrower, a line holds hardly a word.
const minWrap = 20

// listMarker is a numbered or bulleted line's marker after its indent: the
// lines it continues onto start under the text, not under the marker.
var listMarker = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^ *(\d+[.)]|[-*•]) `) })

// Wrap breaks each line of text at spaces so that none is wider than width
// terminal columns, for prose on a terminal. A line that goes on keeps its
// indent, and a list item's lines start under its text ("1. " or "- "). A
// word wider than the line is cut across lines.
func Wrap(text string, width int) string {
	lines := strings.Split(text, "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines {
		hang := len(l) - len(strings.TrimLeft(l, " "))
		if m := listMarker().FindString(l); m != "" {
			hang = len(m)
		}
		out = append(out, wrapWords(l, width, strings.Repeat(" ", hang))...)
	}
	return strings.Join(out, "\n")
}

// wrapWords breaks one line at spaces into lines of at most width columns,
// each after the first starting with hang. Spaces between words that move
// to another line are dropped.
func wrapWords(s string, width int, hang string) []string {
	if Width(s) <= width {
		return []string{s}
	}
	if Width(hang) >= width/2 {
		hang = "" // a deep indent on a narrow line would leave no room
	}
	body := strings.TrimLeft(s, " ")
	var lines []string
	line := s[:len(s)-len(body)]
	used, empty := Width(line), true
	for _, word := range strings.Fields(body) {
		ww := Width(word)
		if !empty && used+1+ww > width {
			lines = append(lines, line)
			line, used, empty = hang, Width(hang), true
		}
		if !empty {
			line += " "
			used++
		}
		for ww > 0 && used+ww > width {
			head, rest := cutWidth(word, width-used)
			lines = append(lines, line+head)
			line, used, word = hang, Width(hang), rest
			ww = Width(word)
		}
		line += word
		used += ww
		empty = false
	}
	return append(lines, line)
}

// cutWidth splits s after as many whole characters as fit in n columns,
// and at least one, so cutting always moves on.
func cutWidth(s string, n int) (head, rest string) {
	g := displaywidth.StringGraphemes(s)
	used, at := 0, 0
	for g.Next() {
		if used+g.Width() > n && at > 0 {
			break
		}
		used += g.Width()
		at += len(g.Value())
	}
	return s[:at], s[at:]
}
