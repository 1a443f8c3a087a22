package pipeline

import (
	"bufio"
	"context"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/parleyhq/parley/internal/devset"
	"github.com/parleyhq/parley/internal/doc"
	"github.com/parleyhq/parley/internal/ontology"
)

// quadClass maps a quad to the ConfliBERT/CAMEO class numbers (0 is a
// statement or no event).
var quadClass = map[string]int{
	ontology.VerbalCooperation:   1,
	ontology.MaterialCooperation: 2,
	ontology.VerbalConflict:      3,
	ontology.MaterialConflict:    4,
}

// strongest returns the class of an article's strongest event: the most
// confident, material before verbal on ties; 0 when there is none.
func strongest(a *doc.Article) int {
	best, bestConf := 0, -1.0
	for _, e := range a.Events {
		if e.Status != doc.StatusOccurred && e.Status != doc.StatusPlanned {
			continue
		}
		c := quadClass[e.Quad]
		if e.Confidence > bestConf || e.Confidence == bestConf && c%2 == 0 && best%2 == 1 {
			best, bestConf = c, e.Confidence
		}
	}
	return best
}

// TestConfliBERT scores the strongest event's quad class of each sentence of
// the ConfliBERT CAMEO-class test set and reports macro-F1 next to the
// published scores (ConfliBERT 87.9, BERT 86.4).
func TestConfliBERT(t *testing.T) {
	path := devset.Path(t, "peer/conflibert/cameo_class_test.tsv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	p := testPipeline(t)
	var conf [5][5]int // [gold][predicted]
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		text, label, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		g, err := strconv.Atoi(strings.TrimSpace(label))
		if err != nil || g < 0 || g > 4 {
			continue
		}
		a := &doc.Article{ID: "c" + strconv.Itoa(n), Text: text, Lang: "en"}
		if err := p.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		conf[g][strongest(a)]++
		n++
	}
	macro := 0.0
	for c := 0; c < 5; c++ {
		tp, fp, fn := conf[c][c], 0, 0
		for o := 0; o < 5; o++ {
			if o != c {
				fp += conf[o][c]
				fn += conf[c][o]
			}
		}
		f1 := 0.0
		if tp > 0 {
			f1 = 2 * float64(tp) / float64(2*tp+fp+fn)
		}
		macro += f1 / 5
		t.Logf("class %d: tp %d fp %d fn %d F1 %.3f", c, tp, fp, fn, f1)
	}
	t.Logf("ConfliBERT CAMEO classes: %d sentences, macro-F1 %.1f (published: ConfliBERT 87.9, BERT 86.4)", n, 100*macro)
	if n < 400 {
		t.Fatalf("read only %d sentences", n)
	}
	if macro < 0.2 {
		t.Errorf("macro-F1 %.3f fell below the floor of 0.2", macro)
	}
}
