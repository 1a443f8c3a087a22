package clean

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/parleyhq/parley/internal/doc"
)

// TestLargeInputs checks that cleaning time grows linearly with the input.
func TestLargeInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	inputs := map[string]string{
		"date lines":  strings.Repeat("Monday, 1 May 2020 | News\n", 40000),
		"short lines": strings.Repeat("Share\nRelated\nGo to video\n02:11\n", 30000),
		"one line":    strings.Repeat("word ", 200000),
		"names":       strings.Repeat("Jane Doe\nJournalist at the paper.\n", 30000),
		"headlines":   strings.Repeat("Minister Opens New Academy\n", 40000),
		"datelines":   strings.Repeat("TRIPOLI, June 5 (Reuters) - The\n", 30000),
		"paragraphs":  strings.Repeat("The minister met the envoy in the capital on Monday to discuss the talks.\n\n", 15000),
		"punctuation": strings.Repeat("... (( [[ -- || …\n", 40000),
		"digits":      strings.Repeat("12/12/2012 12-12-2012 2012-12-12 ", 30000),
		"arabic":      strings.Repeat("التقى وزير الخارجية نظيره في طرابلس.\n", 30000),
	}
	var c Cleaner
	for name, text := range inputs {
		start := time.Now()
		a := &doc.Article{Text: text}
		if err := c.Process(context.Background(), a); err != nil {
			t.Fatal(err)
		}
		// Speed is BenchmarkClean's business; a quadratic path shows up
		// here as a test that does not finish within go test's timeout.
		t.Logf("%s: %d bytes in %v", name, len(text), time.Since(start))
	}
}
