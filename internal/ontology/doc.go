// Package ontology holds the PLOVER event ontology that parley codes into:
// the sixteen event types, the quad class each belongs to and the modes it
// allows.
//
// The table is data, not code: it lives in plover.tsv, embedded at build time
// and parsed by [Parse]. Its format is one event type per line with three
// tab-separated columns,
//
//	event_type<TAB>quad<TAB>modes
//
// where quad is one of the four [Quad] constants written out
// ("verbal_cooperation", ...) and modes is a comma-separated list, possibly
// empty. Blank lines and lines starting with # are ignored; the file's header
// comment records its origin.
//
// [PLOVER] returns the embedded table, parsed once. [QuadOf] is the shortcut
// most callers need.
package ontology
