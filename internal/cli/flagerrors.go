package cli

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/kith"
)

// flagError turns the flag parser's error into a usage error a person can
// read: "--top wants a whole number, got "abc"" instead of the strconv
// message. Values that parse but are out of range are the command's job
// (kith.Invalid, exit 1); what reaches here could not be parsed at all.
func flagError(cmd *cobra.Command, err error) error {
	help := fmt.Sprintf("run '%s --help' for usage", cmd.CommandPath())
	var invalid *pflag.InvalidValueError
	if errors.As(err, &invalid) {
		name := "--" + invalid.GetFlag().Name
		if errors.Is(err, strconv.ErrRange) {
			return usageErrorf("%s: %q is too large; %s", name, invalid.GetValue(), help)
		}
		return usageErrorf("%s wants %s, got %q; %s", name, flagValueKind(invalid.GetFlag()), invalid.GetValue(), help)
	}
	var missing *pflag.ValueRequiredError
	if errors.As(err, &missing) {
		return usageErrorf("--%s needs a value; %s", missing.GetFlag().Name, help)
	}
	return usageErrorf("%v; %s", err, help)
}

// flagValueKind names what a flag's value must be, in words.
func flagValueKind(fl *pflag.Flag) string {
	switch fl.Value.Type() {
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64":
		return "a whole number"
	case "float32", "float64":
		return "a number"
	case "bool":
		return "true or false"
	case "duration":
		return "a duration such as 90s or 2h"
	}
	return "a " + fl.Value.Type()
}

// checkLimit refuses a negative --limit; 0 means no limit.
func checkLimit(n int) error {
	if n < 0 {
		return kith.Errorf(kith.Invalid, "--limit must be 0 (no limit) or more, got %d", n)
	}
	return nil
}
