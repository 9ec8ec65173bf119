package kith

import (
	"errors"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The objectives a user can set, each a number per calendar period.
const (
	GoalCoffeesPerWeek    = "coffees-per-week"
	GoalClientsPerQuarter = "clients-per-quarter"
	GoalRevenuePerQuarter = "revenue-per-quarter"
	GoalIntrosPerMonth    = "intros-per-month"
)

// GoalNames lists the known objectives in the order reports show them.
var GoalNames = []string{GoalCoffeesPerWeek, GoalClientsPerQuarter, GoalRevenuePerQuarter, GoalIntrosPerMonth}

// Goal is one objective and its value.
type Goal struct {
	Name      string    `json:"name"`
	Value     float64   `json:"value"`
	UpdatedAt time.Time `json:"updated_at"`
}

// ParseGoalName accepts a known objective name as people type it
// ("Coffees per week") and returns its canonical form (coffees-per-week).
func ParseGoalName(s string) (string, error) {
	if n, ok := MatchEnum(s, GoalNames); ok {
		return n, nil
	}
	return "", Errorf(Invalid, "unknown goal %q", s).WithHint("use one of: %s", strings.Join(GoalNames, ", "))
}

// ParseGoalValue reads an objective's value: a non-negative number, and a
// whole one for the objectives that count things (only revenue has cents).
func ParseGoalValue(name, s string) (float64, error) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "-") && plainNumber().MatchString(s[1:]) {
		return 0, Errorf(Invalid, "goal %s cannot be negative, got %s", name, s).WithHint("use 0 to drop the objective")
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) || !plainNumber().MatchString(s) {
		return 0, Errorf(Invalid, "goal %s needs a number, got %q", name, s).WithHint("e.g. kith goal set %s %s", name, goalExample(name))
	}
	if v > MaxAmount {
		return 0, Errorf(Invalid, "goal %s is too large: %s", name, s).WithHint("kith keeps amounts up to %s", maxAmountText)
	}
	if name != GoalRevenuePerQuarter && v != math.Trunc(v) {
		return 0, Errorf(Invalid, "goal %s counts things: use a whole number, got %s", name, s).WithHint("e.g. kith goal set %s %s", name, goalExample(name))
	}
	return v, nil
}

// plainNumber is how a value is written: digits with an optional decimal
// part, no exponent, no separators.
var plainNumber = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\+?(\d+(\.\d*)?|\.\d+)$`) })

// MaxAmount bounds a goal or an introduction's value well past any real
// one, and where a float64 still holds every cent exactly (a larger amount
// would be stored rounded, not as typed).
const MaxAmount = 1e12

// maxAmountText is MaxAmount as digits, for hints.
var maxAmountText = strconv.FormatFloat(MaxAmount, 'f', -1, 64)

func goalExample(name string) string {
	switch name {
	case GoalRevenuePerQuarter:
		return "50000"
	case GoalCoffeesPerWeek:
		return "6"
	}
	return "3"
}

// SuggestedCategories are the kinds of people the method suggests putting
// on the napkin; the napkin calls out the ones still empty.
var SuggestedCategories = []string{"lawyer", "contractor", "real estate agent", "existing client", "past client", "friend"}
