package cli

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runAll runs each command line, requiring each to succeed.
func (e *testEnv) runAll(lines ...[]string) {
	e.t.Helper()
	for _, args := range lines {
		_, stderr, code := e.run("", args...)
		require.Equal(e.t, 0, code, "%v: %s", args, stderr)
	}
}

func TestPathOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "2026-02-01"
	e.runAll(
		[]string{"target", "add", "Acme Corp"},
		[]string{"contact", "add", "Ana Lima"},
		[]string{"contact", "add", "Eve Park", "--company", "Initech"},
		[]string{"contact", "add", "Hal Ng", "--company", "Initech"},
		[]string{"coffee", "log", "ana"},
		[]string{"coffee", "log", "eve", "--on", "2026-01-10"},
		[]string{"intro", "add", "ana", "Bo Chen", "--new", "--kind", "coffee"},
		[]string{"ask", "bo", "--client", "Cy Diaz @ Acme Corp"},
		[]string{"intro", "add", "hal", "cy", "--kind", "client", "--status", "promised"},
	)
	e.tty = true
	out, _, code := e.run("", "path", "acme corp")
	require.Equal(t, 0, code)
	assert.Equal(t, `Paths to Acme Corp (1 person there), warm first:

1. Ana Lima > Bo Chen > Cy Diaz (Acme Corp)
   Ana Lima introduced Bo Chen to you (made, 2026-02-01)
   Bo Chen introduced Cy Diaz to you (promised, 2026-02-01)
   Ask Ana Lima (advocate, last coffee 2026-02-01) to introduce you to Bo Chen;
   then Bo Chen to introduce you to Cy Diaz.
   Ranked 1st: warm, you know Ana Lima (1 meeting, advocate).

2. Eve Park > Hal Ng > Cy Diaz (Acme Corp)
   Eve Park and Hal Ng both work at Initech
   Hal Ng introduced Cy Diaz to you (promised, 2026-02-01)
   Ask Eve Park (halo, last coffee 2026-01-10) to introduce you to Hal Ng; then
   Hal Ng to introduce you to Cy Diaz.
   Ranked 2nd: warm, you know Eve Park (1 meeting); less warm than the 1st
   (warmth 2 against 8).

3. Cy Diaz (Acme Corp)
   Cy Diaz is in your contacts (named in an introduction) but you have not met:
   write to them directly.
   Ranked 3rd: cold, you have never met Cy Diaz; cold paths come after the warm
   ones.
`, out)

	out, _, code = e.run("", "path", "Globex")
	assert.Equal(t, 0, code)
	assert.Equal(t, "Nobody in your contacts works at Globex yet.\nAsk for a client introduction there at your next coffee: kith ask REF.\n", out)
}

func TestReportColourOnlyOnATerminal(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "2026-03-04"
	e.runAll(
		[]string{"contact", "add", "Ana Lima"},
		[]string{"goal", "set", "coffees-per-week", "2"},
		[]string{"coffee", "log", "ana", "--on", "2026-03-02"},
		[]string{"coffee", "log", "ana", "--on", "2026-03-03"},
		[]string{"coffee", "log", "ana", "--on", "2026-02-24"},
	)
	e.tty = true
	out, _, code := e.run("", "report")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "\x1b[32m███\x1b[0m", "a week that met the objective is green")
	assert.Contains(t, out, "\x1b[33m", "a week below it is yellow")
	assert.Contains(t, out, "Coffees        2 held; objective 2 per week: 100%")

	e.env["NO_COLOR"] = "1"
	out, _, _ = e.run("", "report")
	assert.NotContains(t, out, "\x1b")
	assert.Contains(t, out, "███")

	delete(e.env, "NO_COLOR")
	e.tty = false
	out, _, _ = e.run("", "report")
	assert.NotContains(t, out, "\x1b")
}

func TestNapkinOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "2026-03-04"
	e.env["COLUMNS"] = "60"
	e.runAll(
		[]string{"contact", "add", "Ana Lima", "--category", "lawyer"},
		[]string{"contact", "add", "Bo Chen", "--category", "Lawyer"},
		[]string{"contact", "add", "Cy Diaz", "--category", "friend"},
		[]string{"contact", "add", "Dee Eng", "--category", "real estate agent"},
		[]string{"contact", "add", "Ed Fox", "--category", "banker"},
		[]string{"coffee", "log", "bo", "--on", "2026-02-01"},
		[]string{"coffee", "log", "ana", "--on", "2025-12-01"},
	)
	e.tty = true
	out, _, code := e.run("", "napkin", "--names", "1")
	require.Equal(t, 0, code)
	lines := strings.Split(out, "\n")
	assert.Equal(t, "Lawyer (2)   banker (1)   friend (1)   real estate agent (1)", lines[0], "spelt as the most recently met spells it; one band fits 60 columns")
	assert.Equal(t, "Bo Chen      Ed Fox       Cy Diaz      Dee Eng", lines[2])
	assert.Equal(t, "+1 more", lines[3])
	assert.Contains(t, out, "5 people, 3 never met for a coffee.")
	assert.Contains(t, out, "Nobody yet under: contractor, existing client, past client.\nWho do you know there?", "wrapped at 60 columns")
	assert.Contains(t, out, "Longest without a coffee:\n  2025-12-01  Ana Lima  lawyer\n  2026-02-01  Bo Chen  Lawyer\n")
}

func TestFunnelOnTerminal(t *testing.T) {
	e := newTestEnv(t)
	e.env["KITH_NOW"] = "2026-03-04"
	e.runAll(
		[]string{"contact", "add", "Ana Lima"},
		[]string{"contact", "edit", "ana", "--stage", "lead"},
		[]string{"target", "add", "Acme Corp", "--segment", "banking"},
	)
	e.tty = true
	out, _, code := e.run("", "funnel")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "Funnel, 2026-01-01 – 2026-03-31\n")
	assert.Contains(t, out, "STAGE")
	assert.Contains(t, out, "1 contact; 1 new, 1 moved up, 0 moved down since 2026-01-01")

	out, _, _ = e.run("", "__complete", "path", "")
	assert.Contains(t, out, "Acme Corp\nbanking\n")
}
