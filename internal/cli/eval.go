package cli

import (
	"context"
	"fmt"
	"os"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/eval"
	"github.com/parleyhq/parley/internal/pipeline"
)

func runEval(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "eval", "--gold GOLD.jsonl [--detail] [--json] ARTICLES.jsonl...")
	goldPath := fs.String("gold", "", "gold events, one JSON object per article")
	detail := fs.Bool("detail", false, "list matched, missed and spurious events per article")
	asJSON := fs.Bool("json", false, "write the report as JSON")
	baseline := fs.Bool("baseline", false, "score the naive baseline instead of the pipeline: any two known entities in one sentence with a meeting verb")
	kbDir := fs.String("kb", "", "read the knowledge base from this directory instead of the embedded one")
	paths, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *goldPath == "" || len(paths) == 0 {
		return &usageError{"need --gold and at least one articles file"}
	}
	f, err := os.Open(*goldPath)
	if err != nil {
		return err
	}
	gold, err := eval.ReadGold(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("read %s: %w", *goldPath, err)
	}
	k, err := loadKB(*kbDir)
	if err != nil {
		return err
	}
	p, err := pipeline.New(k)
	if err != nil {
		return err
	}
	if *baseline {
		p = p.Baseline()
	}
	var sys []*doc.Article
	if err := eachArticle(ctx, env, paths, p, func(a *doc.Article) error {
		sys = append(sys, a)
		return nil
	}); err != nil {
		return err
	}
	rep := eval.Score(gold, sys)
	if *asJSON {
		b, err := rep.JSON()
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "%s\n", b)
		return err
	}
	return rep.WriteText(env.Stdout, *detail)
}
