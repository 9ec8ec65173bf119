//go:build linux

package proof

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/render"
)

// These tests run kith as a person does: in a real terminal, an 80-column
// tmux window, typing keys and reading the screen. tmux is installed with
// apt-get when it is missing and this runs as root (as CI does).

// terminal is one tmux server of its own, holding one window.
type terminal struct {
	t      *testing.T
	socket string
}

// newTerminal starts shell command line in an 80-column, 100-line tmux
// window with env as its environment.
func newTerminal(t *testing.T, env []string, line string) *terminal {
	t.Helper()
	requireTmux(t)
	term := &terminal{t: t, socket: fmt.Sprintf("kith-proof-%d-%d", os.Getpid(), time.Now().UnixNano())}
	cmd := exec.Command("tmux", "-L", term.socket, "-f", "/dev/null",
		"new-session", "-d", "-x", "80", "-y", "100", "sh", "-c", line)
	cmd.Env = append(env, "TERM=xterm-256color", "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "tmux: %s", out)
	t.Cleanup(func() { _ = exec.Command("tmux", "-L", term.socket, "kill-server").Run() })
	return term
}

// requireTmux installs tmux when it is missing, or skips the test when it
// cannot.
func requireTmux(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err == nil {
		return
	}
	if _, err := exec.LookPath("apt-get"); err != nil || os.Geteuid() != 0 {
		t.Skip("tmux is not installed, and apt-get as root is not at hand to install it")
	}
	install := func() error {
		return exec.Command("apt-get", "install", "-y", "-qq", "tmux").Run()
	}
	if install() != nil {
		_ = exec.Command("apt-get", "update", "-qq").Run()
		out, err := exec.Command("apt-get", "install", "-y", "-qq", "tmux").CombinedOutput()
		require.NoError(t, err, "apt-get install tmux: %s", out)
	}
}

// screen is the window's text, lines that tmux wrapped joined back into
// the one line that was written.
func (term *terminal) screen() string {
	out, err := exec.Command("tmux", "-L", term.socket, "capture-pane", "-p", "-J", "-S", "-").Output()
	require.NoError(term.t, err)
	return string(out)
}

// waitFor returns the screen once it matches re; a minute is a hang.
func (term *terminal) waitFor(re *regexp.Regexp) string {
	term.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		s := term.screen()
		if re.MatchString(s) {
			return s
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("the terminal never showed %s:\n%s", re, s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// keys types keys into the window, as tmux send-keys names them.
func (term *terminal) keys(keys ...string) {
	out, err := exec.Command("tmux", append([]string{"-L", term.socket, "send-keys"}, keys...)...).CombinedOutput()
	require.NoError(term.t, err, "send-keys: %s", out)
}

// shellQuote quotes args for sh.
func shellQuote(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		q[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	return strings.Join(q, " ")
}

// ended matches the line the shell prints after kith exits.
var ended = regexp.MustCompile(`(?m)^END (\d+)$`)

// terminalData is a database whose names and companies are long, and
// some of them two columns a character.
func terminalData(t *testing.T) []string {
	env := kithEnv(t, filepath.Join(t.TempDir(), "kith.db"))
	for _, args := range [][]string{
		{"contact", "add", "Ana Lima", "--email", "ana@lima-law-partners.example.com", "--phone", "+1 555 0100",
			"--company", "Lima Law Partners International LLP", "--category", "lawyer", "--cadence", "30d",
			"--birthday", "1980-03-04"},
		{"contact", "add", "山田 太郎", "--email", "taro.yamada@example.co.jp", "--phone", "+81 3 1234 5678",
			"--company", "株式会社山田建設グループホールディングス", "--category", "contractor", "--stage", "lead"},
		{"contact", "add", "김민준", "--company", "삼성물산 건설부문 주택사업본부", "--category", "real estate agent"},
		{"contact", "add", "Bo Chen", "--phone", "+1 555 0101", "--company", "Chen Builders and Roofing of the Bay"},
		{"contact", "add", "Bo Chen", "--phone", "+1 555 0101", "--new"},
		{"target", "add", "東京海上日動火災保険株式会社", "--segment", "insurance", "--note", "a supplier programme for small consultancies every spring"},
		{"goal", "set", "coffees-per-week", "6"},
		{"ask", "ana", "--alliance", "山田 太郎", "--client", "Eve Park @ 東京海上日動火災保険株式会社"},
		{"intro", "update", "1", "--status", "made"},
		{"intro", "add", "山田", "김민준", "--kind", "client", "--unasked"},
		{"coffee", "log", "ana", "--at", "Blue Bottle Coffee on Market Street, by the window",
			"--topic", "her new baby and the seminar series on estate planning", "--next", "send the seminar invite with the dates", "--in", "2d"},
		{"coffee", "log", "山田", "--at", "喫茶店 銀座四丁目 和光ビル裏の小さな店", "--topic", "建設業界の紹介と来年度の共同プロジェクト"},
	} {
		mustKith(t, env, args...)
	}
	return env
}

// TestListsFitAnEightyColumnTerminal runs every list in an 80-column
// terminal: no line may be wider, which is to say no row wraps.
func TestListsFitAnEightyColumnTerminal(t *testing.T) {
	env := terminalData(t)
	for _, args := range [][]string{
		{"contact", "list"}, {"coffee", "list"}, {"intro", "list"}, {"followup", "list"},
		{"followup", "due", "--within", "60d"}, {"target", "list"}, {"goal", "list"}, {"fans"}, {"plan"},
		{"napkin"}, {"funnel"}, {"report"}, {"contact", "dupes"}, {"followup", "draft", "ana"}, {"contact", "show", "ana"},
		{"path", "東京海上日動火災保険株式会社"}, {"today"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			term := newTerminal(t, env, shellQuote(append([]string{kithBin}, args...))+`; echo "END $?"; sleep 600`)
			s := term.waitFor(ended)
			require.Equal(t, "0", ended.FindStringSubmatch(s)[1], s)
			lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
			require.Greater(t, len(lines), 1, "kith printed nothing")
			for _, l := range lines {
				assert.LessOrEqual(t, render.Width(l), 80, "a line wrapped:\n%s", l)
			}
		})
	}
	t.Run("the CJK name lines up", func(t *testing.T) {
		term := newTerminal(t, env, shellQuote([]string{kithBin, "contact", "list"})+`; echo "END $?"; sleep 600`)
		s := term.waitFor(ended)
		assert.Regexp(t, `(?m)^ID  NAME       COMPANY +CATEGORY`, s)
		assert.Regexp(t, `(?m)^1   Ana Lima   Lima Law`, s)
		assert.Regexp(t, `(?m)^2   山田 太郎  株式会社`, s, "a two-column character takes two columns")
	})
}

// TestCtrlCAtAnAskPromptExitsAtOnce presses Ctrl-C at kith ask's first
// prompt, with an answer half typed: kith must end at once with 130 (not
// after the 5-second fallback, which exits 1 with its own message), write
// nothing, and leave the next line typed to the shell.
func TestCtrlCAtAnAskPromptExitsAtOnce(t *testing.T) {
	env := terminalData(t)
	before := mustKith(t, env, "export")
	// an interactive shell, as a person has: kith runs in a process group
	// of its own, and Ctrl-C goes to it, not the shell
	term := newTerminal(t, append(env, "PS1=$ "), "exec bash --norc --noprofile -i")
	term.waitFor(regexp.MustCompile(`\$\s*$`))
	term.keys(shellQuote([]string{kithBin, "ask", "ana"})+`; echo "END $?"; read line; echo "the shell read: $line"`, "Enter")
	term.waitFor(regexp.MustCompile(`Alliance \(a name or "Name @ Company"; Enter to skip\):\s*$`))
	term.keys("Dan Wu @ Wu Accounting")
	term.waitFor(regexp.MustCompile(`Dan Wu @ Wu Accounting\s*$`))
	pressed := time.Now()
	term.keys("C-c")
	s := term.waitFor(ended)
	t.Logf("kith ended %v after Ctrl-C", time.Since(pressed).Round(time.Millisecond))

	assert.Contains(t, s, "Wu Accounting^C\nkith: interrupted at the prompt; nothing was changed\nEND 130\n")
	assert.NotContains(t, s, "did not stop in time")
	term.keys("typed after", "Enter")
	term.waitFor(regexp.MustCompile(`(?m)^the shell read: typed after$`))
	assert.Equal(t, before, mustKith(t, env, "export"), "nothing written")
}
