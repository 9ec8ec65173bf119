package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/wholefile"
)

// databaseExportOptions is what kith export runs with.
type databaseExportOptions struct {
	f     *Factory
	out   string
	force bool
}

func newExportCmd(f *Factory) *cobra.Command {
	opts := &databaseExportOptions{f: f}
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the whole database as JSON",
		Long: `Write everything kith holds — every table, whatever later versions add — as
one JSON file: the schema version, then each table with its columns and rows.
'kith import' restores it into a new database exactly: export, import and
export again give the same file. The journal is part of it: the restored
database lists the same kith history and undoes the same entries. The
export reads one snapshot, so it is consistent while other commands run.
--out files are written 0600; an existing file is replaced only with
--force.`,
		Example: `  kith export --out kith-2026-03-02.json
  kith export | gzip > kith.json.gz`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDatabaseExport(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.out, "out", "", "write to FILE (0600) instead of stdout")
	cmd.Flags().BoolVar(&opts.force, "force", false, "replace an existing --out file (never the database itself)")
	return cmd
}

// runDatabaseExport writes the whole database as JSON to stdout or --out.
func runDatabaseExport(ctx context.Context, opts *databaseExportOptions) error {
	db, err := opts.f.Store(ctx)
	if err != nil {
		return err
	}
	return writeOutput(opts.f, db, opts.out, opts.force, func(w io.Writer) error { return db.ExportDatabase(ctx, w) })
}

// databaseImportOptions is what kith import runs with: the file, or - for stdin.
type databaseImportOptions struct {
	f    *Factory
	path string
}

func newImportCmd(f *Factory) *cobra.Command {
	opts := &databaseImportOptions{f: f}
	return &cobra.Command{
		Use:   "import FILE.json|-",
		Short: "Restore a whole-database export into a new database",
		Long: `Load what 'kith export' wrote into an empty database (point --db or KITH_DB
at a new file), all in one transaction: it all goes in, or nothing does.
To add contacts from other tools to a database in use, see 'kith contact
import'.`,
		Example: `  kith --db ~/kith-restored.db import kith-2026-03-02.json
  gunzip -c kith.json.gz | kith --db new.db import -`,
		Args: exactArgs(1, "one FILE.json (or - for stdin)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.path = args[0]
			return runDatabaseImport(cmd.Context(), opts)
		},
	}
}

// runDatabaseImport restores the export into the (empty) database.
func runDatabaseImport(ctx context.Context, opts *databaseImportOptions) error {
	f := opts.f
	in, name, _, closeIn, err := openInput(f, opts.path)
	if err != nil {
		return err
	}
	defer closeIn()
	// a backup (an SQLite file) is the likeliest wrong file
	buffered := bufio.NewReaderSize(in, 8<<10)
	head, _ := buffered.Peek(8 << 10)
	if err := importer.RefuseKnownFile(head, name); err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if err := db.ImportDatabase(ctx, buffered, name); err != nil {
		return err
	}
	_, err = fmt.Fprintf(f.ErrOut, "Restored %s into %s\n", render.Cell(name), render.Cell(db.Path()))
	return err
}

// backupOptions is what kith backup runs with: the file to write.
type backupOptions struct {
	f    *Factory
	path string
}

func newBackupCmd(f *Factory) *cobra.Command {
	opts := &backupOptions{f: f}
	return &cobra.Command{
		Use:   "backup FILE",
		Short: "Write a consistent copy of the database",
		Long: `Copy the database to FILE as a compact SQLite file (0600), from one snapshot,
so it is consistent even while other commands write (a cron job, an
import). FILE must not exist. Open the copy with --db FILE.

The copy is written to a hidden temporary beside FILE, checked (SQLite's
quick_check), synced to disk and only then named FILE: a backup killed at
any moment leaves no FILE at all, never a partial one (the next backup to
that name removes the temporary).`,
		Example: `  kith backup ~/kith-$(date +%F).db`,
		Args:    exactArgs(1, "one FILE to write"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if blank(args[0]) {
				return usageErrorf("backup needs a FILE name, got %q", args[0])
			}
			opts.path = args[0]
			return runBackup(cmd.Context(), opts)
		},
	}
}

// runBackup copies the database to the file and says so.
func runBackup(ctx context.Context, opts *backupOptions) error {
	f := opts.f
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	if err := backupWhole(ctx, db, opts.path); err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, map[string]string{"backup": opts.path})
	}
	_, err = fmt.Fprintf(f.Out, "Backed up %s to %s\n", render.Cell(db.Path()), render.Cell(opts.path))
	return err
}

// backupWhole writes the backup whole (see wholefile): a backup killed
// part way left a full-size file with a hot journal, which the next open
// rolled back to an empty database, a backup that could not be told from a
// good one until it was needed.
func backupWhole(ctx context.Context, db *store.DB, path string) error {
	exists := kith.Errorf(kith.Conflict, "%s exists already", path).WithHint("choose a new file name; kith backup never overwrites")
	if _, err := os.Lstat(path); err == nil {
		return exists
	}
	return writeWhole(path, false, func() error { return exists }, func(wf *wholefile.File) error {
		if err := wf.Close(); err != nil {
			return err
		}
		return db.Backup(ctx, wf.TempName())
	})
}
