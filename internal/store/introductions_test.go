package store_test

import (
	"context"
	"math/rand"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

func TestRecordIntroduction(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Bo Chen", "Carla Mendes")

	promised, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "bo"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: true, Status: kith.Promised})
	require.NoError(t, err)
	assert.Equal(t, kith.NoAdvocacy, promised.AdvocacyAfter, "a promise is not evidence")

	made, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "bo"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: true, Status: kith.Made})
	require.NoError(t, err)
	assert.True(t, made.Fulfilled)
	assert.Equal(t, promised.ID, made.ID, "the promise is fulfilled, not doubled")
	assert.Equal(t, kith.Advocate, made.AdvocacyAfter)

	// --new: "Carl" is a new person, not Carla Mendes by prefix
	carl, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "bo", To: "Carl @ Acme", NewTo: true},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.CoffeeIntro, Status: kith.Made})
	require.NoError(t, err)
	assert.True(t, carl.CreatedContact)
	assert.Equal(t, kith.RavingFan, carl.AdvocacyAfter)
	c, err := db.GetContact(ctx, carl.To.ID)
	require.NoError(t, err)
	assert.Equal(t, "Acme", c.Company)
	assert.Equal(t, []string{"via:Bo Chen"}, c.Tags)
	assert.Equal(t, "intro", c.Source)

	for name, tt := range map[string]struct {
		refs store.IntroRefs
		n    store.NewIntroduction
		code kith.Code
	}{
		"self":          {store.IntroRefs{From: "ana", To: "ana lima"}, store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance}, kith.Invalid},
		"unknown to":    {store.IntroRefs{From: "ana", To: "zed"}, store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance}, kith.NotFound},
		"unknown from":  {store.IntroRefs{From: "zed", To: "ana"}, store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance}, kith.NotFound},
		"bad kind":      {store.IntroRefs{From: "ana", To: "Dee", NewTo: true}, store.NewIntroduction{Direction: kith.Received, Kind: "x"}, kith.Invalid},
		"future":        {store.IntroRefs{From: "ana", To: "Dee", NewTo: true}, store.NewIntroduction{Direction: kith.Received, Kind: kith.Alliance, On: dates.Of(fixedNow).AddDays(1)}, kith.Invalid},
		"bad direction": {store.IntroRefs{From: "ana", To: "bo"}, store.NewIntroduction{Direction: "sideways", Kind: kith.Alliance}, kith.Invalid},
	} {
		t.Run(name, func(t *testing.T) {
			before := countRows(t, db, "introductions")
			contacts := countRows(t, db, "contacts")
			_, err := db.RecordIntroduction(ctx, tt.refs, tt.n)
			require.Error(t, err)
			assert.Equal(t, tt.code, kith.ErrorCode(err))
			assert.Equal(t, before, countRows(t, db, "introductions"))
			assert.Equal(t, contacts, countRows(t, db, "contacts"), "a new contact is rolled back with the failure")
		})
	}
}

func TestUpdateIntroduction(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Bo Chen")
	in, err := db.RecordIntroduction(ctx, store.IntroRefs{From: "ana", To: "bo"},
		store.NewIntroduction{Direction: kith.Received, Kind: kith.ClientIntro, Asked: true, Status: kith.Promised})
	require.NoError(t, err)

	ch, err := db.UpdateIntroduction(ctx, in.ID, store.IntroUpdate{Status: kith.Made})
	require.NoError(t, err)
	assert.Equal(t, kith.NoAdvocacy, ch.AdvocacyBefore)
	assert.Equal(t, kith.Advocate, ch.AdvocacyAfter)

	v := 5000.0
	ch, err = db.UpdateIntroduction(ctx, in.ID, store.IntroUpdate{Status: kith.Won, Value: &v})
	require.NoError(t, err)
	require.NotNil(t, ch.Value)
	assert.Equal(t, 5000.0, *ch.Value)

	neg := -1.0
	for name, u := range map[string]store.IntroUpdate{
		"negative value": {Value: &neg},
		"bad status":     {Status: "sent"},
		"future":         {Status: kith.Met, On: dates.Of(fixedNow).AddDays(2)},
		"before intro":   {Status: kith.Met, On: dates.Of(fixedNow).AddDays(-2)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := db.UpdateIntroduction(ctx, in.ID, u)
			require.Error(t, err)
			assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
		})
	}
	_, err = db.UpdateIntroduction(ctx, 99, store.IntroUpdate{Status: kith.Made})
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
	got, err := db.ListIntroductions(ctx, store.IntroFilter{})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, kith.Won, got[0].Status)
}

