// Package kb is parley's knowledge base of actors: states with their names,
// demonyms and capitals; intergovernmental bodies; organisations, armed groups
// and people with their aliases and dated roles; places; and the titles that
// name roles in text.
//
// The seed data is embedded (data/*.tsv, data/*.jsonl, data/phoenix.tsv.gz,
// each with its origin and licence in its header). [Load] reads it; [LoadFS]
// reads the same files from another file system, for a user's own lists.
// Actors come in tiers: the curated data (with the analyst's edits) over
// people learned from text over the Phoenix dictionaries; when a name fits
// actors of several tiers, the most trusted wins.
//
// Names are matched exactly, after [fold.Phrase]; through a transliteration
// key ([NameKey]) that folds the spelling variants of names of Arabic origin
// (Gaddafi, Qaddafi, Kadhafi; Dbeibah, Dbaiba) onto one consonant skeleton,
// Arabic script included after [Romanise]; and fuzzily, by an edit distance
// over the words of the key ([KB.ResolvePerson] describes the rules).
//
// Offices resolve to their holders on a date: [KB.HolderOf] for a country,
// [KB.HolderOfOrg] within one organisation when a country had rival
// governments.
//
// The knowledge base grows in two ways. [KB.Learn] registers a person it did
// not know, with a stable id, so that later mentions under other spellings
// join that actor; it is safe for concurrent use. Analysts edit it with
// [KB.AddAlias], [KB.Merge], [KB.Split] and [KB.Add], and keep those edits in
// an overlay file of [Op]s ([KB.ApplyOverlay], [AppendOverlay]) that is
// applied on top of the embedded data.
package kb
