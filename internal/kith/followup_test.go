package kith_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func TestCadenceDue(t *testing.T) {
	added := dates.New(2026, time.January, 1)
	last := dates.New(2026, time.February, 10)
	assert.Equal(t, "2026-01-31", kith.CadenceDue(nil, added, 30).String(), "never contacted: from the day added")
	assert.Equal(t, "2026-03-12", kith.CadenceDue(&last, added, 30).String(), "from the last contact")
}

func TestCadencePolicyFor(t *testing.T) {
	own := 7
	p := kith.CadencePolicy{Default: 90, ByCategory: map[string]int{"lawyer": 30, "friend": 0}}
	tests := []struct {
		name     string
		category string
		own      *int
		want     int
	}{
		{"own cadence wins", "lawyer", &own, 7},
		{"category, any case", " Lawyer ", nil, 30},
		{"category set to none", "friend", nil, 0},
		{"default", "banker", nil, 90},
		{"no category", "", nil, 90},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, p.For(tt.category, tt.own))
		})
	}
	assert.Equal(t, 0, kith.CadencePolicy{}.For("lawyer", nil), "no config: no cadence")
}

func TestSortDue(t *testing.T) {
	d := func(day int) dates.Date { return dates.New(2026, time.March, day) }
	items := []kith.DueItem{
		{What: "c", Due: d(3)},
		{What: "a", Due: d(1)},
		{What: "d", Due: d(3)},
		{What: "old", Due: dates.New(1969, time.December, 31)},
		{What: "b", Due: d(2)},
		{What: "e", Due: d(3)},
	}
	kith.SortDue(items)
	var got []string
	for _, it := range items {
		got = append(got, it.What)
	}
	assert.Equal(t, []string{"old", "a", "b", "c", "d", "e"}, got, "oldest first, same day in the order given")

	// a longer list, against the standard library's stable sort
	var long, want []kith.DueItem
	for i := 0; i < 500; i++ {
		long = append(long, kith.DueItem{What: fmt.Sprint(i), Due: d(1 + (i*7919)%31)})
	}
	want = append(want, long...)
	sort.SliceStable(want, func(i, j int) bool { return want[i].Due.Before(want[j].Due) })
	kith.SortDue(long)
	assert.Equal(t, want, long)
	kith.SortDue(nil)
}
