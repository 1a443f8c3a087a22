// Package source reads articles from files, directories and standard input
// and hands them to the pipeline one at a time.
//
// A [Reader] is shaped like [bufio.Scanner]: call [Reader.Next] until it
// returns false, take each article with [Reader.Article], then check
// [Reader.Err] once. The error is sticky: after the first fatal error Next
// keeps returning false. [Reader.Close] releases the open file.
//
//	r, err := source.Open(path, nil)
//	if err != nil { ... }
//	defer r.Close()
//	for r.Next() {
//		a := r.Article()
//		...
//	}
//	if err := r.Err(); err != nil { ... }
//
// # Inputs
//
// [Open] accepts a file, a directory (walked in lexical order, skipping
// hidden files and directories) or "-" for standard input. The format of
// each file is detected from its content, the extension only breaking ties:
//
//   - article JSONL: one JSON object per line (see docs/formats.md). The
//     fields id, url, title, text, published, lang and source are read, and
//     so are the names other news tools use: headline, maintext, body,
//     date_publish, language and source_domain.
//   - a JSON document: one object, a sequence of objects or an array of
//     objects (news-please style), with the same fields.
//   - plain text: one article per file; the first non-empty line is the
//     title and the whole content is the text (the cleaner drops the
//     repeated title).
//   - an HTML page: one article, extracted by package source/html (main
//     text, title, author, publication date, language; charset from the
//     page or sniffed).
//   - a feed (RSS, Atom, RDF): one article per item that carries text in
//     its content or description (package source/feed). To follow the
//     items' links, see package watch.
//   - a WARC archive (WARC 1.0 or 1.1): one article per response record
//     holding a successful HTTP response with an HTML page, and per
//     text/html resource record (package source/warc). The archive is
//     streamed: memory does not grow with its size. A record whose page
//     cannot be read is a bad record (see SkipBad).
//   - any of these gzip-compressed (.gz, and .warc.gz multistreams).
//
// Articles from HTML, feeds and WARC always carry a language: the page's
// or feed's when the text agrees, else the one detected from the text
// (package source/langid).
//
// Articles get an ID: the record's id when it has one, otherwise the first
// 16 hex digits of the SHA-256 of the normalised URL, otherwise of the text.
// The published field may be RFC 3339, "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS",
// "YYYY-MM", "YYYY" or null; the raw value is kept in PublishedText. A value
// that does not parse leaves Published zero and PublishedPrecision empty, so
// that the cleaner can try it as free text.
//
// # Bad input
//
// Nothing in the input makes a Reader panic. Invalid UTF-8 is replaced by
// U+FFFD. Every error is an [*InputError] naming the input, and the line for
// line-based formats: a file with NUL bytes in its first 8 KiB ([ErrBinary]),
// a line longer than [Options.MaxLineBytes] ([ErrTooLong]), a record that is
// not valid JSON or has no text ([ErrNoText]). Articles read before the bad
// record have already been delivered.
//
// By default the first error stops the Reader and is returned by Err. With
// [Options.SkipBad] the Reader passes each error to [Options.OnError]
// instead and goes on: with the next record after a bad record, with the
// next file after a file it cannot read (binary, unsupported, truncated JSON
// document, read error). Err then stays nil.
package source
