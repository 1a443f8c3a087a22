package cli

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
	"github.com/parleyhq/parley/internal/store"
	"github.com/parleyhq/parley/internal/store/sqlite"
)

const actorsUsage = `usage: parley actors COMMAND [flags] [args]

  search QUERY            actors whose names contain the words of QUERY
  show ID|NAME            one actor as JSON, with its aliases and dated roles
  resolve NAME            the actor a name stands for: id, name, country, kind
  alias ID NAME           give an actor another name
  merge INTO FROM         make FROM the same actor as INTO
  split ID NAME [ALIAS..] move NAME and ALIASes of ID to a new actor
  import FILE             add or replace actors from CSV or JSONL
  export                  write actors as JSONL (or --format csv)
  list                    the actors of the store, with their event counts
                          (--actor NAME, --country CODE; --format table|jsonl|csv)

Edits (alias, merge, split, import) go to an overlay file that every command
applies on top of the knowledge base: --kb-overlay FILE, by default
kb-overlay.jsonl in the user's config directory (parley/). When there is a
store (--db FILE, $PARLEY_DB or the default one), the events and mentions
stored already are re-resolved: mentions an edit touches move to their new
actor, and events that thereby become the same happening merge.`

var actorCommands = map[string]func(env *Env, o *actorOpts, args []string) error{
	"search":  actorsSearch,
	"show":    actorsShow,
	"resolve": actorsResolve,
	"alias":   actorsAlias,
	"merge":   actorsMerge,
	"split":   actorsSplit,
	"import":  actorsImport,
	"export":  actorsExport,
	"list":    actorsList,
}

// actorOpts are the flags of the actors commands.
type actorOpts struct {
	kbDir, overlay, country, format, newID string
	db, actor                              string
	limit                                  int
	limitSet, all                          bool
	k                                      *kb.KB
	ctx                                    context.Context
}

func runActors(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprintln(env.Stderr, actorsUsage)
		if len(args) == 0 {
			return &usageError{"missing command"}
		}
		return flag.ErrHelp
	}
	cmd, ok := actorCommands[args[0]]
	if !ok {
		return &usageError{fmt.Sprintf("unknown command %q\n%s", args[0], actorsUsage)}
	}
	o := &actorOpts{}
	fs := newFlags(env, "actors "+args[0], "[flags] [args]")
	fs.StringVar(&o.kbDir, "kb", "", "read the knowledge base from `DIR` instead of the embedded one")
	fs.StringVar(&o.overlay, "kb-overlay", defaultOverlay(), "analyst's edits: overlay `FILE` (JSONL)")
	fs.StringVar(&o.country, "country", "", "resolve: ISO3 `CODE` that decides between namesakes")
	fs.StringVar(&o.format, "format", "", "import/export: jsonl or csv (import: from the file name)")
	fs.StringVar(&o.newID, "id", "", "split: `ID` of the new actor")
	fs.IntVar(&o.limit, "limit", 20, "search: at most `N` actors")
	fs.BoolVar(&o.all, "all", false, "export: also the Phoenix dictionaries and people learned from text")
	fs.StringVar(&o.db, "db", "", "store `FILE` to re-resolve after edits, or to list (default: $PARLEY_DB or parley/parley.db in the user's data directory)")
	fs.StringVar(&o.actor, "actor", "", "list: actors with this name, any spelling the knowledge base knows (or an id)")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	fs.Visit(func(f *flag.Flag) { o.limitSet = o.limitSet || f.Name == "limit" })
	o.ctx = ctx
	if o.k, err = loadKBOverlay(o.kbDir, o.overlay); err != nil {
		return err
	}
	path, err := o.storePath()
	if err != nil {
		return err
	}
	if path != "" {
		db, err := sqlite.Open(ctx, path, nil)
		if err != nil {
			return err
		}
		err = rememberStored(ctx, db, o.k)
		if cerr := db.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	}
	return cmd(env, o, pos)
}

// defaultOverlay is the overlay file in the user's config directory, or ""
// when there is none.
func defaultOverlay() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "parley", "kb-overlay.jsonl")
}

