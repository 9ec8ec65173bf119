package cli

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/dav"
	"github.com/kith-crm/kith/internal/kith"
)

// syncOptions is what sync runs with.
type syncOptions struct {
	f      *Factory
	dryRun bool
}

func newSyncCmd(f *Factory) *cobra.Command {
	opts := &syncOptions{f: f}
	cmd := &cobra.Command{
		Use:   "sync",
		Short: "Sync contacts with your address book (CardDAV), follow-ups with your calendar",
		Long: `Sync kith's contacts with the address book your phone and other computers
use, on any CardDAV server (Nextcloud, iCloud, Fastmail, Radicale, Baïkal):
a card added or changed on the phone reaches kith, a contact added or
changed in kith reaches the phone, and a second computer running kith sync
on the same account sees both.

The account is the config file's sync section (see README, "Sync"):

  sync:
    url: https://dav.example.com/   # the server's address
    username: ana
    password_cmd: pass show dav     # prints it; or set KITH_SYNC_PASSWORD
    addressbook: contacts           # optional: which address book
    calendar: kith                  # optional: follow-ups and coffees there

Each contact is one card, named by a UID kith keeps. A contact changed on
one side only is copied to the other. Changed on both, the changes are
merged field by field; where both changed the same field, the later change
wins and the other value is kept as a dated note of the contact, so nothing
is lost. A card removed on the server is removed from kith, unless
the contact has coffees, introductions or touches: then kith keeps it (and
stops syncing it until it changes). The first sync matches cards already on
the server to contacts as contact import does (email, LinkedIn, phone, name
and company) instead of adding twins. Cards that are not people (groups,
organisations) are left alone.

With sync.calendar set, kith keeps its open follow-ups in that calendar as
tasks and its planned coffees as events, rewriting them as they change in
kith and removing them once done, held or cancelled. A task ticked done on
the phone is done in kith at the next sync; nothing else comes back.

Nothing is half-done: kith writes the server's side first, each card only
over the version it read (If-Match), then its own side in one transaction,
which kith undo takes back as one step. A sync that fails (a network error,
a card changed meanwhile) changes nothing in kith; run it again and it
picks up where the server is. --dry-run reads both sides and prints what
would change on each, writing nothing.`,
		Example: `  kith sync --dry-run
  kith sync
  kith sync --json | jq .conflicts`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runSync(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.dryRun, "dry-run", false, "print what would change on each side, write nothing")
	return cmd
}

// runSync syncs and prints what changed.
func runSync(ctx context.Context, opts *syncOptions) error {
	f := opts.f
	cfg, err := f.Config()
	if err != nil {
		return err
	}
	account, err := syncAccount(ctx, f, cfg.Sync)
	if err != nil {
		return err
	}
	client, err := dav.New(account)
	if err != nil {
		return err
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	how := app.SyncOptions{Account: account, AddressBook: cfg.Sync.AddressBook, Calendar: cfg.Sync.Calendar, DryRun: opts.dryRun}
	if u := strings.TrimSpace(cfg.Sync.CalendarURL); u != "" && how.Calendar != "" {
		calAccount := account
		calAccount.URL = u
		if how.CalendarClient, err = dav.New(calAccount); err != nil {
			return err
		}
	}
	report, err := app.Sync(ctx, db, client, how)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, report)
	}
	return printSyncReport(f, report)
}

// syncAccount reads the account from the config, the password from
// KITH_SYNC_PASSWORD or the password command.
func syncAccount(ctx context.Context, f *Factory, sc SyncConfig) (dav.Account, error) {
	if strings.TrimSpace(sc.URL) == "" {
		return dav.Account{}, kith.Errorf(kith.Invalid, "sync is not set up: the config has no sync.url").
			WithHint("add a sync section with url, username and password_cmd to the config file (kith sync --help shows one)")
	}
	a := dav.Account{URL: sc.URL, Username: sc.Username, Password: f.Getenv("KITH_SYNC_PASSWORD")}
	if v := f.Getenv("KITH_SYNC_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			return a, kith.Errorf(kith.Invalid, "KITH_SYNC_TIMEOUT=%q is not a length of time", v).WithHint("write it as 30s or 2m")
		}
		a.Timeout = d
	}
	if a.Password != "" || strings.TrimSpace(sc.PasswordCmd) == "" {
		return a, nil
	}
	var err error
	a.Password, err = runPasswordCmd(ctx, f, sc.PasswordCmd)
	return a, err
}

