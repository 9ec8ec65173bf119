package kith

import (
	"fmt"
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

// noteLines turns each CR LF, and each CR alone, into the LF that ends a
// line everywhere kith writes text.
var noteLines = strings.NewReplacer("\r\n", "\n", "\r", "\n")

// NoteText is s with its line breaks written as LF: a note pasted from a
// Windows program or an old Mac keeps its lines, and no CR reaches a file
// format that would take it for the end of a record.
func NoteText(s string) string { return noteLines.Replace(s) }

// CheckText refuses text holding a control character other than TAB (and,
// in a note, LF). Stored, a CR or an escape sequence would rewrite the
// terminal that shows it or break the line a file format gives it (a CR
// in a name became an extra vCard property); refusing it where it enters
// keeps every writer's job simple. what names the value in the error.
func CheckText(what, s string, note bool) error {
	for _, r := range s {
		if !unicode.IsControl(r) || r == '\t' || note && r == '\n' {
			continue
		}
		hint := "type the text without it"
		if note {
			hint = "a note may hold line breaks and tabs but no other control character"
		}
		return Errorf(Invalid, "%s %q holds a control character (%s)", what, s, controlName(r)).WithHint("%s", hint)
	}
	return nil
}

// controlName names a control character as people see it in editors.
func controlName(r rune) string {
	if name, ok := map[rune]string{'\r': "CR", '\n': "LF", 0: "NUL", 0x1b: "ESC", 0x7f: "DEL"}[r]; ok {
		return fmt.Sprintf("%s, %U", name, r)
	}
	return fmt.Sprintf("%U", r)
}
