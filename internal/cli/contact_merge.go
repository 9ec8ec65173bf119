package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/render"
)

func newContactDupesCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "dupes",
		Short: "List contacts that are likely the same person",
		Long: `List pairs of contacts that are likely one person: the same email, phone
(digits only), or LinkedIn URL, or names at the same company that differ only
in case, accents, punctuation or a typo. Imports from several sources leave
such pairs; 'kith contact merge KEEP OTHER' joins them. Piped, each pair is
one line: KEEP_ID OTHER_ID KEEP_NAME OTHER_NAME REASONS.`,
		Example: `  kith contact dupes
  kith contact dupes --json | jq '.[] | [.keep.id, .other.id]'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			dupes, err := db.Dupes(cmd.Context())
			if err != nil {
				return err
			}
			rows := make([][]string, len(dupes))
			for i, d := range dupes {
				rows[i] = []string{strconv.FormatInt(d.Keep.ID, 10), strconv.FormatInt(d.Other.ID, 10),
					d.Keep.Name, d.Other.Name, strings.Join(d.Reasons, "; ")}
			}
			return render.List(f.Out, f.Mode(), []string{"Keep", "Other", "Keep name", "Other name", "Why"}, rows, dupes)
		},
	}
}

func newContactMergeCmd(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "merge KEEP OTHER...",
		Short: "Merge duplicate contacts into one",
		Long: `Merge each OTHER into KEEP and remove it. Nothing is lost: coffees,
introductions, follow-ups and funnel history move to KEEP; emails, phones
and tags are joined; KEEP's empty fields take OTHER's values, differing
notes are joined, and the latest last contact wins. An introduction
between the merged contacts themselves is dropped (it would be from a person
to themselves). KEEP and OTHER are REFs: id, email or name.`,
		Example: `  kith contact merge 12 15
  kith contact merge ana@lima.law "Ana M. Lima" 31`,
		Args:              minArgs(2, "KEEP and at least one OTHER contact"),
		ValidArgsFunction: completeContacts(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			db, err := f.Store(cmd.Context())
			if err != nil {
				return err
			}
			found, err := db.ResolveContacts(cmd.Context(), args)
			if err != nil {
				return err
			}
			others := make([]int64, 0, len(found)-1)
			for _, c := range found[1:] {
				others = append(others, c.ID)
			}
			res, err := db.MergeContacts(cmd.Context(), found[0].ID, others)
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
			_, err = fmt.Fprintf(f.Out, "Merged %s into #%d %s: moved %d coffees, %d introductions, %d follow-ups, %d funnel moves\n",
				strings.Join(ids, ", "), res.Contact.ID, render.Cell(res.Contact.Name), res.Coffees, res.Introductions, res.Followups, res.StageMoves)
			if err == nil && res.DroppedIntroductions > 0 {
				_, err = fmt.Fprintf(f.ErrOut, "dropped %d introductions between the merged contacts\n", res.DroppedIntroductions)
			}
			return err
		},
	}
}
