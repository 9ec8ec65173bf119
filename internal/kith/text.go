package kith

import (
	"fmt"
	"math"
	"strings"
	"unicode"
)

// AndList writes names as a person lists them: "Ana, Bo and Cy".
func AndList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

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

// The most bytes kith keeps in one value: a name, company or any other
// one-line field, and a note. Far above any real value, they keep one
// pasted file or runaway script from filling every list and export.
const (
	MaxFieldBytes = 64 << 10
	MaxNoteBytes  = 1 << 20
)

// CheckValue refuses a value kith would not store: one holding a control
// character (see CheckText), or longer than MaxFieldBytes (MaxNoteBytes
// for a note).
func CheckValue(what, s string, note bool) error {
	max := MaxFieldBytes
	if note {
		max = MaxNoteBytes
	}
	if err := checkLength(what, s, max); err != nil {
		return err
	}
	return CheckText(what, s, note)
}

// checkLength refuses text of more than max bytes; what names the value
// in the error.
func checkLength(what, s string, max int) error {
	if len(s) <= max {
		return nil
	}
	hint := fmt.Sprintf("keep longer text in the notes, which hold up to %s", ByteSize(MaxNoteBytes))
	if max >= MaxNoteBytes {
		hint = "keep the document itself elsewhere and note where it is"
	}
	return Errorf(Invalid, "%s is %s long, over the %s kith keeps", what, ByteSize(int64(len(s))), ByteSize(int64(max))).
		WithHint("%s", hint)
}

// ByteSize writes a size for people: 900 bytes, 64 KiB, 1.5 MiB. It rounds
// up, so a size just over a limit never reads as the limit itself.
func ByteSize(n int64) string {
	switch {
	case n < 1<<10:
		return fmt.Sprintf("%d bytes", n)
	case n < 1<<20:
		return trimZero(float64(n)/(1<<10)) + " KiB"
	case n < 1<<30:
		return trimZero(float64(n)/(1<<20)) + " MiB"
	}
	return trimZero(float64(n)/(1<<30)) + " GiB"
}

// trimZero writes f rounded up to one decimal, dropping a ".0".
func trimZero(f float64) string {
	return strings.TrimSuffix(fmt.Sprintf("%.1f", math.Ceil(f*10)/10), ".0")
}
