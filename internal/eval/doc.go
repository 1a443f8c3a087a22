// Package eval scores coded events against hand-coded gold records.
//
// Gold is read with [ReadGold] from gold JSONL (one [GoldArticle] per line);
// system output is a slice of [doc.Article] with their Events. [Score]
// compares the two and returns a [Report], which prints as text
// ([Report.WriteText]) or JSON ([Report.JSON]).
//
// # Scoring contract
//
// Events whose status is historical, negated or hypothetical count on
// neither side: they are dropped from gold and system before matching. Gold
// articles absent from the system output count as all missed; system
// articles absent from the gold are ignored (and counted in
// [Report.ExtraArticles]).
//
// Every remaining event expands into participant pairs:
//
//   - with recipients: actor × recipient, each pair ordered actor → recipient;
//   - with no recipient and two or more actors: every unordered 2-combination
//     of its actors ("pairs among actors");
//   - with no recipient and one actor: (actor, none).
//
// An event with no actor is treated as having the single actor "none". Within
// one article and one side, pairs that are the same at a level (same type and
// dyad for strict, same quad and dyad for quad, same dyad for dyad) are
// collapsed, keeping the first.
//
// Three levels are scored, each with its own one-to-one matching per article
// (a maximum bipartite matching, trying exact type matches first):
//
//   - strict: same event type and same participants;
//   - quad: same quad class (package [ontology]) and same participants;
//   - dyad: same participants, any type.
//
// Participants compare unordered when the pair came from "pairs among
// actors" on either side; at the strict level also when the type is one of
// the symmetric types listed in data/unordered.txt (CONSULT, AGREE,
// COOPERATE); at the quad level when both types are symmetric; at the dyad
// level always.
//
// A system entity matches a gold entity when its name or entity_text, folded
// (lower case, accents stripped, apostrophes and dots removed, other
// punctuation as spaces, a leading "the" dropped), equals the folded gold name
// or one of its aliases; or, for a gold state (empty sector and a three-letter
// country code other than IGO, NGO and MNC), when the system entity has the
// same country and an empty or GOV sector. A missing participant matches only
// a missing participant.
//
// On strict matches the report gives the accuracy of date (date and
// precision equal, null and empty alike, an empty precision meaning
// unknown), location (both empty, or folded names equal) and mode (both empty
// or equal), and the micro-averaged F1 of the context sets. Over articles it
// gives the accuracy of the publication date, the system's formatted at the
// gold precision (the first day of the week, month or year at those
// precisions); a null gold date is right only when the system's is unknown,
// which is also the case for a gold article missing from the system output.
//
// Entity resolution is scored pairwise across articles: every system entity
// that matches a gold entity of its article gives an item (gold identity:
// folded gold name and country; system identity: entity ID, or its folded
// name when the ID is empty). A system entity matching several gold entities
// is assigned to the best-matching ones only (gold name, then alias, then the
// state rule). Items are deduplicated per article; over all pairs of items,
// precision is the share of system-same pairs that are gold-same and recall
// the share of gold-same pairs that are system-same.
package eval
