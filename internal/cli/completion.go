package cli

import (
	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
)

// completeContacts completes REF arguments with contact names from the
// database. Errors complete nothing rather than printing into the shell.
func completeContacts(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		db, err := f.Store(cmd.Context())
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		names, err := db.ContactNames(cmd.Context(), toComplete)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return names, cobra.ShellCompDirectiveNoFileComp
	}
}

// fixedCompletions completes a flag from a fixed list of values.
func fixedCompletions(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// registerContactFlagCompletions completes the enumerated contact flags
// that cmd has.
func registerContactFlagCompletions(cmd *cobra.Command) {
	stages := make([]string, len(kith.Stages))
	for i, s := range kith.Stages {
		stages[i] = string(s)
	}
	if cmd.Flags().Lookup("stage") != nil {
		_ = cmd.RegisterFlagCompletionFunc("stage", fixedCompletions(stages...))
	}
}
