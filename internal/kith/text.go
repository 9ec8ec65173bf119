package kith

import (
	"strings"
	"unicode"
)

// TrimText trims white space and characters that print as nothing (zero
// width spaces and joiners, a byte order mark, bidi marks, blank fillers)
// from both ends of s. Pasted from a web page or a spreadsheet, they make
// a name that looks right but that no typed REF finds; a value of nothing
// else is empty.
func TrimText(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || invisible(r) })
}

// invisible reports whether r prints as nothing: a format character (Cf:
// U+200B-U+200F, U+202A-U+202E, U+2060-U+206F, U+FEFF, ...) or one of the
// blank fillers that are letters or symbols only on paper.
func invisible(r rune) bool {
	switch r {
	case '\u2800', '\u3164', '\u115f', '\u1160', '\uffa0':
		return true
	}
	return unicode.Is(unicode.Cf, r)
}
