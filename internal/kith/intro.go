package kith

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// IntroKind is what an introduction is for: the three referral questions.
type IntroKind string

// The introduction kinds.
const (
	Alliance    IntroKind = "alliance" // someone who serves the same customers
	ClientIntro IntroKind = "client"   // someone who might have a project
	CoffeeIntro IntroKind = "coffee"   // someone else to have a coffee with
)

// IntroKinds lists the kinds in the order the questions are asked.
var IntroKinds = []IntroKind{Alliance, ClientIntro, CoffeeIntro}

// ParseIntroKind validates an introduction kind.
func ParseIntroKind(s string) (IntroKind, error) {
	return parseEnum(s, IntroKinds, "introduction kind")
}

// IntroStatus is how far an introduction has come.
type IntroStatus string

// The introduction statuses, in the order they usually happen.
const (
	Promised IntroStatus = "promised" // they said they would introduce
	Made     IntroStatus = "made"     // the introduction happened
	Met      IntroStatus = "met"      // the user met the person introduced
	Won      IntroStatus = "won"      // it brought work
	Lost     IntroStatus = "lost"     // it came to nothing
)

// IntroStatuses lists the statuses in order.
var IntroStatuses = []IntroStatus{Promised, Made, Met, Won, Lost}

// ParseIntroStatus validates an introduction status.
func ParseIntroStatus(s string) (IntroStatus, error) {
	return parseEnum(s, IntroStatuses, "introduction status")
}

// Happened reports whether an introduction with this status took place:
// a promise is not yet evidence of advocacy.
func (s IntroStatus) Happened() bool { return s != Promised }

// Direction says who introduced whom.
type Direction string

// The two directions. Received: From introduced To to the user. Given: the
// user introduced From to To.
const (
	Received Direction = "received"
	Given    Direction = "given"
)

// Introduction is one introduction, received or given.
type Introduction struct {
	ID        int64       `json:"id"`
	Direction Direction   `json:"direction"`
	From      ContactRef  `json:"from"`
	To        ContactRef  `json:"to"`
	Kind      IntroKind   `json:"kind"`
	Asked     bool        `json:"asked"`
	Status    IntroStatus `json:"status"`
	Value     *float64    `json:"value"`
	On        dates.Date  `json:"date"`
	StatusOn  dates.Date  `json:"status_date"`
	CoffeeID  *int64      `json:"coffee_id"`
	Notes     string      `json:"notes"`
	CreatedAt time.Time   `json:"created_at"`
	UpdatedAt time.Time   `json:"updated_at"`
}

// valuePattern is how revenue is written: digits with an optional
// decimal part, no sign, exponent, currency or thousands separator.
var valuePattern = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)

// ParseValue reads the revenue an introduction brought: a plain,
// non-negative number such as 5000 or 1250.50.
func ParseValue(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if strings.HasPrefix(in, "-") {
		return 0, Errorf(Invalid, "bad --value %q: revenue cannot be negative", s).WithHint("write the amount won, 0 or more")
	}
	v, err := strconv.ParseFloat(in, 64)
	if !valuePattern.MatchString(in) || err != nil || math.IsInf(v, 0) {
		return 0, Errorf(Invalid, "bad --value %q: not a number", s).WithHint("write the amount as digits, e.g. --value 5000 or --value 1250.50")
	}
	if v > MaxAmount {
		return 0, Errorf(Invalid, "bad --value %q: too large", s).WithHint("kith keeps amounts up to %s", maxAmountText)
	}
	return v, nil
}

// Answer is a name heard in reply to one of the three questions:
// "Dan Wu", "Dan Wu @ Acme" or an email.
type Answer struct {
	Kind    IntroKind
	Name    string
	Company string
}

// ParseAnswer splits "Name @ Company" into its parts; a bare email address
// stays whole, since it names a contact by email.
func ParseAnswer(kind IntroKind, s string) (Answer, error) {
	s = strings.TrimSpace(s)
	a := Answer{Kind: kind, Name: s}
	if !LooksLikeEmail(s) {
		if name, company, ok := strings.Cut(s, "@"); ok {
			a.Name, a.Company = strings.TrimSpace(name), strings.TrimSpace(company)
		}
	}
	a.Name = TrimText(a.Name)
	if a.Name == "" {
		return a, Errorf(Invalid, "answer %q to the %s question has no name", s, kind).WithHint("write a name, optionally \"Name @ Company\"")
	}
	return a, nil
}

// Balance is the give-and-take with one contact: introductions the user
// made for them against introductions they made for the user.
type Balance struct {
	Given         int `json:"given"`           // the user introduced them to someone, or someone to them
	Received      int `json:"received"`        // they introduced someone to the user
	PromisedByYou int `json:"promised_by_you"` // given introductions still promised
	PromisedToYou int `json:"promised_to_you"` // received introductions still promised
}

// BalanceOf counts the balance for contactID over introductions that
// include them.
func BalanceOf(contactID int64, intros []Introduction) Balance {
	var b Balance
	for _, in := range intros {
		switch {
		case in.Direction == Given && (in.From.ID == contactID || in.To.ID == contactID):
			if in.Status.Happened() {
				b.Given++
			} else {
				b.PromisedByYou++
			}
		case in.Direction == Received && in.From.ID == contactID:
			if in.Status.Happened() {
				b.Received++
			} else {
				b.PromisedToYou++
			}
		}
	}
	return b
}

// DeriveAdvocacy returns the level contactID's introductions earn them and
// the introduction that first earned it: any received introduction they
// made is an advocate's; one made unasked is a raving fan's. Promises do
// not count. It must agree with the store's derived advocacy column.
func DeriveAdvocacy(contactID int64, intros []Introduction) (Advocacy, *Introduction) {
	level, evidence := NoAdvocacy, (*Introduction)(nil)
	for i := range intros {
		in := &intros[i]
		if in.Direction != Received || in.From.ID != contactID || !in.Status.Happened() {
			continue
		}
		rank := Advocate
		if !in.Asked {
			rank = RavingFan
		}
		switch {
		case level == NoAdvocacy, level == Advocate && rank == RavingFan:
			level, evidence = rank, in
		case rank == level && earlier(in, evidence):
			evidence = in
		}
	}
	return level, evidence
}

func earlier(a, b *Introduction) bool {
	if a.On != b.On {
		return a.On.Before(b.On)
	}
	return a.ID < b.ID
}
