package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kith-crm/kith/internal/kith"
)

// dateForms are the date forms exports and spreadsheets write. A
// spreadsheet that opens and saves a file again rewrites its dates in the
// short form of its region: LinkedIn's "06 Feb 2026" comes back as
// 6-Feb-26, 2/6/2026 or 06.02.2026.
type dateForms struct {
	iso, compact, yearFirst, numeric, dayMonth, monthDay *regexp.Regexp
	// Outlook writes a birthday it does not know as 0/0/00 (00/0/0 in
	// some regions).
	zero *regexp.Regexp
}

// readableDates compiles the date forms on first use: only imports read
// dates, and compiling them at start-up slowed every command.
var readableDates = sync.OnceValue(func() dateForms {
	return dateForms{
		iso:       regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`),
		compact:   regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`),
		yearFirst: regexp.MustCompile(`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$`),
		numeric:   regexp.MustCompile(`^(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{2}|\d{4})$`),
		dayMonth:  regexp.MustCompile(`^(\d{1,2})[ -]([[:alpha:]]{3,})\.?,?[ -](\d{2}|\d{4})$`),
		monthDay:  regexp.MustCompile(`^([[:alpha:]]{3,})\.? (\d{1,2}),? (\d{4})$`),
		zero:      regexp.MustCompile(`^0{1,4}[/.-]0{1,2}[/.-]0{1,4}$`),
	}
})

var monthNames = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

// readDate reads a date in any of the dateForms, or a date-time (its
// day), or --MM-DD, into the YYYY-MM-DD (or --MM-DD) that
// kith.ParseBirthday checks. Day and month separated by slashes or dashes
// are read only when they cannot be the other way round (one is over 12,
// or both are the same); dots mean day.month.year, as in every region
// that writes them. A two-digit year is read as spreadsheets read it:
// 00–29 is 20xx, 30–99 is 19xx. Apple's year 1604 means "no year". It
// returns "" for an empty or zero date, and a problem (such as "could be
// 6 February or 2 June") when it cannot read the date.
func readDate(orig string) (date, problem string) {
	v := strings.TrimSpace(orig)
	if t, _, ok := strings.Cut(v, "T"); ok && len(t) >= 8 {
		v = t // a date-time: the day is what matters
	}
	forms := readableDates()
	if v == "" || forms.zero.MatchString(v) {
		return "", ""
	}
	if strings.HasPrefix(v, "--") {
		return v, ""
	}
	y, m, d, problem := forms.parts(v)
	if problem != "" {
		return "", problem
	}
	if y == 1604 {
		return fmt.Sprintf("--%02d-%02d", m, d), ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d), ""
}

// parts splits a date into year, month and day by its form.
func (forms dateForms) parts(v string) (y, m, d int, problem string) {
	// LinkedIn's own form first, without a regular expression: it is
	// every row of a large Connections.csv
	if t, err := time.Parse(linkedInDate, v); err == nil {
		return t.Year(), int(t.Month()), t.Day(), ""
	}
	if p := firstMatch(v, forms.iso, forms.compact, forms.yearFirst); p != nil {
		return atoi(p[1]), atoi(p[2]), atoi(p[3]), ""
	}
	if p := forms.numeric.FindStringSubmatch(v); p != nil && p[2] == p[4] {
		a, b := atoi(p[1]), atoi(p[3])
		y = fullYear(p[5])
		switch {
		case p[2] == ".", a > 12 && b <= 12:
			return y, b, a, ""
		case b > 12 && a <= 12, a == b:
			return y, a, b, ""
		case a <= 12 && b <= 12:
			return 0, 0, 0, fmt.Sprintf("could be %d %s or %d %s", b, monthName(a), a, monthName(b))
		}
		return 0, 0, 0, notADate
	}
	if p := forms.dayMonth.FindStringSubmatch(v); p != nil {
		if m = monthNumber(p[2]); m != 0 {
			return fullYear(p[3]), m, atoi(p[1]), ""
		}
	}
	if p := forms.monthDay.FindStringSubmatch(v); p != nil {
		if m = monthNumber(p[1]); m != 0 {
			return atoi(p[3]), m, atoi(p[2]), ""
		}
	}
	return 0, 0, 0, notADate
}

// linkedInDate is the form of LinkedIn's Connected On: 12 Mar 2024.
const linkedInDate = "2 Jan 2006"

// notADate is readDate's problem with text in none of its forms.
const notADate = "is not a date"

func firstMatch(v string, res ...*regexp.Regexp) []string {
	for _, re := range res {
		if p := re.FindStringSubmatch(v); p != nil {
			return p
		}
	}
	return nil
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// fullYear reads a two-digit year with the window spreadsheets use.
func fullYear(s string) int {
	y := atoi(s)
	switch {
	case len(s) > 2:
		return y
	case y < 30:
		return 2000 + y
	}
	return 1900 + y
}

// monthNumber reads an English month name or its abbreviation; 0 if it
// is none.
func monthNumber(name string) int {
	lower := strings.ToLower(name)
	for i, m := range monthNames {
		if strings.HasPrefix(lower, m) && strings.HasPrefix(strings.ToLower(time.Month(i+1).String()), lower) {
			return i + 1
		}
	}
	return 0
}

func monthName(m int) string { return time.Month(m).String() }

// dateProblem says what is wrong with a date readDate cannot read, or
// that names no real day (31 Feb); "" when it is a date.
func dateProblem(v string) string {
	if _, err := time.Parse(linkedInDate, v); err == nil {
		return "" // LinkedIn's own form, on every row of a large file
	}
	d, problem := readDate(v)
	if problem == "" && d != "" {
		if _, err := kith.ParseBirthday(d); err != nil {
			problem = notADate
		}
	}
	return problem
}

// parseBirthday reads a birthday in any form readDate knows and checks
// it as every other entry point does (kith.ParseBirthday). Its error
// names the value as the file wrote it.
func parseBirthday(orig string) (string, error) {
	v, problem := readDate(orig)
	switch problem {
	case "":
		if b, err := kith.ParseBirthday(v); err == nil {
			return b, nil
		}
	case notADate:
	default:
		return "", kith.Errorf(kith.Invalid, "birthday %q %s", orig, problem)
	}
	if _, err := kith.ParseBirthday(orig); err != nil {
		return "", err
	}
	return "", kith.Errorf(kith.Invalid, "birthday %q is not a date", orig)
}

// setAnniversaries sets c's anniversaries, each LABEL:DATE as kith writes
// them, refusing the whole list (the field is dropped) when one is not.
func setAnniversaries(c *kith.Contact, list []string) error {
	out := make([]string, 0, len(list))
	for _, a := range list {
		v, err := kith.ParseAnniversary(a)
		if err != nil {
			return err
		}
		out = append(out, v)
	}
	c.Anniversaries = out
	return nil
}