func actorsResolve(env *Env, o *actorOpts, args []string) error {
	if len(args) == 0 {
		return &usageError{"usage: parley actors resolve NAME"}
	}
	name := strings.Join(args, " ")
	a := o.k.ResolvePerson(name, strings.ToUpper(o.country))
	if a == nil {
		a = resolveAny(o.k, name, strings.ToUpper(o.country))
	}
	if a == nil {
		return fmt.Errorf("no actor known as %q", name)
	}
	fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Country, a.Kind)
	return nil
}

// resolveAny finds an actor of any kind named exactly by name.
func resolveAny(k *kb.KB, name, country string) *kb.Actor {
	words := fold.Words(name)
	n, entries := k.Index().Longest(words)
	if n != len(words) || n == 0 {
		return nil
	}
	var found *kb.Actor
	for _, e := range entries {
		if e.Actor == nil || e.Kind != kb.EntryActor && e.Kind != kb.EntryState || country != "" && e.Actor.Country != country {
			continue
		}
		if found != nil && found != e.Actor {
			return nil
		}
		found = e.Actor
	}
	return found
}

// lookup finds an actor by id, else by name.
func lookup(k *kb.KB, s string) (*kb.Actor, error) {
	if a := k.Actor(s); a != nil {
		return a, nil
	}
	if a := k.ResolvePerson(s, ""); a != nil {
		return a, nil
	}
	if a := resolveAny(k, s, ""); a != nil {
		return a, nil
	}
	return nil, fmt.Errorf("no actor with id or name %q", s)
}

func actorsSearch(env *Env, o *actorOpts, args []string) error {
	if len(args) == 0 {
		return &usageError{"usage: parley actors search QUERY"}
	}
	q := fold.Words(strings.Join(args, " "))
	n := 0
	seen := map[*kb.Actor]bool{}
	print := func(a *kb.Actor) {
		if a != nil && !seen[a] && n < o.limit {
			seen[a] = true
			n++
			fmt.Fprintf(env.Stdout, "%s\t%s\t%s\t%s\n", a.ID, a.Name, a.Country, a.Kind)
		}
	}
	print(o.k.ResolvePerson(strings.Join(args, " "), ""))
	for _, a := range o.k.Actors() {
		if n >= o.limit {
			break
		}
		for _, name := range append([]string{a.Name}, a.Aliases...) {
			if containsWords(fold.Words(name), q) {
				print(a)
				break
			}
		}
	}
	if n == 0 {
		return fmt.Errorf("no actor matches %q", strings.Join(args, " "))
	}
	return nil
}

// containsWords reports whether every query word begins some word of name.
func containsWords(name, q []string) bool {
	for _, w := range q {
		ok := false
		for _, x := range name {
			if strings.HasPrefix(x, w) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return len(q) > 0
}

func actorsShow(env *Env, o *actorOpts, args []string) error {
	if len(args) == 0 {
		return &usageError{"usage: parley actors show ID|NAME"}
	}
	a, err := lookup(o.k, strings.Join(args, " "))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		*kb.Actor
		Origin string `json:"origin"`
	}{a, a.Origin()})
}

// edit applies ops to the loaded knowledge base, appends them to the
// overlay file and re-resolves the store, when there is one.
func edit(env *Env, o *actorOpts, ops ...kb.Op) error {
	if o.overlay == "" {
		return &usageError{"no overlay file: give --kb-overlay FILE"}
	}
	path, err := o.storePath()
	if err != nil {
		return err
	}
	ops, err = editKB(o.k, o.overlay, ops)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "%d edit(s) written to %s\n", len(ops), o.overlay)
	if path == "" {
		return nil
	}
	db, err := sqlite.Open(o.ctx, path, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	res, err := relabel(o.ctx, db, o.k, ops)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	fmt.Fprintf(env.Stderr, "%s: %d entity mentions and %d event records re-resolved; %d events changed, %d split off, %d merged into another\n",
		path, res.Mentions, res.Records, res.Events, res.Split, res.Merged)
	return nil
}

// errBadEdit is wrapped by the errors of edits the knowledge base refuses.
var errBadEdit = errors.New("edit refused")

