// Package kb is parley's knowledge base of actors: states with their names,
// demonyms and capitals; intergovernmental bodies; organisations, armed groups
// and people with their aliases and dated roles; places; and the titles that
// name roles in text.
//
// The seed data is embedded (data/*.tsv, data/*.jsonl, each with its origin
// and licence in its header). [Load] reads it; [LoadFS] reads the same files
// from another file system, for a user's own lists.
//
// Names are matched in two ways: exactly, after [fold.Phrase]; and through a
// transliteration key ([NameKey]) that folds the spelling variants of names of
// Arabic origin (Gaddafi, Qaddafi, Kadhafi; Dbeibah, Dbaiba) onto one
// consonant skeleton.
package kb
