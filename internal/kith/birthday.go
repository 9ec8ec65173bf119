package kith

import (
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// ParseBirthday validates a birthday and returns its stored form:
// YYYY-MM-DD, or --MM-DD when the year is unknown (the vCard convention).
// It also accepts MM-DD and the compact YYYYMMDD and --MMDD; "" means no
// birthday.
// Every entry point (flags, JSON, imports) uses this one rule, so what is
// stored always exports and imports back unchanged.
func ParseBirthday(s string) (string, error) {
	v := strings.TrimSpace(s)
	if v == "" {
		return "", nil
	}
	var y, m, d string
	if len(v) == 5 && v[2] == '-' {
		v = "--" + v // MM-DD, as typed
	}
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
	return dayForm(s, y, m, d)
}

// dayForm checks that y (possibly empty), m and d name a real day and
// returns the stored form.
func dayForm(s, y, m, d string) (string, error) {
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
		WithHint("write YYYY-MM-DD, or MM-DD when you do not know the year")
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// NextOccurrence returns the first day on or after from that falls on the
// month and day of day, a birthday or anniversary in its stored form, and
// how many years it marks then (0 when the year is unknown). 29 February
// falls on 28 February in common years, as most people keep it.
func NextOccurrence(day string, from dates.Date) (on dates.Date, years int, err error) {
	if len(day) < 7 {
		return on, 0, Errorf(Invalid, "%q is not a stored date", day)
	}
	md := day[len(day)-5:]
	m, errM := strconv.Atoi(md[:2])
	d, errD := strconv.Atoi(md[3:])
	if errM != nil || errD != nil {
		return on, 0, Errorf(Invalid, "%q is not a stored date", day)
	}
	y := from.Time(time.UTC).Year()
	on = yearly(y, time.Month(m), d)
	if on.Before(from) {
		y++
		on = yearly(y, time.Month(m), d)
	}
	if born, err := strconv.Atoi(day[:4]); err == nil && !strings.HasPrefix(day, "--") {
		years = y - born
	}
	return on, years, nil
}

// yearly is month m, day d of year y, with 29 February on the 28th in a
// common year.
func yearly(y int, m time.Month, d int) dates.Date {
	if m == time.February && d == 29 && dates.New(y, time.February, 29).Time(time.UTC).Day() != 29 {
		d = 28
	}
	return dates.New(y, m, d)
}
