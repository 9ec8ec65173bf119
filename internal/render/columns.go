package render

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Column is one titled column of short lines, as on a napkin.
type Column struct {
	Title string
	Lines []string
}

// Columns prints cols side by side, as many to a band as fit in width
// characters, each column as wide as its widest line (capped at maxCell).
func Columns(w io.Writer, cols []Column, width int) error {
	const gap = 3
	for start := 0; start < len(cols); {
		used, end := 0, start
		widths := []int{}
		for end < len(cols) {
			cw := columnWidth(cols[end])
			if end > start && used+gap+cw > width {
				break
			}
			if end > start {
				used += gap
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
					cell = Truncate(Cell(c.Title), maxCell)
				case row == -1:
					cell = strings.Repeat("─", widths[i])
				case row < len(c.Lines):
					cell = Truncate(Cell(c.Lines[row]), maxCell)
				}
				if i < len(band)-1 {
					cell += strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+gap)
				}
				b.WriteString(cell)
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

func columnWidth(c Column) int {
	n := utf8.RuneCountInString(Truncate(Cell(c.Title), maxCell))
	for _, l := range c.Lines {
		n = max(n, utf8.RuneCountInString(Truncate(Cell(l), maxCell)))
	}
	return n
}
