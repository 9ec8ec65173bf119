package app

import (
	"math"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/period"
)

// goalUnits says which calendar unit each objective is counted per.
var goalUnits = map[string]period.Unit{
	kith.GoalCoffeesPerWeek:    period.Week,
	kith.GoalClientsPerQuarter: period.Quarter,
	kith.GoalRevenuePerQuarter: period.Quarter,
	kith.GoalIntrosPerMonth:    period.Month,
}

// Objective is one objective laid over the period: the goal per unit, the
// target it makes for this period (to two decimals; text prints at most
// one), what was done and how far that got.
type Objective struct {
	Goal    string      `json:"goal"`
	PerUnit float64     `json:"per_unit"`
	Unit    period.Unit `json:"unit"`
	Target  float64     `json:"target"`
	Actual  float64     `json:"actual"`
	Percent int         `json:"percent"`
}

// Scorecard is the report with every objective set laid over it, and the
// weekly coffee objective the chart marks (nil when none is set).
type Scorecard struct {
	Report
	Objectives    []Objective `json:"objectives"`
	WeeklyCoffees *float64    `json:"coffees_per_week_objective"`
}

// newScorecard lays the objectives the user set over the report, each
// scaled to the period's length in its unit.
func newScorecard(r Report, goals map[string]kith.Goal) Scorecard {
	s := Scorecard{Report: r, Objectives: []Objective{}}
	actual := map[string]float64{
		kith.GoalCoffeesPerWeek:    float64(r.Coffees),
		kith.GoalClientsPerQuarter: float64(r.ClientsWon),
		kith.GoalRevenuePerQuarter: r.Revenue,
		kith.GoalIntrosPerMonth:    float64(r.Intros.Made),
	}
	for _, name := range kith.GoalNames {
		g, ok := goals[name]
		if !ok || g.Value <= 0 {
			continue
		}
		unit := goalUnits[name]
		target := g.Value * r.Period.Units(unit)
		o := Objective{Goal: name, PerUnit: g.Value, Unit: unit, Target: math.Round(target*100) / 100, Actual: actual[name]}
		o.Percent = int(math.Round(100 * o.Actual / target))
		s.Objectives = append(s.Objectives, o)
		if name == kith.GoalCoffeesPerWeek {
			s.WeeklyCoffees = &g.Value
		}
	}
	return s
}

// Objective returns the objective for the goal name, if one is set.
func (s Scorecard) Objective(goal string) (Objective, bool) {
	for _, o := range s.Objectives {
		if o.Goal == goal {
			return o, true
		}
	}
	return Objective{}, false
}
