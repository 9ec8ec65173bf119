package cli

import (
	"context"
	"strconv"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// historyOptions is what history runs with.
type historyOptions struct {
	f     *Factory
	ref   string
	since string
	limit int
}

func newHistoryCmd(f *Factory) *cobra.Command {
	opts := &historyOptions{f: f}
	cmd := &cobra.Command{
		Use:   "history [REF]",
		Short: "What changed, command by command, newest first; with REF, what happened to that person",
		Long: `List the journal: every command that changed the database, newest first, with
its id (for kith undo ID), when it ran, the command line as typed and what
it did. An entry a later undo reversed says so.

With REF, only the entries that touched that person's records: their card,
emails, tags, coffees, introductions either way, follow-ups. A removed
contact is still found by the id they had.

Piped, each entry is one tab-separated line: ID WHEN COMMAND WHAT.`,
		Example: `  kith history
  kith history ana --since 4w
  kith history --since 2026-01-01 --limit 0 --json | jq -r '.[] | "\(.id) \(.summary)"'`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageErrorf("%s takes at most one contact REF, got %d; quote a name with spaces: kith history 'Ana Lima'", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.ref = args[0]
			}
			return runHistory(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.since, "since", "", "only entries from this day on (2026-01-01, 4w, monday)")
	cmd.Flags().IntVar(&opts.limit, "limit", 20, "at most N entries (0: all)")
	return cmd
}

// runHistory lists the journal's entries as it reads them.
func runHistory(ctx context.Context, opts *historyOptions) error {
	f := opts.f
	if err := checkLimit(opts.limit); err != nil {
		return err
	}
	q := store.HistoryQuery{Limit: opts.limit}
	if opts.since != "" {
		d, err := f.parseSinceFlag(opts.since)
		if err != nil {
			return err
		}
		q.Since = d.Time(f.Now().Location())
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	var ifNone error
	if opts.ref != "" {
		if q.Contact, ifNone, err = historyContact(ctx, db, opts.ref); err != nil {
			return err
		}
	}
	return streamList(f, render.Table{
		Headers:   []string{"ID", "When", "Command", "What"},
		DropFirst: []string{"Command"},
		Wrap:      "What",
		Empty:     "nothing in the journal yet",
		Limit:     opts.limit,
		Limited:   true,
	}, func(add func(store.Entry) error) error {
		found := false
		err := db.EachEntry(ctx, q, func(e store.Entry) error {
			found = true
			return add(e)
		})
		if err == nil && !found && ifNone != nil {
			return ifNone // nothing is printed yet
		}
		return err
	}, func(e store.Entry) []string {
		what := e.Summary
		if e.UndoneBy != 0 {
			what += " (undone by #" + strconv.FormatInt(e.UndoneBy, 10) + ")"
		}
		return []string{strconv.FormatInt(e.ID, 10), e.At.In(f.Now().Location()).Format("2006-01-02 15:04"), e.CommandLine(), what}
	}, nil)
}

// historyContact finds the contact whose entries ref asks for. A REF
// that names no one now but is the id a removed contact had finds the
// entries about them: the id is returned with the error to give when the
// journal has none (ifNone).
func historyContact(ctx context.Context, db *store.DB, ref string) (id int64, ifNone, err error) {
	c, err := db.ResolveContact(ctx, ref)
	if err == nil {
		return c.ID, nil, nil
	}
	id, perr := strconv.ParseInt(ref, 10, 64)
	if kith.ErrorCode(err) != kith.NotFound || perr != nil || id <= 0 {
		return 0, nil, err
	}
	return id, err, nil
}
