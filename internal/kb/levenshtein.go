package kb

// levenshtein returns the edit distance between a and b (insertions,
// deletions and substitutions of bytes, each costing 1), or max+1 when the
// distance is larger than max, so that callers with a threshold stop early.
// Keys are ASCII, so bytes are letters.
func levenshtein(a, b string, max int) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a)-len(b) > max {
		return max + 1
	}
	if len(b) == 0 {
		return len(a)
	}
	var buf [64]int
	row := buf[:0]
	if len(b)+1 > len(buf) {
		row = make([]int, 0, len(b)+1)
	}
	for j := 0; j <= len(b); j++ {
		row = append(row, j)
	}
	for i := 1; i <= len(a); i++ {
		prev := row[0] // row[i-1][j-1]
		row[0] = i
		best := row[0]
		for j := 1; j <= len(b); j++ {
			cur := row[j]
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev + cost
			if d := row[j] + 1; d < v {
				v = d
			}
			if d := row[j-1] + 1; d < v {
				v = d
			}
			row[j] = v
			prev = cur
			if v < best {
				best = v
			}
		}
		if best > max {
			return max + 1
		}
	}
	if row[len(b)] > max {
		return max + 1
	}
	return row[len(b)]
}
