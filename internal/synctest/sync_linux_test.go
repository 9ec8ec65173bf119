//go:build linux

package synctest

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/cli"
	"github.com/kith-crm/kith/internal/davtest"
)

// These tests sync through a real Radicale: two kith databases (two
// machines) and a third client writing raw vCards (the phone).

const book = "/" + davtest.User + "/contacts/"

// testEnv is one machine running kith: its own database and config,
// the whole command tree run in-process.
type testEnv struct {
	t   *testing.T
	env map[string]string
}

// run executes one command line with stdin and returns stdout, stderr and
// the exit status.
func (e *testEnv) run(stdin string, args ...string) (stdout, stderr string, code int) {
	var out, errOut strings.Builder
	f := &cli.Factory{In: strings.NewReader(stdin), Out: &out, ErrOut: &errOut,
		Getenv: func(k string) string { return e.env[k] }, Now: time.Now}
	code = cli.Run(context.Background(), f, args)
	return out.String(), errOut.String(), code
}

// newSyncEnv is one machine: a database of its own and a config naming
// the server.
func newSyncEnv(t *testing.T, srv *davtest.Server) *testEnv {
	e := newTestEnv(t)
	e.env["KITH_CONFIG"] = davtest.WriteConfig(t, e.env["HOME"], srv)
	return e
}

// newTestEnv is a machine with a database of its own and no config.
func newTestEnv(t *testing.T) *testEnv {
	home := t.TempDir()
	return &testEnv{t: t, env: map[string]string{"HOME": home, "KITH_DB": filepath.Join(home, "kith.db"), "KITH_NOW": "2026-03-02"}}
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

func startBook(t *testing.T) *davtest.Server { return davtest.StartBook(t) }

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
	}
	ana := desktop.contactJSON("Ana Lima")
	require.Len(t, ana["dated_notes"], 1, "the value not kept is a dated note where the conflict was met")
	note := ana["dated_notes"].([]any)[0].(map[string]any)
	assert.Equal(t, `sync: title was "VP Engineering" in server; kept "Chief Architect", changed later in kith`, note["text"])
}

func TestSyncKeepsThePhonesPropertiesAndUndoes(t *testing.T) {
	srv := startBook(t)
	laptop := newSyncEnv(t, srv)
	photo := strings.Repeat("QUJD", 1<<18) // a 1 MiB photo
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-2\r\nFN:Gil Moreau\r\nN:Moreau;Gil;;;\r\n" +
		"item1.TEL;type=pref:+33 6 11 22 33 44\r\nitem1.X-ABLabel:_$!<Mobile>!$_\r\n" +
		"ADR;type=HOME:;;1 rue Haute;Lyon;;69001;France\r\nPHOTO;ENCODING=b;TYPE=JPEG:" + photo + "\r\nEND:VCARD\r\n"
	_, err := srv.Put(book+"gil.vcf", "text/vcard", card)
	require.NoError(t, err)
	r := laptop.syncJSON()
	assert.Equal(t, 1, count(r, "kith"), "a card with a huge photo syncs its person")

	laptop.mustRun("contact", "edit", "Gil", "--title", "Notaire")
	laptop.syncJSON()
	after, err := srv.Get(book + "gil.vcf")
	require.NoError(t, err)
	after = strings.ToLower(after) // Radicale writes names in capitals
	for _, want := range []string{"title:notaire", "1 rue haute", "item1.x-ablabel:_$!<mobile>!$_", "item1.tel;type=pref:+33 6 11 22 33 44", "photo;encoding=b"} {
		assert.True(t, strings.Contains(after, want), "what kith does not hold stays on the card: %s", want)
	}

	// a sync is one journal entry: undo takes the pulled card back out of kith
	_, err = srv.Put(book+"hana.vcf", "text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-3\r\nFN:Hana Sato\r\nEND:VCARD\r\n")
	require.NoError(t, err)
	laptop.syncJSON()
	assert.Contains(t, names(laptop), "Hana Sato")
	laptop.mustRun("undo")
	assert.NotContains(t, names(laptop), "Hana Sato")
	assert.Contains(t, names(laptop), "Gil Moreau")
}

