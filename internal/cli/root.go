package cli

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// NewRootCmd builds the whole command tree on f. Commands are registered
// here, explicitly, so the tree reads in one place.
func NewRootCmd(f *Factory) *cobra.Command {
	var showVersion bool
	root := &cobra.Command{
		Use:   "kith",
		Short: "A personal CRM for people who win work through people they know",
		Long: `kith keeps the people you know, the coffees you have with them, the
introductions they make and the follow-ups you owe, in one local SQLite file.

Log a meeting in one line right after it, let a cron job tell you each
morning who to follow up with, and bulk-load contacts from scripts.`,
		Example: `  kith contact add "Ana Lima" --company Acme --category lawyer --met-at "BNI breakfast"
  kith contact list --category lawyer
  kith contact show ana`,
		SilenceErrors: true,
		SilenceUsage:  true,
		Args:          unknownSubcommand,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if showVersion {
				return runVersion(&versionOptions{f: f})
			}
			return cmd.Help()
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			if err := checkText(cmd, args); err != nil {
				return err
			}
			f.applyForceTTY()
			return f.applyNow()
		},
	}
	pf := root.PersistentFlags()
	pf.StringVar(&f.flags.db, "db", "", "database file (env KITH_DB, config key db; default $XDG_DATA_HOME/kith/kith.db)")
	pf.StringVar(&f.flags.config, "config", "", "config file (env KITH_CONFIG; default $XDG_CONFIG_HOME/kith/config.yaml)")
	pf.BoolVar(&f.flags.json, "json", false, "print records as JSON")
	pf.BoolVar(&f.flags.wide, "wide", false, "on a terminal, show every column of a table, even past its width")
	root.Flags().BoolVarP(&showVersion, "version", "v", false, "print kith's version, as kith version does")
	root.SetFlagErrorFunc(flagError)
	root.SetHelpTemplate(root.HelpTemplate() + exitStatusHelp)
	root.CompletionOptions.DisableDefaultCmd = true // newCompletionCmd replaces it
	root.SetHelpCommand(newHelpCmd(root))

	root.AddCommand(
		newContactCmd(f),
		newCoffeeCmd(f),
		newGoalCmd(f),
		newNapkinCmd(f),
		newFunnelCmd(f),
		newFollowupCmd(f),
		newTodayCmd(f),
		newCalendarCmd(f),
		newTouchCmd(f),
		newNoteCmd(f),
		newReconnectCmd(f),
		newUndoCmd(f),
		newHistoryCmd(f),
		newAskCmd(f),
		newIntroCmd(f),
		newTargetCmd(f),
		newFansCmd(f),
		newPlanCmd(f),
		newReportCmd(f),
		newPathCmd(f),
		newSearchCmd(f),
		newGraphCmd(f),
		newExportCmd(f),
		newImportCmd(f),
		newBackupCmd(f),
		newSyncCmd(f),
		newVersionCmd(f),
		newCompletionCmd(f),
	)
	groupCommands(root)
	if completing(f.args) {
		// only completions read them, and walking every flag of every
		// command cost each command's start
		registerDefaultCompletions(f, root)
	}
	return root
}

// completing reports whether args are a shell's request for completions
// (cobra's hidden __complete command, wherever the flags put it).
func completing(args []string) bool {
	return slices.Contains(args, cobra.ShellCompRequestCmd) || slices.Contains(args, cobra.ShellCompNoDescRequestCmd)
}

// exitStatusHelp ends every command's help, so scripts know what to expect;
// a command with --exit-code says what that flag changes (exitCheckFailed).
const exitStatusHelp = `{{if .LocalFlags.Lookup "exit-code"}}
Exit status:
  0  success; with --exit-code, success and nothing due
  1  failure: the command changed nothing (a value out of range, an unknown
     contact, ...); with --exit-code, success and something due
  2  usage error: unknown command or flag, wrong number of arguments, a
     missing or conflicting flag, a flag value of the wrong type
  3  with --exit-code, failure (an unreadable database, a bad value): so
     that 1 means only "something is due"
{{else}}
Exit status:
  0  success
  1  failure: the command changed nothing (a value out of range, an unknown
     contact, ...)
  2  usage error: unknown command or flag, wrong number of arguments, a
     missing or conflicting flag, a flag value of the wrong type
{{end}}`

// applyNow fixes the clock from KITH_NOW (RFC 3339, or a date meaning
// midnight of that day in the local zone) when it is set.
func (f *Factory) applyNow() error {
	v := f.Getenv("KITH_NOW")
	if v == "" {
		return nil
	}
	var fixed time.Time
	if d, err := dates.ParseISO(v); err == nil {
		fixed = d.Time(time.Local)
	} else if t, err := time.Parse(time.RFC3339, v); err == nil {
		fixed = t.In(time.Local)
	} else {
		return kith.Errorf(kith.Invalid, "KITH_NOW=%q is not a date", v).WithHint("use RFC 3339 (2026-03-02T09:00:00Z) or YYYY-MM-DD")
	}
	f.Now = func() time.Time { return fixed }
	return nil
}

// newGroupCmd makes a noun that only holds verbs: bare, it prints its help;
// with an unknown verb, it is a usage error.
func newGroupCmd(use, short string, subs ...*cobra.Command) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  unknownSubcommand,
		RunE:  showHelp,
	}
	cmd.AddCommand(subs...)
	return cmd
}

// newHelpCmd is cobra's help command, except that a topic it does not know
// is a usage error (exit 2), as an unknown command is, instead of the
// root's help and exit 0.
func newHelpCmd(root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:   "help [command]",
		Short: "Help about any command",
		Long:  "Help prints the help of any command: kith help contact add.",
		RunE: func(cmd *cobra.Command, args []string) error {
			target, rest, err := root.Find(args)
			if err != nil || len(rest) > 0 {
				return usageErrorf("unknown help topic %q; run 'kith --help' for the commands", strings.Join(args, " "))
			}
			return target.Help()
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			target, _, err := root.Find(args)
			if err != nil {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			var names []string
			for _, c := range target.Commands() {
				if c.IsAvailableCommand() && strings.HasPrefix(c.Name(), toComplete) {
					names = append(names, c.Name())
				}
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	}
}

func showHelp(cmd *cobra.Command, _ []string) error {
	return cmd.Help()
}

// unknownSubcommand rejects arguments to a command that only has verbs,
// suggesting the verb the user may have meant.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", clip.String(args[0]), cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += "; did you mean " + strings.Join(s, " or ") + "?"
	} else {
		msg += fmt.Sprintf("; run '%s --help' for the commands", cmd.CommandPath())
	}
	return usageErrorf("%s", msg)
}

// exactArgs requires n arguments, naming them in the error.
func exactArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageErrorf("%s takes %s, got %s; run '%s --help' for usage", cmd.CommandPath(), names, plural(len(args), "argument"), cmd.CommandPath())
		}
		return nil
	}
}

// minArgs requires at least n arguments, naming them in the error.
func minArgs(n int, names string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usageErrorf("%s takes %s; run '%s --help' for usage", cmd.CommandPath(), names, cmd.CommandPath())
		}
		return nil
	}
}

// noArgs rejects positional arguments.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usageErrorf("%s takes no arguments (got %q); run '%s --help' for usage", cmd.CommandPath(), args[0], cmd.CommandPath())
	}
	return nil
}
