package cli

import (
	"bytes"
	"context"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// completionShells are the shells kith writes completion scripts for.
var completionShells = []string{"bash", "zsh", "fish", "powershell"}

// completionOptions is what kith completion runs with: the command tree
// to complete and the shell to write the script for.
type completionOptions struct {
	f     *Factory
	root  *cobra.Command
	shell string
}

// newCompletionCmd replaces cobra's default completion command, which
// prints its help and exits 0 for a shell it does not know; here a missing
// or unknown shell is a usage error that names the ones there are.
func newCompletionCmd(f *Factory) *cobra.Command {
	opts := &completionOptions{f: f}
	return &cobra.Command{
		Use:   "completion SHELL",
		Short: "Print the script that makes the shell complete kith's commands",
		Long: `Print a completion script for bash, zsh, fish or powershell. Loaded, it
completes commands, flags, contact names, follow-up ids, target names,
categories and tags when you press TAB. Contact names forgive case and
accents and match any word of a name ("lee" offers Hannah Lee), with the
company beside each. Completion only reads the database: it never creates or
changes it.

bash needs the bash-completion package and takes every offer; zsh needs
compinit and keeps the offers that start with what was typed (in any case
with the matcher-list zstyle in README); fish needs nothing and matches
inside names itself; PowerShell keeps the offers that start with what was
typed, in any case.`,
		Example: `  # bash (needs the bash-completion package)
  kith completion bash > ~/.local/share/bash-completion/completions/kith

  # zsh (a folder on your $fpath; run compinit afterwards)
  kith completion zsh > "${fpath[1]}/_kith"

  # fish
  kith completion fish > ~/.config/fish/completions/kith.fish

  # powershell (add this line to your $PROFILE)
  kith completion powershell | Out-String | Invoke-Expression`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageErrorf("%s takes one SHELL: %s; run '%s --help' for usage", cmd.CommandPath(), strings.Join(completionShells, ", "), cmd.CommandPath())
			}
			return nil
		},
		ValidArgs: completionShells,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.root, opts.shell = cmd.Root(), args[0]
			return runCompletion(opts)
		},
	}
}

// runCompletion writes the shell's completion script.
func runCompletion(opts *completionOptions) error {
	out, root := opts.f.Out, opts.root
	switch opts.shell {
	case "bash":
		var script bytes.Buffer
		if err := root.GenBashCompletionV2(&script, true); err != nil {
			return err
		}
		_, err := io.WriteString(out, forgivingBash(script.String()))
		return err
	case "zsh":
		return root.GenZshCompletion(out)
	case "fish":
		return root.GenFishCompletion(out, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(out)
	}
	return usageErrorf("unknown shell %q: kith completes %s; run 'kith completion --help' for usage", opts.shell, strings.Join(completionShells, ", "))
}

// bashPrefixFilters are where cobra's bash script keeps only the
// completions that start with what was typed, exactly as typed. kith has
// already chosen them, forgiving case and accents and matching any word of
// a name ("lee" offers Hannah Lee), so the script keeps all it is given.
var bashPrefixFilters = strings.NewReplacer(
	`compgen -W "${completions[*]}" -- "${cur}"`, `compgen -W "${completions[*]}"`,
	`[[ $comp == "$cur"* ]] || continue`, `: # kith matched what was typed`,
)

// forgivingBash is cobra's bash script without its prefix filters.
func forgivingBash(script string) string { return bashPrefixFilters.Replace(script) }

// completionStore opens the database for a completion, or returns nil:
// pressing TAB must never create a database, a folder or a migration, so
// a file that does not exist yet (or needs migrating) completes nothing.
func (f *Factory) completionStore(cmd *cobra.Command) *store.DB {
	if f.db != nil {
		return f.db
	}
	cfg, err := f.Config()
	if err != nil {
		return nil
	}
	db, err := store.OpenExisting(cmd.Context(), cfg.DB, f.Now)
	if err != nil {
		return nil
	}
	f.db = db
	return db
}

// completeFrom completes from what list reads from the database. Errors
// complete nothing rather than printing into the shell, and never fall back
// to file names.
func completeFrom(f *Factory, list func(*cobra.Command, *store.DB, []string, string) ([]string, error)) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		db := f.completionStore(cmd)
		if db == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		values, err := list(cmd, db, args, toComplete)
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// completeContacts completes REF arguments with contact names, described
// by their company, forgiving case and accents and matching any word of a
// name (store.DB.ContactNames).
func completeContacts(f *Factory) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, _ []string, typed string) ([]string, error) {
		names, err := db.ContactNames(cmd.Context(), typed)
		return withDescriptions(names), err
	})
}

// withDescriptions writes completions as cobra takes them: the value, and
// a tab and the description when there is one.
func withDescriptions(cs []store.Completion) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Value
		if c.Description != "" {
			out[i] = cobra.CompletionWithDesc(c.Value, c.Description)
		}
	}
	return out
}

// argsUpTo completes only the first n arguments with complete: after them
// the command takes text, or nothing, so nothing is offered.
func argsUpTo(n int, complete cobra.CompletionFunc) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		if len(args) >= n {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete(cmd, args, toComplete)
	}
}

// completeCategories completes --category with the categories in use.
func completeCategories(f *Factory) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, _ []string, prefix string) ([]string, error) {
		return db.Categories(cmd.Context(), prefix)
	})
}

// completeTags completes --tag with the tags in use.
func completeTags(f *Factory) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, _ []string, prefix string) ([]string, error) {
		return db.Tags(cmd.Context(), prefix)
	})
}