func TestSyncLeavesAloneWhatIsNoPerson(t *testing.T) {
	srv := startBook(t)
	laptop := newSyncEnv(t, srv)
	for name, card := range map[string]string{
		"group.vcf":   "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:g1\r\nKIND:group\r\nFN:Book club\r\nEND:VCARD\r\n",
		"nobody.vcf":  "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:n1\r\nFN:\r\nN:;;;;\r\nNOTE:just a note\r\nEND:VCARD\r\n",
		"person.vcf":  "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p1\r\nFN:Ines Park\r\nEND:VCARD\r\n",
		"badmail.vcf": "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p2\r\nFN:Jo Lee\r\nEMAIL:not an address\r\nEND:VCARD\r\n",
	} {
		_, err := srv.Put(book+name, "text/vcard", card)
		require.NoError(t, err, name)
	}
	r := laptop.syncJSON()
	assert.Equal(t, 2, count(r, "kith"))
	assert.Len(t, r["skipped"], 2, "the group and the card naming no one are listed, not synced")
	assert.Zero(t, count(r, "server_changes"), "and never written back")
	group, err := srv.Get(book + "group.vcf")
	require.NoError(t, err)
	assert.Contains(t, group, "KIND:group")
}

// flakyProxy passes requests to the server, failing every write with 503
// while failing is set: a server that goes away in the middle of a sync.
type flakyProxy struct {
	proxy   *httputil.ReverseProxy
	failing atomic.Bool
	writes  atomic.Int32
}

func (p *flakyProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodPut && p.failing.Load() && p.writes.Add(1) > 1 {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
		return
	}
	p.proxy.ServeHTTP(w, r)
}

func TestSyncThatFailsChangesNothingAndResumes(t *testing.T) {
	srv := startBook(t)
	target, err := url.Parse(srv.URL)
	require.NoError(t, err)
	flaky := &flakyProxy{proxy: httputil.NewSingleHostReverseProxy(target)}
	front := httptest.NewServer(flaky)
	defer front.Close()
	laptop := newSyncEnv(t, &davtest.Server{URL: front.URL + "/"})
	for _, n := range []string{"Ana Lima", "Bo Chen", "Carla Mendes"} {
		laptop.mustRun("contact", "add", n)
	}
	_, err = srv.Put(book+"p.vcf", "text/vcard", "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:p\r\nFN:Dan Ortiz\r\nEND:VCARD\r\n")
	require.NoError(t, err)
	history := laptop.mustRun("history")

	flaky.failing.Store(true)
	_, stderr, code := laptop.run("", "sync")
	assert.Equal(t, 1, code)
	assert.Regexp(t, `^kith: cannot write /ana/contacts/[^ ]+\.vcf on 127\.0\.0\.1:\d+: the server answered PUT .* with HTTP 503 Service Unavailable; nothing was changed in kith; `, stderr)
	assert.NotContains(t, names(laptop), "Dan Ortiz", "the card read before the failure is not in kith")
	assert.Equal(t, history, laptop.mustRun("history"), "and the journal has no entry")
	cards, err := srv.List(book)
	require.NoError(t, err)
	assert.Len(t, cards, 2, "one card went up before the server went away")

	flaky.failing.Store(false)
	r := laptop.syncJSON()
	assert.Equal(t, 1, count(r, "kith"))
	assert.Equal(t, 2, count(r, "server_changes"), "the next sync goes on from where the server is")
	cards, err = srv.List(book)
	require.NoError(t, err)
	assert.Len(t, cards, 4, "no card twice")
	assert.Zero(t, count(laptop.syncJSON(), "server_changes"))
}

