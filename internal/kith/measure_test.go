package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

func TestMoveDirection(t *testing.T) {
	for _, tc := range []struct {
		from, to kith.Stage
		want     kith.Move
	}{
		{"", kith.Halo, kith.MoveNew},
		{"", kith.Client, kith.MoveNew},
		{kith.Halo, kith.Lead, kith.MoveUp},
		{kith.Halo, kith.Client, kith.MoveUp},
		{kith.Lead, kith.Client, kith.MoveUp},
		{kith.PastClient, kith.Client, kith.MoveUp},
		{kith.PastClient, kith.Lead, kith.MoveUp},
		{kith.Client, kith.PastClient, kith.MoveDown},
		{kith.Lead, kith.Halo, kith.MoveDown},
		{kith.Client, kith.Lead, kith.MoveDown},
		{kith.Halo, kith.PastClient, kith.MoveDown},
		{kith.PastClient, kith.Halo, kith.MoveDown},
		{kith.Lead, kith.Lead, kith.MoveNone},
	} {
		assert.Equal(t, tc.want, kith.MoveDirection(tc.from, tc.to), "%s → %s", tc.from, tc.to)
	}
}

func TestParseGoal(t *testing.T) {
	name, err := kith.ParseGoalName(" Coffees-Per-Week ")
	require.NoError(t, err)
	assert.Equal(t, kith.GoalCoffeesPerWeek, name)

	_, err = kith.ParseGoalName("coffees")
	require.Error(t, err)
	var ke *kith.Error
	require.ErrorAs(t, err, &ke)
	assert.Contains(t, ke.Hint, "coffees-per-week, clients-per-quarter, revenue-per-quarter, intros-per-month")

	for _, tc := range []struct {
		name, in string
		want     float64
		bad      string
	}{
		{name: kith.GoalCoffeesPerWeek, in: "6", want: 6},
		{name: kith.GoalCoffeesPerWeek, in: "0", want: 0},
		{name: kith.GoalRevenuePerQuarter, in: "50000.50", want: 50000.5},
		{name: kith.GoalCoffeesPerWeek, in: "6.5", bad: "whole number"},
		{name: kith.GoalCoffeesPerWeek, in: "-1", bad: "cannot be negative"},
		{name: kith.GoalRevenuePerQuarter, in: "-0.01", bad: "cannot be negative"},
		{name: kith.GoalCoffeesPerWeek, in: "six", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "NaN", bad: "needs a number"},
		{name: kith.GoalRevenuePerQuarter, in: "Inf", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "1e3", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "1_000", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "0x10", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "6,5", bad: "needs a number"},
		{name: kith.GoalCoffeesPerWeek, in: "-0", bad: "cannot be negative"},
		{name: kith.GoalRevenuePerQuarter, in: "1e22", bad: "needs a number"},
		{name: kith.GoalRevenuePerQuarter, in: "99999999999999", bad: "too large"},
		{name: kith.GoalRevenuePerQuarter, in: "9223372036854775807", bad: "too large"},
		{name: kith.GoalRevenuePerQuarter, in: "1000000000000", want: 1e12},
		{name: kith.GoalCoffeesPerWeek, in: " +7 ", want: 7},
		{name: kith.GoalRevenuePerQuarter, in: ".5", want: 0.5},
	} {
		v, err := kith.ParseGoalValue(tc.name, tc.in)
		if tc.bad != "" {
			assert.ErrorContains(t, err, tc.bad, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, v, tc.in)
	}
}
