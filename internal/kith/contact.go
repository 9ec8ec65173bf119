package kith

import (
	"net/mail"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/kith-crm/kith/internal/dates"
)

// Stage is a contact's place in the funnel: halo < lead < client, and
// past_client for those who were clients.
type Stage string

// The funnel stages.
const (
	Halo       Stage = "halo"
	Lead       Stage = "lead"
	Client     Stage = "client"
	PastClient Stage = "past_client"
)

// Stages lists the funnel stages in funnel order.
var Stages = []Stage{Halo, Lead, Client, PastClient}

// ParseStage reads a stage as people type it ("past client") and returns
// its canonical form (past_client).
func ParseStage(s string) (Stage, error) {
	return parseEnum(s, Stages, "stage")
}

// Advocacy says how readily a contact refers the user: an advocate refers
// when asked, a raving fan without being asked.
type Advocacy string

// The advocacy levels.
const (
	NoAdvocacy Advocacy = "none"
	Advocate   Advocacy = "advocate"
	RavingFan  Advocacy = "raving_fan"
)

// Advocacies lists the advocacy levels, lowest first.
var Advocacies = []Advocacy{NoAdvocacy, Advocate, RavingFan}

// ParseAdvocacy reads an advocacy level as people type it ("raving fan")
// and returns its canonical form (raving_fan).
func ParseAdvocacy(s string) (Advocacy, error) {
	return parseEnum(s, Advocacies, "advocacy")
}

// Contact is a person the user knows.
type Contact struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Email    string   `json:"email"`  // the primary email, the first of Emails
	Emails   []string `json:"emails"` // never nil, so JSON shows []
	Phone    string   `json:"phone"`
	Phones   []string `json:"phones"`
	Company  string   `json:"company"`
	Title    string   `json:"title"`
	Category string   `json:"category"`
	Tags     []string `json:"tags"`
	Stage    Stage    `json:"stage"`
	// Advocacy is the effective level: AdvocacySet when the user chose it,
	// otherwise derived from introductions received.
	Advocacy    Advocacy `json:"advocacy"`
	AdvocacySet bool     `json:"advocacy_set"`
	MetAt       string   `json:"met_at"`
	Topic       string   `json:"topic"`
	Idea        string   `json:"idea"`
	CadenceDays *int     `json:"cadence_days"`
	LinkedInURL string   `json:"linkedin_url"`
	Birthday    string   `json:"birthday"`
	// Anniversaries are LABEL:DATE (see ParseAnniversary), one per label.
	Anniversaries []string    `json:"anniversaries"`
	Source        string      `json:"source"`
	LastContact   *dates.Date `json:"last_contact"`
	Notes         string      `json:"notes"`
	CreatedAt     time.Time   `json:"created_at"`
	UpdatedAt     time.Time   `json:"updated_at"`
}

// Normalize trims the contact's fields, drops empty and duplicate list
// entries, fills the derived Email and Phone, and validates what it holds.
func (c *Contact) Normalize() error {
	c.Name = TrimText(c.Name)
	if c.Name == "" {
		return Errorf(Invalid, "a contact needs a name").WithHint("pass the name as the first argument, e.g. kith contact add \"Ana Lima\"")
	}
	for _, f := range []*string{&c.Company, &c.Title, &c.Category, &c.MetAt, &c.Topic, &c.Idea, &c.LinkedInURL, &c.Birthday, &c.Source} {
		*f = strings.TrimSpace(*f)
	}
	c.Notes = NoteText(c.Notes)
	var err error
	if c.Birthday, err = ParseBirthday(c.Birthday); err != nil {
		return err
	}
	if c.Anniversaries, err = normalizeAnniversaries(c.Anniversaries); err != nil {
		return err
	}
	if c.Emails, err = normalizeEmails(c.Emails); err != nil {
		return err
	}
	c.Phones = uniqueFold(c.Phones)
	c.Tags = uniqueFold(c.Tags)
	if c.Stage == "" {
		c.Stage = Halo
	}
	if _, err := ParseStage(string(c.Stage)); err != nil {
		return err
	}
	if c.Advocacy == "" {
		c.Advocacy = NoAdvocacy
	}
	if _, err := ParseAdvocacy(string(c.Advocacy)); err != nil {
		return err
	}
	if c.CadenceDays != nil && *c.CadenceDays <= 0 {
		return Errorf(Invalid, "cadence must be positive, got %d days", *c.CadenceDays)
	}
	c.Email, c.Phone = first(c.Emails), first(c.Phones)
	return c.checkText()
}

