package cli

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
)

func newGoalCmd(f *Factory) *cobra.Command {
	cmd := newGroupCmd("goal", "Set the objectives the report measures you against",
		newGoalSetCmd(f),
		newGoalListCmd(f),
	)
	cmd.Long = `Objectives turn networking into a routine you can measure: coffees a week,
introductions a month, clients and revenue a quarter. kith report lays each
period's activity over them.`
	cmd.Example = `  kith goal set coffees-per-week 6
  kith goal list`
	return cmd
}

// goalSetOptions is what goal set runs with: the objective and its value,
// as typed.
type goalSetOptions struct {
	f           *Factory
	name, value string
}

func newGoalSetCmd(f *Factory) *cobra.Command {
	opts := &goalSetOptions{f: f}
	cmd := &cobra.Command{
		Use:   "set NAME VALUE",
		Short: "Set an objective",
		Long: `Set a measurable objective: the activity you intend, not the result you
hope for. kith report shows each period against these.

Objectives: coffees-per-week, clients-per-quarter, revenue-per-quarter,
intros-per-month. Counts are whole numbers; revenue is in your currency.
Setting 0 clears the objective: goal list shows it as not set and the
report leaves it out.`,
		Example: `  kith goal set coffees-per-week 6
  kith goal set clients-per-quarter 3
  kith goal set revenue-per-quarter 50000
  kith goal set intros-per-month 10 --json`,
		Args:              exactArgs(2, "a goal NAME and a VALUE"),
		ValidArgsFunction: goalNameCompletion,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.name, opts.value = args[0], args[1]
			return runGoalSet(cmd.Context(), opts)
		},
	}
	// A negative VALUE such as -1 reads as an unknown flag to the parser;
	// say what is really wrong with it.
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		if m := negativeFlag().FindStringSubmatch(err.Error()); m != nil {
			return kith.Errorf(kith.Invalid, "a goal cannot be negative, got %s", m[1]).WithHint("use 0 to clear the objective")
		}
		return flagError(c, err)
	})
	return cmd
}

// runGoalSet sets (or, at 0, clears) the objective and says so.
func runGoalSet(ctx context.Context, opts *goalSetOptions) error {
	f := opts.f
	name, err := kith.ParseGoalName(opts.name)
	if err != nil {
		return err
	}
	value, err := kith.ParseGoalValue(name, opts.value)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	g, ok, err := db.SetGoal(ctx, name, value)
	if err != nil {
		return err
	}
	if !ok {
		if f.flags.json {
			return renderJSON(f, goalView(name, nil))
		}
		_, err = fmt.Fprintf(f.Out, "Goal %s cleared: not set\n", name)
		return err
	}
	if f.flags.json {
		return renderJSON(f, goalView(name, &g))
	}
	_, err = fmt.Fprintf(f.Out, "Goal %s set to %s\n", name, formatNumber(value))
	return err
}

// negativeFlag finds a negative number the flag parser took for a flag.
var negativeFlag = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`flag: '.' in (-[0-9.]+)$`) })

func goalNameCompletion(_ *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	return kith.GoalNames, cobra.ShellCompDirectiveNoFileComp
}

// goalJSON is one objective as goal list --json prints it: every known
// objective, with a null value when it is not set.
type goalJSON struct {
	Name      string     `json:"name"`
	Value     *float64   `json:"value"`
	UpdatedAt *time.Time `json:"updated_at"`
}

func goalView(name string, g *kith.Goal) goalJSON {
	if g == nil {
		return goalJSON{Name: name}
	}
	return goalJSON{Name: name, Value: &g.Value, UpdatedAt: &g.UpdatedAt}
}

// goalListOptions is what goal list runs with.
type goalListOptions struct {
	f *Factory
}

func newGoalListCmd(f *Factory) *cobra.Command {
	opts := &goalListOptions{f: f}
	return &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List the objectives",
		Long: `List every objective kith knows and the value you set, if any. Piped,
each is one tab-separated line: NAME VALUE (empty when not set).`,
		Example: `  kith goal list
  kith goal list --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runGoalList(cmd.Context(), opts)
		},
	}
}

// runGoalList lists every objective with its value, set or not.
func runGoalList(ctx context.Context, opts *goalListOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	goals, err := db.Goals(ctx)
	if err != nil {
		return err
	}
	views := make([]goalJSON, len(kith.GoalNames))
	rows := make([][]string, len(kith.GoalNames))
	for i, name := range kith.GoalNames {
		g, ok := goals[name]
		value := ""
		if ok {
			views[i] = goalView(name, &g)
			value = formatNumber(g.Value)
		} else {
			views[i] = goalView(name, nil)
			if f.OutTTY {
				value = "not set"
			}
		}
		rows[i] = []string{name, value}
	}
	return render.Table{Headers: []string{"Goal", "Value"}}.Print(f.Out, f.Mode(), rows, views)
}

// formatNumber writes a number without trailing zeros: 6, 2.5, 50000.
func formatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
