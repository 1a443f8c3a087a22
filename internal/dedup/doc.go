// Package dedup decides when two things parley reads are the same: two
// articles (the same page, or a syndicated copy of the same story) and two
// event records (the same happening reported by several outlets or on
// several days). It holds policy only; the store engines apply it inside
// their write transactions.
//
// # Articles
//
// [ArticleID] keys an article by its normalised URL (lowercased host without
// "www.", no fragment, no utm_*/fbclid/gclid parameters, no trailing slash,
// sorted query), or by a hash of its text when it has no URL. Ingesting the
// same key twice adds nothing.
//
// Near-duplicates are found with MinHash over word 3-shingles of the
// cleaned text ([Sketch]): 64 hash functions, banded into 16 bands of 4 rows
// for lookup ([Signature.Bands]), and a copy when the estimated Jaccard
// similarity is at least [Policy.NearDuplicate] (0.6 by default). A copy is
// stored as another source of the first article's story.
//
// # Events
//
// Two event records are the same happening when they have
//
//   - the same event type and status;
//   - the same participants: the set of actor ids of actor and recipient
//     together (direction ignored: "A met B" and "B met A" are one meeting);
//     a participant without an id counts by its folded name ([Key]);
//   - dates that can be the same day, within [Policy.Tolerance] (1 day): a
//     record's possible dates are its day (day precision), its Monday to
//     Sunday (week), its month or its year; so coarser precisions match
//     wider ([Interval]);
//   - the same location when both records have one (by folded name).
//
// A record without a date (unknown precision) happened, as far as the
// article says, recently: its possible dates are the [Policy.Lookback] days
// (8 by default) up to the article's publication date. So an event
// reported with a date and reported again without one in an article
// published a week later merges, while two meetings of the same pair a
// month apart do not. A record with neither a date nor a publication date
// never merges.
//
// When a record could join several events, it joins the one whose dates
// are nearest ([Choose]). An event keeps the date of its most precise record.
package dedup
