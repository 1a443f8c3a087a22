// Package eventcode codes PLOVER events from an article's sentences and
// entity mentions.
//
// [Coder.Process] reads a cleaned article with its sentences and resolved
// mentions and fills Article.Events. For every trigger from the lexicon
// (data/triggers_en.tsv) it finds the actor and the recipient from the
// sentence's structure: the subject to the left of the verb, coordinated
// subjects ("X and Y met"), the object to the right ("met with Y"), hosts
// ("X received Y": Y is the visitor and so the actor), the passive ("was
// received by"), and nominal triggers ("talks between X and Y", "X's visit to
// Y"). It then sets the status (negated, hypothetical, planned, historical),
// the mode, the context (data/context_en.tsv), the date, resolved against the
// publication date, and the location, and merges the records of one
// happening within the article.
package eventcode
