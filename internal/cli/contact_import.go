package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// importSummary is what an import did, printed on stderr or, with --json,
// as an object on stdout.
type importSummary struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
	Skipped   int `json:"skipped"`
	// Errors are the records skipped: not a person, or invalid with
	// --skip-invalid.
	Errors []importProblem `json:"errors"`
	// FieldsDropped are the fields left out of records that were kept.
	FieldsDropped []importProblem `json:"fields_dropped"`
	// Guesses are what the reader had to guess (a text encoding).
	Guesses []importProblem `json:"guesses"`
	// PossibleDuplicates are new contacts kept apart from a stored one
	// they share a phone with, their names being two people's.
	PossibleDuplicates []importDuplicate `json:"possible_duplicates"`
}

// importDuplicate is two contacts sharing a key that the import kept
// apart.
type importDuplicate struct {
	Key        string `json:"key"`
	NewID      int64  `json:"new_id"`
	NewName    string `json:"new_name"`
	StoredID   int64  `json:"stored_id"`
	StoredName string `json:"stored_name"`
}

// importProblem is one place in the file and what happened there.
type importProblem struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

func (p importProblem) String() string { return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message) }

// contactImportOptions is what contact import runs with: the file (or -
// for stdin) and how its records go in, as typed.
type contactImportOptions struct {
	f                       *Factory
	path                    string
	format, stage, category string
	tags                    []string
	dryRun, skipInvalid     bool
	update                  bool
}

func newContactImportCmd(f *Factory) *cobra.Command {
	opts := &contactImportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "import FILE|-",
		Short: "Import contacts from LinkedIn, Google, Outlook, vCard, CSV or JSON",
		Long: `Import the contacts other tools export: LinkedIn's Connections.csv, Google
Contacts and Outlook CSV, vCard (2.1, 3.0, 4.0) files from phones and mail
programs, kith's own CSV (a header of contact JSON keys, several values
joined by ';') and the JSON 'kith contact list --json' prints. The format is
recognised from the content unless --format names it. '-' reads stdin.

Re-running an import is safe: each record is matched to a stored contact by
email, then LinkedIn URL, then phone number (by its digits; +1 415 555 0100
is 415-555-0100), then exact name and company, and merged into it (filling
empty fields, or overwriting with --update) instead of creating a second
one. A phone joins only records whose names may be one person's ("Ana",
"A. Lima" and "Ana Lima"); two people sharing an office line stay two, listed
as a possible duplicate. The whole file goes in as one transaction.

A field kith cannot use (an email that is not an address, a date it cannot
read) is left out and listed; the person is kept. A record that names no one
(no name, company, email or phone) or cannot be read stops the import with
FILE:LINE and nothing is written, unless --skip-invalid skips it (and lists
it on stderr). Text that is not UTF-8 and names no character set is read as
Windows-1252, and the guess is listed. Cards that are not people (vCard
groups, locations, organisations, Apple company cards) are skipped with the
reason; an organisation's name is added to your targets.

The summary (created, updated, unchanged, skipped) goes to stderr, or with
--json to stdout as an object, with the records skipped (errors), the
fields dropped (fields_dropped), the guesses made and the possible duplicates.`,
		Example: `  kith contact import ~/Downloads/Connections.csv --category "linkedin" --tag 2024
  kith contact import contacts.vcf --dry-run
  kith contact import google.csv --skip-invalid --json | jq .created
  kith contact export --format csv | kith contact import - --update`,
		Args:              exactArgs(1, "one FILE (or - for stdin)"),
		ValidArgsFunction: cobra.FixedCompletions(nil, cobra.ShellCompDirectiveDefault),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.path = args[0]
			return runContactImport(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.format, "format", "auto", "auto, csv, linkedin, google, outlook, vcard or json")
	fs.StringVar(&opts.category, "category", "", "napkin category for imported contacts that have none")
	fs.StringArrayVar(&opts.tags, "tag", nil, "tag every imported contact (repeatable)")
	fs.StringVar(&opts.stage, "stage", "halo", "funnel stage of new contacts: halo, lead, client or past_client (\"past client\" too)")
	fs.BoolVar(&opts.dryRun, "dry-run", false, "check and count everything, write nothing")
	fs.BoolVar(&opts.skipInvalid, "skip-invalid", false, "skip malformed records (listed on stderr) instead of stopping")
	fs.BoolVar(&opts.update, "update", false, "overwrite stored fields that differ; different notes are added after the stored ones (default: only fill empty fields)")
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions(enumNames(importer.Formats)...))
	registerContactFlagCompletions(cmd)
	return cmd
}