// editKB applies ops to k, preceded by the adds that make them stand
// alone (selfContained), and appends them to the overlay file. It returns
// the ops written.
func editKB(k *kb.KB, overlay string, ops []kb.Op) ([]kb.Op, error) {
	ops = selfContained(k, ops)
	for _, op := range ops {
		if err := k.Apply(copyOp(op)); err != nil { // the knowledge base keeps what it is given
			return nil, fmt.Errorf("%w: %w", errBadEdit, err)
		}
	}
	if err := os.MkdirAll(filepath.Dir(overlay), 0o755); err != nil {
		return nil, err
	}
	return ops, kb.AppendOverlay(overlay, ops...)
}

// copyOp is op with its own copy of the actor it adds.
func copyOp(op kb.Op) kb.Op {
	if op.Actor != nil {
		c := *op.Actor
		c.Aliases, c.Roles = slices.Clone(c.Aliases), slices.Clone(c.Roles)
		op.Actor = &c
	}
	return op
}

// relabel re-resolves what db has stored after edits that k has applied.
func relabel(ctx context.Context, db store.Relabeler, k *kb.KB, ops []kb.Op) (store.Relabelled, error) {
	to := k.Relabeler(ops)
	return db.Relabel(ctx, func(id, spelling string) (doc.Entity, bool) {
		a := to(id, spelling)
		if a == nil {
			return doc.Entity{}, false
		}
		return doc.Entity{ID: a.ID, Name: a.Name, Country: a.Country, Sector: a.Sector}, true
	})
}

// storePath is the store the actors commands work with: --db, which must
// exist, else the default store when it exists, else "".
func (o *actorOpts) storePath() (string, error) {
	if o.db != "" {
		if _, err := os.Stat(o.db); err != nil {
			return "", fmt.Errorf("store: %w", err)
		}
		return o.db, nil
	}
	path, err := sqlite.DefaultPath()
	if err != nil {
		return "", nil
	}
	if _, err := os.Stat(path); err != nil {
		return "", nil
	}
	return path, nil
}

// rememberStored adds the people a store learned from text in earlier
// runs to the knowledge base, so that they can be shown, resolved and
// edited like any other actor, and new mentions join them.
func rememberStored(ctx context.Context, db store.ActorReader, k *kb.KB) error {
	remember := func(a store.Actor) error {
		if k.Actor(a.ID) == nil {
			k.Remember(&kb.Actor{ID: a.ID, Name: a.Name, Country: a.Country, Sector: a.Sector, Aliases: a.Names})
		}
		return nil
	}
	if fast, ok := db.(interface {
		EachActorWithPrefix(ctx context.Context, prefix string, fn func(store.Actor) error) error
	}); ok {
		return fast.EachActorWithPrefix(ctx, kb.LearnedPrefix, remember)
	}
	_, err := eachPage(store.Filter{}, 0, func(f store.Filter) (string, int, error) {
		p, err := db.Actors(ctx, f)
		if err != nil {
			return "", 0, err
		}
		for _, a := range p.Items {
			if !strings.HasPrefix(a.ID, kb.LearnedPrefix) || k.Actor(a.ID) != nil {
				continue
			}
			full, err := db.Actor(ctx, a.ID)
			if err != nil {
				return "", 0, err
			}
			remember(*full)
		}
		return p.Next, len(p.Items), nil
	})
	return err
}

// selfContained returns ops preceded by an "add" of each learned actor
// they name, so that the overlay does not depend on a store: learned
// people exist only in the run, or the store, that learned them.
func selfContained(k *kb.KB, ops []kb.Op) []kb.Op {
	var out []kb.Op
	added := map[string]bool{}
	for _, op := range ops {
		for _, id := range []string{op.ID, op.From} {
			a := k.Actor(id)
			if id == "" || added[id] || a == nil || a.ID != id || a.Origin() != "learned" {
				continue
			}
			added[id] = true
			c := *a
			c.Source = "learned from text; kept by an analyst's edit"
			out = append(out, kb.Op{Op: "add", Actor: &c})
		}
		out = append(out, op)
	}
	return out
}

