// Package clip shortens the values an error message quotes back to the
// user, so a 128 KiB argument or a 50 MB cell of an imported file gives a
// one-line error a person can read, not a screenful of the value.
package clip

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Max is the longest value, in bytes, an error quotes whole; a longer one
// is cut to its first Keep bytes (on a character boundary) and "…".
const (
	Max  = 200
	Keep = 100
)

// String returns s, or its start and "…" when it is longer than Max bytes.
func String(s string) string {
	if len(s) <= Max {
		return s
	}
	cut := Keep
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}

// Few is how many items List names before it counts the rest.
const Few = 10

// List joins the first Few items with commas and counts the rest, so an
// error about thousands of ids or columns stays one readable line.
func List(items []string) string {
	if len(items) <= Few {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:Few], ", "), len(items)-Few)
}

// Args returns args with each string that format prints with %q clipped,
// for passing on to fmt.Sprintf(format, ...). Strings printed with %s or
// %v are left whole: those are messages built earlier (a list of
// candidates), not values the user typed. A format with explicit argument
// indexes (%[1]q) is left alone.
func Args(format string, args []any) []any {
	var out []any
	n := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		j := i + 1
		for j < len(format) && isFlag(format[j]) {
			j++
		}
		if j >= len(format) {
			break
		}
		switch c := format[j]; {
		case c == '%':
		case c == '[':
			return args
		default:
			if c == 'q' && n < len(args) {
				if s, ok := args[n].(string); ok && len(s) > Max {
					if out == nil {
						out = append([]any(nil), args...)
					}
					out[n] = String(s)
				}
			}
			n++
		}
		i = j
	}
	if out == nil {
		return args
	}
	return out
}

// isFlag reports whether c may stand between % and the verb: flags, width
// and precision (a * takes an argument of its own, which kith never uses).
func isFlag(c byte) bool {
	return c == '+' || c == '-' || c == '#' || c == ' ' || c == '0' || c == '.' || c >= '1' && c <= '9'
}
