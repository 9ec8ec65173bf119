//go:build linux

package cli

import (
	"path/filepath"
	"testing"

	"github.com/kith-crm/kith/internal/davtest"
)

// kith sync's own tests are end-to-end, in internal/synctest; here its
// help examples get a server to run against.
func init() {
	exampleSyncServer = func(t *testing.T, e *testEnv) {
		srv := davtest.StartBook(t)
		e.env["KITH_CONFIG"] = davtest.WriteConfig(t, filepath.Dir(e.env["KITH_DB"]), srv)
	}
}
