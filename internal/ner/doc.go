// Package ner finds entity mentions in an article's sentences and resolves
// them to actors.
//
// [Finder.Process] reads a cleaned article with its sentences and fills
// Article.Mentions. It works in two passes per sentence. The first cuts the
// tokens into items with the knowledge base's phrase index: titles,
// demonyms, states, capitals, places, known actors, and runs of capitalised
// words that may be unknown names. The second composes items into mentions:
// "Tunisian Interior Minister Khaled Nouri", "Fuad Hussein, the Iraqi foreign
// minister", "the Chief of Staff of the Egyptian Armed Forces", "Libyan
// National Army (LNA)". A person's country and sector come from the title,
// the knowledge base or the article, never from a guess.
//
// Within an article, a bare surname or first name resolves to the person
// named in full earlier, acronyms defined in parentheses resolve to their
// organisation, "he"/"she" to the last person, and "the two leaders" to the
// last two participants.
package ner
