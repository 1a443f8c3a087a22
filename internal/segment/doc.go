// Package segment splits cleaned article text into sentences and words.
//
// [Splitter] finds sentence boundaries: full stops, question and exclamation
// marks followed by a capitalised word or a quote, and every line break, with
// a list of abbreviations (data/abbrev_<lang>.txt) after which a full stop
// does not end a sentence. [Tokenize] cuts a sentence into [Token]s that
// keep their byte offsets, so every later match points back into the text.
package segment
