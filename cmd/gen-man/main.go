// Command gen-man writes kith's man pages, one per command, from the
// command tree itself, so they say what --help says:
//
//	go run ./cmd/gen-man DIR
//
// make man runs it into man/, and the release ships what it writes.
package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra/doc"

	"github.com/kith-crm/kith/internal/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen-man DIR")
		os.Exit(2)
	}
	if err := write(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen-man:", err)
		os.Exit(1)
	}
}

// write generates a page for every command into dir, making dir if it
// is missing. SOURCE_DATE_EPOCH, when set, dates the pages, so a release
// builds the same pages twice.
func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := cli.NewRootCmd(cli.SystemFactory())
	root.DisableAutoGenTag = true
	header := &doc.GenManHeader{
		Title:   "KITH",
		Section: "1",
		Source:  "kith " + cli.Version(),
		Manual:  "kith manual",
	}
	return doc.GenManTree(root, header, dir)
}
