package render

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// eighths are the block characters for a cell filled 0/8 to 8/8.
var eighths = []rune(" ▁▂▃▄▅▆▇█")

// markRune draws the objective's line where no bar covers it.
const markRune = '┈'

// Bars draws values as a vertical bar chart height rows tall, in block
// characters, followed by a row with each value under its bar. Bars are
// three cells wide, or as wide as the widest value, one space apart. When mark
// is above zero, the row holding that level is drawn with a dotted line
// where no bar covers it and labelled with markLabel. With colour, bars
// that reach the mark are green and the others yellow.
func Bars(values []int, mark float64, markLabel string, height int, colour bool) []string {
	top := mark
	barWidth := 3
	for _, v := range values {
		top = math.Max(top, float64(v))
		barWidth = max(barWidth, len(strconv.Itoa(v)))
	}
	if top <= 0 {
		top = 1
	}
	unit := top / float64(height)
	markRow := -1
	if mark > 0 {
		markRow = min(int(math.Ceil(mark/unit))-1, height-1)
	}
	var lines []string
	for row := height - 1; row >= 0; row-- {
		var b strings.Builder
		for i, v := range values {
			if i > 0 {
				b.WriteByte(' ')
			}
			fill := (float64(v) - float64(row)*unit) / unit
			n := int(math.Round(math.Max(0, math.Min(1, fill)) * 8))
			if row == 0 && v > 0 && n == 0 {
				n = 1 // something is never drawn as nothing
			}
			cell := strings.Repeat(string(eighths[n]), barWidth)
			if n == 0 && row == markRow {
				cell = strings.Repeat(string(markRune), barWidth)
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
		if row == markRow {
			line += " " + markLabel
		}
		lines = append(lines, strings.TrimRight(line, " "))
	}
	var b strings.Builder
	for i, v := range values {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%*d", barWidth, v)
	}
	return append(lines, b.String())
}
