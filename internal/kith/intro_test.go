package kith_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func TestParseAnswer(t *testing.T) {
	tests := []struct {
		in, name, company string
		bad               bool
	}{
		{"Dan Wu", "Dan Wu", "", false},
		{"  Dan Wu @ Wu Accounting ", "Dan Wu", "Wu Accounting", false},
		{"Dan Wu@Acme", "Dan Wu", "Acme", false},
		{"dan@wu.io", "dan@wu.io", "", false},
		{"Dan @ Acme @ Hooli", "Dan", "Acme @ Hooli", false},
		{" @ Acme", "", "", true},
		{"", "", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, err := kith.ParseAnswer(kith.Alliance, tt.in)
			if tt.bad {
				require.Error(t, err)
				assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.name, a.Name)
			assert.Equal(t, tt.company, a.Company)
			assert.Equal(t, kith.Alliance, a.Kind)
		})
	}
}

func TestParseValue(t *testing.T) {
	for in, want := range map[string]float64{"0": 0, "5000": 5000, " 1250.50 ": 1250.5, "007": 7} {
		v, err := kith.ParseValue(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, v, in)
	}
	for _, bad := range []string{"", "abc", "-1", "-0.01", "NaN", "Inf", "$500", "1,000", "1e3", "0x1p4", "+5", ".5", "5.", "1" + strings.Repeat("0", 400)} {
		_, err := kith.ParseValue(bad)
		require.Error(t, err, bad)
		assert.Equal(t, kith.Invalid, kith.ErrorCode(err), bad)
	}
	// a float keeps 15 digits: a larger amount would be stored rounded
	v, err := kith.ParseValue("1000000000000")
	require.NoError(t, err)
	assert.Equal(t, 1e12, v)
	for _, big := range []string{"1000000000000.01", "99999999999999999999999", "12345678901234567"} {
		_, err := kith.ParseValue(big)
		assert.ErrorContains(t, err, "too large", big)
	}
}

func TestParseEnums(t *testing.T) {
	k, err := kith.ParseIntroKind(" Client ")
	require.NoError(t, err)
	assert.Equal(t, kith.ClientIntro, k)
	_, err = kith.ParseIntroStatus("sent")
	assert.EqualError(t, err, `unknown introduction status "sent"`)
	var ke *kith.Error
	require.ErrorAs(t, err, &ke)
	assert.Equal(t, "use one of: promised, made, met, won, lost", ke.Hint)
	ck, err := kith.ParseCoffeeKind("LUNCH")
	require.NoError(t, err)
	assert.Equal(t, kith.KindLunch, ck)
	_, err = kith.ParseStage("warm")
	assert.EqualError(t, err, `unknown stage "warm"`)
}

func TestParseEnumsAsTyped(t *testing.T) {
	for _, typed := range []string{"past client", "Past-Client", " PAST_CLIENT ", "past  client", "past\tclient"} {
		st, err := kith.ParseStage(typed)
		require.NoError(t, err, typed)
		assert.Equal(t, kith.PastClient, st, typed)
	}
	a, err := kith.ParseAdvocacy("Raving Fan")
	require.NoError(t, err)
	assert.Equal(t, kith.RavingFan, a)
	goal, err := kith.ParseGoalName("coffees per week")
	require.NoError(t, err)
	assert.Equal(t, kith.GoalCoffeesPerWeek, goal)
	for _, bad := range []string{"pastclient", "past client s", "", "-"} {
		_, err := kith.ParseStage(bad)
		assert.Error(t, err, bad)
	}
}

func TestCheckCoffeeDate(t *testing.T) {
	today := dates.New(2026, 3, 4)
	assert.Nil(t, kith.CheckCoffeeDate(today, today, false))
	assert.Nil(t, kith.CheckCoffeeDate(today.AddDays(-400), today, false))
	assert.Nil(t, kith.CheckCoffeeDate(today, today, true))
	assert.Nil(t, kith.CheckCoffeeDate(today.AddDays(30), today, true))
	assert.NotNil(t, kith.CheckCoffeeDate(today.AddDays(1), today, false))
	assert.NotNil(t, kith.CheckCoffeeDate(today.AddDays(-1), today, true))
}

