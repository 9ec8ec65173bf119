package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"github.com/kith-crm/kith/internal/clip"
	"github.com/kith-crm/kith/internal/kith"
)

// linkedInMapper reads LinkedIn's Connections.csv: First Name, Last Name,
// URL, Email Address, Company, Position, Connected On.
func linkedInMapper(header []string) (rowMapper, error) {
	for _, col := range []string{"First Name", "Last Name"} {
		if !containsCell(header, col) {
			return nil, fmt.Errorf("a LinkedIn header needs a %q column", col)
		}
	}
	return func(r *csvRow, c *kith.Contact) {
		c.Name = personName(r.get("First Name"), "", r.get("Last Name"))
		c.LinkedInURL = r.get("URL")
		if e := r.get("Email Address"); e != "" {
			c.Emails = []string{e}
		}
		c.Company = r.get("Company")
		c.Title = r.get("Position")
		// kith keeps no date of connection; a date it cannot read is
		// still worth a word, as a sign of a column out of place.
		if on := r.get("Connected On"); on != "" {
			if problem := dateProblem(on); problem != "" {
				r.drop("connected_on", "Connected On %q %s", on, problem)
			}
		}
	}, nil
}

var googleMulti = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(E-mail|Phone|Website) \d+ - Value$`) })

// googleMapper reads a Google Contacts CSV in either layout: the current
// one (First Name, Middle Name, Last Name, Labels, Organization Name, ...)
// or the older one (Name, Given Name, Additional Name, Family Name, Group
// Membership, Organization 1 - Name, ...). Columns are found by name;
// one cell may hold several values joined by " ::: ".
func googleMapper(header []string) rowMapper {
	var multi []string
	for _, h := range header {
		if googleMulti().MatchString(strings.TrimSpace(h)) {
			multi = append(multi, strings.TrimSpace(h))
		}
	}
	return func(r *csvRow, c *kith.Contact) {
		get := r.get
		c.Name = firstOf(get("Name"),
			personName(firstOf(get("First Name"), get("Given Name")),
				firstOf(get("Middle Name"), get("Additional Name")),
				firstOf(get("Last Name"), get("Family Name"))),
			get("Nickname"), get("File As"))
		c.Company = firstOf(get("Organization Name"), get("Organization 1 - Name"))
		c.Title = firstOf(get("Organization Title"), get("Organization 1 - Title"))
		c.Notes = get("Notes")
		for _, col := range multi {
			values := splitList(get(col), ":::")
			switch {
			case strings.HasPrefix(col, "E-mail"):
				c.Emails = append(c.Emails, values...)
			case strings.HasPrefix(col, "Phone"):
				c.Phones = append(c.Phones, values...)
			default:
				for _, v := range values {
					if c.LinkedInURL == "" && isLinkedIn(v) {
						c.LinkedInURL = v
					}
				}
			}
		}
		for _, label := range splitList(firstOf(get("Labels"), get("Group Membership")), ":::") {
			// "* myContacts" and "* starred" are Google's own groups.
			if !strings.HasPrefix(label, "* ") {
				c.Tags = append(c.Tags, label)
			}
		}
		c.Birthday = r.birthday(get("Birthday"))
	}
}

// birthday reads a birthday cell; one it cannot read is dropped.
func (r *csvRow) birthday(v string) string {
	b, err := parseBirthday(v)
	if err != nil {
		r.drop("birthday", "%s", message(err))
	}
	return b
}

// kithColumns are the columns of kith's own CSV: the contact's JSON keys.
// Columns computed by kith (id, dates it keeps) are accepted and ignored,
// so an export re-imports as it is.
var kithColumns = map[string]func(c *kith.Contact, v string) error{
	"id":    nil,
	"name":  func(c *kith.Contact, v string) error { c.Name = v; return nil },
	"email": func(c *kith.Contact, v string) error { c.Emails = prependNew(c.Emails, v); return nil },
	"emails": func(c *kith.Contact, v string) error {
		c.Emails = appendNew(c.Emails, splitCSVList(v)...)
		return nil
	},
	"phone": func(c *kith.Contact, v string) error { c.Phones = prependNew(c.Phones, v); return nil },
	"phones": func(c *kith.Contact, v string) error {
		c.Phones = appendNew(c.Phones, splitCSVList(v)...)
		return nil
	},
	"company":      func(c *kith.Contact, v string) error { c.Company = v; return nil },
	"title":        func(c *kith.Contact, v string) error { c.Title = v; return nil },
	"category":     func(c *kith.Contact, v string) error { c.Category = v; return nil },
	"tags":         func(c *kith.Contact, v string) error { c.Tags = splitCSVList(v); return nil },
	"stage":        func(c *kith.Contact, v string) error { c.Stage = kith.Stage(v); return nil },
	"advocacy":     setAdvocacy,
	"advocacy_set": setAdvocacySet,
	"met_at":       func(c *kith.Contact, v string) error { c.MetAt = v; return nil },
	"topic":        func(c *kith.Contact, v string) error { c.Topic = v; return nil },
	"idea":         func(c *kith.Contact, v string) error { c.Idea = v; return nil },
	"cadence_days": setCadence,
	"linkedin_url": func(c *kith.Contact, v string) error { c.LinkedInURL = v; return nil },
	"birthday": func(c *kith.Contact, v string) (err error) {
		c.Birthday, err = parseBirthday(v)
		return err
	},
	"anniversaries": func(c *kith.Contact, v string) error { return setAnniversaries(c, splitCSVList(v)) },
	"source":        func(c *kith.Contact, v string) error { c.Source = v; return nil },
	"last_contact":  nil,
	"notes":         func(c *kith.Contact, v string) error { c.Notes = v; return nil },
	"created_at":    nil,
	"updated_at":    nil,
}

// kithMapper reads kith's own CSV, whose header names contact JSON keys.
// An unknown column is an error rather than data silently dropped.
func kithMapper(header []string) (rowMapper, error) {
	var unknown []string
	hasName := false
	seen := make(map[string]bool, len(header))
	for _, h := range header {
		h = strings.TrimSpace(h)
		if seen[h] {
			// only one of the two could be read: the other would be lost
			return nil, fmt.Errorf("column %q appears twice; kith CSV has one column per contact JSON key (several values go in one cell, joined by ';')", clip.String(h))
		}
		seen[h] = true
		if _, ok := kithColumns[h]; !ok {
			unknown = append(unknown, strconv.Quote(clip.String(h)))
		}
		hasName = hasName || h == "name"
	}
	if len(unknown) > 0 {
		return nil, fmt.Errorf("unknown column %s; kith CSV columns are contact JSON keys such as name, emails, company, tags",
			clip.List(unknown))
	}
	if !hasName {
		return nil, fmt.Errorf("no name column")
	}
	cols := append([]string(nil), header...)
	return func(r *csvRow, c *kith.Contact) {
		source := c.Source
		c.Source = ""
		// advocacy_set decides whether advocacy is the user's choice, so it
		// goes last.
		for _, pass := range []bool{false, true} {
			for _, h := range cols {
				h = strings.TrimSpace(h)
				set := kithColumns[h]
				if set == nil || (h == "advocacy_set") != pass {
					continue
				}
				if err := set(c, Restore(r.get(h))); err != nil {
					r.drop(h, "%s", message(err))
				}
			}
		}
		if c.Source == "" {
			c.Source = source
		}
	}, nil
}

func setAdvocacy(c *kith.Contact, v string) error {
	if v == "" {
		return nil
	}
	a, err := kith.ParseAdvocacy(v)
	if err != nil {
		return err
	}
	c.Advocacy, c.AdvocacySet = a, a != kith.NoAdvocacy
	return nil
}

func setAdvocacySet(c *kith.Contact, v string) error {
	switch strings.ToLower(v) {
	case "", "false", "0", "no":
		c.AdvocacySet = false
		c.Advocacy = ""
	case "true", "1", "yes":
		c.AdvocacySet = c.Advocacy != ""
	default:
		return kith.Errorf(kith.Invalid, "advocacy_set %q is not true or false", v)
	}
	return nil
}

func setCadence(c *kith.Contact, v string) error {
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return kith.Errorf(kith.Invalid, "cadence_days %q is not a positive number of days", v)
	}
	c.CadenceDays = &n
	return nil
}

func isLinkedIn(url string) bool {
	return strings.Contains(strings.ToLower(url), "linkedin.com/")
}

func firstOf(vs ...string) string {
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// appendNew appends the values list lacks (compared case-insensitively).
func appendNew(list []string, values ...string) []string {
	for _, v := range values {
		if v = strings.TrimSpace(v); v != "" && !containsFold(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// prependNew puts v first, moving it there if list already holds it.
func prependNew(list []string, v string) []string {
	v = strings.TrimSpace(v)
	if v == "" {
		return list
	}
	out := []string{v}
	for _, l := range list {
		if kith.Fold(l) != kith.Fold(v) {
			out = append(out, l)
		}
	}
	return out
}

func containsFold(list []string, v string) bool {
	for _, l := range list {
		if kith.Fold(l) == kith.Fold(v) {
			return true
		}
	}
	return false
}

// formulaLead are the first characters that make a spreadsheet program run
// a cell as a formula, with TAB and CR, which some programs skip before
// looking for one (OWASP's list).
const formulaLead = "=+-@\t\r"

// Neutralize guards a CSV cell against spreadsheet formula injection by
// putting a ' before a leading = + - @ TAB or CR. A cell that already looks
// neutralised gets one more ', so Restore gives it back exactly.
func Neutralize(v string) string {
	if looksLikeFormula(strings.TrimLeft(v, "'")) {
		return "'" + v
	}
	return v
}

// Restore undoes Neutralize, so an exported cell imports as it was.
func Restore(v string) string {
	if strings.HasPrefix(v, "'") && looksLikeFormula(strings.TrimLeft(v, "'")) {
		return v[1:]
	}
	return v
}

func looksLikeFormula(v string) bool {
	return v != "" && strings.IndexByte(formulaLead, v[0]) >= 0
}
