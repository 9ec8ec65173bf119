package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// eighths are the block characters for a cell filled 0/8 to 8/8.
var eighths = []rune(" ▁▂▃▄▅▆▇█")

// MarkRune draws the objective's line where no bar covers it.
const MarkRune = '┈'

// Chart is a bar chart drawn to fit a width.
type Chart struct {
	// Lines are the rows of bars, top first, then (when Numbered) the
	// values under their bars.
	Lines []string
	// Numbered says the values are written under the bars; a chart too
	// long for that has bars one cell wide and leaves them to the caller.
	Numbered bool
	// Labelled says the mark's label is on its row; when it would not fit
	// there, the caller writes it elsewhere.
	Labelled bool
}

// Bars draws values as a vertical bar chart height rows tall, in block
// characters, in at most width columns (0: any). Bars are three cells wide,
// or as wide as the widest value, one space apart, with each value under
// its bar; when that is too wide, each bar is one cell with none between,
// and no values. When mark is above zero, the row holding that level is
// drawn with a dotted line where no bar covers it, labelled with markLabel
// when that fits. With colour, bars that reach the mark are green and the
// others yellow. With nothing to draw (every value zero and no mark) there
// are no rows of bars, only the values: six blank lines say nothing.
func Bars(values []int, mark float64, markLabel string, height, width int, colour bool) Chart {
	top := mark
	barWidth, gap := 3, " "
	for _, v := range values {
		top = math.Max(top, float64(v))
		barWidth = max(barWidth, len(strconv.Itoa(v)))
	}
	chart := Chart{Numbered: true}
	if width > 0 && len(values)*(barWidth+1)-1 > width {
		barWidth, gap, chart.Numbered = 1, "", false
	}
	if top <= 0 {
		top, height = 1, 0
	}
	unit := top / float64(height)
	markRow := -1
	if mark > 0 {
		markRow = min(int(math.Ceil(mark/unit))-1, height-1)
		chart.Labelled = width <= 0 || len(values)*(barWidth+len(gap))-len(gap)+1+Width(markLabel) <= width
	}
	for row := height - 1; row >= 0; row-- {
		var b strings.Builder
		for i, v := range values {
			if i > 0 {
				b.WriteString(gap)
			}
			fill := (float64(v) - float64(row)*unit) / unit
			n := int(math.Round(math.Max(0, math.Min(1, fill)) * 8))
			if row == 0 && v > 0 && n == 0 {
				n = 1 // something is never drawn as nothing
			}
			cell := strings.Repeat(string(eighths[n]), barWidth)
			if n == 0 && row == markRow {
				cell = strings.Repeat(string(MarkRune), barWidth)
			}
			if colour && n > 0 {
				code := "33"
				if mark <= 0 || float64(v) >= mark {
					code = "32"
				}
				cell = "\x1b[" + code + "m" + cell + "\x1b[0m"
			}
			b.WriteString(cell)
		}
		line := b.String()
		if row == markRow && chart.Labelled {
			line += " " + markLabel
		}
		chart.Lines = append(chart.Lines, strings.TrimRight(line, " "))
	}
	if chart.Numbered {
		var b strings.Builder
		for i, v := range values {
			if i > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%*d", barWidth, v)
		}
		chart.Lines = append(chart.Lines, b.String())
	}
	return chart
}