// TestDerivedAdvocacyAgrees checks that the store's derived advocacy
// column and kith.DeriveAdvocacy (which names the evidence in contact
// show) agree on random introductions.
func TestDerivedAdvocacyAgrees(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	people := addContacts(t, db, "A", "B", "C", "D", "E", "F")
	rng := rand.New(rand.NewSource(7))
	dirs := []kith.Direction{kith.Received, kith.Given}
	for i := 0; i < 60; i++ {
		from, to := people[rng.Intn(len(people))], people[rng.Intn(len(people))]
		if from.ID == to.ID {
			continue
		}
		_, err := db.RecordIntroduction(ctx, store.IntroRefs{From: itoa(from.ID), To: itoa(to.ID)},
			store.NewIntroduction{Direction: dirs[rng.Intn(2)], Kind: kith.IntroKinds[rng.Intn(3)],
				Asked: rng.Intn(3) > 0, Status: kith.IntroStatuses[rng.Intn(len(kith.IntroStatuses))]})
		require.NoError(t, err)
	}
	_, err := db.UpdateContact(ctx, people[0].ID, func(c *kith.Contact) error {
		c.Advocacy, c.AdvocacySet = kith.Advocate, true
		return nil
	})
	require.NoError(t, err)
	_, err = db.LogCoffee(ctx, store.NewCoffee{Refs: []string{"1", "2"}, On: dates.Of(fixedNow), Topic: "sailing"})
	require.NoError(t, err)

	var advocates []store.AdvocateStats
	var topics map[int64]string
	require.NoError(t, db.Read(ctx, "read advocates", func(tx *store.Tx) error {
		if advocates, err = tx.Advocates(false, store.AdvocateCut{}); err != nil {
			return err
		}
		topics, err = tx.LastTopics([]int64{1, 2, 3})
		return err
	}))
	stats := map[int64]store.AdvocateStats{}
	for _, a := range advocates {
		stats[a.Contact.ID] = a
	}
	for _, p := range people {
		c, h, err := db.ContactHistory(ctx, itoa(p.ID))
		require.NoError(t, err)
		derived, _ := kith.DeriveAdvocacy(c.ID, h.Introductions)
		if !c.AdvocacySet {
			assert.Equal(t, c.Advocacy, derived, c.Name)
		}
		a, listed := stats[c.ID]
		assert.Equal(t, c.Advocacy == kith.Advocate, listed, "%s (%s) on the 211° list", c.Name, c.Advocacy)
		if listed {
			b := kith.BalanceOf(c.ID, h.Introductions)
			assert.Equal(t, b.Received, a.Made, c.Name)
			assert.Equal(t, b.PromisedToYou, a.Promised, c.Name)
			assert.Equal(t, b.Given, a.Given, c.Name)
		}
	}
	assert.Contains(t, stats, people[0].ID, "set by the user")
	assert.Equal(t, map[int64]string{1: "sailing", 2: "sailing"}, topics)
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestRecordAnswers(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	addContacts(t, db, "Ana Lima", "Sam Ng", "Sam Ng", "Carla Mendes")

	recorded, err := db.RecordAnswers(ctx, 1, []store.AnswerChoice{
		{Answer: kith.Answer{Kind: kith.Alliance, Name: "Carl"}},
		{Answer: kith.Answer{Kind: kith.ClientIntro, Name: "carla mendes"}},
		{Answer: kith.Answer{Kind: kith.CoffeeIntro, Name: "Sam Ng"}, ContactID: 3},
		{Answer: kith.Answer{Kind: kith.Alliance, Name: "Sam Ng"}, ContactID: store.NewContactChoice},
		{Answer: kith.Answer{Kind: kith.CoffeeIntro, Name: "Carl"}},
	})
	require.NoError(t, err)
	require.Len(t, recorded, 5)
	assert.True(t, recorded[0].CreatedContact)
	assert.Equal(t, int64(5), recorded[0].To.ID)
	assert.Equal(t, int64(4), recorded[1].To.ID, "exact name in any case")
	assert.Equal(t, int64(3), recorded[2].To.ID, "the contact the user picked")
	assert.True(t, recorded[3].CreatedContact, "n: someone new despite the name")
	assert.Equal(t, int64(5), recorded[4].To.ID, "a name created earlier in the same answers is found again")
	for _, r := range recorded {
		assert.Equal(t, kith.Promised, r.Status)
		assert.True(t, r.Asked)
		assert.Equal(t, kith.Received, r.Direction)
	}

	again, err := db.RecordAnswers(ctx, 1, []store.AnswerChoice{{Answer: kith.Answer{Kind: kith.Alliance, Name: "carl"}}})
	require.NoError(t, err)
	assert.True(t, again[0].AlreadyRecorded)

	// an ambiguous name fails the whole set: the new contact before it is rolled back
	contacts, intros := countRows(t, db, "contacts"), countRows(t, db, "introductions")
	_, err = db.RecordAnswers(ctx, 1, []store.AnswerChoice{
		{Answer: kith.Answer{Kind: kith.Alliance, Name: "Dee New"}},
		{Answer: kith.Answer{Kind: kith.ClientIntro, Name: "sam ng"}},
	})
	require.Error(t, err)
	assert.Equal(t, kith.Ambiguous, kith.ErrorCode(err))
	assert.Equal(t, contacts, countRows(t, db, "contacts"))
	assert.Equal(t, intros, countRows(t, db, "introductions"))
}

func TestFindAnswerContact(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, c := range []kith.Contact{
		{Name: "Sam Ng", Company: "Initech"}, {Name: "Sam Ng", Company: "Hooli"}, {Name: "Sam Ng", Company: "Hooli"},
		{Name: "Carla Mendes", Emails: []string{"carla@mendes.io"}},
	} {
		_, err := db.AddContact(ctx, c)
		require.NoError(t, err)
	}
	tests := []struct {
		name   string
		a      kith.Answer
		wantID int64 // 0: no one
		code   kith.Code
	}{
		{"company picks one", kith.Answer{Name: "sam ng", Company: "INITECH"}, 1, ""},
		{"company shared", kith.Answer{Name: "Sam Ng", Company: "Hooli"}, 0, kith.Ambiguous},
		{"unknown company", kith.Answer{Name: "Sam Ng", Company: "Umbrella"}, 0, kith.Ambiguous},
		{"no company", kith.Answer{Name: "Sam Ng"}, 0, kith.Ambiguous},
		{"email", kith.Answer{Name: "CARLA@mendes.io"}, 4, ""},
		{"prefix is not a match", kith.Answer{Name: "Carl"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := db.FindAnswerContact(ctx, tt.a)
			if tt.code != "" {
				assert.Equal(t, tt.code, kith.ErrorCode(err))
				return
			}
			require.NoError(t, err)
			if tt.wantID == 0 {
				assert.Nil(t, c)
				return
			}
			require.NotNil(t, c)
			assert.Equal(t, tt.wantID, c.ID)
		})
	}
}

func TestTargets(t *testing.T) {
	ctx := context.Background()
	db, _ := openTemp(t)
	for _, tg := range []kith.Target{{Name: "Globex", Segment: "logistics"}, {Name: " Acme ", Segment: "Clinics"}, {Name: "42"}, {Name: "Initech"}} {
		_, err := db.AddTarget(ctx, tg)
		require.NoError(t, err)
	}
	_, err := db.AddTarget(ctx, kith.Target{Name: "ACME"})
	assert.Equal(t, kith.Conflict, kith.ErrorCode(err))
	_, err = db.AddTarget(ctx, kith.Target{Name: " "})
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))

	all, err := db.ListTargets(ctx, "")
	require.NoError(t, err)
	var names []string
	for _, tg := range all {
		names = append(names, tg.Name)
	}
	assert.Equal(t, []string{"42", "Initech", "Acme", "Globex"}, names, "by segment, then name")
	clinics, err := db.ListTargets(ctx, "clinics")
	require.NoError(t, err)
	require.Len(t, clinics, 1)
	assert.Equal(t, "Acme", clinics[0].Name)

	// a target named like an id is removed by name first
	gone, err := db.RemoveTarget(ctx, "42")
	require.NoError(t, err)
	assert.Equal(t, "42", gone.Name)
	gone, err = db.RemoveTarget(ctx, "1")
	require.NoError(t, err)
	assert.Equal(t, "Globex", gone.Name)
	_, err = db.RemoveTarget(ctx, "nope")
	assert.Equal(t, kith.NotFound, kith.ErrorCode(err))
}