// actorsList prints the actors of the store.
func actorsList(env *Env, o *actorOpts, args []string) error {
	if len(args) != 0 {
		return &usageError{"usage: parley actors list [--actor NAME] [--country CODE] [--format table|jsonl|csv] [--db FILE]"}
	}
	format := o.format
	if format == "" {
		format = "table"
	}
	if err := checkFormat(format, "table", "jsonl", "csv"); err != nil {
		return err
	}
	f := store.Filter{Country: strings.ToUpper(o.country)}
	if o.actor != "" {
		if ids := resolveActor(o.k, o.actor); len(ids) > 0 {
			f.ActorIDs = ids
		} else {
			f.ActorName = o.actor
		}
	}
	limit := 0
	if o.limitSet {
		limit = o.limit
	}
	db, err := openStore(o.ctx, o.db)
	if err != nil {
		return err
	}
	defer db.Close()
	var write func(a *store.Actor) error
	flush := func() error { return nil }
	switch format {
	case "table":
		tw := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tCOUNTRY\tSECTOR\tEVENTS")
		write = func(a *store.Actor) error {
			_, err := fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\n", a.ID, short(a.Name, 50), a.Country, a.Sector, a.NumEvents)
			return err
		}
		flush = tw.Flush
	case "jsonl":
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		write = func(a *store.Actor) error { return enc.Encode(a) }
	case "csv":
		cw := csv.NewWriter(env.Stdout)
		cw.Write([]string{"id", "name", "country", "sector", "num_events"})
		write = func(a *store.Actor) error {
			return cw.Write([]string{a.ID, a.Name, a.Country, a.Sector, strconv.Itoa(a.NumEvents)})
		}
		flush = func() error { cw.Flush(); return cw.Error() }
	}
	_, err = eachPage(f, limit, func(f store.Filter) (string, int, error) {
		p, err := db.Actors(o.ctx, f)
		if err != nil {
			return "", 0, err
		}
		for i := range p.Items {
			if err := write(&p.Items[i]); err != nil {
				return "", 0, err
			}
		}
		return p.Next, len(p.Items), nil
	})
	if ferr := flush(); err == nil {
		err = ferr
	}
	return err
}

func actorsAlias(env *Env, o *actorOpts, args []string) error {
	if len(args) < 2 {
		return &usageError{"usage: parley actors alias ID NAME"}
	}
	a, err := lookup(o.k, args[0])
	if err != nil {
		return err
	}
	return edit(env, o, kb.Op{Op: "alias", ID: a.ID, Name: strings.Join(args[1:], " ")})
}

func actorsMerge(env *Env, o *actorOpts, args []string) error {
	if len(args) != 2 {
		return &usageError{"usage: parley actors merge INTO FROM"}
	}
	into, err := lookup(o.k, args[0])
	if err != nil {
		return err
	}
	from, err := lookup(o.k, args[1])
	if err != nil {
		return err
	}
	return edit(env, o, kb.Op{Op: "merge", ID: into.ID, From: from.ID})
}

func actorsSplit(env *Env, o *actorOpts, args []string) error {
	if len(args) < 2 {
		return &usageError{"usage: parley actors split ID NAME [ALIAS...]"}
	}
	a := o.k.Actor(args[0])
	if a == nil {
		return fmt.Errorf("no actor with id %q", args[0])
	}
	newID := o.newID
	if newID == "" {
		newID = "u-" + strings.Join(fold.Words(args[1]), "-")
	}
	if err := edit(env, o, kb.Op{Op: "split", ID: a.ID, NewID: newID, Name: args[1], Aliases: args[2:]}); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, newID)
	return nil
}

