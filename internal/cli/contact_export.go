package cli

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/wholefile"
)

// contactExportOptions is what contact export runs with.
type contactExportOptions struct {
	f           *Factory
	filters     contactFilterFlags
	format, out string
	raw, force  bool
}

func newContactExportCmd(f *Factory) *cobra.Command {
	opts := &contactExportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export contacts as CSV, vCard or JSON",
		Long: `Export contacts, all of them or those the list filters pick, to stdout or a
file (--out, written 0600; an existing file is replaced only with --force).
CSV and JSON re-import into kith as the same contacts: CSV's header names
the contact JSON keys and joins several values with ';' (a ';' inside a
value is written \;, a backslash \\); JSON is the array 'kith contact list
--json' prints. vCard 3.0 is for address books and phones.

Spreadsheet programs run a cell starting with = + - @, TAB or CR as a
formula, so CSV export puts a ' before such cells (import takes it off
again); --raw writes cells exactly as stored.`,
		Example: `  kith contact export --format csv --out contacts.csv
  kith contact export --format vcard --category lawyer > lawyers.vcf
  kith contact export --format json --tag bni | jq length`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.flags.json {
				// --json asks for JSON here as on every command that prints records
				if cmd.Flags().Changed("format") && !strings.EqualFold(strings.TrimSpace(opts.format), "json") {
					return usageErrorf("--json and --format %s ask for different formats; pass one of them", opts.format)
				}
				opts.format = "json"
			}
			return runContactExport(cmd.Context(), opts)
		},
	}
	fs := cmd.Flags()
	fs.StringVar(&opts.format, "format", "csv", "csv, vcard or json (--json means json)")
	fs.StringVar(&opts.out, "out", "", "write to FILE (0600) instead of stdout")
	fs.BoolVar(&opts.force, "force", false, "replace an existing --out file")
	fs.BoolVar(&opts.raw, "raw", false, "CSV: write cells as stored, without the guard against spreadsheet formulas")
	opts.filters.bind(fs)
	_ = cmd.RegisterFlagCompletionFunc("format", fixedCompletions("csv", "vcard", "json"))
	registerContactFlagCompletions(cmd)
	return cmd
}

// runContactExport writes the contacts the filters pick in the format asked.
func runContactExport(ctx context.Context, opts *contactExportOptions) error {
	f := opts.f
	fm, err := importer.ParseFormat(opts.format)
	if err != nil {
		return err
	}
	if fm != importer.CSV && fm != importer.VCard && fm != importer.JSON {
		return kith.Errorf(kith.Invalid, "cannot export as %q", opts.format).WithHint("use --format csv, vcard or json")
	}
	filter, err := opts.filters.contactFilter()
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	return writeOutput(f, db, opts.out, opts.force, func(w io.Writer) error {
		ew, err := importer.NewWriter(w, fm, opts.raw)
		if err != nil {
			return err
		}
		if err := db.EachContact(ctx, filter, ew.Write); err != nil {
			return err
		}
		return ew.Close()
	})
}

// writeOutput runs write on stdout, or on a new file at path, written
// whole (0600; see writeWhole), so a failed or killed export leaves no
// half file behind. An existing file is
// replaced only with force, and the open database (or its -wal, -shm or
// -journal file) never, whatever the path that names it.
func writeOutput(f *Factory, db *store.DB, path string, force bool, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(f.Out)
	}
	if err := checkOutputPath(db, path, force); err != nil {
		return err
	}
	// checked again if the file appeared while the export ran
	exists := func() error { return checkOutputPath(db, path, force) }
	return writeWhole(path, force, exists, func(wf *wholefile.File) error { return write(wf) })
}

// writeWhole writes the file at path whole (see wholefile): write writes
// the temporary, which then takes path's name, replacing a file there only
// with replace; exists is the error when one is there.
func writeWhole(path string, replace bool, exists func() error, write func(*wholefile.File) error) error {
	wf, err := wholefile.Create(path)
	if err != nil {
		return kith.Errorf(kith.Invalid, "cannot write %s: %v", path, kith.PathCause(err)).
			WithHint("check that the folder exists and is writable")
	}
	defer wf.Abort() // after Commit, there is nothing left to remove
	if err := write(wf); err != nil {
		return err
	}
	if err := wf.Commit(replace); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return exists()
		}
		return kith.Errorf(kith.Invalid, "cannot write %s: %v", path, kith.PathCause(err))
	}
	return nil
}

// checkOutputPath refuses an --out path that is a folder, the open
// database or one of its side files, or (without force) any existing file.
func checkOutputPath(db *store.DB, path string, force bool) error {
	usingDB := kith.Errorf(kith.Invalid, "%s is the database kith is using", path).
		WithHint("choose another file name for --out; not even --force replaces the database")
	// By name too: a -wal or -shm file that does not exist yet must not
	// be created with an export in it either.
	if abs, err := filepath.Abs(path); err == nil {
		if dbAbs, err := filepath.Abs(db.Path()); err == nil {
			for _, side := range []string{"", "-wal", "-shm", "-journal"} {
				if abs == dbAbs+side {
					return usingDB
				}
			}
		}
	}
	fi, err := os.Stat(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return kith.Errorf(kith.Invalid, "cannot write %s: %v", path, kith.PathCause(err))
	}
	if fi.IsDir() {
		return kith.Errorf(kith.Invalid, "%s is a folder", path).
			WithHint("give a file name for --out, e.g. %s", filepath.Join(path, "kith-export.json"))
	}
	for _, side := range []string{"", "-wal", "-shm", "-journal"} {
		if dfi, err := os.Stat(db.Path() + side); err == nil && os.SameFile(fi, dfi) {
			return usingDB
		}
	}
	if !force {
		return kith.Errorf(kith.Conflict, "%s exists already", path).
			WithHint("choose a new file name, or add --force to replace it")
	}
	return nil
}
