// Package timex finds time expressions in a sentence and resolves them
// against the article's publication date.
//
// [Find] (or [Finder.Find]) returns every time expression of one sentence,
// in order, as an [Expr]: its byte span, its text, the resolved date
// (YYYY-MM-DD) and [doc.Precision], the year it mentions, its direction
// (Past, Future), its [Role] (the preposition before it) and whether it is
// attributive. [Best] picks the expression that dates an event from its
// verb's offset.
//
// # What is found
//
// Weekdays ("on Tuesday", "Tuesday", "last Saturday", "next Tuesday",
// "this Monday", "earlier on Tuesday", "Thursday morning"); day words
// ("yesterday", "today", "tomorrow", "this morning"); relative weeks,
// weekends, months and years ("last week", "earlier this week", "over the
// weekend", "last month", "this year"); counts back ("two weeks ago");
// months ("in April", "April 2025", "last May", "mid-April", "Sept."); days
// ("August 12th", "on 12 August", "Oct. 26", "2 March 2023", "March 2,
// 2023", "the 3rd of May"); ranges of days ("From 30 May to 2 June",
// "Nov. 3-4, 2014"); all-numeric dates ("2023-03-02", "13/08/2023"); and
// years ("in 2011", "since 2011", "the 2011 census"). French and Arabic
// have the same forms in their own words ("la semaine dernière", "lundi
// dernier", "il y a trois jours", "الأحد (12 تموز 2020)", "الأسبوع الماضي").
//
// The vocabulary is data: data/en.tsv, data/fr.tsv and data/ar.tsv,
// embedded in the package; their header documents the format. [New] loads
// another copy of them from any fs.FS.
//
// Words that are also common words need a context: English month names
// must be capitalised, and "May", "March", "August" and the abbreviations
// need a day or year next to them or a word such as "in", "since", "early"
// or "last" before them ("may help", "a march" and "the august assembly"
// are not dates). A bare four-digit number is a year only between 1900 and
// 2100 and only after such a word or a determiner ("in 2011", "the 2023
// conference"), so "Resolution 2019", "2000 troops", "1,000" and "5+5" are
// not. A weekday that is part of a name ("Sunday Times", "Good Friday") is
// not a date, nor is a span of time ("the past year", "over the last week").
//
// # How dates are resolved
//
// An expression is resolved against [Ref], the publication date. The
// conventions follow the hand-coded dev set (see docs/events.md):
//
//   - A bare or "on" weekday is the publication day itself when it is that
//     weekday, the next day when the next day is that weekday (a report
//     written on the eve), and otherwise the latest such weekday before
//     publication. "last" takes the latest one strictly before the
//     publication day, "next" the first one strictly after it, "this" the
//     one in the publication week.
//   - Weeks run from Monday and are dated by their Monday, with week
//     precision: "last week" in a report of Wednesday 16 March 2022 is
//     2022-03-07. A weekend is dated by the Monday of its week; "the
//     weekend" is the latest one begun by publication, "last weekend" the
//     one before the publication weekend.
//   - A range of days is its first day when it is one day, the week of its
//     first day when it lasts up to a week ("from 30 May to 2 June 2022" is
//     the week of Monday 30 May), and the month of its first day when
//     longer.
//   - Months are dated by their first day with month precision, years by
//     1 January with year precision. A month or a day written without a
//     year takes the latest year that puts it no more than two months
//     after publication: "in April" of a November report is April of the
//     same year, "3 March" of a 26 February report is five days later,
//     "in April" of a January report is April of the year before. "last"
//     and "next" force the direction.
//   - All-numeric dates are read year-first (ISO) or, for French and
//     Arabic, day-first. In English, or when the language is unknown, a
//     date such as 12/08/2023 whose day and month could be swapped gives only
//     its year; 13/08/2023 is unambiguous.
//
// When the publication date is unknown, relative expressions ("on
// Tuesday", "last week") and days or months without a year get an empty
// Date and [doc.PrecisionUnknown]: a year is never invented. A date with
// its year ("2 March 2023", "in 2011") still resolves. A publication date of
// month precision resolves months and years but not weekdays or weeks.
//
// # Speed
//
// Find first checks, without allocating, that the sentence has a digit or
// a calendar word; a sentence without one costs about a microsecond. The
// tokens of a sentence that passes are kept in pooled buffers.
package timex