func actorsImport(env *Env, o *actorOpts, args []string) error {
	if len(args) != 1 {
		return &usageError{"usage: parley actors import FILE"}
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	format := o.format
	if format == "" {
		format = "jsonl"
		if strings.HasSuffix(strings.ToLower(args[0]), ".csv") {
			format = "csv"
		}
	}
	var actors []*kb.Actor
	switch format {
	case "jsonl":
		actors, err = readActorsJSONL(f)
	case "csv":
		actors, err = readActorsCSV(f)
	default:
		return &usageError{fmt.Sprintf("unknown format %q (want jsonl or csv)", format)}
	}
	if err != nil {
		return fmt.Errorf("%s: %w", args[0], err)
	}
	ops := make([]kb.Op, len(actors))
	for i, a := range actors {
		ops[i] = kb.Op{Op: "add", Actor: a}
	}
	return edit(env, o, ops...)
}

func actorsExport(env *Env, o *actorOpts, args []string) error {
	if len(args) != 0 {
		return &usageError{"usage: parley actors export [--format jsonl|csv] [--all]"}
	}
	var list []*kb.Actor
	for _, a := range o.k.Actors() {
		if o.all || a.Origin() == "curated" {
			list = append(list, a)
		}
	}
	switch o.format {
	case "", "jsonl":
		enc := json.NewEncoder(env.Stdout)
		enc.SetEscapeHTML(false)
		for _, a := range list {
			if err := enc.Encode(a); err != nil {
				return err
			}
		}
		return nil
	case "csv":
		return writeActorsCSV(env.Stdout, list)
	}
	return &usageError{fmt.Sprintf("unknown format %q (want jsonl or csv)", o.format)}
}

func readActorsJSONL(r io.Reader) ([]*kb.Actor, error) {
	dec := json.NewDecoder(r)
	var out []*kb.Actor
	for {
		a := new(kb.Actor)
		err := dec.Decode(a)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
}

// The CSV form of actors: one actor a row; aliases separated by "|"; roles
// by ";", each as title|org|country|sector|from|to.
var csvHeader = []string{"id", "name", "kind", "country", "sector", "aliases", "roles", "qid", "source"}

func writeActorsCSV(w io.Writer, list []*kb.Actor) error {
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	for _, a := range list {
		roles := make([]string, len(a.Roles))
		for i, r := range a.Roles {
			roles[i] = strings.Join([]string{r.Title, r.Org, r.Country, r.Sector, r.From, r.To}, "|")
		}
		cw.Write([]string{a.ID, a.Name, string(a.Kind), a.Country, a.Sector, strings.Join(a.Aliases, "|"),
			strings.Join(roles, ";"), a.QID, a.Source})
	}
	cw.Flush()
	return cw.Error()
}

func readActorsCSV(r io.Reader) ([]*kb.Actor, error) {
	cr := csv.NewReader(r)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, nil
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(strings.ToLower(h))] = i
	}
	if _, ok := col["id"]; !ok {
		return nil, fmt.Errorf("the header needs id and name columns")
	}
	if _, ok := col["name"]; !ok {
		return nil, fmt.Errorf("the header needs id and name columns")
	}
	get := func(row []string, name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return strings.TrimSpace(row[i])
		}
		return ""
	}
	var out []*kb.Actor
	for n, row := range rows[1:] {
		a := &kb.Actor{ID: get(row, "id"), Name: get(row, "name"), Kind: kb.Kind(get(row, "kind")),
			Country: get(row, "country"), Sector: get(row, "sector"), QID: get(row, "qid"), Source: get(row, "source")}
		if a.Kind == "" {
			a.Kind = kb.KindPerson
		}
		if s := get(row, "aliases"); s != "" {
			a.Aliases = strings.Split(s, "|")
		}
		if s := get(row, "roles"); s != "" {
			for _, rs := range strings.Split(s, ";") {
				p := strings.Split(rs, "|")
				if len(p) != 6 {
					return nil, fmt.Errorf("row %d: role %q: want title|org|country|sector|from|to", n+2, rs)
				}
				a.Roles = append(a.Roles, kb.Role{Title: p[0], Org: p[1], Country: p[2], Sector: p[3], From: p[4], To: p[5]})
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// loadKB reads the knowledge base from dir, or the embedded one when dir is
// "", with the user's overlay of edits when there is one.
func loadKB(dir string) (*kb.KB, error) {
	return loadKBOverlay(dir, defaultOverlay())
}

// loadKBOverlay is loadKB with the overlay file given ("" for none).
func loadKBOverlay(dir, overlay string) (*kb.KB, error) {
	var k *kb.KB
	var err error
	if dir == "" {
		k, err = kb.Load()
	} else if k, err = kb.LoadFS(os.DirFS(dir)); err != nil {
		return nil, fmt.Errorf("knowledge base %s: %w", dir, err)
	}
	if err != nil {
		return nil, err
	}
	if overlay != "" {
		if err := k.ApplyOverlayFile(overlay); err != nil {
			return nil, fmt.Errorf("overlay %s: %w", overlay, err)
		}
	}
	return k, nil
}