// intro builds an introduction for the rule tests, recorded at status on
// day on of March 2026 (a lost one was made first).
func intro(id, from, to int64, dir kith.Direction, asked bool, status kith.IntroStatus, on int) kith.Introduction {
	day := dates.New(2026, 3, on)
	steps, err := kith.NewIntroSteps(status, day)
	if err != nil {
		panic(err)
	}
	return kith.Introduction{ID: id, From: kith.ContactRef{ID: from}, To: kith.ContactRef{ID: to}, Direction: dir,
		Asked: asked, Status: status, On: day, Kind: kith.Alliance, IntroSteps: steps}
}

// lostUnmade is a promise of day on closed as lost without being made.
func lostUnmade(id, from, to int64, dir kith.Direction, on int) kith.Introduction {
	in := intro(id, from, to, dir, true, kith.Promised, on)
	steps, err := in.Move(kith.Promised, kith.Lost, dates.New(2026, 3, on+1), dates.New(2026, 3, 31))
	if err != nil {
		panic(err)
	}
	in.Status, in.IntroSteps = kith.Lost, steps
	return in
}

func TestDeriveAdvocacy(t *testing.T) {
	const ana = 1
	tests := []struct {
		name   string
		intros []kith.Introduction
		want   kith.Advocacy
		wantID int64
	}{
		{"nothing", nil, kith.NoAdvocacy, 0},
		{"a promise is not evidence", []kith.Introduction{intro(1, ana, 2, kith.Received, true, kith.Promised, 1)}, kith.NoAdvocacy, 0},
		{"introduced to the user by someone else", []kith.Introduction{intro(1, 2, ana, kith.Received, false, kith.Made, 1)}, kith.NoAdvocacy, 0},
		{"given by the user", []kith.Introduction{intro(1, ana, 2, kith.Given, false, kith.Made, 1)}, kith.NoAdvocacy, 0},
		{"asked and made", []kith.Introduction{intro(1, ana, 2, kith.Received, true, kith.Made, 1)}, kith.Advocate, 1},
		{"lost after being made still happened", []kith.Introduction{intro(1, ana, 2, kith.Received, true, kith.Lost, 1)}, kith.Advocate, 1},
		{"a promise lost unmade never was", []kith.Introduction{lostUnmade(1, ana, 2, kith.Received, 1)}, kith.NoAdvocacy, 0},
		{"earliest asked is the evidence", []kith.Introduction{
			intro(3, ana, 2, kith.Received, true, kith.Won, 9),
			intro(2, ana, 3, kith.Received, true, kith.Made, 5),
		}, kith.Advocate, 2},
		{"unasked outranks asked", []kith.Introduction{
			intro(3, ana, 2, kith.Received, false, kith.Met, 9),
			intro(2, ana, 3, kith.Received, true, kith.Made, 5),
		}, kith.RavingFan, 3},
		{"an unasked promise does not count", []kith.Introduction{
			intro(3, ana, 2, kith.Received, false, kith.Promised, 9),
			intro(2, ana, 3, kith.Received, true, kith.Made, 5),
		}, kith.Advocate, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, evidence := kith.DeriveAdvocacy(ana, tt.intros)
			assert.Equal(t, tt.want, got)
			if tt.wantID == 0 {
				assert.Nil(t, evidence)
				return
			}
			require.NotNil(t, evidence)
			assert.Equal(t, tt.wantID, evidence.ID)
		})
	}
}

