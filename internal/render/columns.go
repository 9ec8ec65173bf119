package render

import (
	"fmt"
	"io"
	"strings"
)

// Column is one titled column of short lines, as on a napkin.
type Column struct {
	Title string
	Lines []string
}

// Columns prints cols side by side, as many to a band as fit in width
// terminal columns, each as wide as its widest line (at most maxCell, and
// never wider than width: longer lines are cut).
func Columns(w io.Writer, cols []Column, width int) error {
	const columnGap = 3
	for start := 0; start < len(cols); {
		used, end := 0, start
		widths := []int{}
		for end < len(cols) {
			cw := min(columnWidth(cols[end]), width)
			if end > start && used+columnGap+cw > width {
				break
			}
			if end > start {
				used += columnGap
			}
			used += cw
			widths = append(widths, cw)
			end++
		}
		band := cols[start:end]
		height := 0
		for _, c := range band {
			height = max(height, len(c.Lines))
		}
		for row := -2; row < height; row++ {
			var b strings.Builder
			for i, c := range band {
				var cell string
				switch {
				case row == -2:
					cell = Cell(c.Title)
				case row == -1:
					cell = strings.Repeat("─", widths[i])
				case row < len(c.Lines):
					cell = Cell(c.Lines[row])
				}
				if i > 0 {
					b.WriteString(strings.Repeat(" ", columnGap))
				}
				b.WriteString(pad(Truncate(cell, widths[i]), widths[i]))
			}
			if _, err := fmt.Fprintln(w, strings.TrimRight(b.String(), " ")); err != nil {
				return err
			}
		}
		start = end
		if start < len(cols) {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
	}
	return nil
}

// columnWidth is the width of c's widest line or title, at most maxCell.
func columnWidth(c Column) int {
	n := Width(Cell(c.Title))
	for _, l := range c.Lines {
		n = max(n, Width(Cell(l)))
	}
	return min(n, maxCell)
}
