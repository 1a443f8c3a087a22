package kb

// Trie maps phrases (sequences of folded words) to entries, for longest-match
// lookup over a sentence's tokens.
type Trie struct {
	root *node
}

type node struct {
	next    map[string]*node
	entries []Entry
}

// NewTrie returns an empty Trie.
func NewTrie() *Trie { return &Trie{root: &node{}} }

// Add files e under the phrase words. Empty phrases are ignored, and an
// entry equal to one already filed is not added twice.
func (t *Trie) Add(words []string, e Entry) {
	if len(words) == 0 {
		return
	}
	n := t.root
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*node{}
		}
		c := n.next[w]
		if c == nil {
			c = &node{}
			n.next[w] = c
		}
		n = c
	}
	for _, x := range n.entries {
		if x == e {
			return
		}
	}
	n.entries = append(n.entries, e)
}

// Longest returns the length of the longest phrase that starts words, and its
// entries; 0 and nil when none does.
func (t *Trie) Longest(words []string) (int, []Entry) {
	return t.LongestFunc(len(words), func(i int) string { return words[i] })
}

// LongestFunc is Longest over n words given by word(i), so that callers can
// walk their own token slices without building a []string. A word of "" is
// skipped (it matches nothing but does not end the walk), which lets callers
// step over hyphens.
func (t *Trie) LongestFunc(n int, word func(i int) string) (int, []Entry) {
	cur := t.root
	bestLen := 0
	var best []Entry
	for i := 0; i < n; i++ {
		w := word(i)
		if w == "" {
			if i == 0 {
				return 0, nil
			}
			continue
		}
		next := cur.next[w]
		if next == nil {
			break
		}
		cur = next
		if len(cur.entries) > 0 {
			bestLen, best = i+1, cur.entries
		}
	}
	return bestLen, best
}

// All calls fn for every prefix of words that is a phrase, shortest first.
func (t *Trie) All(words []string, fn func(n int, entries []Entry)) {
	cur := t.root
	for i, w := range words {
		next := cur.next[w]
		if next == nil {
			return
		}
		cur = next
		if len(cur.entries) > 0 {
			fn(i+1, cur.entries)
		}
	}
}

// Remove takes the entries for which drop is true off the phrase words.
func (t *Trie) Remove(words []string, drop func(Entry) bool) {
	n := t.root
	for _, w := range words {
		if n = n.next[w]; n == nil {
			return
		}
	}
	kept := n.entries[:0:0]
	for _, e := range n.entries {
		if !drop(e) {
			kept = append(kept, e)
		}
	}
	n.entries = kept
}
