package cli

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/parleyhq/parley/internal/kb"
)

func runActors(ctx context.Context, env *Env, args []string) error {
	if len(args) < 2 || args[0] != "resolve" {
		return &usageError{"usage: parley actors resolve NAME"}
	}
	k, err := loadKB("")
	if err != nil {
		return err
	}
	name := strings.Join(args[1:], " ")
	a := k.ResolvePerson(name, "")
	if a == nil {
		return fmt.Errorf("no actor known as %q", name)
	}
	fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Country, a.Kind)
	return nil
}

// loadKB reads the knowledge base from dir, or the embedded one when dir is "".
func loadKB(dir string) (*kb.KB, error) {
	if dir == "" {
		return kb.Load()
	}
	k, err := kb.LoadFS(os.DirFS(dir))
	if err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", dir, err)
	}
	return k, nil
}
