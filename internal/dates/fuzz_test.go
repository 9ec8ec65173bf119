package dates_test

import (
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kith-crm/kith/internal/dates"
)

// FuzzParse: no input may panic, and every date Parse accepts can be
// written and read back (it is stored as text).
func FuzzParse(f *testing.F) {
	today := dates.New(2026, time.March, 2)
	for _, s := range []string{"2026-03-02", "today", "Yesterday", " tomorrow ", "mon", "sunday", "3d", "-2w", "1m", "99999y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, dir := range []dates.Direction{dates.Past, dates.Future} {
			d, err := dates.Parse(s, today, dir)
			if err != nil {
				if !utf8.ValidString(err.Error()) {
					t.Errorf("error message is not valid UTF-8: %q", err.Error())
				}
				continue
			}
			if d.IsZero() {
				t.Fatalf("Parse(%q) gave the zero date without an error", s)
			}
			back, err := dates.ParseISO(d.String())
			if err != nil || back != d {
				t.Fatalf("Parse(%q) = %s, which does not read back (%v)", s, d, err)
			}
		}
	})
}

// FuzzParseSpan: no input may panic, and an accepted span writes back to
// a form that reads as the same span.
func FuzzParseSpan(f *testing.F) {
	for _, s := range []string{"3d", "2w", "1m", "1y", "-1w", "0d", "100000d", "+3d", "d", "3x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		span, err := dates.ParseSpan(s)
		if err != nil {
			return
		}
		again, err := dates.ParseSpan(span.String())
		if err != nil || again != span {
			t.Fatalf("ParseSpan(%q) = %v, which writes back as %q and reads as %v (%v)", s, span, span.String(), again, err)
		}
		if (span.N > 0) != (span.Days() > 0) {
			t.Fatalf("ParseSpan(%q): %d days has the wrong sign", s, span.Days())
		}
	})
}
