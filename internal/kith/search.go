package kith

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// The search rules, shared by kith search, contact list --search, REF
// resolution and completion: text is compared word by word, without
// regard to case or accents, so "jurgen" finds "Jürgen" and "sao paulo"
// finds "São Paulo". A word is a run of letters and digits, as the search
// index (SQLite's unicode61 tokenizer) cuts it; everything else separates
// words, and a search for text without a letter or digit finds nothing.

// SearchWords returns the words of text, folded (FoldAccents), in order.
// Punctuation and search-engine operators ("*", "AND", `"`) are not
// special: "AND" is the word "and", and "*" is no word at all.
func SearchWords(text string) []string {
	return strings.FieldsFunc(FoldAccents(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r)
	})
}

// accents removes the combining marks a character decomposes into, as
// the search index does: "é" is "e", "ø" (which does not decompose) stays.
var accents = runes.Remove(runes.In(unicode.Mn))

// FoldAccents is Fold without accents: "Jürgen  Müller" is "jurgen
// muller". Names compared this way are the same for a person who types
// them on a keyboard without the accents.
func FoldAccents(s string) string {
	f := Fold(s)
	if plainASCII(f) {
		return f
	}
	out, _, err := transform.String(transform.Chain(norm.NFD, accents, norm.NFC), f)
	if err != nil {
		return f // transform fails only on invalid input, which Fold has already kept as it was
	}
	return out
}

// WordsFound counts the words of words (SearchWords) that begin a word of
// text: how much of a search a record's field holds.
func WordsFound(text string, words []string) int {
	have := SearchWords(text)
	n := 0
	for _, w := range words {
		for _, h := range have {
			if strings.HasPrefix(h, w) {
				n++
				break
			}
		}
	}
	return n
}
