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
// UTF-8, before any command runs. Stored raw, such bytes would not survive
// an export and import unchanged (JSON and vCard writers replace them), so
// one rule at the one entry every command shares keeps the database clean.
// Refusing beats replacing them with U+FFFD: the user learns which value
// was wrong instead of finding it altered later. File paths are exempt:
// a file name on Linux may be any bytes; but not blank.
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
		values := []string{fl.Value.String()}
		if sv, ok := fl.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if !utf8.ValidString(v) {
				bad = notUTF8("--"+fl.Name+" value", v)
				return
			}
		}
	})
	if bad != nil || strings.Contains(cmd.Use, "FILE") {
		return bad
	}
	for _, a := range args {
		if !utf8.ValidString(a) {
			return notUTF8("argument", a)
		}
	}
	return nil
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
