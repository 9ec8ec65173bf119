package kith

import (
	"strings"
	"unicode"
)

// parseEnum reads one of a fixed set of values as people type them: in any
// case, with spaces, hyphens or underscores between the words ("past
// client", "Past-Client" and "past_client" are all past_client); what
// names the set in the error ("stage").
func parseEnum[T ~string](s string, values []T, what string) (T, error) {
	if v, ok := MatchEnum(s, values); ok {
		return v, nil
	}
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = string(v)
	}
	return "", Errorf(Invalid, "unknown %s %q", what, s).WithHint("use one of: %s", strings.Join(names, ", "))
}

// MatchEnum finds the value of values that s names as people type it (see
// EnumKey), so a flag holding a fixed set of words accepts the same forms
// as every other.
func MatchEnum[T ~string](s string, values []T) (T, bool) {
	key := EnumKey(s)
	for _, v := range values {
		if EnumKey(string(v)) == key {
			return v, true
		}
	}
	return "", false
}

// EnumKey is the form in which two spellings of one enumeration value
// compare equal: lower case, and each run of spaces, hyphens and
// underscores between words one underscore.
func EnumKey(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == '-' || r == '_' || unicode.IsSpace(r)
	})
	return strings.Join(words, "_")
}