func TestSyncBadAccounts(t *testing.T) {
	srv := startBook(t)
	notDAV := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html>not here</html>")
	}))
	defer notDAV.Close()
	slow := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { time.Sleep(3 * time.Second) }))
	defer slow.Close()
	tests := []struct {
		name, config, env, want string
	}{
		{"wrong password", "url: " + srv.URL + "\n  username: ana\n  password_cmd: echo nope", "",
			`^kith: 127\.0\.0\.1:\d+ refused the username and password \(HTTP 401\); check sync\.username`},
		{"closed port", "url: http://127.0.0.1:1/\n  username: ana", "",
			`^kith: cannot reach 127\.0\.0\.1:1: the connection was refused; nothing was changed in kith; check sync\.url`},
		{"not a web address", "url: dav.example.com\n  username: ana", "",
			`^kith: sync\.url "dav\.example\.com" is not a web address; write the server's address`},
		{"not CardDAV", "url: " + notDAV.URL + "\n  username: ana", "",
			`^kith: 127\.0\.0\.1:\d+ is not a CardDAV server: it names no account \(current-user-principal\) at /; check sync\.url`},
		{"slow", "url: " + slow.URL + "\n  username: ana", "1s",
			`^kith: 127\.0\.0\.1:\d+ did not answer within 1s \(while trying to find your account\); nothing was changed in kith`},
		{"password command fails", "url: " + srv.URL + "\n  username: ana\n  password_cmd: echo locked >&2; exit 1", "",
			`^kith: sync\.password_cmd "echo locked >&2; exit 1" failed: locked; fix the command`},
		{"no address book of that name", "url: " + srv.URL + "\n  username: ana\n  addressbook: work", "",
			`^kith: 127\.0\.0\.1:\d+ has no address book "work"; set sync\.addressbook to one of: contacts \(/ana/contacts/\)`},
		{"not set up", "", "", `^kith: sync is not set up: the config has no sync\.url`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEnv(t)
			cfg := filepath.Join(filepath.Dir(e.env["KITH_DB"]), "config.yaml")
			require.NoError(t, os.WriteFile(cfg, []byte("sync:\n  "+tt.config+"\n"), 0o600))
			e.env["KITH_CONFIG"] = cfg
			e.env["KITH_SYNC_TIMEOUT"] = tt.env
			if !strings.Contains(tt.config, "password_cmd") {
				e.env["KITH_SYNC_PASSWORD"] = davtest.Password
			}
			e.mustRun("contact", "add", "Ana Lima")
			_, stderr, code := e.run("", "sync")
			assert.Equal(t, 1, code, stderr)
			assert.Regexp(t, tt.want, stderr)
			assert.Regexp(t, `^kith: [^\n]+\n$`, stderr, "one line")
			e.env["KITH_SYNC_TIMEOUT"] = ""
			assert.Contains(t, names(e), "Ana Lima")
		})
	}
}

func TestSyncAThousandContacts(t *testing.T) {
	if testing.Short() {
		t.Skip("a thousand cards through Radicale: the full run only")
	}
	srv := startBook(t)
	laptop, desktop := newSyncEnv(t, srv), newSyncEnv(t, srv)
	var csv strings.Builder
	csv.WriteString("name,email,company,category,stage\n")
	for i := range 1000 {
		fmt.Fprintf(&csv, "Person %04d,p%04d@example.com,Firm %d,lawyer,lead\n", i, i, i%37)
	}
	file := filepath.Join(t.TempDir(), "people.csv")
	require.NoError(t, os.WriteFile(file, []byte(csv.String()), 0o600))
	laptop.mustRun("contact", "import", file)
	// the phone already has a hundred of them: matched, not doubled
	for i := range 100 {
		_, err := srv.Put(fmt.Sprintf("%sphone-%d.vcf", book, i), "text/vcard",
			fmt.Sprintf("BEGIN:VCARD\r\nVERSION:3.0\r\nUID:phone-%d\r\nFN:Person %04d\r\nEMAIL:p%04d@example.com\r\nTEL:+1 415 555 %04d\r\nEND:VCARD\r\n", i, i, i, i))
		require.NoError(t, err)
	}

	start := time.Now()
	first := laptop.syncJSON()
	t.Logf("first sync of 1,000 contacts: %s", time.Since(start))
	ops := map[string]int{}
	for _, c := range first["server_changes"].([]any) {
		ops[c.(map[string]any)["op"].(string)]++
	}
	assert.Equal(t, map[string]int{"add": 900, "change": 100}, ops, "900 new cards, and the phone's hundred gain kith's fields")
	assert.Equal(t, 100, count(first, "kith"), "100 contacts gain the phone's number")
	cards, err := srv.List(book)
	require.NoError(t, err)
	assert.Len(t, cards, 1000)

	pulled := desktop.syncJSON()
	assert.Equal(t, 1000, count(pulled, "kith"))
	assert.Equal(t, names(laptop), names(desktop))

	for _, e := range []*testEnv{laptop, desktop} {
		r := e.syncJSON()
		assert.Zero(t, count(r, "kith")+count(r, "server_changes"))
		assert.LessOrEqual(t, r["requests"], float64(2), "a sync with nothing to do asks for the changes only")
	}
}

