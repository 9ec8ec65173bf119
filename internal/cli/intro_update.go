package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// introUpdateOptions is what intro update runs with: the introduction's
// id, and the new values as typed, of which only the flags given apply.
type introUpdateOptions struct {
	f                                   *Factory
	id                                  int64
	status, value, on, note             string
	statusSet, valueSet, noteSet, onSet bool
}

func newIntroUpdateCmd(f *Factory) *cobra.Command {
	opts := &introUpdateOptions{f: f}
	cmd := &cobra.Command{
		Use:   "update ID",
		Short: "Move an introduction along: made, met, won or lost",
		Long: `Change an introduction's status as it moves along (promised → made → met →
won or lost), and record the revenue it brought with --value. Each step
keeps its own day, and reports count it on that day: --on says when this
one happened (default today; a step already reached keeps its day unless
--on is given), never before the step before it. A step skipped (a promise
won straight away) takes the same day.

Marking a received introduction made is what turns its introducer into an
advocate; a promise closed as lost without being made never counts as
made. Won makes the person introduced a client (on the day it was won),
unless they already are one. A won or lost introduction that was made
cannot go back to promised; made and met can, to correct a slip.`,
		Example: `  kith intro update 3 --status made
  kith intro update 3 --status won --value 12000
  kith intro update 3 --status met --on yesterday
  kith intro update 3 --status lost`,
		Args:              exactArgs(1, "one introduction ID"),
		ValidArgsFunction: completeIntroIDs(f, false),
		RunE: func(cmd *cobra.Command, args []string) error {
			fs := cmd.Flags()
			opts.statusSet, opts.valueSet, opts.noteSet = fs.Changed("status"), fs.Changed("value"), fs.Changed("note")
			opts.onSet = fs.Changed("on")
			if !opts.statusSet && !opts.valueSet && !opts.noteSet {
				return usageErrorf("nothing to change: pass --status, --value or --note")
			}
			ids, err := parseRecordIDs(args, "introduction")
			if err != nil {
				return err
			}
			opts.id = ids[0]
			return runIntroUpdate(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.status, "status", "", "promised, made, met, won or lost")
	fs.StringVar(&opts.value, "value", "", "revenue it brought, e.g. 12000")
	fs.StringVar(&opts.on, "on", "today", "the day of the new status's step (YYYY-MM-DD, yesterday, monday, -3d ...)")
	fs.StringVar(&opts.note, "note", "", "replace the notes")
	registerIntroFlagCompletions(f, cmd)
	return cmd
}

// runIntroUpdate moves the introduction along and says where it stands.
func runIntroUpdate(ctx context.Context, opts *introUpdateOptions) error {
	f := opts.f
	u, err := opts.update()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ch, err := db.UpdateIntroduction(ctx, opts.id, u)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, ch)
	}
	line := fmt.Sprintf("Introduction #%d is %s: %s (%s)", ch.ID, ch.Status, introSentence(ch.Introduction), ch.Kind)
	if ch.Value != nil {
		line += ", value " + formatValue(ch.Value)
	}
	if err := say(f, "%s", line); err != nil {
		return err
	}
	if err := sayAdvocacy(f, ch); err != nil {
		return err
	}
	return sayClient(f, ch)
}

// update reads the flags given into the change to make.
func (opts *introUpdateOptions) update() (store.IntroUpdate, error) {
	var u store.IntroUpdate
	var err error
	if opts.statusSet {
		if u.Status, err = kith.ParseIntroStatus(opts.status); err != nil {
			return u, err
		}
	}
	if opts.valueSet {
		v, err := kith.ParseValue(opts.value)
		if err != nil {
			return u, err
		}
		u.Value = &v
	}
	if opts.noteSet {
		u.Notes = &opts.note
	}
	if !opts.onSet {
		return u, nil // the store dates a new step today and keeps a reached one's day
	}
	if !opts.statusSet {
		return u, usageErrorf("--on dates a status: pass --status with it")
	}
	u.On, err = opts.f.parseDateFlag("on", opts.on, dates.Past)
	return u, err
}
