package kith

import "strings"

// parseEnum reads one of a fixed set of values as written in flags and
// JSON, case-insensitively; what names the set in the error ("stage").
func parseEnum[T ~string](s string, values []T, what string) (T, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	names := make([]string, len(values))
	for i, v := range values {
		if string(v) == in {
			return v, nil
		}
		names[i] = string(v)
	}
	return "", Errorf(Invalid, "unknown %s %q", what, s).WithHint("use one of: %s", strings.Join(names, ", "))
}
