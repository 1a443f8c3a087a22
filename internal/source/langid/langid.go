// Package langid guesses the language of an article's text, for the readers
// of web pages, feeds and archives, which must give every article a
// language. It wraps github.com/abadojack/whatlanggo (trigram profiles of 84
// languages) and returns ISO 639-1 codes.
package langid

import (
	"strings"

	"github.com/abadojack/whatlanggo"
)

// sampleBytes is how much of a text Detect reads: enough for a stable
// guess, little enough to keep detection cheap on long articles.
const sampleBytes = 4 << 10

// minLetters is the fewest letters Detect judges; below it the text is
// too short for trigram statistics.
const minLetters = 20

// Detect returns the ISO 639-1 code of the language of text, or "" when
// the text is too short or the guess is not reliable. hint, when it is a
// language code (an HTML lang attribute, a feed's language, "en-GB"), is
// preferred whenever the text does not contradict it reliably.
func Detect(text, hint string) string {
	hint = Normalize(hint)
	if len(text) > sampleBytes {
		text = strings.ToValidUTF8(text[:sampleBytes], "")
	}
	letters := 0
	for _, r := range text {
		if r > ' ' && !strings.ContainsRune(".,;:!?\"'()[]{}-–—0123456789", r) {
			letters++
			if letters >= minLetters {
				break
			}
		}
	}
	if letters < minLetters {
		return hint
	}
	info := whatlanggo.Detect(text)
	code := info.Lang.Iso6391()
	if code == "" || hint == code {
		return hintOr(hint, code)
	}
	if !info.IsReliable() && hint != "" {
		return hint
	}
	if !info.IsReliable() && info.Confidence < 0.1 {
		return ""
	}
	return code
}

func hintOr(hint, code string) string {
	if hint != "" {
		return hint
	}
	return code
}

// Normalize reduces a language tag ("en-GB", "EN_us", "fr") to its ISO 639-1
// code, or "" when it is not one.
func Normalize(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}
