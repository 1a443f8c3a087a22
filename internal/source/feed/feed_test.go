package feed

import (
	"errors"
	"testing"
)

const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>http://example.org/</link><language>en-us</language>
<item><title>Ministers meet` + "\x0b" + ` in Cairo</title><link>http://example.org/a</link><guid>a-1</guid>
<pubDate>Sun, 01 Oct 2023 10:00:00 GMT</pubDate><description>&lt;p&gt;The ministers met.&lt;/p&gt;</description></item>
<item><title>Second` + "\x01" + `</title><link>http://example.org/b</link></item>
</channel></rss>`

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom wire</title>
<entry><id>urn:x:1</id><title>Talks</title><link href="http://example.org/t"/><updated>2023-10-02T08:00:00Z</updated>
<author><name>Jane Doe</name></author><content type="html">&lt;p&gt;Talks opened.&lt;/p&gt;</content></entry></feed>`

func TestParseRSSWithControlCharacters(t *testing.T) {
	f, err := Parse([]byte(rss))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Wire" || f.Lang != "en-us" || len(f.Items) != 2 {
		t.Fatalf("%+v", f)
	}
	it := f.Items[0]
	if it.Key() != "a-1" || it.Link != "http://example.org/a" || it.Title != "Ministers meet in Cairo" {
		t.Errorf("%+v", it)
	}
	if it.Published.Format("2006-01-02") != "2023-10-01" {
		t.Errorf("published %v", it.Published)
	}
	if f.Items[1].Key() != "http://example.org/b" {
		t.Errorf("key %q", f.Items[1].Key())
	}
}

func TestParseAtom(t *testing.T) {
	f, err := Parse([]byte(atom))
	if err != nil {
		t.Fatal(err)
	}
	it := f.Items[0]
	if it.Key() != "urn:x:1" || it.Link != "http://example.org/t" || it.Author != "Jane Doe" || it.Content == "" || it.Published.IsZero() {
		t.Errorf("%+v", it)
	}
}

func TestParseMalformed(t *testing.T) {
	for _, in := range []string{"", "not xml", "<rss><channel><item><title>x</title>", "<html><body>hi</body></html>"} {
		if _, err := Parse([]byte(in)); err == nil {
			t.Logf("%q parsed without error", in)
		} else if !errors.Is(err, ErrFormat) {
			t.Errorf("%q: %v does not wrap ErrFormat", in, err)
		}
	}
}

// FuzzParse checks that no input makes the feed reader panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(rss))
	f.Add([]byte(atom))
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"id":"1","content_html":"<p>x</p>"}]}`))
	f.Add([]byte("<rdf:RDF><item><title>\x00</title></item></rdf:RDF>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fd, err := Parse(data)
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("error %v does not wrap ErrFormat", err)
			}
			return
		}
		for _, it := range fd.Items {
			_ = it.Key()
		}
	})
}
