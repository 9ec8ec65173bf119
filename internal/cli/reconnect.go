package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/render"
)

// reconnectOptions is what reconnect runs with.
type reconnectOptions struct {
	f        *Factory
	category string
	limit    int
}

func newReconnectCmd(f *Factory) *cobra.Command {
	opts := &reconnectOptions{f: f}
	cmd := &cobra.Command{
		Use:   "reconnect",
		Short: "Who you have not met for longest, with what you last talked about",
		Long: `List the people you have not met for longest, so a quiet week can be spent
warming up old relationships: by their last meeting, and someone you have
never met by the day they were added. Each comes with the topic of your
last coffee (or the topic on their card) to open the conversation with.

A touch (kith touch: an email, a message) restarts a stay-in-touch cadence
but is not a meeting, so it does not take anyone off this list. Piped, each
person is one tab-separated line:
ID NAME CATEGORY LAST_CONTACT DAYS TOPIC (LAST_CONTACT empty: never met).`,
		Example: `  kith reconnect
  kith reconnect --category lawyer --limit 5
  kith reconnect --json | jq -r '.[] | "\(.name): \(.topic)"'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runReconnect(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.category, "category", "", "only this napkin category")
	cmd.Flags().IntVar(&opts.limit, "limit", 20, "at most N people (0: all)")
	return cmd
}

// runReconnect prints the people not met for longest.
func runReconnect(ctx context.Context, opts *reconnectOptions) error {
	f := opts.f
	if err := checkLimit(opts.limit); err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	people, err := app.Reconnect(ctx, db, opts.category, opts.limit)
	if err != nil {
		return err
	}
	rows := make([][]string, len(people))
	for i, p := range people {
		last := dateOrEmpty(p.LastContact)
		if f.Mode().TTY && p.LastContact == nil {
			last = "never (added " + p.Since.String() + ")"
		}
		rows[i] = []string{strconv.FormatInt(p.ID, 10), p.Name, p.Category, last, strconv.Itoa(p.Days), p.Topic}
	}
	return render.Table{
		Headers:   []string{"ID", "Name", "Category", "Last contact", "Days", "Topic"},
		DropFirst: []string{"Category", "Topic"},
		Empty:     "no contacts yet",
	}.Print(f.Out, f.Mode(), rows, people)
}
