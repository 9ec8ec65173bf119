package cli

import (
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
// a file name on Linux may be any bytes.
func checkText(cmd *cobra.Command, args []string) error {
	var bad error
	cmd.Flags().Visit(func(fl *pflag.Flag) {
		if bad != nil || fileFlags[fl.Name] {
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

func notUTF8(what, v string) error {
	return kith.Errorf(kith.Invalid, "%s %q is not valid UTF-8 text", what, v).
		WithHint("pass text in UTF-8; check the encoding of your terminal or script")
}