// checkText refuses any of the contact's text that kith would not store
// (see CheckValue); only the notes may hold line breaks.
func (c *Contact) checkText() error {
	for _, f := range ContactFields {
		what := "the " + strings.ReplaceAll(f.Key, "_", " ")
		if err := CheckValue(what, f.Text(c), f.Key == "notes"); err != nil {
			return err
		}
		for _, v := range f.List(c) {
			if err := CheckValue(what, v, false); err != nil {
				return err
			}
		}
	}
	return nil
}

// normalizeEmails validates each address, keeping the first spelling of
// each one (addresses compare case-insensitively).
func normalizeEmails(in []string) ([]string, error) {
	for _, e := range in {
		e = strings.TrimSpace(e)
		if e == "" {
			continue
		}
		if err := ValidateEmail(e); err != nil {
			return nil, err
		}
	}
	return uniqueFold(in), nil
}

// ValidateEmail accepts a bare address that RFC 5322's addr-spec allows
// (net/mail), with no display name: ana@example.com, and also addresses
// on a single-label domain, such as Thunderbird's contact@invalid or
// root@localhost, which mail programs export.
func ValidateEmail(e string) error {
	if addr, err := mail.ParseAddress(e); err == nil && addr.Address == e {
		return nil
	}
	return Errorf(Invalid, "malformed email %q", e).WithHint("write a bare address such as ana@example.com")
}

// LooksLikeEmail reports whether s is an address as people type one: a
// valid address whose domain has a dot (or is localhost). It tells an
// email from "Dan@Acme", a name at a company.
func LooksLikeEmail(s string) bool {
	if ValidateEmail(s) != nil {
		return false
	}
	domain := s[strings.LastIndex(s, "@")+1:]
	return strings.Contains(domain, ".") || domain == "localhost"
}

// PhoneDigits reduces a phone number to its digits, the form phones are
// matched by.
func PhoneDigits(p string) string {
	var b strings.Builder
	for _, r := range p {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// phoneTail is how many trailing digits two phone numbers must share
// before one may be the other with a country code in front: nine, so
// that a national number (ten digits in North America, nine in France or
// Spain) and the same number after +1 or +33 are one, while shorter ones,
// such as local numbers or extensions, only ever match exactly.
const phoneTail = 9

// PhoneMatchKey is the part of a phone's digits that two numbers which
// are one (see SamePhoneDigits) always share: the last nine digits, or
// all of them when there are fewer. The store indexes it as
// substr(digits, -9) and the import's Bloom filter holds it.
func PhoneMatchKey(digits string) string {
	if len(digits) > phoneTail {
		return digits[len(digits)-phoneTail:]
	}
	return digits
}

// SamePhoneDigits reports whether two phone numbers, as digits, are one:
// equal, or the longer is the shorter with a country code of one to three
// digits in front, when the shorter has at least nine digits. So
// "+1 415 555 0100" is "415-555-0100", but a leading 0 is a trunk or an
// international prefix, never a country code, and a number of eight
// digits or fewer matches only itself.
func SamePhoneDigits(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	extra := len(a) - len(b)
	switch {
	case extra == 0:
		return a == b
	case extra > 3 || len(b) < phoneTail || a[0] == '0':
		return false
	}
	return a[extra:] == b
}

// Fold is the case-insensitive key used to compare names, emails, tags and
// categories. It is also normalised (NFC), so "é" typed as one character
// and "é" as "e" and a combining accent (as macOS and some Apple exports
// write it) are the same name; and a run of white space inside counts as
// one space, as imports tidy it, so "Ana  Lima" is "Ana Lima".
func Fold(s string) string {
	if plainASCII(s) {
		return strings.ToLower(s) // the other steps would change nothing
	}
	return foldText(s)
}

// foldText is Fold for any text.
func foldText(s string) string { return norm.NFC.String(strings.ToLower(oneSpace(TrimText(s)))) }

// plainASCII reports whether s is printable ASCII with single spaces
// between words only, which Fold need only lower-case. Nearly every key
// is, and an import folds several per row, so they skip the Unicode path.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < ' ' || c >= 0x7f:
			return false
		case c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' '):
			return false
		}
	}
	return true
}

// oneSpace turns each run of white space in s into one space, returning s
// itself when there is none to change.
func oneSpace(s string) string {
	for i, r := range s {
		// any space but ' ', or ' ' before an ASCII space (a wider space
		// after it is caught when the loop reaches it)
		if unicode.IsSpace(r) && (r != ' ' || i+1 < len(s) && unicode.IsSpace(rune(s[i+1]))) {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// uniqueFold trims the values and drops blanks and case-insensitive repeats,
// keeping order. It never returns nil.
func uniqueFold(in []string) []string {
	out := []string{}
	seen := map[string]bool{}
	for _, v := range in {
		v = strings.TrimSpace(v)
		if v == "" || seen[Fold(v)] {
			continue
		}
		seen[Fold(v)] = true
		out = append(out, v)
	}
	return out
}

func first(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
