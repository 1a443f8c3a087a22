// Package cli is parley's command line. [Main] runs one command and maps its
// error to an exit code, in one place.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
)

// Exit codes.
const (
	ExitOK    = 0
	ExitError = 1
	ExitUsage = 2
)

// usageError is a mistake in the command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// Env is what a command reads and writes; tests replace it.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
}

type command struct {
	summary string
	run     func(ctx context.Context, env *Env, args []string) error
}

var commands = map[string]command{
	"extract":  {"code events from articles and write event JSONL (or a table)", runExtract},
	"eval":     {"score the pipeline against gold events", runEval},
	"actors":   {"look up actors in the knowledge base: actors resolve NAME", runActors},
	"ingest":   {"code articles and store them, deduplicated: ingest PATH...", runIngest},
	"events":   {"query stored events (--actor, --type, --since, --text, ...)", runEvents},
	"articles": {"query stored articles", runArticles},
	"export":   {"export stored events: --format plover-jsonl|csv|polecat-tsv|gdelt-csv|parquet|gexf|graphml", runExport},
	"import":   {"store plover-jsonl event records written by export", runImport},
	"serve":    {"serve the store as a JSON API (read-only unless a token is set)", runServe},
	"article":  {"print the cleaned article of an HTML page (file or URL) as article JSON: article FILE_OR_URL", runArticle},
	"bench":    {"measure ingest on this machine: read, code and store synthetic articles, on one core by default", runBench},
	"watch":    {"follow RSS/Atom feeds, code each new item's page, write event JSONL or --store: watch URL...", runWatch},
}

// Main runs the command in args (without the program name) and returns the
// process exit code.
func Main(args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr}
	return Run(ctx, env, args)
}

// Run is Main with its environment given.
func Run(ctx context.Context, env *Env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stderr)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(env.Stderr, "parley: unknown command %q\n\n", args[0])
		usage(env.Stderr)
		return ExitUsage
	}
	err := cmd.run(ctx, env, args[1:])
	var ue *usageError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, flag.ErrHelp):
		return ExitOK
	case errors.As(err, &ue):
		fmt.Fprintf(env.Stderr, "parley %s: %v\n", args[0], err)
		return ExitUsage
	default:
		fmt.Fprintf(env.Stderr, "parley %s: %v\n", args[0], err)
		return ExitError
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "parley turns news reports into coded PLOVER events.")
	fmt.Fprintln(w, "\nUsage: parley COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-8s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'parley COMMAND -h' for a command's flags.")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(env *Env, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: parley %s %s\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, allowing them after positional arguments too.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
		if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
			continue
		}
	}
}