func TestSyncCalendar(t *testing.T) {
	srv := startBook(t)
	require.NoError(t, srv.MakeCollection("kith", true))
	laptop := newSyncEnv(t, srv)
	cfg, err := os.ReadFile(laptop.env["KITH_CONFIG"])
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(laptop.env["KITH_CONFIG"], append(cfg, "  calendar: kith\n"...), 0o600))
	const cal = "/" + davtest.User + "/kith/"

	laptop.mustRun("contact", "add", "Ana Lima")
	laptop.mustRun("followup", "add", "ana", "send the deck", "--due", "2026-03-04")
	laptop.mustRun("followup", "add", "ana", "ask about Bo", "--due", "2026-03-09")
	laptop.mustRun("coffee", "log", "ana", "--planned", "--on", "2026-03-06", "--at", "Cafe Rio")

	dry := laptop.syncJSON("--dry-run")
	assert.Equal(t, 3, count(dry, "calendar_changes"))
	entries, err := srv.List(cal)
	require.NoError(t, err)
	assert.Empty(t, entries)

	r := laptop.syncJSON()
	assert.Equal(t, cal, r["calendar"])
	assert.Equal(t, 3, count(r, "calendar_changes"))
	entries, err = srv.List(cal)
	require.NoError(t, err)
	require.Len(t, entries, 3)
	deck, err := srv.Get(cal + "kith-followup-1.ics")
	require.NoError(t, err)
	assert.Contains(t, deck, "BEGIN:VTODO")
	assert.Contains(t, deck, "SUMMARY:Ana Lima: send the deck")

	again := laptop.syncJSON()
	assert.Zero(t, count(again, "calendar_changes")+count(again, "kith"))
	assert.LessOrEqual(t, again["requests"], float64(2), "a sync with nothing to do: the address book's changes and the calendar's list")

	// ticked done on the phone: done in kith
	_, err = srv.Put(cal+"kith-followup-1.ics", "text/calendar", strings.Replace(deck, "STATUS:NEEDS-ACTION", "STATUS:COMPLETED\r\nCOMPLETED:20260303T080000Z", 1))
	require.NoError(t, err)
	// done in kith: removed from the calendar; the coffee held: removed too
	laptop.mustRun("followup", "done", "2")
	laptop.env["KITH_NOW"] = "2026-03-06"
	laptop.mustRun("coffee", "held", "1")
	r = laptop.syncJSON()
	assert.Equal(t, []any{map[string]any{"op": "done", "name": "Ana Lima: send the deck"}}, r["kith"])
	assert.Equal(t, 2, count(r, "calendar_changes"))
	assert.Contains(t, laptop.mustRun("followup", "list", "--done"), "send the deck")
	entries, err = srv.List(cal)
	require.NoError(t, err)
	assert.Equal(t, []string{cal + "kith-followup-1.ics"}, entries, "the ticked task stays on the phone; the rest are gone")

	// a task removed on the phone is not put back until it changes in kith
	laptop.mustRun("followup", "add", "ana", "book the lunch", "--due", "2026-03-10")
	laptop.syncJSON()
	require.NoError(t, srv.Delete(cal+"kith-followup-3.ics"))
	assert.Zero(t, count(laptop.syncJSON(), "calendar_changes"))
	laptop.mustRun("followup", "snooze", "3", "--until", "2026-03-12")
	assert.Equal(t, 1, count(laptop.syncJSON(), "calendar_changes"))
}
