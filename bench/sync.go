package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/davtest"
)

// The sync rows (issue 18): a first sync of syncContacts contacts into an
// empty address book on a local Radicale, and a sync with nothing to do,
// which asks only for the changes since its sync token: a constant number
// of requests, at most syncRequestsTarget, not one per card.
const (
	syncContacts       = 1_000
	syncRequestsTarget = 2
	syncBook           = "contacts"
)

// syncBench is the setting of the sync rows: a Radicale of their own and a
// kith database, config and CSV in a temporary folder.
type syncBench struct {
	kith    string
	srv     *davtest.Server
	db, csv string
	env     []string
}

// synced measures kith sync against a Radicale started for it on
// 127.0.0.1 with a temporary storage folder. The rows are skipped, not
// failed, when Radicale cannot be installed.
func (m *measurer) synced(firstRuns, runs int, add func(result)) error {
	contacts := benchgen.Thousands(syncContacts) + " contacts"
	first := result{name: "kith sync (first, " + contacts + ")", dataset: "local Radicale"}
	again := result{name: "kith sync (no change, " + contacts + ")", dataset: "local Radicale",
		target: fmt.Sprintf("≤ %d requests", syncRequestsTarget)}
	unmeasured := func(skipped, failed string) {
		for _, r := range []result{first, again} {
			if selected(r.name) {
				r.skipped, r.failed = skipped, failed
				add(r)
			}
		}
	}
	if !selected(first.name) && !selected(again.name) {
		return nil
	}
	if err := davtest.Require(); err != nil {
		unmeasured("skipped: "+err.Error(), "")
		return nil
	}
	dir, err := os.MkdirTemp("", "kith-bench-sync-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	b, stop, err := m.startSync(dir)
	if err != nil {
		unmeasured("", err.Error())
		return nil
	}
	defer stop()

	sync := []string{"sync"}
	first = measure(first, firstRuns, b.empty, m.kith, sync, b.env)
	add(first)
	// the first sync's last run left both sides in step; without it, one
	// untimed first sync does
	if selected(again.name) && !first.ok() {
		err := b.empty()
		if err == nil {
			err = untimed("first kith sync", m.kith, sync, b.env)
		}
		if err != nil {
			again.failed = err.Error()
		}
	}
	if again.failed == "" {
		again = measure(again, runs, nil, m.kith, sync, b.env)
	}
	if again.ok() {
		n, err := b.requests()
		if err != nil {
			again.failed = err.Error()
		} else {
			again.note = fmt.Sprintf("requests: %d", n)
			if n > syncRequestsTarget {
				again.note += ", OVER TARGET"
			}
		}
	}
	add(again)
	return nil
}

// startSync starts Radicale with its storage in dir, with the user's
// address book made, and writes the kith config naming it and the
// contacts' CSV beside it.
func (m *measurer) startSync(dir string) (*syncBench, func(), error) {
	srv, stop, err := davtest.Launch(filepath.Join(dir, "radicale"))
	if err != nil {
		return nil, nil, err
	}
	b := &syncBench{kith: m.kith, srv: srv, db: filepath.Join(dir, "kith.db"), csv: filepath.Join(dir, "contacts.csv")}
	config := filepath.Join(dir, "config.yaml")
	b.env = append(m.env(b.db), "KITH_CONFIG="+config)
	if err = os.WriteFile(config, []byte(srv.Config()), 0o600); err == nil {
		err = writeCSV(b.csv, syncContacts)
	}
	if err == nil {
		err = srv.MakeCollection(syncBook, false)
	}
	if err != nil {
		stop()
		return nil, nil, err
	}
	return b, stop, nil
}

// empty gives the next sync an empty address book and a new kith database
// holding the CSV's contacts.
func (b *syncBench) empty() error {
	if err := b.srv.Delete(davtest.Collection(syncBook)); err != nil {
		return err
	}
	if err := b.srv.MakeCollection(syncBook, false); err != nil {
		return err
	}
	if err := fresh(b.db)(); err != nil {
		return err
	}
	return untimed("kith contact import", b.kith, importArgs(b.csv), b.env)
}

// requests is how many requests one more kith sync makes, from its report.
func (b *syncBench) requests() (int, error) {
	cmd := exec.Command(b.kith, "sync", "--json")
	cmd.Env = b.env
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("kith sync --json: %w", err)
	}
	var report struct {
		Requests int `json:"requests"`
	}
	if err := json.Unmarshal(out, &report); err != nil {
		return 0, fmt.Errorf("kith sync --json: %w", err)
	}
	return report.Requests, nil
}
