// Package clean is the article cleaner stage: it turns the raw body a
// source delivers into the cleaned text every later stage points into, and
// reads the article's title, dateline, publication date and language.
//
// [Cleaner.Process] implements the pipeline's Stage interface. It reads
// a.Text (the raw body, which may hold page furniture), a.Title (may be
// empty), a.URL, a.Published, a.PublishedText and a.Lang, and writes:
//
//   - a.Text: the title line, a blank line, then the story. Lines of the
//     story are kept verbatim (only white space around each line is
//     trimmed): lines that were adjacent in the input stay on adjacent lines,
//     and a blank line, or a run of dropped lines, becomes one blank line
//     ("\n\n") between paragraphs. Nothing inside a line is changed, so that
//     evidence quoted from the cleaned text is verbatim source text.
//   - a.Title: the source's title, or, when it is missing or is page
//     furniture (a date, a breadcrumb trail), the first line of the text that
//     is not. A title that is a truncated copy of the lead paragraph is
//     replaced by the lead's first sentence, and a site name after " | " is
//     dropped. The lead paragraph always stays whole in the body, even when
//     its first sentence is the title.
//   - a.Dateline: the place of the dateline that opens the story ("ALGER –",
//     "TRIPOLI, June 5 (Reuters) -", "VIENNA-SABA"), if any. A dateline alone
//     on its line is dropped from the text; one that opens a paragraph stays.
//   - a.Published and a.PublishedPrecision, from the best evidence found, in
//     this order: the source's published field (or its free-text
//     PublishedText); a date in the URL (/2021/09/29/, /2013/1/31/,
//     /20250206-slug; /2021/09/slug gives a month); an extractor's "date
//     YYYY-MM-DD" marker at the start of the text; a date line under the
//     headline ("Aug 11, 2021 | Section", "[05/03/2024 08:21]") or a
//     "Published:" line anywhere; a dateline with a year ("December 16, 2019
//     (KHARTOUM) -"). A date above the headline, or one opened by a weekday on
//     the very first line, is the page's date (the day it was viewed) and is
//     not used; a date without a year is never completed with a guessed one.
//     With no evidence, Published is zero and PublishedPrecision is
//     [doc.PrecisionUnknown]. PublishedText is left as the source gave it.
//   - a.Lang, when empty: "ar" for mostly Arabic script, else "fr" or "en"
//     by frequent function words, else left empty.
//
// # What is dropped
//
// Lines that repeat the title; share buttons and other page widgets;
// "Check Also", "Leave a Reply" and everything after them; "Related
// Articles", "Go to video", or a video's length followed by another, with
// the list of short lines that follows them up to the next paragraph of the
// story; bylines ("By Jane
// Doe", "Article by Jane Doe, Outlet."); labelled metadata ("Source: …",
// "- Location: …", "Published: …"); photo credits; bare web addresses and
// lines of punctuation; an author's name followed by a biography; three or
// more headline-like lines at the very end; short fragments after the last
// finished sentence. Above the story (before its first full paragraph) the
// rules are stricter: section names, breadcrumb trails, reading times
// ("2 Min Read"), date lines, a name alone under the headline, and stray
// lines of one to three words are dropped too, except a word that starts a
// hard-wrapped sentence continued on the next line.
//
// The phrases are data, not code: data/boilerplate_<lang>.txt (sectioned
// word lists, merged across languages because pages mix them),
// data/dates.txt (month and weekday names), data/stopwords.txt and
// data/abbrev.txt, embedded with go:embed. [NewFromFS] loads a replacement
// set from another directory.
package clean
