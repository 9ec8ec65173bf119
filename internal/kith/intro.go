package kith

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	// On is the day of its first step (promised, or made), StatusOn the
	// day of its current one; IntroSteps has each step's own day.
	On       dates.Date `json:"date"`
	StatusOn dates.Date `json:"status_date"`
	IntroSteps
	CoffeeID  *int64    `json:"coffee_id"`
	Notes     string    `json:"notes"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Happened reports whether the introduction took place: it has a made
// day. A promise is not yet evidence, and one lost unmade never was.
func (in Introduction) Happened() bool { return in.MadeOn != nil }

// LostUnmade reports whether the introduction was a promise that was
// closed as lost without ever being made.
func (in Introduction) LostUnmade() bool { return in.Status == Lost && in.MadeOn == nil }

// valuePattern is how revenue is written: digits with an optional
// decimal part, no sign, exponent, currency or thousands separator.
var valuePattern = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`) })

// ParseValue reads the revenue an introduction brought: a plain,
// non-negative number such as 5000 or 1250.50.
func ParseValue(s string) (float64, error) {
	in := strings.TrimSpace(s)
	if strings.HasPrefix(in, "-") {
		return 0, Errorf(Invalid, "bad --value %q: revenue cannot be negative", s).WithHint("write the amount won, 0 or more")
	}
	v, err := strconv.ParseFloat(in, 64)
	if !valuePattern().MatchString(in) || err != nil || math.IsInf(v, 0) {
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
			if in.Happened() {
				b.Given++
			} else if in.Status == Promised {
				b.PromisedByYou++
			}
		case in.Direction == Received && in.From.ID == contactID:
			if in.Happened() {
				b.Received++
			} else if in.Status == Promised {
				b.PromisedToYou++
			}
		}
	}
	return b
}

