package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/store"
)

// contactArchiveOptions is what contact archive and unarchive run with:
// the REFs, one all-or-nothing store call, and the verb that reports each.
type contactArchiveOptions struct {
	f    *Factory
	refs []string
	verb string
	act  func(db *store.DB, ctx context.Context, refs []string) ([]store.ArchivedContact, error) // a DB method
}

// newContactArchiveCmd is the shape archive and unarchive share.
func newContactArchiveCmd(opts *contactArchiveOptions) *cobra.Command {
	return &cobra.Command{
		Args:              minArgs(1, "one or more contact REFs"),
		ValidArgsFunction: completeContacts(opts.f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.refs = args
			return runContactArchive(cmd.Context(), opts)
		},
	}
}

func newContactArchivedCmd(f *Factory) *cobra.Command {
	cmd := newContactArchiveCmd(&contactArchiveOptions{f: f, verb: "Archived", act: (*store.DB).ArchiveContacts})
	cmd.Use = "archive REF..."
	cmd.Short = "Put contacts away, keeping their history"
	cmd.Long = `Archive people you no longer keep in touch with, without losing what
happened with them. An archived contact is hidden from contact list, the
napkin, reconnect, fans and plan, from completion, and from followup due
and today (their follow-ups and stay-in-touch cadence wait), while their
coffees, introductions and wins stay and every report counts them. A REF
still names them: contact show, coffee log and the rest work as before.
contact list --archived lists them; contact unarchive brings them back.
All or nothing: a REF that names no one, or someone already archived,
archives none.`
	cmd.Example = `  kith contact archive ana
  kith contact archive 12 13`
	return cmd
}

func newContactUnarchiveCmd(f *Factory) *cobra.Command {
	cmd := newContactArchiveCmd(&contactArchiveOptions{f: f, verb: "Unarchived", act: (*store.DB).UnarchiveContacts})
	cmd.Use = "unarchive REF..."
	cmd.Short = "Bring archived contacts back into the lists"
	cmd.Long = `Bring archived contacts back: into contact list, the napkin, completion,
and what is due (a follow-up or cadence that fell due meanwhile is due at
once). All or nothing.`
	cmd.Example = `  kith contact unarchive ana`
	cmd.ValidArgsFunction = completeFrom(f, func(cmd *cobra.Command, db *store.DB, _ []string, typed string) ([]string, error) {
		names, err := db.ArchivedNames(cmd.Context(), typed)
		return withDescriptions(names), err
	})
	return cmd
}

// runContactArchive changes the contacts, all or none, and lists them.
func runContactArchive(ctx context.Context, opts *contactArchiveOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	changed, err := opts.act(db, ctx, opts.refs)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, changed)
	}
	for _, c := range changed {
		if err := say(f, "%s #%d %s", opts.verb, c.ID, c.Name); err != nil {
			return err
		}
	}
	return nil
}
