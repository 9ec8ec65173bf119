package kith

import (
	"strings"
	"unicode"
)

// NamesCompatible reports whether two names may be one person's: the same
// after folding; or one is the other's first words ("Ana" and "Ana
// Lima"), with any word given as its initial ("A. Lima", "A L"), or the
// other's initials run together ("AL"); or either has no name (blank, or
// an email or a phone number standing in for one). It is how an import
// decides whether a key weaker than an email, such as a shared phone,
// joins two records: an office line is not a person.
func NamesCompatible(a, b string) bool {
	wa, wb := nameWords(a), nameWords(b)
	if len(wa) == 0 || len(wb) == 0 {
		return true
	}
	if len(wa) > len(wb) {
		wa, wb = wb, wa
	}
	if len(wa) == 1 && len(wb) > 1 && initials(wb) == wa[0] {
		return true
	}
	for i, w := range wa {
		if w != wb[i] && !isInitialOf(w, wb[i]) && !isInitialOf(wb[i], w) {
			return false
		}
	}
	return true
}

// nameWords folds a name into its words, the runs of letters and digits
// ("A. Lima" is a and lima); none when it is no name (an email, or no
// letters at all).
func nameWords(name string) []string {
	if strings.Contains(name, "@") || strings.IndexFunc(name, unicode.IsLetter) < 0 {
		return nil
	}
	return strings.FieldsFunc(Fold(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsNumber(r) && !unicode.Is(unicode.Mn, r)
	})
}

// isInitialOf reports whether w is the first letter of word.
func isInitialOf(w, word string) bool {
	r := []rune(w)
	return len(r) == 1 && strings.HasPrefix(word, w)
}

// initials runs the first letters of words together.
func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		r := []rune(w)
		b.WriteRune(r[0])
	}
	return b.String()
}
