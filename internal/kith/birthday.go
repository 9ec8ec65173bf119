package kith

import (
	"strings"
	"time"
)

// ParseBirthday validates a birthday and returns its stored form:
// YYYY-MM-DD, or --MM-DD when the year is unknown (the vCard convention).
// It also accepts the compact YYYYMMDD and --MMDD; "" means no birthday.
// Every entry point (flags, JSON, imports) uses this one rule, so what is
// stored always exports and imports back unchanged.
func ParseBirthday(s string) (string, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", nil
	}
	var y, m, d string
	switch rest, noYear := strings.CutPrefix(v, "--"); {
	case noYear && len(rest) == 5 && rest[2] == '-':
		m, d = rest[:2], rest[3:]
	case noYear && len(rest) == 4:
		m, d = rest[:2], rest[2:]
	case len(v) == 10 && v[4] == '-' && v[7] == '-':
		y, m, d = v[:4], v[5:7], v[8:]
	case len(v) == 8:
		y, m, d = v[:4], v[4:6], v[6:]
	default:
		return "", badBirthday(s)
	}
	year := y
	if year == "" {
		year = "2000" // a leap year, so --02-29 is a real day
	}
	if !allDigits(year+m+d) || year == "0000" {
		return "", badBirthday(s)
	}
	if _, err := time.Parse("2006-01-02", year+"-"+m+"-"+d); err != nil {
		return "", badBirthday(s)
	}
	if y == "" {
		return "--" + m + "-" + d, nil
	}
	return y + "-" + m + "-" + d, nil
}

func badBirthday(s string) *Error {
	return Errorf(Invalid, "birthday %q is not a date", s).
		WithHint("write YYYY-MM-DD, or --MM-DD when you do not know the year")
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
