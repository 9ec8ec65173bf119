package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/render"
)

// contactDupesOptions is what contact dupes runs with.
type contactDupesOptions struct {
	f *Factory
}

func newContactDupesCmd(f *Factory) *cobra.Command {
	opts := &contactDupesOptions{f: f}
	return &cobra.Command{
		Use:   "dupes",
		Short: "List contacts that are likely the same person",
		Long: `List pairs of contacts that are likely one person: the same email, phone
number (by its digits, with or without a country code) or LinkedIn URL, or
names at the same company that differ only in case, accents, punctuation
or a typo. Imports from several sources leave
such pairs; 'kith contact merge KEEP OTHER' joins them. Piped, each pair is
one line: KEEP_ID OTHER_ID KEEP_NAME OTHER_NAME REASONS.`,
		Example: `  kith contact dupes
  kith contact dupes --json | jq '.[] | [.keep.id, .other.id]'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runContactDupes(cmd.Context(), opts)
		},
	}
}

// runContactDupes lists the pairs of likely duplicates.
func runContactDupes(ctx context.Context, opts *contactDupesOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	dupes, err := db.Dupes(ctx)
	if err != nil {
		return err
	}
	rows := make([][]string, len(dupes))
	for i, d := range dupes {
		rows[i] = []string{strconv.FormatInt(d.Keep.ID, 10), strconv.FormatInt(d.Other.ID, 10),
			d.Keep.Name, d.Other.Name, strings.Join(d.Reasons, "; ")}
	}
	return render.Table{
		Headers: []string{"Keep", "Other", "Keep name", "Other name", "Why"},
		Wrap:    "Why",
		Empty:   "no likely duplicates",
	}.Print(f.Out, f.Mode(), rows, dupes)
}

// contactMergeOptions is what contact merge runs with: KEEP first, then
// the OTHERs, as REFs.
type contactMergeOptions struct {
	f    *Factory
	refs []string
}

func newContactMergeCmd(f *Factory) *cobra.Command {
	opts := &contactMergeOptions{f: f}
	return &cobra.Command{
		Use:   "merge KEEP OTHER...",
		Short: "Merge duplicate contacts into one",
		Long: `Merge each OTHER into KEEP and remove it. Coffees, introductions and
follow-ups move to KEEP; emails, phones and tags are joined; KEEP's empty
fields take OTHER's values, differing notes are joined, and the latest last
contact wins. KEEP takes the stage furthest along the funnel (client, past
client, lead, halo); if that is OTHER's, KEEP moves to it today, in the
funnel too. OTHER's own funnel history goes with it, so the funnel counts
one person once. An introduction between the merged contacts themselves is
dropped (it would be from a person to themselves). KEEP and OTHER are REFs:
id, email or name.`,
		Example: `  kith contact merge 12 15
  kith contact merge ana@lima.law "Ana M. Lima" 31`,
		Args:              minArgs(2, "KEEP and at least one OTHER contact"),
		ValidArgsFunction: completeContacts(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.refs = args
			return runContactMerge(cmd.Context(), opts)
		},
	}
}

// runContactMerge merges the OTHERs into KEEP and says what moved.
func runContactMerge(ctx context.Context, opts *contactMergeOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	found, err := db.ResolveContacts(ctx, opts.refs)
	if err != nil {
		return err
	}
	others := make([]int64, 0, len(found)-1)
	for _, c := range found[1:] {
		others = append(others, c.ID)
	}
	res, err := db.MergeContacts(ctx, found[0].ID, others)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, res)
	}
	ids := make([]string, len(res.Merged))
	for i, id := range res.Merged {
		ids[i] = "#" + strconv.FormatInt(id, 10)
	}
	stage := fmt.Sprintf("stage %s kept", res.Stage)
	if res.StageFrom != "" {
		stage = fmt.Sprintf("stage %s (was %s)", res.Stage, res.StageFrom)
	}
	_, err = fmt.Fprintf(f.Out, "Merged %s into #%d %s: moved %s, %s, %s; %s\n",
		strings.Join(ids, ", "), res.Contact.ID, render.Cell(res.Contact.Name),
		plural(int(res.Coffees), "coffee"), plural(int(res.Introductions), "introduction"),
		plural(int(res.Followups), "follow-up"), stage)
	if err == nil && res.DroppedIntroductions > 0 {
		_, err = fmt.Fprintf(f.ErrOut, "dropped %s between the merged contacts\n", plural(int(res.DroppedIntroductions), "introduction"))
	}
	return err
}
