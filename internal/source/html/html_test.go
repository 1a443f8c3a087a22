package html

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
)

const story = `<!DOCTYPE html>
<html lang="en-GB"><head>
<meta charset="%s">
<title>Ministers meet in Cairo | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2023-10-01T09:30:00Z">
<link rel="canonical" href="https://news.example.org/2023/10/01/ministers-meet">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Ministers meet in Cairo</h1>
<p>CAIRO – The foreign ministers of Egypt and Libya met in Cairo on Sunday to discuss the ceasefire, the return of refugees and the reopening of the border crossing at Salloum, officials said.</p>
<p>The two ministers agreed to form a joint committee that will meet every month, according to a statement released by the Egyptian foreign ministry after the talks, which lasted four hours. Café owners near the ministry said the street had been closed since dawn.</p>
<p>Related: Libya's parliament approves the budget</p>
<p>The talks follow a visit by the Libyan prime minister to Cairo last month, during which he met the Egyptian president and signed agreements on electricity, trade and security cooperation.</p>
<p>Follow us on Twitter @examplenews for more.</p>
</article>
<footer>Copyright © 2023 Example News. All rights reserved.</footer>
</body></html>`

func TestExtract(t *testing.T) {
	p, err := Extract([]byte(strings.Replace(story, "%s", "utf-8", 1)), &Options{URL: "https://news.example.org/x?utm_source=feed"})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Ministers meet in Cairo | Example News" && p.Title != "Ministers meet in Cairo" {
		t.Errorf("title %q", p.Title)
	}
	if p.Author != "Jane Doe" || p.Site != "Example News" || p.Lang != "en" || p.Charset != "utf-8" {
		t.Errorf("author %q site %q lang %q charset %q", p.Author, p.Site, p.Lang, p.Charset)
	}
	if p.PublishedText != "2023-10-01T09:30:00Z" && p.PublishedText != "2023-10-01" {
		t.Errorf("published %q", p.PublishedText)
	}
	if !strings.HasPrefix(p.Text, "CAIRO – The foreign ministers") {
		t.Errorf("text does not open with the story:\n%s", p.Text)
	}
	for _, junk := range []string{"Related:", "Follow us", "All rights reserved", "Home"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("text keeps %q:\n%s", junk, p.Text)
		}
	}
	if strings.Count(p.Text, "\n\n") != 2 {
		t.Errorf("want 3 paragraphs:\n%s", p.Text)
	}
}

func TestCharsets(t *testing.T) {
	latin := strings.Replace(story, "%s", "windows-1252", 1)
	b1252, _ := charmap.Windows1252.NewEncoder().String(latin)
	sjisText := strings.Replace(strings.Replace(story, "%s", "shift_jis", 1), "Café owners", "カフェの店主", 1)
	sjis, _ := encoding.ReplaceUnsupported(japanese.ShiftJIS.NewEncoder()).String(sjisText)
	undeclared := strings.Replace(latin, `<meta charset="windows-1252">`, "", 1)
	b1252u, _ := charmap.Windows1252.NewEncoder().String(undeclared)
	tests := []struct {
		name, page, ctype, want, charset string
	}{
		{"meta", b1252, "", "Café owners", "windows-1252"},
		{"header wins", b1252, "text/html; charset=ISO-8859-1", "Café owners", "windows-1252"},
		{"shift_jis", sjis, "", "カフェの店主", "shift_jis"},
		{"sniffed", b1252u, "", "Café owners", ""},
		{"mislabelled utf-8", strings.Replace(b1252, "windows-1252", "utf-8", 1), "", "Caf", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(tt.page), &Options{ContentType: tt.ctype})
			if err != nil {
				t.Fatal(err)
			}
			if !utf8.ValidString(p.Text) || !strings.Contains(p.Text, tt.want) {
				t.Errorf("text lacks %q:\n%s", tt.want, p.Text)
			}
			if tt.charset != "" && p.Charset != tt.charset {
				t.Errorf("charset %q, want %q", p.Charset, tt.charset)
			}
		})
	}
}

func TestNoContent(t *testing.T) {
	if _, err := Extract([]byte("<html><body></body></html>"), nil); err != ErrNoContent {
		t.Errorf("err = %v", err)
	}
	if _, err := Read(strings.NewReader(strings.Repeat("x", 100)), &Options{MaxBytes: 10}); err == nil {
		t.Error("no error for a page over MaxBytes")
	}
}

func TestCleanText(t *testing.T) {
	in := "Ministers meet\n\u00a0 The  ministers\tmet.\u200b \n\nREAD MORE: other story\nhello@example.org\nThey agreed.\n"
	want := "The ministers met.\n\nThey agreed."
	if got := CleanText(in, "Ministers meet"); got != want {
		t.Errorf("CleanText = %q, want %q", got, want)
	}
}

func TestText(t *testing.T) {
	if got := Text("<p>One &amp; two.</p><p>Three<br>four</p>"); got != "One & two.\n\nThree\n\nfour" {
		t.Errorf("Text = %q", got)
	}
	if got := Text("plain"); got != "plain" {
		t.Errorf("Text = %q", got)
	}
}

// FuzzExtract checks that no page makes the extractor and cleaner panic
// or return invalid UTF-8.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(strings.Replace(story, "%s", "utf-8", 1)), "")
	f.Add([]byte("<html><body><p>\xff\xfe broken</p><table><tr><td>a<td>b</table>"), "text/html; charset=utf-16")
	f.Add([]byte("<meta charset=gbk><p>\x81\x40</p>"), "")
	f.Add([]byte("<svg><p><math><p></svg><!-- <p>x"), "text/html;charset=")
	f.Fuzz(func(t *testing.T, data []byte, ctype string) {
		p, err := Extract(data, &Options{ContentType: ctype, NoFallback: len(data)%2 == 0})
		if err == nil && (!utf8.ValidString(p.Text) || !utf8.ValidString(p.Title) || strings.TrimSpace(p.Text) == "") {
			t.Fatalf("bad page %+v", p)
		}
		if s := Text(string(data)); !utf8.ValidString(s) {
			t.Fatalf("Text: invalid UTF-8 %q", s)
		}
	})
}

// FuzzCleanText checks the post-cleaner alone, which runs much faster
// than the extractor.
func FuzzCleanText(f *testing.F) {
	f.Add("Title\n\n\u00a0Body  text.\u200b\nREAD MORE: x\nMore great wired stories\nend", "Title")
	f.Fuzz(func(t *testing.T, text, title string) {
		out := CleanText(text, title)
		if !utf8.ValidString(out) || strings.Contains(out, "\n\n\n") || out != strings.TrimSpace(out) {
			t.Fatalf("CleanText(%q) = %q", text, out)
		}
	})
}