// runPasswordCmd runs the password command in the shell and returns the
// first line it prints.
func runPasswordCmd(ctx context.Context, f *Factory, line string) (string, error) {
	shell, flag := "sh", "-c"
	if runtime.GOOS == "windows" {
		shell, flag = "cmd", "/C"
	}
	cmd := exec.CommandContext(ctx, shell, flag, line)
	var out, errOut bytes.Buffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = f.In, &out, &errOut
	if err := cmd.Run(); err != nil {
		why := strings.TrimSpace(firstLine(errOut.String()))
		if why == "" {
			why = err.Error()
		}
		return "", kith.Errorf(kith.Invalid, "sync.password_cmd %q failed: %s", line, why).
			WithHint("fix the command in the config file, or set KITH_SYNC_PASSWORD")
	}
	pw := strings.TrimRight(firstLine(out.String()), "\r")
	if pw == "" {
		return "", kith.Errorf(kith.Invalid, "sync.password_cmd %q printed no password", line).
			WithHint("the command must print the password on its first line")
	}
	return pw, nil
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// syncListed is how many changes of each side the report names one by
// one; a first sync of thousands counts the rest.
const syncListed = 20

// printSyncReport prints what the sync did on each side.
func printSyncReport(f *Factory, r app.SyncReport) error {
	var b strings.Builder
	if r.DryRun {
		fmt.Fprintf(&b, "Dry run, nothing written: a sync with %s%s would change\n", r.Server, r.AddressBook)
	} else {
		fmt.Fprintf(&b, "Synced with %s%s (%s)\n", r.Server, r.AddressBook, plural(r.Requests, "request"))
	}
	writeSyncSide(&b, "kith", r.Kith)
	writeSyncSide(&b, "server", r.ServerSide)
	if r.Calendar != "" {
		writeSyncSide(&b, "calendar "+r.Calendar, r.CalendarSide)
	}
	for _, c := range r.Conflicts {
		fmt.Fprintf(&b, "conflict: %s: %s: kept %q (changed later in %s); the other value is a dated note\n",
			c.Name, strings.ReplaceAll(c.Field, "_", " "), c.Kept, c.Winner)
	}
	for _, s := range r.Skipped {
		fmt.Fprintf(&b, "left alone: %s: %s\n", s.Href, s.Reason)
	}
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	_, err := fmt.Fprint(f.Out, f.prose(b.String()))
	return err
}

// writeSyncSide writes one side's counts and its first changes.
func writeSyncSide(b *strings.Builder, side string, changes []app.SyncChange) {
	counts := map[string]int{}
	for _, c := range changes {
		counts[c.Op]++
	}
	var parts []string
	for _, p := range []struct{ op, words string }{
		{"add", "added"}, {"change", "changed"}, {"remove", "removed"},
		{"archive", "archived (removed on the server, kept for their history)"}, {"done", "follow-ups done"},
	} {
		if counts[p.op] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", counts[p.op], p.words))
		}
	}
	if len(parts) == 0 {
		parts = []string{"nothing to change"}
	}
	fmt.Fprintf(b, "%-7s %s\n", side+":", strings.Join(parts, ", "))
	marks := map[string]string{"add": "+", "change": "~", "remove": "-", "archive": "=", "done": "✓"}
	for i, c := range changes {
		if i == syncListed {
			fmt.Fprintf(b, "  … and %d more\n", len(changes)-syncListed)
			break
		}
		fmt.Fprintf(b, "  %s %s", marks[c.Op], c.Name)
		if len(c.Fields) > 0 && c.Op == "change" {
			fmt.Fprintf(b, " (%s)", strings.ReplaceAll(strings.Join(c.Fields, ", "), "_", " "))
		}
		b.WriteString("\n")
	}
}