func TestBalanceOf(t *testing.T) {
	const ana = 1
	b := kith.BalanceOf(ana, []kith.Introduction{
		intro(1, ana, 2, kith.Given, true, kith.Made, 1),     // the user introduced Ana to 2
		intro(2, 3, ana, kith.Given, true, kith.Met, 1),      // ... and 3 to Ana
		intro(3, ana, 4, kith.Given, true, kith.Promised, 1), // promised by the user
		intro(4, ana, 5, kith.Received, true, kith.Won, 1),   // Ana introduced 5 to the user
		intro(5, ana, 6, kith.Received, true, kith.Promised, 1),
		intro(6, 7, ana, kith.Received, true, kith.Made, 1), // someone introduced Ana: not Ana's doing
		lostUnmade(7, ana, 8, kith.Received, 1),             // neither made nor still promised
		lostUnmade(8, ana, 9, kith.Given, 1),
	})
	assert.Equal(t, kith.Balance{Given: 2, Received: 1, PromisedByYou: 1, PromisedToYou: 1}, b)
}

func TestIntroStepsMove(t *testing.T) {
	day := func(d int) *dates.Date { v := dates.New(2026, 3, d); return &v }
	today := *day(20)
	var none dates.Date
	tests := []struct {
		name     string
		steps    kith.IntroSteps
		from, to kith.IntroStatus
		on       dates.Date
		want     kith.IntroSteps
		wantErr  string
	}{
		{"a promise made late keeps its promised day", kith.IntroSteps{PromisedOn: day(2)}, kith.Promised, kith.Made, *day(9),
			kith.IntroSteps{PromisedOn: day(2), MadeOn: day(9)}, ""},
		{"a new step defaults to today", kith.IntroSteps{MadeOn: day(2)}, kith.Made, kith.Met, none,
			kith.IntroSteps{MadeOn: day(2), MetOn: day(20)}, ""},
		{"won straight from a promise is made and met that day", kith.IntroSteps{PromisedOn: day(2)}, kith.Promised, kith.Won, *day(5),
			kith.IntroSteps{PromisedOn: day(2), MadeOn: day(5), MetOn: day(5), ClosedOn: day(5)}, ""},
		{"a promise lost is never made", kith.IntroSteps{PromisedOn: day(2)}, kith.Promised, kith.Lost, *day(5),
			kith.IntroSteps{PromisedOn: day(2), ClosedOn: day(5)}, ""},
		{"lost after being made keeps made", kith.IntroSteps{MadeOn: day(2)}, kith.Made, kith.Lost, *day(5),
			kith.IntroSteps{MadeOn: day(2), ClosedOn: day(5)}, ""},
		{"back to made clears met and closed, keeping made's day", kith.IntroSteps{MadeOn: day(2), MetOn: day(3), ClosedOn: day(4)},
			kith.Won, kith.Made, none, kith.IntroSteps{MadeOn: day(2)}, ""},
		{"won corrected to lost keeps its closed day", kith.IntroSteps{MadeOn: day(2), MetOn: day(3), ClosedOn: day(4)},
			kith.Won, kith.Lost, none, kith.IntroSteps{MadeOn: day(2), MetOn: day(3), ClosedOn: day(4)}, ""},
		{"made back to promised takes its first day", kith.IntroSteps{MadeOn: day(2)}, kith.Made, kith.Promised, none,
			kith.IntroSteps{PromisedOn: day(2)}, ""},
		{"a lost promise can be promised again", kith.IntroSteps{PromisedOn: day(2), ClosedOn: day(4)}, kith.Lost, kith.Promised, none,
			kith.IntroSteps{PromisedOn: day(2)}, ""},
		{"a step before the one before it", kith.IntroSteps{PromisedOn: day(2), MadeOn: day(9)}, kith.Made, kith.Met, *day(8),
			kith.IntroSteps{}, "2026-03-08 is before the day it was made (2026-03-09)"},
		{"a skipped step before the one before it", kith.IntroSteps{PromisedOn: day(9)}, kith.Promised, kith.Won, *day(8),
			kith.IntroSteps{}, "2026-03-08 is before the day it was promised (2026-03-09)"},
		{"a day in the future", kith.IntroSteps{MadeOn: day(2)}, kith.Made, kith.Met, *day(21),
			kith.IntroSteps{}, "2026-03-21 is in the future"},
		{"a closed introduction that happened stays so", kith.IntroSteps{MadeOn: day(2), ClosedOn: day(4)}, kith.Lost, kith.Promised, none,
			kith.IntroSteps{}, "it is lost and was made, so it cannot go back to promised"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.steps.Move(tt.from, tt.to, tt.on, today)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
			assert.Equal(t, tt.want.First(), got.First())
		})
	}
}

