package cli

import (
	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// parseDateFlag reads the value of a date flag such as --on or --due,
// naming the flag when the value is not a date. dir says which way a
// weekday name points: Past for things that happened, Future for plans.
func (f *Factory) parseDateFlag(flag, value string, dir dates.Direction) (dates.Date, error) {
	d, err := dates.Parse(value, f.Today(), dir)
	if err != nil {
		return d, kith.Errorf(kith.Invalid, "bad --%s: %v", flag, err)
	}
	return d, nil
}

// parseSpanFlag reads the value of a length flag such as --in or --for.
func parseSpanFlag(flag, value string) (dates.Span, error) {
	s, err := dates.ParseSpan(value)
	if err != nil {
		return s, kith.Errorf(kith.Invalid, "bad --%s: %v", flag, err)
	}
	return s, nil
}

// parseSinceFlag reads a --since value. It is a day in the past, so a bare
// offset counts back: --since 4w means four weeks ago, as -4w does (dates
// read 4w forward, which for --since would always be in the future). Any
// other form reads as dates.Parse reads it, weekdays pointing back.
func (f *Factory) parseSinceFlag(value string) (dates.Date, error) {
	if span, err := dates.ParseSpan(value); err == nil && span.N > 0 {
		span.N = -span.N
		return span.From(f.Today()), nil
	}
	return f.parseDateFlag("since", value, dates.Past)
}