// completeSegments completes --segment with the target segments in use.
func completeSegments(f *Factory) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, _ []string, prefix string) ([]string, error) {
		return db.Segments(cmd.Context(), prefix)
	})
}

// completeIntroIDs completes an introduction ID, newest first, each
// described by who introduced whom and its status; with many, several.
func completeIntroIDs(f *Factory, many bool) cobra.CompletionFunc {
	return completeIDs(f, many, func(ctx context.Context, db *store.DB) ([]store.Completion, error) {
		return db.IntroIDs(ctx)
	})
}

// completeOpenFollowups completes follow-up IDs with the open ones, each
// described by its contact and text; with many false, only the first
// argument is an ID.
func completeOpenFollowups(f *Factory, many bool) cobra.CompletionFunc {
	return completeIDs(f, many, func(ctx context.Context, db *store.DB) ([]store.Completion, error) {
		return db.OpenFollowupIDs(ctx)
	})
}

// completeCoffeeIDs completes coffee IDs, newest first, each described by
// its day and people; with plans, only plans not held.
func completeCoffeeIDs(f *Factory, many, plans bool) cobra.CompletionFunc {
	return completeIDs(f, many, func(ctx context.Context, db *store.DB) ([]store.Completion, error) {
		return db.CoffeeIDs(ctx, plans)
	})
}

// completeIDs completes record IDs from list that start as typed ("ids
// and targets are matched by kith", so the shells keep every offer),
// leaving out ids already given; with many false, only the first argument
// is an ID.
func completeIDs(f *Factory, many bool, list func(context.Context, *store.DB) ([]store.Completion, error)) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, args []string, typed string) ([]string, error) {
		if !many && len(args) > 0 {
			return nil, nil
		}
		ids, err := list(cmd.Context(), db)
		return withDescriptions(startingWith(ids, typed, args)), err
	})
}

// completeTargetNames completes a target NAME argument.
func completeTargetNames(f *Factory) cobra.CompletionFunc {
	return completeFrom(f, func(cmd *cobra.Command, db *store.DB, args []string, typed string) ([]string, error) {
		if len(args) > 0 {
			return nil, nil
		}
		targets, err := db.ListTargets(cmd.Context(), "")
		names := make([]store.Completion, len(targets))
		for i, t := range targets {
			names[i] = store.Completion{Value: t.Name}
		}
		return withDescriptions(startingWith(names, typed, nil)), err
	})
}

// startingWith keeps the completions whose value starts with typed, case
// and accents aside, and that are not among given: the shell does not
// filter what kith offers (see forgivingBash).
func startingWith(cs []store.Completion, typed string, given []string) []store.Completion {
	prefix := kith.FoldAccents(typed)
	var out []store.Completion
	for _, c := range cs {
		if strings.HasPrefix(kith.FoldAccents(c.Value), prefix) && !slices.Contains(given, c.Value) {
			out = append(out, c)
		}
	}
	return out
}

// fixedCompletions completes a flag from a fixed list of values.
func fixedCompletions(values ...string) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return values, cobra.ShellCompDirectiveNoFileComp
	}
}

// enumNames lists an enumeration's values in their canonical form, as
// completion offers them.
func enumNames[T ~string](values []T) []string {
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return names
}

// registerContactFlagCompletions completes the enumerated contact flags
// that cmd has.
func registerContactFlagCompletions(cmd *cobra.Command) {
	if cmd.Flags().Lookup("stage") != nil {
		_ = cmd.RegisterFlagCompletionFunc("stage", fixedCompletions(enumNames(kith.Stages)...))
	}
	if cmd.Flags().Lookup("advocacy") != nil {
		_ = cmd.RegisterFlagCompletionFunc("advocacy", fixedCompletions(enumNames(kith.Advocacies)...))
	}
}

// fileFlags are the flags that name files, the only ones whose values the
// shell should complete with file names.
var fileFlags = map[string]bool{"db": true, "config": true, "out": true}

// registerDefaultCompletions walks cmd and its children once the tree is
// built: --category, --segment and the tag flags complete from the values in use, and
// every other flag or argument without a completion of its own, unless it
// names a file, completes nothing instead of the shell's default of file
// names.
func registerDefaultCompletions(f *Factory, cmd *cobra.Command) {
	byName := map[string]cobra.CompletionFunc{
		"category": completeCategories(f),
		"tag":      completeTags(f),
		"add-tag":  completeTags(f),
		"rm-tag":   completeTags(f),
		"segment":  completeSegments(f),
	}
	var walk func(*cobra.Command)
	walk = func(cmd *cobra.Command) {
		cmd.LocalFlags().VisitAll(func(fl *pflag.Flag) {
			if fl.NoOptDefVal != "" || fileFlags[fl.Name] {
				return // a bool takes no value; a file flag keeps file names
			}
			if _, ok := cmd.GetFlagCompletionFunc(fl.Name); ok {
				return
			}
			complete, ok := byName[fl.Name]
			if !ok {
				complete = cobra.NoFileCompletions
			}
			_ = cmd.RegisterFlagCompletionFunc(fl.Name, complete)
		})
		if cmd.ValidArgsFunction == nil && len(cmd.ValidArgs) == 0 && !cmd.HasSubCommands() && !strings.Contains(cmd.Use, "FILE") {
			cmd.ValidArgsFunction = cobra.NoFileCompletions // its arguments are text, not files
		}
		for _, c := range cmd.Commands() {
			walk(c)
		}
	}
	walk(cmd)
}
