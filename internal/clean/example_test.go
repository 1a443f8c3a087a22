package clean_test

import (
	"context"
	"fmt"

	"github.com/parleyhq/parley/internal/clean"
	"github.com/parleyhq/parley/internal/doc"
)

func ExampleCleaner_Process() {
	a := &doc.Article{
		URL:   "https://news.example.org/2022/03/04/harbour-accord/",
		Title: "Harbour accord signed",
		Text: "Harbour accord signed\nBy Jane Doe\n2 Min Read\n\n" +
			"PORT ELMWOOD – The two ministers signed a harbour accord on Thursday, ending a long dispute.\n\n" +
			"Share This Article\nRelated Articles\nFleets return to port\nNew minister named",
	}
	var c clean.Cleaner
	if err := c.Process(context.Background(), a); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s\n---\n%s %s %s %s\n", a.Text, a.Dateline, a.Published.Format("2006-01-02"), a.PublishedPrecision, a.Lang)
	// Output:
	// Harbour accord signed
	//
	// PORT ELMWOOD – The two ministers signed a harbour accord on Thursday, ending a long dispute.
	// ---
	// PORT ELMWOOD 2022-03-04 day en
}
