package cli

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/kith"
)

// checkText refuses text arguments and flag values that are not valid
// UTF-8, or that hold a control character other than TAB (a note may hold
// line breaks: its CRs become LFs), before any command runs. Stored raw,
// bytes that are not UTF-8 would not survive an export and import
// unchanged (JSON and vCard writers replace them), and a CR or an escape
// sequence would rewrite the terminal or a file format's lines; one rule
// at the one entry every command shares keeps the database clean.
// Refusing beats replacing: the user learns which value was wrong instead
// of finding it altered later. File paths are exempt: a file name on
// Linux may be any bytes; but not blank.
func checkText(cmd *cobra.Command, args []string) error {
	var bad error
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		if bad != nil {
			return
		}
		if fileFlags[fl.Name] {
			if blank(fl.Value.String()) {
				bad = blankFileFlag(fl.Name)
			}
			return
		}
		what := "--" + fl.Name + " value"
		if noteFlags[fl.Name] && fl.Value.Type() == "string" {
			v := kith.NoteText(fl.Value.String())
			if bad = checkValue(what, v, true); bad == nil {
				bad = fl.Value.Set(v)
			}
			return
		}
		values := []string{fl.Value.String()}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if bad = checkValue(what, v, false); bad != nil {
				return
			}
		}
	})
	if bad != nil || strings.Contains(cmd.Use, "FILE") {
		return bad
	}
	// the words after a note command's REF are the note (kith note);
	// the command sees them with LF line breaks, as a --note value
	noteArgs := strings.Contains(cmd.Use, "TEXT...")
	for i, a := range args {
		note := noteArgs && i > 0
		if note {
			a = kith.NoteText(a)
			args[i] = a
		}
		if err := checkValue("argument", a, note); err != nil {
			return err
		}
	}
	return nil
}

// noteFlags are the flags whose text is a note, which may span lines.
var noteFlags = map[string]bool{"note": true}

// checkValue refuses text that is not UTF-8 or that holds a control
// character (see kith.CheckText); what names the value in the error.
func checkValue(what, v string, note bool) error {
	if !utf8.ValidString(v) {
		return notUTF8(what, v)
	}
	return kith.CheckText(what, v, note)
}

// blankFileFlag is the error for a file flag passed as "" or white space,
// most likely a shell variable that was not set: rather than quietly
// meaning the default (or stdout), or a file named "  ".
func blankFileFlag(name string) error {
	hint := map[string]string{
		"db":     "pass the database file's path, or leave --db out to use KITH_DB or the default",
		"config": "pass the config file's path, or leave --config out to use KITH_CONFIG or the default",
	}[name]
	if hint == "" {
		hint = fmt.Sprintf("pass the file's path, or leave --%s out to write to stdout", name)
	}
	return kith.Errorf(kith.Invalid, "--%s is empty", name).WithHint("%s", hint)
}

func notUTF8(what, v string) error {
	return kith.Errorf(kith.Invalid, "%s %q is not valid UTF-8 text", what, v).
		WithHint("pass text in UTF-8; check the encoding of your terminal or script")
}
