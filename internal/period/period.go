// Package period works out the calendar spans kith measures over: this
// week, month or quarter, a span since a date, and the weeks of a chart.
// It is pure: today is always passed in.
package period

import (
	"fmt"
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// Unit is the calendar unit an objective is counted in.
type Unit string

// The units objectives use.
const (
	Week    Unit = "week"
	Month   Unit = "month"
	Quarter Unit = "quarter"
)

// Average unit lengths in days, for spans that are not whole calendar units.
const (
	daysPerWeek    = 7.0
	daysPerMonth   = 365.25 / 12
	daysPerQuarter = 365.25 / 4
)

// Period is a span of calendar days, both ends included.
type Period struct {
	From dates.Date `json:"from"`
	To   dates.Date `json:"to"`
	// Name says what the span is: week, month, quarter or since.
	Name string `json:"name"`
}

// ThisWeek is the calendar week (Monday to Sunday) holding today.
func ThisWeek(today dates.Date) Period {
	from := today.StartOfWeek()
	return Period{From: from, To: from.AddDays(6), Name: "week"}
}

// ThisMonth is the calendar month holding today.
func ThisMonth(today dates.Date) Period {
	y, m, _ := today.Time(time.UTC).Date()
	from := dates.New(y, m, 1)
	return Period{From: from, To: from.AddMonths(1).AddDays(-1), Name: "month"}
}

// ThisQuarter is the calendar quarter holding today.
func ThisQuarter(today dates.Date) Period {
	from := quarterStart(today)
	return Period{From: from, To: from.AddMonths(3).AddDays(-1), Name: "quarter"}
}

func quarterStart(d dates.Date) dates.Date {
	y, m, _ := d.Time(time.UTC).Date()
	return dates.New(y, (m-1)/3*3+1, 1)
}

// day returns the day of the month.
func day(d dates.Date) int { return d.Time(time.UTC).Day() }

// Since is the span from a day up to today. A day after today is refused.
func Since(from, today dates.Date) (Period, error) {
	if from.After(today) {
		return Period{}, fmt.Errorf("%s is in the future (today is %s)", from, today)
	}
	return Period{From: from, To: today, Name: "since"}, nil
}

// Days is the number of days in the period.
func (p Period) Days() int { return p.To.DaysSince(p.From) + 1 }

// Contains reports whether d falls inside the period.
func (p Period) Contains(d dates.Date) bool { return !d.Before(p.From) && !d.After(p.To) }

// String writes the period as "FROM – TO".
func (p Period) String() string { return p.From.String() + " – " + p.To.String() }

// Units says how many of u the period spans: whole calendar months count
// exactly (a month is a third of a quarter, however many days it has),
// anything else by average length, so an objective per unit scales to any
// period.
func (p Period) Units(u Unit) float64 {
	days := float64(p.Days())
	switch u {
	case Week:
		return days / daysPerWeek
	case Month:
		if n, ok := p.wholeMonths(); ok {
			return float64(n)
		}
		return days / daysPerMonth
	case Quarter:
		if n, ok := p.wholeMonths(); ok {
			return float64(n) / 3
		}
		return days / daysPerQuarter
	}
	return 0
}

// wholeMonths reports whether the period runs from a first of the month to
// a last of the month, and how many months that is.
func (p Period) wholeMonths() (int, bool) {
	end := p.To.AddDays(1)
	if day(p.From) != 1 || day(end) != 1 {
		return 0, false
	}
	fy, fm, _ := p.From.Time(time.UTC).Date()
	ey, em, _ := end.Time(time.UTC).Date()
	return (ey-fy)*12 + int(em) - int(fm), true
}

// Weeks returns the n calendar weeks ending with the one holding last,
// oldest first.
func Weeks(last dates.Date, n int) []Period {
	out := make([]Period, n)
	start := last.StartOfWeek().AddDays(-7 * (n - 1))
	for i := range out {
		from := start.AddDays(7 * i)
		out[i] = Period{From: from, To: from.AddDays(6), Name: "week"}
	}
	return out
}
