//go:build linux

package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/davtest"
)

// These tests sync through a real Radicale: two kith databases (two
// machines) and a third client writing raw vCards (the phone).

const book = "/" + davtest.User + "/contacts/"

func init() {
	exampleSyncServer = func(t *testing.T, e *testEnv) {
		srv := startBook(t)
		pointAt(t, e, srv)
	}
}

// newSyncEnv is one machine: a database of its own and a config naming
// the server.
func newSyncEnv(t *testing.T, srv *davtest.Server) *testEnv {
	e := newTestEnv(t)
	pointAt(t, e, srv)
	return e
}

// pointAt writes e's config with the server's account.
func pointAt(t *testing.T, e *testEnv, srv *davtest.Server) {
	cfg := filepath.Join(filepath.Dir(e.env["KITH_DB"]), "config.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("sync:\n  url: "+srv.URL+"\n  username: "+davtest.User+"\n  password_cmd: echo '"+davtest.Password+"'\n"), 0o600))
	e.env["KITH_CONFIG"] = cfg
}

// mustRun runs a command that must succeed and returns its stdout.
func (e *testEnv) mustRun(args ...string) string {
	e.t.Helper()
	out, errOut, code := e.run("", args...)
	require.Equal(e.t, 0, code, "kith %s: %s", strings.Join(args, " "), errOut)
	return out
}

// syncJSON syncs and returns the report.
func (e *testEnv) syncJSON(args ...string) map[string]any {
	e.t.Helper()
	var r map[string]any
	require.NoError(e.t, json.Unmarshal([]byte(e.mustRun(append([]string{"sync", "--json"}, args...)...)), &r))
	return r
}

// contactJSON shows a contact as JSON.
func (e *testEnv) contactJSON(ref string) map[string]any {
	e.t.Helper()
	var c map[string]any
	require.NoError(e.t, json.Unmarshal([]byte(e.mustRun("--json", "contact", "show", ref)), &c))
	return c
}

// names lists the contacts' names and the fields that sync, without the
// ids, which are each machine's own.
func names(e *testEnv) string {
	var cs []map[string]any
	require.NoError(e.t, json.Unmarshal([]byte(e.mustRun("--json", "contact", "list")), &cs))
	var b strings.Builder
	for _, c := range cs {
		for _, k := range []string{"name", "company", "category", "stage", "emails", "phones", "tags", "title", "notes"} {
			b.WriteString(strings.TrimSpace(strings.ReplaceAll(jsonText(c[k]), "\n", " ")) + "\t")
		}
		b.WriteString("\n")
	}
	return b.String()
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func count(r map[string]any, side string) int { return len(r[side].([]any)) }

func startBook(t *testing.T) *davtest.Server {
	srv := davtest.Start(t)
	require.NoError(t, srv.MakeCollection("contacts", false))
	return srv
}

func TestSyncTwoMachinesAndAPhone(t *testing.T) {
	srv := startBook(t)
	laptop, desktop := newSyncEnv(t, srv), newSyncEnv(t, srv)

	laptop.mustRun("contact", "add", "Ana Lima", "--email", "ana@acme.example", "--company", "Acme", "--title", "CTO",
		"--category", "lawyer", "--stage", "lead", "--tag", "golf")
	laptop.mustRun("contact", "add", "Bo Chen", "--phone", "+1 415 555 0100")

	dry := laptop.syncJSON("--dry-run")
	assert.Equal(t, 2, count(dry, "server_changes"), "a dry run says what it would add")
	cards, err := srv.List(book)
	require.NoError(t, err)
	assert.Empty(t, cards, "a dry run writes nothing")

	first := laptop.syncJSON()
	assert.Equal(t, 2, count(first, "server_changes"))
	cards, err = srv.List(book)
	require.NoError(t, err)
	require.Len(t, cards, 2)
	card, err := srv.Get(cards[0])
	require.NoError(t, err)
	assert.Contains(t, card, "UID:")
	assert.Contains(t, card, "X-KITH-")

	again := laptop.syncJSON()
	assert.Zero(t, count(again, "server_changes")+count(again, "kith"), "a second sync has nothing to do")

	pulled := desktop.syncJSON()
	assert.Equal(t, 2, count(pulled, "kith"))
	ana := desktop.contactJSON("Ana Lima")
	assert.Equal(t, "lawyer", ana["category"], "kith's own fields travel as X-KITH-*")
	assert.Equal(t, "lead", ana["stage"])
	assert.Equal(t, []any{"golf"}, ana["tags"])
	assert.Zero(t, count(desktop.syncJSON(), "kith"))

	// the phone adds a card
	_, err = srv.Put(book+"phone-1.vcf", "text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-1\r\nFN:Carla Mendes\r\nN:Mendes;Carla;;;\r\nTEL:+33 6 12 34 56 78\r\nEND:VCARD\r\n")
	require.NoError(t, err)
	laptop.syncJSON()
	desktop.syncJSON()
	assert.Contains(t, names(laptop), "Carla Mendes")
	assert.Contains(t, names(desktop), "Carla Mendes")

	// each machine adds one; both converge
	laptop.mustRun("contact", "add", "Dan Ortiz")
	desktop.mustRun("contact", "add", "Eve Adams")
	laptop.syncJSON()
	desktop.syncJSON()
	laptop.syncJSON()
	assert.Equal(t, names(laptop), names(desktop))

	// rename on the desktop, edit on the phone
	desktop.mustRun("contact", "edit", "Dan Ortiz", "--name", "Daniel Ortiz")
	desktop.syncJSON()
	laptop.syncJSON()
	assert.Contains(t, names(laptop), "Daniel Ortiz")
	assert.NotContains(t, names(laptop), "Dan Ortiz\n")

	// removed on the phone: removed on both machines
	require.NoError(t, srv.Delete(book+"phone-1.vcf"))
	laptop.syncJSON()
	desktop.syncJSON()
	assert.NotContains(t, names(laptop), "Carla")
	assert.NotContains(t, names(desktop), "Carla")

	// removed on a machine: removed on the server and the other machine
	laptop.mustRun("contact", "rm", "Eve Adams", "--yes")
	laptop.syncJSON()
	desktop.syncJSON()
	assert.NotContains(t, names(desktop), "Eve Adams")
	assert.Equal(t, names(laptop), names(desktop))
}

func TestSyncConflictLosesNothing(t *testing.T) {
	srv := startBook(t)
	laptop, desktop := newSyncEnv(t, srv), newSyncEnv(t, srv)
	laptop.mustRun("contact", "add", "Ana Lima", "--title", "CTO", "--company", "Acme")
	laptop.syncJSON()
	desktop.syncJSON()

	laptop.env["KITH_NOW"] = "2026-03-03T09:00:00Z"
	laptop.mustRun("contact", "edit", "Ana Lima", "--title", "VP Engineering", "--email", "ana@acme.example")
	desktop.env["KITH_NOW"] = "2026-03-03T10:00:00Z"
	desktop.mustRun("contact", "edit", "Ana Lima", "--title", "Chief Architect", "--phone", "+1 415 555 0199")
	laptop.syncJSON()
	r := desktop.syncJSON()
	require.Len(t, r["conflicts"], 1)
	laptop.syncJSON()

	for _, e := range []*testEnv{laptop, desktop} {
		ana := e.contactJSON("Ana Lima")
		assert.Equal(t, "Chief Architect", ana["title"], "the later change wins")
		assert.Equal(t, []any{"ana@acme.example"}, ana["emails"], "different fields are both kept")
		assert.Equal(t, []any{"+1 415 555 0199"}, ana["phones"])
		assert.Contains(t, ana["notes"], `title was "VP Engineering"`, "the loser is kept as a dated note")
	}
}
