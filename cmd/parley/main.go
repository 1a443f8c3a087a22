// Command parley turns news reports about diplomacy and security
// cooperation into coded PLOVER events.
package main

import (
	"os"

	"github.com/parleyhq/parley/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
