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
	"strings"

	"github.com/parleyhq/parley/internal/fold"
	"github.com/parleyhq/parley/internal/kb"
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

Edits (alias, merge, split, import) go to an overlay file that every command
applies on top of the knowledge base: --kb-overlay FILE, by default
kb-overlay.jsonl in the user's config directory (parley/).`

var actorCommands = map[string]func(env *Env, o *actorOpts, args []string) error{
	"search":  actorsSearch,
	"show":    actorsShow,
	"resolve": actorsResolve,
	"alias":   actorsAlias,
	"merge":   actorsMerge,
	"split":   actorsSplit,
	"import":  actorsImport,
	"export":  actorsExport,
}

// actorOpts are the flags of the actors commands.
type actorOpts struct {
	kbDir, overlay, country, format, newID string
	limit                                  int
	all                                    bool
	k                                      *kb.KB
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
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if o.k, err = loadKBOverlay(o.kbDir, o.overlay); err != nil {
		return err
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

// edit applies ops to the loaded knowledge base, to check them, and then
// appends them to the overlay file.
func edit(env *Env, o *actorOpts, ops ...kb.Op) error {
	if o.overlay == "" {
		return &usageError{"no overlay file: give --kb-overlay FILE"}
	}
	for _, op := range ops {
		if err := o.k.Apply(op); err != nil {
			return err
		}
	}
	if err := os.MkdirAll(filepath.Dir(o.overlay), 0o755); err != nil {
		return err
	}
	if err := kb.AppendOverlay(o.overlay, ops...); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "%d edit(s) written to %s\n", len(ops), o.overlay)
	return nil
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
