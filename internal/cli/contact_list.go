package cli

import (
	"context"
	"errors"
	"strconv"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// contactFilterFlags are the filters contact list and contact export share,
// so the two pick the same contacts from the same flags.
type contactFilterFlags struct {
	filter   store.ContactFilter
	stage    string
	advocacy string
}

func (o *contactFilterFlags) bind(fs *pflag.FlagSet) {
	fs.StringVar(&o.filter.Category, "category", "", "only this napkin category")
	fs.StringVar(&o.filter.Tag, "tag", "", "only contacts with this tag")
	fs.StringVar(&o.stage, "stage", "", "only this funnel stage: halo, lead, client or past_client (\"past client\" too)")
	fs.StringVar(&o.advocacy, "advocacy", "", "only this advocacy: none, advocate or raving_fan (as set by you or earned by introductions)")
	fs.StringVar(&o.filter.Search, "search", "", "only contacts holding the words of TEXT in any field, case and accents aside (as kith search)")
	fs.IntVar(&o.filter.Limit, "limit", 0, "at most N contacts (0: all)")
}

// contactFilter checks the flags' values and returns the filter they make.
func (o *contactFilterFlags) contactFilter() (store.ContactFilter, error) {
	filter := o.filter
	if o.stage != "" {
		st, err := kith.ParseStage(o.stage)
		if err != nil {
			return filter, err
		}
		filter.Stage = st
	}
	if o.advocacy != "" {
		a, err := kith.ParseAdvocacy(o.advocacy)
		if err != nil {
			return filter, err
		}
		filter.Advocacy = a
	}
	return filter, checkLimit(filter.Limit)
}

// contactListOptions is what contact list runs with.
type contactListOptions struct {
	f        *Factory
	filters  contactFilterFlags
	sort     string
	archived bool
}

func newContactListCmd(f *Factory) *cobra.Command {
	opts := &contactListOptions{f: f}
	cmd := &cobra.Command{
		Use:     "list",
		Aliases: []string{"ls"},
		Short:   "List contacts, optionally filtered",
		Long: `List contacts by name. Filters combine: --category lawyer --tag bni lists the
lawyers tagged bni; --advocacy raving_fan lists the people who send you
clients unasked. --sort last-contact puts who you have not met for
longest first (someone never met by the day they were added), --sort added
the newest first. Archived contacts are left out; --archived lists them
alone. Piped, each contact is one tab-separated line:
ID NAME COMPANY CATEGORY STAGE EMAIL PHONE LAST_CONTACT.`,
		Example: `  kith contact list --category lawyer
  kith contact list --sort last-contact --limit 10
  kith contact list --search acme --limit 5
  kith contact list --search marathon
  kith contact list --advocacy raving_fan
  kith contact list --stage lead --json | jq '.[].email'`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runContactList(cmd.Context(), opts)
		},
	}
	opts.filters.bind(cmd.Flags())
	cmd.Flags().BoolVar(&opts.archived, "archived", false, "only the archived contacts (kith contact archive), whom lists leave out")
	cmd.Flags().StringVar(&opts.sort, "sort", string(store.ByName), "order: name, last-contact (longest ago first) or added (newest first)")
	registerContactFlagCompletions(cmd)
	_ = cmd.RegisterFlagCompletionFunc("sort", fixedCompletions(string(store.ByName), string(store.ByLastContact), string(store.ByAdded)))
	return cmd
}

// runContactList lists the contacts the filters pick, each printed as
// it is read.
func runContactList(ctx context.Context, opts *contactListOptions) error {
	f := opts.f
	filter, err := opts.filters.contactFilter()
	if err != nil {
		return err
	}
	if filter.Sort, err = parseContactSort(opts.sort); err != nil {
		return err
	}
	filter.Archive = store.Unarchived
	if opts.archived {
		filter.Archive = store.OnlyArchived
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	return streamList(f, render.Table{
		Headers:   []string{"ID", "Name", "Company", "Category", "Stage", "Email", "Phone", "Last contact"},
		DropFirst: []string{"Phone", "Email", "Last contact"},
		Empty:     "no contacts match",
		Limit:     filter.Limit,
		Limited:   true,
	}, func(add func(kith.Contact) error) error {
		return db.EachContact(ctx, filter, add)
	}, func(c kith.Contact) []string {
		return []string{strconv.FormatInt(c.ID, 10), c.Name, c.Company, c.Category, string(c.Stage), c.Email, c.Phone, dateOrEmpty(c.LastContact)}
	}, nil)
}

// streamList prints a list as each reads it, a record at a time: cells
// gives a record's table row (not asked for JSON) and value, when set, what
// its JSON is made from instead of the record itself.
func streamList[T any](f *Factory, t render.Table, each func(add func(T) error) error, cells func(T) []string, value func(T) any) error {
	m := f.Mode()
	list := t.Stream(f.Out, m)
	err := each(func(v T) error {
		switch {
		case !m.JSON:
			return list.Add(cells(v), nil)
		case value != nil:
			return list.Add(nil, value(v))
		default:
			return list.Add(nil, v)
		}
	})
	if err != nil && !errors.Is(err, render.ErrTableFull) { // full: a terminal's page is read
		list.Stop()
		return err
	}
	return list.Close()
}

// parseContactSort reads --sort as people type it (last_contact, "Last contact").
func parseContactSort(s string) (store.ContactSort, error) {
	if o, ok := kith.MatchEnum(s, store.ContactSorts); ok {
		return o, nil
	}
	return "", kith.Errorf(kith.Invalid, "bad --sort %q", s).WithHint("sort by name, last-contact or added")
}
