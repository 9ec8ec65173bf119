package cli

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// refFlagAnnotation marks a flag whose value is a contact REF, so an
// ambiguous one can be suggested again with an id.
const refFlagAnnotation = "kith_ref"

// refFlag makes cmd's flag name a REF: it completes with contact names,
// and an ambiguous value is suggested again with an id (retypeWithID).
func refFlag(f *Factory, cmd *cobra.Command, name string) {
	_ = cmd.Flags().SetAnnotation(name, refFlagAnnotation, []string{"true"})
	_ = cmd.RegisterFlagCompletionFunc(name, completeContacts(f))
}

// suggestRetype gives an ambiguous REF's error the command being typed,
// with the REF replaced by the first candidate's id (kith coffee log 26
// bo), instead of an example that leaves the user to type it again.
func suggestRetype(err error, cmd *cobra.Command, args []string) {
	var amb *store.AmbiguousError
	if cmd == nil || !errors.As(err, &amb) || len(amb.Candidates) == 0 {
		return
	}
	i := refIndex(cmd, args, amb.Ref)
	if i < 0 {
		return
	}
	out := slices.Clone(args)
	id := strconv.FormatInt(amb.Candidates[0].ID, 10)
	if name, _, ok := strings.Cut(out[i], "="); ok && strings.HasPrefix(out[i], "-") {
		out[i] = name + "=" + id
	} else {
		out[i] = id
	}
	amb.Retry = kith.CommandLine(out)
}

// refIndex finds the word of args that holds ref: the first argument
// that is ref, else the first REF flag's value that is; -1 when none is.
func refIndex(cmd *cobra.Command, args []string, ref string) int {
	inFlag := -1
	is := func(s string) bool { return kith.TrimText(s) == ref }
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			if j := slices.IndexFunc(args[i+1:], is); j >= 0 {
				return i + 1 + j
			}
			break
		}
		if !strings.HasPrefix(a, "-") || len(a) == 1 {
			if is(a) {
				return i
			}
			continue
		}
		name, value, inline := strings.Cut(strings.TrimLeft(a, "-"), "=")
		fl := lookupFlag(cmd, a, name)
		if fl == nil || fl.NoOptDefVal != "" && !inline {
			continue // a switch such as --json, or a flag cobra refused
		}
		if !inline { // the value is the next word
			if i++; i == len(args) {
				break
			}
			value = args[i]
		}
		if inFlag < 0 && fl.Annotations[refFlagAnnotation] != nil && is(value) {
			inFlag = i
		}
	}
	return inFlag
}

// lookupFlag finds the flag word a names: --name, or -n by its shorthand.
func lookupFlag(cmd *cobra.Command, a, name string) *pflag.Flag {
	if strings.HasPrefix(a, "--") {
		return cmd.Flags().Lookup(name)
	}
	return cmd.Flags().ShorthandLookup(name)
}
