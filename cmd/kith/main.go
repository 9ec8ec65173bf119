// Command kith is a terminal-first personal networking tool.
package main

import (
	"os"

	"github.com/kith-crm/kith/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
