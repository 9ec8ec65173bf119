package cli

import (
	"github.com/spf13/pflag"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

// periodFlags are the --week, --month, --quarter and --since flags of the
// commands that measure over a period (report, funnel); each embeds them
// in its options, binds them in newXCmd and resolves them in runX.
type periodFlags struct {
	week, month, quarter bool
	since                string
}

// bind declares the flags on fs: only --since when sinceOnly.
func (pf *periodFlags) bind(fs *pflag.FlagSet, sinceOnly bool) {
	fs.StringVar(&pf.since, "since", "", "from this day up to today: YYYY-MM-DD, monday, or how long ago (4w, 3m)")
	if sinceOnly {
		return
	}
	fs.BoolVar(&pf.week, "week", false, "this calendar week, Monday to Sunday")
	fs.BoolVar(&pf.month, "month", false, "this calendar month")
	fs.BoolVar(&pf.quarter, "quarter", false, "this calendar quarter")
}

// period resolves the flags to one period, or to def when none is given.
func (pf *periodFlags) period(f *Factory, def func(dates.Date) period.Period) (period.Period, error) {
	n := 0
	for _, set := range []bool{pf.week, pf.month, pf.quarter, pf.since != ""} {
		if set {
			n++
		}
	}
	if n > 1 {
		return period.Period{}, usageErrorf("choose one of --week, --month, --quarter and --since")
	}
	today := f.Today()
	switch {
	case pf.week:
		return period.ThisWeek(today), nil
	case pf.month:
		return period.ThisMonth(today), nil
	case pf.quarter:
		return period.ThisQuarter(today), nil
	case pf.since != "":
		from, err := f.parseSinceFlag(pf.since)
		if err != nil {
			return period.Period{}, err
		}
		p, err := period.Since(from, today)
		if err != nil {
			return p, kith.Errorf(kith.Invalid, "bad --since: %v", err).WithHint("give a day on or before today")
		}
		return p, nil
	}
	return def(today), nil
}