func TestIntroStepsCheck(t *testing.T) {
	day := func(d int) *dates.Date { v := dates.New(2026, 3, d); return &v }
	tests := []struct {
		name    string
		steps   kith.IntroSteps
		status  kith.IntroStatus
		wantErr string
	}{
		{"a promise", kith.IntroSteps{PromisedOn: day(1)}, kith.Promised, ""},
		{"made without a promise", kith.IntroSteps{MadeOn: day(1)}, kith.Made, ""},
		{"lost unmade", kith.IntroSteps{PromisedOn: day(1), ClosedOn: day(2)}, kith.Lost, ""},
		{"won needs met", kith.IntroSteps{MadeOn: day(1), ClosedOn: day(2)}, kith.Won, "a won introduction needs the day it was met"},
		{"made has no met day", kith.IntroSteps{MadeOn: day(1), MetOn: day(2)}, kith.Made, "a made introduction has not been met yet"},
		{"met needs made", kith.IntroSteps{PromisedOn: day(1), MetOn: day(2), ClosedOn: day(3)}, kith.Lost, "cannot be met without being made"},
		{"lost needs a beginning", kith.IntroSteps{ClosedOn: day(2)}, kith.Lost, "needs the day it was promised or made"},
		{"steps in order", kith.IntroSteps{PromisedOn: day(3), MadeOn: day(2)}, kith.Made, "2026-03-02 is before the day it was promised (2026-03-03)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.steps.Check(tt.status)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestIntroStepsWithDays(t *testing.T) {
	day := func(d int) *dates.Date { v := dates.New(2026, 3, d); return &v }
	today := *day(10)
	won := kith.IntroSteps{MadeOn: day(2), MetOn: day(4), ClosedOn: day(6)}
	tests := []struct {
		name    string
		days    map[string]*dates.Date
		want    string
		wantErr string
	}{
		{"moved together", map[string]*dates.Date{"made": day(7), "met": day(8), "closed": day(9)}, "07 08 09", ""},
		{"a promise added", map[string]*dates.Date{"promised": day(1)}, "01 02 04 06", ""},
		{"one at a time would fail", map[string]*dates.Date{"closed": day(9), "met": day(8)}, "02 08 09", ""},
		{"out of order", map[string]*dates.Date{"made": day(5)}, "", "2026-03-04 is before the day it was made (2026-03-05)"},
		{"required cleared", map[string]*dates.Date{"met": nil}, "", "a won introduction needs the day it was met"},
		{"future", map[string]*dates.Date{"closed": day(11)}, "", "2026-03-11 is in the future"},
		{"unknown step", map[string]*dates.Date{"sent": day(3)}, "", `unknown introduction step "sent"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := won.WithDays(kith.Won, tt.days, today)
			if tt.wantErr != "" {
				assert.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			var days []string
			for _, d := range []*dates.Date{got.PromisedOn, got.MadeOn, got.MetOn, got.ClosedOn} {
				if d != nil {
					days = append(days, d.String()[8:])
				}
			}
			assert.Equal(t, tt.want, strings.Join(days, " "))
		})
	}
	assert.Equal(t, dates.New(2026, 3, 2), *won.MadeOn, "the steps corrected are a copy")
}
