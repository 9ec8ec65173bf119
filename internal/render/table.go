package render

import (
	"bufio"
	"io"
	"slices"
	"strings"
)

// Table is how a list looks on a terminal: its columns, which of them a
// narrow terminal hides first, and what an empty list says.
type Table struct {
	// Headers are the column titles, in the order the columns are shown.
	Headers []string
	// DropFirst names the columns a narrow terminal hides first, in that
	// order; after them columns go from the right. The first column stays.
	DropFirst []string
	// Wrap names the one column, if any, whose text wraps onto more lines
	// instead of being cut: prose, such as a plan's action.
	Wrap string
	// Empty is what a terminal shows, dimmed, for no rows ("no contacts
	// match"); a pipe gets nothing.
	Empty string
	// Bare leaves the header row out, for rows under a heading of their
	// own (kith today's sections); Headers still name the columns.
	Bare bool
	// Limit is how many rows the list was asked for (--limit; 0: every
	// one). A streamed table (Stream) shows a page of rows, or Limit when
	// that is more.
	Limit int
	// Limited says the list takes --limit, which the line under a table
	// cut at a page names.
	Limited bool
}

// gap is the space between two columns.
const gap = 2

// wrapFloor is how narrow a wrapping column may be before other columns
// are hidden to make room: prose a few words a line is hard to read.
const wrapFloor = 24

// cutFloor is how narrow a column of text may be cut before it is hidden
// instead: a column no wider than this (an id, a date, a stage) is never
// cut, only hidden.
const cutFloor = 16

// Print prints rows: JSON prints value (which should marshal to an array),
// a pipe gets one tab-separated line per row and no header, and a
// terminal gets a table under headers that fits its width, hiding and
// cutting columns as it must (with Mode.Wide, every column).
func (t Table) Print(w io.Writer, m Mode, rows [][]string, value any) error {
	if m.JSON {
		return JSON(w, value)
	}
	if !m.TTY {
		return Plain(w, rows)
	}
	if len(rows) == 0 {
		if t.Empty == "" {
			return nil
		}
		_, err := io.WriteString(w, m.Dim(t.Empty)+"\n")
		return err
	}
	cells := make([][]string, len(rows)+1)
	cells[0] = make([]string, len(t.Headers))
	for i, h := range t.Headers {
		if !t.Bare {
			cells[0][i] = strings.ToUpper(h)
		}
	}
	for r, row := range rows {
		cells[r+1] = make([]string, len(t.Headers))
		for i := range min(len(row), len(t.Headers)) {
			cells[r+1][i] = Cell(row[i])
		}
	}
	wrap := slices.Index(t.Headers, t.Wrap)
	var shown, widths []int
	if m.Wide {
		shown, widths = t.wide(cells)
	} else {
		shown, widths = t.fit(cells, m.LineWidth(), wrap)
	}
	b := bufio.NewWriter(w)
	if t.Bare {
		cells = cells[1:]
	}
	for _, row := range cells {
		writeRow(b, row, shown, widths, wrap)
	}
	return b.Flush()
}

// writeRow writes one row on one line, or more when its wrapping column
// goes on, each cell cut or padded to its column's width.
func writeRow(b *bufio.Writer, row []string, shown, widths []int, wrap int) {
	var more []string // the wrapping cell's lines after the first
	var line strings.Builder
	for k, c := range shown {
		cell := row[c]
		if c == wrap {
			if parts := wrapWords(cell, widths[k], ""); len(parts) > 1 {
				cell, more = parts[0], parts[1:]
			}
		}
		if k > 0 {
			line.WriteString(strings.Repeat(" ", gap))
		}
		line.WriteString(pad(Truncate(cell, widths[k]), widths[k]))
	}
	b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	if len(more) == 0 {
		return
	}
	indent := 0
	for k, c := range shown {
		if c == wrap {
			break
		}
		indent += widths[k] + gap
	}
	for _, l := range more {
		b.WriteString(strings.Repeat(" ", indent) + l + "\n")
	}
}

// wide shows every column as wide as its widest cell, up to maxCell.
func (t Table) wide(cells [][]string) (shown, widths []int) {
	for c := range t.Headers {
		shown = append(shown, c)
		widths = append(widths, min(columnNatural(cells, c), maxCell))
	}
	return shown, widths
}

// fit chooses the columns that fit in width and how wide each is: when
// the table is too wide it hides the columns no row has a value in, then
// columns in t's order until the rest fit at their floors, then cuts the
// widest columns down evenly until the table fits.
func (t Table) fit(cells [][]string, width, wrap int) (shown, widths []int) {
	n := len(t.Headers)
	natural, floor := make([]int, n), make([]int, n)
	for c := range n {
		natural[c] = columnNatural(cells, c)
		if c != wrap {
			natural[c] = min(natural[c], maxCell)
		}
		floor[c] = min(natural[c], max(Width(cells[0][c]), cutFloor))
		if c == wrap {
			floor[c] = min(natural[c], wrapFloor)
		}
	}
	for c := range n {
		shown = append(shown, c)
	}
	total := func(w func(c int) int) int {
		sum := gap * (len(shown) - 1)
		for _, c := range shown {
			sum += w(c)
		}
		return sum
	}
	hide := func(c int) { shown = slices.DeleteFunc(shown, func(s int) bool { return s == c }) }
	if total(func(c int) int { return natural[c] }) > width {
		for c := 1; c < n; c++ {
			if columnEmpty(cells, c) {
				hide(c) // no row has a value: its room is better spent
			}
		}
	}
	for _, c := range t.dropOrder() {
		if total(func(c int) int { return floor[c] }) <= width {
			break
		}
		hide(c)
	}
	// The widest columns give way first: find the highest level no column
	// need exceed for the table to fit.
	level := slices.Max(natural)
	cut := func(c int) int { return max(floor[c], min(natural[c], level)) }
	for level > 0 && total(cut) > width {
		level--
	}
	for _, c := range shown {
		widths = append(widths, min(cut(c), width))
	}
	return shown, widths
}

// dropOrder is the order columns are hidden in: DropFirst, then from the
// right, never the first column.
func (t Table) dropOrder() []int {
	var order []int
	for _, h := range t.DropFirst {
		if c := slices.Index(t.Headers, h); c > 0 {
			order = append(order, c)
		}
	}
	for c := len(t.Headers) - 1; c > 0; c-- {
		if !slices.Contains(order, c) {
			order = append(order, c)
		}
	}
	return order
}

// columnNatural is the width of column c's widest cell, header included.
func columnNatural(cells [][]string, c int) int {
	w := 0
	for _, row := range cells {
		w = max(w, Width(row[c]))
	}
	return w
}

// columnEmpty reports whether no row below the header has a value in
// column c.
func columnEmpty(cells [][]string, c int) bool {
	for _, row := range cells[1:] {
		if row[c] != "" {
			return false
		}
	}
	return true
}
