package html

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/gogs/chardet"
	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"
)

// metaScan is how much of a page the search for a declared charset reads.
// Browsers stop at 1024 bytes; pages with long heads declare it later, so
// the search reads further.
const metaScan = 16 << 10

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}

	// metaCharset finds <meta charset=...>, <meta http-equiv="Content-Type"
	// content="text/html; charset=..."> and <?xml encoding="..."?>.
	metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)|<\?xml[^>]*?encoding\s*=\s*["']([a-z0-9_:.\-]+)`)
)

// Decode converts a page to valid, NFC-normalised UTF-8 and names the
// charset it was read in. The charset is chosen, in order, by a byte-order
// mark, the charset parameter of contentType (an HTTP Content-Type header,
// may be empty), a <meta> or XML declaration in the page, and, when none is
// given or the declared UTF-8 is not valid, by sniffing the bytes.
func Decode(b []byte, contentType string) (text, name string) {
	enc, name := detectCharset(b, contentType)
	var out []byte
	if enc == nil || name == "utf-8" {
		out = bytes.TrimPrefix(b, bomUTF8)
	} else {
		var err error
		if out, err = enc.NewDecoder().Bytes(b); err != nil {
			out, name = b, "utf-8"
		}
	}
	s := string(out)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, name
}

// detectCharset picks the encoding of b, as Decode describes.
func detectCharset(b []byte, contentType string) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, bomUTF8):
		return unicode.UTF8, "utf-8"
	case bytes.HasPrefix(b, bomUTF16LE):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	case bytes.HasPrefix(b, bomUTF16BE):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	}
	valid := utf8.Valid(b)
	for _, label := range []string{headerCharset(contentType), declaredCharset(b)} {
		if label == "" {
			continue
		}
		enc, name := charset.Lookup(label)
		if enc == nil {
			continue
		}
		if name == "utf-16le" || name == "utf-16be" {
			// A page that declares UTF-16 in ASCII is not UTF-16 (WHATWG).
			name, enc = "utf-8", unicode.UTF8
		}
		if name == "utf-8" && !valid {
			break // mislabelled: sniff
		}
		return enc, name
	}
	if valid {
		return unicode.UTF8, "utf-8"
	}
	return sniff(b)
}

// headerCharset returns the charset parameter of an HTTP Content-Type.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		if i := strings.Index(strings.ToLower(contentType), "charset="); i >= 0 {
			return strings.Trim(contentType[i+len("charset="):], ` "';`)
		}
		return ""
	}
	return params["charset"]
}

// declaredCharset returns the charset a page declares in its head.
func declaredCharset(b []byte) string {
	m := metaCharset.FindSubmatch(b[:min(len(b), metaScan)])
	if m == nil {
		return ""
	}
	if len(m[1]) > 0 {
		return string(m[1])
	}
	return string(m[2])
}

// sniff guesses the charset of bytes that are not valid UTF-8 and declare
// nothing usable; windows-1252 is the web's default.
func sniff(b []byte) (encoding.Encoding, string) {
	res, err := chardet.NewHtmlDetector().DetectBest(b[:min(len(b), 64<<10)])
	if err == nil && res.Confidence >= 30 {
		if enc, name := charset.Lookup(res.Charset); enc != nil && name != "utf-8" {
			return enc, name
		}
	}
	enc, name := charset.Lookup("windows-1252")
	return enc, name
}