// runContactImport reads the file's records into the database in one
// transaction and prints what it did.
func runContactImport(ctx context.Context, opts *contactImportOptions) error {
	f := opts.f
	format, err := importer.ParseFormat(opts.format)
	if err != nil {
		return err
	}
	stage, err := kith.ParseStage(opts.stage)
	if err != nil {
		return err
	}
	in, name, size, closeIn, err := openInput(f, opts.path)
	if err != nil {
		return err
	}
	defer closeIn()
	progress := newImportProgress(f, size, name)
	reader, format, err := importer.Open(progress.wrap(ctxReader{ctx, in}), name, format)
	if err != nil {
		return interrupted(ctx, err)
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	ri := &recordImport{ctx: ctx, name: name, skipInvalid: opts.skipInvalid, reader: reader, progress: progress,
		sum: importSummary{Errors: []importProblem{}, FieldsDropped: []importProblem{}}}
	how := store.ImportOptions{Update: opts.update, DryRun: opts.dryRun, Stage: stage, Category: opts.category, Tags: opts.tags}
	counts, err := db.ImportContacts(ctx, how, ri.run)
	sum := ri.sum
	sum.Created, sum.Updated, sum.Unchanged = counts.Created, counts.Updated, counts.Unchanged
	progress.done()
	if err != nil {
		return err
	}
	sum.Guesses = ri.problems(reader.Guesses())
	sum.PossibleDuplicates = []importDuplicate{}
	for _, d := range counts.PossibleDuplicates {
		sum.PossibleDuplicates = append(sum.PossibleDuplicates, importDuplicate(d))
	}
	printImportNotes(f, sum, ri.targets, opts.dryRun)
	if f.flags.json {
		return renderJSON(f, sum)
	}
	verb := "Imported"
	if opts.dryRun {
		verb = "Dry run, nothing written:"
	}
	_, err = fmt.Fprintf(f.ErrOut, "%s %s (%s): %d created, %d updated, %d unchanged, %d skipped\n",
		verb, render.Cell(name), format, sum.Created, sum.Updated, sum.Unchanged, sum.Skipped)
	return err
}

// printImportNotes lists on stderr, one a line, the records skipped, the
// fields dropped, the guesses made, the possible duplicates kept apart
// and the targets added.
func printImportNotes(f *Factory, sum importSummary, targets []string, dryRun bool) {
	for _, l := range []struct {
		verb string
		ps   []importProblem
	}{{"skipped", sum.Errors}, {"dropped", sum.FieldsDropped}, {"guessed", sum.Guesses}} {
		for _, p := range l.ps {
			fmt.Fprintln(f.ErrOut, l.verb+" "+render.Cell(p.String()))
		}
	}
	for _, d := range sum.PossibleDuplicates {
		fmt.Fprintf(f.ErrOut, "possible duplicate: #%d %s and #%d %s share %s; kept apart (kith contact dupes lists them)\n",
			d.NewID, render.Cell(d.NewName), d.StoredID, render.Cell(d.StoredName), render.Cell(d.Key))
	}
	added := "added target"
	if dryRun {
		added = "would add target"
	}
	for _, t := range targets {
		fmt.Fprintf(f.ErrOut, "%s %s\n", added, render.Cell(t))
	}
}

// recordImport puts the records of one file into an import.
type recordImport struct {
	ctx         context.Context
	name        string
	skipInvalid bool
	reader      importer.Reader
	progress    *importProgress
	sum         importSummary
	targets     []string // added to the target market
}

// run reads every record and puts it into imp.
func (ri *recordImport) run(imp *store.Importer) error {
	for {
		rec, err := ri.reader.Next()
		if err == io.EOF {
			return nil
		}
		ri.progress.tick()
		if err != nil {
			if !ri.skipInvalid || importer.IsFatal(err) || ri.ctx.Err() != nil {
				return interrupted(ri.ctx, importError(err, ri.skipInvalid))
			}
			ri.sum.skip(ri.name, rec.Line, lineMessage(err))
			continue
		}
		if rec.Skip != "" {
			if err := ri.notAPerson(imp, rec); err != nil {
				return err
			}
			continue
		}
		if err := ri.put(imp, rec); err != nil {
			return err
		}
	}
}

// notAPerson counts a record that is not a person as skipped, and adds the
// company it names to the targets.
func (ri *recordImport) notAPerson(imp *store.Importer, rec importer.Record) error {
	ri.sum.skip(ri.name, rec.Line, rec.Skip)
	if rec.Target == "" {
		return nil
	}
	added, err := imp.AddTarget(rec.Target)
	if added {
		ri.targets = append(ri.targets, rec.Target)
	}
	return err
}

// put imports one person, noting the fields the reader dropped.
func (ri *recordImport) put(imp *store.Importer, rec importer.Record) error {
	if _, err := imp.Put(rec.Contact); err != nil {
		if kith.ErrorCode(err) != kith.Invalid {
			return err
		}
		lerr := &importer.LineError{File: ri.name, Line: rec.Line, Msg: lineMessage(err)}
		if !ri.skipInvalid {
			return importError(lerr, false)
		}
		ri.sum.skip(ri.name, rec.Line, lerr.Msg)
		return nil
	}
	ri.sum.FieldsDropped = append(ri.sum.FieldsDropped, ri.problems(rec.Dropped)...)
	return nil
}

// problems places a reader's notes in the file.
func (ri *recordImport) problems(notes []importer.Note) []importProblem {
	out := make([]importProblem, 0, len(notes))
	for _, n := range notes {
		out = append(out, importProblem{File: ri.name, Line: n.Line, Field: n.Field, Message: n.Msg})
	}
	return out
}

func (s *importSummary) skip(file string, line int, msg string) {
	s.Skipped++
	s.Errors = append(s.Errors, importProblem{File: file, Line: line, Message: msg})
}

// importError turns a reader's FILE:LINE error into the one-line failure,
// pointing at --skip-invalid when skipping would have helped.
func importError(err error, skipping bool) error {
	var le *importer.LineError
	var fe *importer.FatalError
	switch {
	case errors.As(err, &fe):
		return kith.Errorf(kith.Invalid, "%s; nothing was imported", fe.Error()).WithHint("fix the file and run the import again")
	case errors.As(err, &le) && !skipping:
		return kith.Errorf(kith.Invalid, "%s; nothing was imported", le.Error()).
			WithHint("fix the line, or pass --skip-invalid to import the other records")
	}
	return err
}

// lineMessage is an error's text without a FILE:LINE prefix, with its hint.
func lineMessage(err error) string {
	var le *importer.LineError
	if errors.As(err, &le) {
		return le.Msg
	}
	var ke *kith.Error
	if errors.As(err, &ke) && ke.Hint != "" {
		return ke.Message + " (" + ke.Hint + ")"
	}
	return err.Error()
}
