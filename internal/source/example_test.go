package source_test

import (
	"fmt"

	"github.com/parleyhq/parley/internal/source"
)

func ExampleOpen() {
	r, err := source.Open("testdata/badline.jsonl", &source.Options{
		SkipBad: true,
		OnError: func(err error) { fmt.Println("skipped:", err) },
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	for r.Next() {
		a := r.Article()
		fmt.Println(a.ID, a.Text)
	}
	if err := r.Err(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// b1 Good record before the bad one.
	// skipped: testdata/badline.jsonl:2: field "text": number where a string was expected
	// skipped: testdata/badline.jsonl:3: not a JSON object
	// skipped: testdata/badline.jsonl:4: record has no text
	// b5 Good record after the bad ones.
}
