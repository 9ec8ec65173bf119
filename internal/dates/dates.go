// Package dates parses and does arithmetic on the calendar dates kith works
// in: days in the user's local time zone, with no time of day.
package dates

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/clip"
)

// Layout is how a Date is written everywhere: in flags, JSON and storage.
const Layout = "2006-01-02"

// Date is a calendar day. It is kept as midnight UTC so that day arithmetic
// never meets a daylight-saving jump.
type Date struct{ t time.Time }

// Of returns the calendar day that t falls on in t's own location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return New(y, m, d)
}

// New returns the given day; out-of-range values normalise as time.Date does.
func New(y int, m time.Month, d int) Date {
	return Date{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// ParseISO reads a YYYY-MM-DD date.
func ParseISO(s string) (Date, error) {
	if d, ok := parseISOFast(s); ok {
		return d, nil
	}
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a YYYY-MM-DD date", clip.String(s))
	}
	return Date{t}, nil
}

// parseISOFast reads a well-formed YYYY-MM-DD without time.Parse, which
// matters when a store reads thousands of dates; anything it does not
// accept goes to time.Parse, which has the last word.
func parseISOFast(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if i == 4 || i == 7 {
			continue
		}
		c := s[i]
		if c < '0' || c > '9' {
			return Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	y, m, d := n/10000, time.Month(n/100%100), n%100
	if m < time.January || m > time.December || d < 1 || d > daysIn(y, m) {
		return Date{}, false
	}
	return New(y, m, d), true
}

// daysIn returns the number of days in month m of year y.
func daysIn(y int, m time.Month) int {
	return time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string { return d.t.Format(Layout) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// AddDays returns the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// AddMonths returns the date n calendar months later (earlier when n is
// negative). A day the target month lacks becomes its last day: Jan 31 +
// 1 month is Feb 28, as a person means it (time.AddDate would say Mar 3).
func (d Date) AddMonths(n int) Date {
	y, m, day := d.t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	return New(first.Year(), first.Month(), min(day, daysIn(first.Year(), first.Month())))
}

// DaysSince returns d minus other in whole days.
func (d Date) DaysSince(other Date) int { return d.Ordinal() - other.Ordinal() }

// Ordinal numbers the day: 0 is 1970-01-01, each day one more. Days order
// as their ordinals do, and an ordinal is a cheap map key.
func (d Date) Ordinal() int { return int(d.t.Unix() / 86400) }

// Before reports whether d is earlier than other.
func (d Date) Before(other Date) bool { return d.t.Before(other.t) }

// After reports whether d is later than other.
func (d Date) After(other Date) bool { return d.t.After(other.t) }

// Weekday returns the day of the week.
func (d Date) Weekday() time.Weekday { return d.t.Weekday() }

// StartOfWeek returns the Monday on or before d: kith's weeks start on Monday.
func (d Date) StartOfWeek() Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// Time returns the first instant of d in loc: midnight, or, on a day whose
// clocks skip midnight for summer time (Brazil until 2019), the hour they
// jump to; time.Date alone would give an instant of the day before.
func (d Date) Time(loc *time.Location) time.Time {
	y, m, day := d.t.Date()
	t := time.Date(y, m, day, 0, 0, 0, 0, loc)
	for h := 1; t.Day() != day && h < 24; h++ {
		t = time.Date(y, m, day, h, 0, 0, 0, loc)
	}
	return t
}

// MarshalText writes the date as YYYY-MM-DD, which JSON writes as a
// string. (As text rather than JSON, encoding/json need not check and
// compact what it returns: a list of a million records is the faster.)
func (d Date) MarshalText() ([]byte, error) { return d.t.AppendFormat(nil, Layout), nil }

// UnmarshalJSON reads a "YYYY-MM-DD" string.
func (d *Date) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	parsed, err := ParseISO(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}

// Direction says which way a weekday name points: to the most recent such
// day for things that happened, to the next one for things planned. The
// weekday that is today means today either way: "coffee log --on friday"
// typed on a Friday is about the coffee just had.
type Direction int

// The two directions a weekday name can point.
const (
	Past Direction = iota
	Future
)

var weekdays = map[string]time.Weekday{}

func init() {
	for d := time.Sunday; d <= time.Saturday; d++ {
		name := strings.ToLower(d.String())
		weekdays[name] = d
		weekdays[name[:3]] = d
	}
}

// Parse reads a date as users type it: YYYY-MM-DD, today, yesterday,
// tomorrow, a weekday name (today if it is that day, else resolved in
// direction dir), or an offset from today such as 3d, 2w, 1m or -1w.
func Parse(s string, today Date, dir Direction) (Date, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	switch in {
	case "today":
		return today, nil
	case "yesterday":
		return today.AddDays(-1), nil
	case "tomorrow":
		return today.AddDays(1), nil
	}
	if wd, ok := weekdays[in]; ok {
		if dir == Past {
			return today.AddDays(-((int(today.Weekday()) - int(wd) + 7) % 7)), nil
		}
		return today.AddDays((int(wd) - int(today.Weekday()) + 7) % 7), nil
	}
	if d, err := ParseISO(in); err == nil {
		if d.t.Year() < minYear {
			return Date{}, fmt.Errorf("cannot read %q as a date: kith keeps dates from the year %d on", clip.String(s), minYear)
		}
		return d, nil
	}
	if span, err := ParseSpan(in); err == nil {
		return span.From(today), nil
	}
	return Date{}, fmt.Errorf("cannot read %q as a date: use YYYY-MM-DD, today, yesterday, tomorrow, a weekday such as monday, or an offset such as 3d, 2w, 1m", clip.String(s))
}

// minYear is the earliest year a typed date may have. Year 1 is the zero
// Date, which means "no date", so typed dates must stay well clear of it.
const minYear = 1000

// Span is a length of calendar time: n days, weeks, months or years.
type Span struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// MaxSpanDays bounds a span: 100,000 days, about 270 years. Any span
// within it from any day of these centuries lands on a writable date.
const MaxSpanDays = 100_000

// ParseSpan reads a span such as 3d, 2w, 1m or 1y; a leading minus counts back.
func ParseSpan(s string) (Span, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	bad := fmt.Errorf("cannot read %q as a length of time: use a number and a unit, such as 3d, 2w, 1m or 1y", clip.String(s))
	if len(in) < 2 {
		return Span{}, bad
	}
	unit := in[len(in)-1]
	if !strings.ContainsRune("dwmy", rune(unit)) {
		return Span{}, bad
	}
	digits := in[:len(in)-1]
	if strings.HasPrefix(digits, "+") {
		return Span{}, bad
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n > MaxSpanDays || n < -MaxSpanDays {
		return Span{}, bad
	}
	span := Span{N: n, Unit: unit}
	// Bounded in days, not in units, so any span from any day of these
	// centuries lands on a date that can be written as YYYY-MM-DD.
	if d := span.Days(); d > MaxSpanDays || d < -MaxSpanDays {
		return Span{}, bad
	}
	return span, nil
}

// From returns the date the span reaches counting from d.
func (s Span) From(d Date) Date {
	switch s.Unit {
	case 'w':
		return d.AddDays(7 * s.N)
	case 'm':
		return d.AddMonths(s.N)
	case 'y':
		return d.AddMonths(12 * s.N)
	}
	return d.AddDays(s.N)
}

// Days returns the span's length in days as a fixed cadence: a month counts
// 30 days and a year 365, since a cadence repeats from any starting day.
func (s Span) Days() int {
	switch s.Unit {
	case 'w':
		return 7 * s.N
	case 'm':
		return 30 * s.N
	case 'y':
		return 365 * s.N
	}
	return s.N
}

// String writes the span back as typed, e.g. 2w.
func (s Span) String() string { return strconv.Itoa(s.N) + string(s.Unit) }
