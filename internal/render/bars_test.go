package render

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBars(t *testing.T) {
	lines := Bars([]int{0, 2, 4, 8}, 6, "objective 6", 4, 0, false).Lines
	require.Len(t, lines, 5)
	assert.Equal(t, []string{
		"            ███",
		"┈┈┈ ┈┈┈ ┈┈┈ ███ objective 6",
		"        ███ ███",
		"    ███ ███ ███",
		"  0   2   4   8",
	}, lines)
}

func TestBarsPartialCellsAndNoMark(t *testing.T) {
	lines := Bars([]int{1, 3}, 0, "", 2, 0, false).Lines
	// top is 3, so each row holds 1.5: 1 fills 2/3 of the first row.
	assert.Equal(t, []string{
		"    ███",
		"▅▅▅ ███",
		"  1   3",
	}, lines)
	for _, l := range lines {
		assert.NotContains(t, l, "┈")
	}
}

func TestBarsEmptyAndColour(t *testing.T) {
	assert.Equal(t, []string{"  0   0"}, Bars([]int{0, 0}, 0, "", 3, 0, false).Lines, "no blank rows above the values")
	assert.Empty(t, Bars(make([]int, 30), 0, "", 3, 20, false).Lines, "too long for values: nothing at all")

	coloured := Bars([]int{2, 6}, 4, "goal", 2, 0, true).Lines
	assert.Contains(t, strings.Join(coloured, "\n"), "\x1b[33m") // below the mark
	assert.Contains(t, strings.Join(coloured, "\n"), "\x1b[32m") // at or above it
	plain := Bars([]int{2, 6}, 4, "goal", 2, 0, false).Lines
	assert.NotContains(t, strings.Join(plain, "\n"), "\x1b")
}

func TestBarsWidenForLargeValues(t *testing.T) {
	lines := Bars([]int{1200, 35}, 0, "", 1, 0, false).Lines
	assert.Equal(t, []string{"████ ▁▁▁▁", "1200   35"}, lines)
}

func TestBarsNarrowWhenTheyDoNotFit(t *testing.T) {
	values := []int{0, 2, 4, 8, 1, 3}
	wide := Bars(values, 6, "goal 6", 2, 29, false)
	assert.True(t, wide.Numbered)
	assert.False(t, wide.Labelled, "23 columns of bars, a space and the label need 30")
	assert.Equal(t, "  0   2   4   8   1   3", wide.Lines[2])

	narrow := Bars(values, 6, "goal 6", 2, 20, false)
	assert.False(t, narrow.Numbered)
	assert.True(t, narrow.Labelled)
	assert.Equal(t, []string{
		"┈┈┈█┈┈ goal 6",
		" ▄██▂▆",
	}, narrow.Lines)
}
