package ladder_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/ladder"
)

var today = dates.New(2026, 3, 4) // a Wednesday

func entry(id int64, name string, adv kith.Advocacy, lastDaysAgo int, made, given int) ladder.Candidate {
	c := ladder.Candidate{Contact: kith.ContactRef{ID: id, Name: name}, Advocacy: adv, Made: made, Given: given}
	if lastDaysAgo >= 0 {
		d := today.AddDays(-lastDaysAgo)
		c.LastContact = &d
	}
	return c
}

func TestRank(t *testing.T) {
	fans := ladder.Rank([]ladder.Candidate{
		entry(1, "Ana Lima", kith.Advocate, 3, 2, 1),   // 6 + 2 + 3 = 11
		entry(2, "Bo Chen", kith.Advocate, 60, 1, 1),   // 3 + 2 + 1 = 6
		entry(3, "Cy Diaz", kith.Advocate, -1, 1, 0),   // 3
		entry(4, "Dee Ross", kith.RavingFan, 1, 5, 5),  // past 212°: left out
		entry(5, "Eve Park", kith.NoAdvocacy, 1, 0, 3), // not an advocate
		entry(6, "Abe Zed", kith.Advocate, 200, 1, 0),  // 3, ties with Cy: by name
	}, today, 0)
	require.Len(t, fans, 4)
	var names []string
	for i, f := range fans {
		names = append(names, f.Contact.Name)
		assert.Equal(t, i+1, f.Rank)
	}
	assert.Equal(t, []string{"Ana Lima", "Bo Chen", "Abe Zed", "Cy Diaz"}, names)
	assert.Equal(t, 11, fans[0].Score)

	assert.Equal(t, ladder.Serve, fans[0].Next.Kind, "recent and given to: serve")
	assert.Equal(t, ladder.Time, fans[1].Next.Kind, "60 days: spend time")
	assert.Equal(t, "Spend time: invite Bo for a coffee (last met 60 days ago)", fans[1].Next.Text)
	assert.Equal(t, ladder.Give, fans[3].Next.Kind, "nothing given yet: give first")
	ladder.WithTopics(fans, map[int64]string{2: "sailing", 42: "nobody"})
	assert.Equal(t, "sailing", fans[1].LastTopic)
	assert.Equal(t, "Spend time: invite Bo for a coffee (last met 60 days ago; ask about sailing)", fans[1].Next.Text)
	assert.Nil(t, fans[3].DaysSinceContact)
}

func TestRankAll(t *testing.T) {
	cands := []ladder.Candidate{
		entry(1, "Ana Lima", kith.Advocate, 3, 1, 0),
		entry(2, "Bo Chen", kith.RavingFan, 5, 2, 1),
		entry(3, "Cy Diaz", kith.RavingFan, 200, 1, 1),
		entry(4, "Eve Park", kith.NoAdvocacy, 1, 0, 3),
	}
	fans := ladder.RankAll(cands, today, 0)
	require.Len(t, fans, 3)
	assert.Equal(t, "Ana Lima", fans[0].Contact.Name, "advocates come first, whatever their score")
	assert.Equal(t, kith.Advocate, fans[0].Advocacy)
	assert.Equal(t, []int{2, 3}, []int{fans[1].Rank, fans[2].Rank})
	assert.Equal(t, "Bo Chen", fans[1].Contact.Name)
	assert.Equal(t, kith.RavingFan, fans[1].Advocacy)
	assert.Equal(t, "Thank Bo for the people they send you, and tell them how each went", fans[1].Next.Text)
	assert.Equal(t, ladder.Time, fans[2].Next.Kind, "a raving fan not met for long: spend time")
	assert.Len(t, ladder.Rank(cands, today, 0), 1, "Rank leaves raving fans out")
}

func TestPlan(t *testing.T) {
	fans := ladder.Rank([]ladder.Candidate{
		entry(1, "Ana Lima", kith.Advocate, 3, 2, 1),
		entry(2, "Bo Chen", kith.Advocate, 60, 1, 1),
		entry(3, "Cy Diaz", kith.Advocate, 10, 1, 0),
		entry(4, "Dee Ross", kith.Advocate, 10, 1, 2),
	}, today, 0)
	steps := ladder.Plan(fans, today)
	require.Len(t, steps, ladder.Weeks*len(fans))
	assert.Equal(t, "2026-03-02", steps[0].StartsOn.String(), "weeks start on this week's Monday")
	assert.Equal(t, "2026-05-18", steps[len(steps)-1].StartsOn.String())

	byContact := map[int64][]ladder.Step{}
	for _, s := range steps {
		byContact[s.Contact.ID] = append(byContact[s.Contact.ID], s)
	}
	for _, f := range fans {
		got := byContact[f.Contact.ID]
		require.Len(t, got, ladder.Weeks)
		assert.Equal(t, f.Next, got[0].Action, "week 1 is the next action")
		kinds := map[ladder.ActionKind]int{}
		for w, s := range got {
			assert.Equal(t, w+1, s.Week)
			kinds[s.Action.Kind]++
			if w > 0 {
				assert.NotEqual(t, got[w-1].Action.Kind, s.Action.Kind, "%s: week %d repeats week %d's theme", f.Contact.Name, w+1, w)
			}
		}
		assert.Len(t, kinds, 4, "a quarter touches every theme")
	}
	// the coffees spread: not every advocate has time together in week 2
	week2 := map[ladder.ActionKind]bool{}
	for _, s := range steps {
		if s.Week == 2 {
			week2[s.Action.Kind] = true
		}
	}
	assert.Greater(t, len(week2), 1)
	assert.Empty(t, ladder.Plan(nil, today))
}

// TestRankLimit checks that the first few, picked without sorting
// everyone, are the head of the whole list, ties and all: same scores,
// same made, names equal but for case, in no order of id.
func TestRankLimit(t *testing.T) {
	var cands []ladder.Candidate
	for i, name := range []string{"Ana Lima", "ana lima", "Bo Chen", "ANA LIMA", "Cy Diaz", "Bo chen", "Dee Ross", "Ana Lima"} {
		adv := kith.Advocate
		if i%3 == 2 {
			adv = kith.RavingFan
		}
		cands = append(cands, entry(int64(20-i), name, adv, 10*i, i%2, 1-i%2))
	}
	for _, rank := range []func([]ladder.Candidate, dates.Date, int) []ladder.Fan{ladder.Rank, ladder.RankAll} {
		all := rank(cands, today, 0)
		for limit := 1; limit <= len(all)+1; limit++ {
			assert.Equal(t, all[:min(limit, len(all))], rank(cands, today, limit), "limit %d", limit)
		}
	}
	ids := []int64{}
	for _, f := range ladder.Rank(cands, today, 0) {
		ids = append(ids, f.Contact.ID)
	}
	assert.Equal(t, []int64{17, 19, 20, 13, 16, 14}, ids, "equal names: the one added first")
}