// DeriveAdvocacy returns the level contactID's introductions earn them and
// the introduction that first earned it: any received introduction they
// made is an advocate's; one made unasked is a raving fan's. Promises,
// and promises lost unmade, do not count; the evidence is the first made
// of those that earn the level, and its made day is when they reached it.
// It must agree with the store's derived advocacy column.
func DeriveAdvocacy(contactID int64, intros []Introduction) (Advocacy, *Introduction) {
	level, evidence := NoAdvocacy, (*Introduction)(nil)
	for i := range intros {
		in := &intros[i]
		if in.Direction != Received || in.From.ID != contactID || !in.Happened() {
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

// earlier reports whether a was made before b; both were made.
func earlier(a, b *Introduction) bool {
	if *a.MadeOn != *b.MadeOn {
		return a.MadeOn.Before(*b.MadeOn)
	}
	return a.ID < b.ID
}

// IntroSteps are the days an introduction reached each step of its way:
// promised, made, met, and closed (won or lost). A step not reached is
// nil. Reports count each step on its own day, whatever the status now.
type IntroSteps struct {
	PromisedOn *dates.Date `json:"promised_on"`
	MadeOn     *dates.Date `json:"made_on"`
	MetOn      *dates.Date `json:"met_on"`
	ClosedOn   *dates.Date `json:"closed_on"`
}

// The steps in order, as indexes of IntroSteps.days.
const (
	stepPromised = iota
	stepMade
	stepMet
	stepClosed
	stepCount
)

// stepNames says each step in a sentence: "the day it was made".
var stepNames = [stepCount]string{"promised", "made", "met", "closed"}

// stepOf is the step each status is the latest of.
var stepOf = map[IntroStatus]int{Promised: stepPromised, Made: stepMade, Met: stepMet, Won: stepClosed, Lost: stepClosed}

// stepRule says whether an introduction at some status has a step.
type stepRule int

const (
	stepAbsent   stepRule = iota // the step comes after the status
	stepOptional                 // it may or may not have happened
	stepRequired                 // the status cannot be reached without it
)

// stepRules are the steps each status has. Anything but a promise may
// have been promised first. Won passes through made and met. Lost closes
// whatever came before: a promise lost unmade has no made day.
var stepRules = map[IntroStatus][stepCount]stepRule{
	Promised: {stepRequired, stepAbsent, stepAbsent, stepAbsent},
	Made:     {stepOptional, stepRequired, stepAbsent, stepAbsent},
	Met:      {stepOptional, stepRequired, stepRequired, stepAbsent},
	Won:      {stepOptional, stepRequired, stepRequired, stepRequired},
	Lost:     {stepOptional, stepOptional, stepOptional, stepRequired},
}

// days gives the steps' days by index, to read and set them in order.
func (s *IntroSteps) days() [stepCount]**dates.Date {
	return [stepCount]**dates.Date{&s.PromisedOn, &s.MadeOn, &s.MetOn, &s.ClosedOn}
}

// First is the day of the introduction's first step: promised, or made
// for one recorded as it happened.
func (s IntroSteps) First() dates.Date {
	for _, d := range s.days() {
		if *d != nil {
			return **d
		}
	}
	return dates.Date{}
}

// Day is the day of the step status is at: for won or lost, the closed day.
func (s IntroSteps) Day(status IntroStatus) dates.Date {
	if d := *s.days()[stepOf[status]]; d != nil {
		return *d
	}
	return dates.Date{}
}

// Check reports whether the steps fit status: the steps stepRules asks
// for are there and none after it; a met day needs a made day, a lost one
// at least a promise; and no step's day is before the day of the step
// before it.
func (s IntroSteps) Check(status IntroStatus) error {
	rules, ok := stepRules[status]
	if !ok {
		return Errorf(Invalid, "unknown introduction status %q", status)
	}
	var prev *dates.Date
	prevStep := 0
	for i, d := range s.days() {
		switch {
		case *d == nil && rules[i] == stepRequired:
			return Errorf(Invalid, "a %s introduction needs the day it was %s", status, stepNames[i])
		case *d != nil && rules[i] == stepAbsent:
			return Errorf(Invalid, "a %s introduction has not been %s yet", status, stepNames[i]).
				WithHint("move it to a later status to give that day")
		case *d == nil:
			continue
		case prev != nil && (*d).Before(*prev):
			return Errorf(Invalid, "%s is before the day it was %s (%s)", *d, stepNames[prevStep], *prev).
				WithHint("give a day on or after %s", *prev)
		}
		prev, prevStep = *d, i
	}
	switch {
	case s.MetOn != nil && s.MadeOn == nil:
		return Errorf(Invalid, "an introduction cannot be met without being made").WithHint("give the day it was made")
	case s.PromisedOn == nil && s.MadeOn == nil:
		return Errorf(Invalid, "a %s introduction needs the day it was promised or made", status)
	}
	return nil
}

// NewIntroSteps are the steps of an introduction recorded at status on
// day on: a promise is promised on it; anything else was made on it, and
// met and closed on it as its status says.
func NewIntroSteps(status IntroStatus, on dates.Date) (IntroSteps, error) {
	if status == Promised {
		return IntroSteps{PromisedOn: &on}, nil
	}
	return IntroSteps{MadeOn: &on}.Move(Made, status, on, on)
}

// Move takes the steps of an introduction at status from to status to.
// The step to is at takes the day on; when on is zero, a step already
// reached keeps its day (moving back, or correcting won to lost), a
// promise without a day takes the introduction's first day, and a new
// step takes today. Steps to needs that were skipped take the same day;
// steps after it are cleared. An introduction made and closed cannot go
// back to promised: its outcome happened. See Check for what else is
// refused.
func (s IntroSteps) Move(from, to IntroStatus, on, today dates.Date) (IntroSteps, error) {
	rules, ok := stepRules[to]
	if !ok {
		return s, Errorf(Invalid, "unknown introduction status %q", to)
	}
	if to == Promised && (from == Won || from == Lost) && s.MadeOn != nil {
		return s, Errorf(Conflict, "it is %s and was made, so it cannot go back to promised", from).
			WithHint("a won or lost introduction can be corrected to made or met")
	}
	next := s
	days := next.days()
	target := stepOf[to]
	day := on
	switch {
	case !day.IsZero():
	case *days[target] != nil:
		day = **days[target]
	case to == Promised:
		day = s.First()
	default:
		day = today
	}
	if err := stepInPast(day, today); err != nil {
		return s, err
	}
	for i := range days {
		switch {
		case i == target:
			*days[i] = &day
		case i > target:
			*days[i] = nil
		case *days[i] == nil && rules[i] == stepRequired:
			*days[i] = &day
		}
	}
	return next, next.Check(to)
}

// stepInPast refuses a step's day after today: a step is recorded once it
// happened.
func stepInPast(day, today dates.Date) error {
	if day.After(today) {
		return Errorf(Invalid, "%s is in the future: record a step of an introduction once it happened", day).
			WithHint("give the day it happened")
	}
	return nil
}

// IntroStepNames are the steps an introduction's days are named by, in
// order: the day it was promised, made, met and closed.
var IntroStepNames = stepNames[:]

// WithDays corrects the days of the steps named in days (by
// IntroStepNames) to their values, clearing those that are nil: the
// steps of an introduction at status, checked together as Check does,
// with no day after today.
func (s IntroSteps) WithDays(status IntroStatus, days map[string]*dates.Date, today dates.Date) (IntroSteps, error) {
	next := s
	for step := range days {
		if !slices.Contains(IntroStepNames, step) {
			return s, Errorf(Invalid, "unknown introduction step %q", step).
				WithHint("use one of %s", strings.Join(IntroStepNames, ", "))
		}
	}
	for i, step := range IntroStepNames {
		day, ok := days[step]
		if !ok {
			continue
		}
		if day != nil {
			if err := stepInPast(*day, today); err != nil {
				return s, err
			}
		}
		*next.days()[i] = day
	}
	return next, next.Check(status)
}
