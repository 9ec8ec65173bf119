package cli

import (
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
)

// parseRecordIDs reads the ids of stored records (coffees, introductions)
// as typed: digits, or #12 as lists show them. A bad one is a bad value,
// not a usage error, as follow-up ids are; noun names the record
// ("coffee") and the hint says which list shows the ids.
func parseRecordIDs(args []string, noun string) ([]int64, error) {
	ids := make([]int64, len(args))
	for i, a := range args {
		id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(a), "#"), 10, 64)
		if err != nil || id <= 0 {
			return nil, kith.Errorf(kith.Invalid, "%s ID must be a positive number, got %q", noun, a).
				WithHint("kith %s list shows the ids", recordCommand[noun])
		}
		ids[i] = id
	}
	return ids, nil
}

// recordCommand is the command that lists each kind of record.
var recordCommand = map[string]string{"coffee": "coffee", "introduction": "intro"}

// recordToEdit reads the one ID an edit command takes (noun names the
// record), refusing an edit that passes no flag to apply: flags lists
// them for the message.
func recordToEdit(cmd *cobra.Command, args []string, noun, flags string) (int64, error) {
	fs := cmd.Flags()
	if fs.NFlag() == 0 || fs.NFlag() == 1 && fs.Changed("json") {
		return 0, usageErrorf("nothing to change: pass at least one of %s", flags)
	}
	ids, err := parseRecordIDs(args, noun)
	if err != nil {
		return 0, err
	}
	return ids[0], nil
}
