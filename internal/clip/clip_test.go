package clip

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestString(t *testing.T) {
	assert.Equal(t, "short", String("short"))
	exact := strings.Repeat("a", Max)
	assert.Equal(t, exact, String(exact))
	assert.Equal(t, strings.Repeat("a", Keep)+"…", String(exact+"a"))
	// a two-byte character straddling the cut is left out whole
	s := strings.Repeat("a", Keep-1) + strings.Repeat("é", Max)
	assert.Equal(t, strings.Repeat("a", Keep-1)+"…", String(s))
}

func TestArgs(t *testing.T) {
	long := strings.Repeat("x", 5000)
	cut := strings.Repeat("x", Keep) + "…"
	tests := []struct {
		name   string
		format string
		args   []any
		want   string
	}{
		{"quoted value", "no contact matches %q", []any{long}, fmt.Sprintf("no contact matches %q", cut)},
		{"message left whole", "%s", []any{long}, long},
		{"second argument", "%d: %s then %q", []any{7, "a", long}, fmt.Sprintf("7: a then %q", cut)},
		{"percent sign", "100%% of %q", []any{long}, fmt.Sprintf("100%% of %q", cut)},
		{"width", "%-5q|%5.2f", []any{long, 1.5}, fmt.Sprintf("%-5q|%5.2f", cut, 1.5)},
		{"explicit index", "%[1]q", []any{long}, fmt.Sprintf("%q", long)},
		{"not a string", "%q", []any{'x'}, "'x'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, fmt.Sprintf(tt.format, Args(tt.format, tt.args)...))
		})
	}
}

func TestList(t *testing.T) {
	assert.Equal(t, "a, b", List([]string{"a", "b"}))
	many := strings.Split("1 2 3 4 5 6 7 8 9 10 11 12", " ")
	assert.Equal(t, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more", List(many))
}
