package clean

import "strings"

// trimTail drops what follows the story: an author's box, a trailing list
// of headlines, and short fragments after the last finished sentence.
func (w *work) trimTail() {
	w.dropAuthorBox()
	w.dropHeadlineRun()
	w.dropTailFragments()
}

// kept returns the indexes of the lines still kept.
func (w *work) kept() []int {
	var idx []int
	for i := range w.lines {
		if !w.lines[i].drop {
			idx = append(idx, i)
		}
	}
	return idx
}

// dropAuthorBox drops a name alone on a line followed by the author's
// biography ("Jane Doe" / "Journalist at ... since 2016.").
func (w *work) dropAuthorBox() {
	idx := w.kept()
	for k := 0; k+1 < len(idx); k++ {
		i, j := idx[k], idx[k+1]
		if i <= w.bodyStart || !nameLike(w.lines[i].s, true) {
			continue
		}
		first, _, _ := strings.Cut(w.lines[j].s, " ")
		if w.lx.bio[norm(first)] {
			w.lines[i].drop, w.lines[j].drop = true, true
		}
	}
}

// dropHeadlineRun drops three or more headline-like lines at the very end
// (links to other stories), when a finished sentence comes before them.
func (w *work) dropHeadlineRun() {
	idx := w.kept()
	k := len(idx)
	for k > 0 {
		l := &w.lines[idx[k-1]]
		if l.words < 2 || l.words > 20 || endsSentence(l.s) || !startsUpperOrUncased(l.s) {
			break
		}
		k--
	}
	if len(idx)-k < 3 || k == 0 || !endsSentence(w.lines[idx[k-1]].s) {
		return
	}
	for _, i := range idx[k:] {
		w.lines[i].drop = true
	}
}

// dropTailFragments drops lines of four words or fewer after the last
// finished sentence: tag lists, outlet names, a story cut off after a word
// or two.
func (w *work) dropTailFragments() {
	last := -1
	for i := range w.lines {
		if !w.lines[i].drop && endsSentence(w.lines[i].s) {
			last = i
		}
	}
	if last < 0 {
		return
	}
	for i := last + 1; i < len(w.lines); i++ {
		if l := &w.lines[i]; !l.drop && l.words <= 4 {
			l.drop = true
		}
	}
}

// findDateline reads the dateline: a dateline line of the page header, or
// the opening of the story's first paragraph (which may be the title line,
// when the title is the lead sentence).
func (w *work) findDateline() {
	if w.hasDL {
		return
	}
	if w.ledeIdx >= 0 && w.datelineAt(w.ledeIdx) {
		return
	}
	for i := w.bodyStart; i < len(w.lines); i++ {
		if !w.lines[i].drop {
			w.datelineAt(i)
			return
		}
	}
}

// datelineAt reads a dateline at the start of line i.
func (w *work) datelineAt(i int) bool {
	l := &w.lines[i]
	dl, ok := w.parseDateline(l.s)
	if !ok {
		return false
	}
	w.dl, w.hasDL = dl, true
	if dl.End == len(l.s) && i != w.ledeIdx {
		l.drop = true // the dateline alone on its line
	}
	return true
}
