package questions_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/questions"
)

func TestAskClientQuestion(t *testing.T) {
	tests := []struct {
		name    string
		targets []kith.Target
		want    string
	}{
		{"no targets", nil,
			"Do you know someone whose business might have a project I could help with right now?"},
		{"one", []kith.Target{{Name: "Acme"}},
			"Do you know anyone at Acme who might have a project I could help with?"},
		{"two with a segment", []kith.Target{{Name: "Acme", Segment: "clinics"}, {Name: "Globex", Segment: "Clinics"}},
			"Do you know anyone at Acme or Globex, or anywhere else in clinics, who might have a project I could help with?"},
		{"more than fit", []kith.Target{{Name: "A"}, {Name: "B"}, {Name: "C"}, {Name: "D"}},
			"Do you know anyone at A, B, C or a company like them who might have a project I could help with?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := questions.Ask("Ana Lima", tt.targets)
			assert.Len(t, qs, 3)
			assert.Equal(t, []kith.IntroKind{kith.Alliance, kith.ClientIntro, kith.CoffeeIntro}, []kith.IntroKind{qs[0].Kind, qs[1].Kind, qs[2].Kind})
			assert.Contains(t, qs[0].Text, "Ana, ")
			assert.Equal(t, tt.want, qs[1].Text)
		})
	}
}

func TestFirstName(t *testing.T) {
	assert.Equal(t, "Ana", questions.FirstName("  Ana  Lima "))
	assert.Equal(t, "Zoë", questions.FirstName("Zoë"))
	assert.Equal(t, "", questions.FirstName(""))
}

func TestReminder(t *testing.T) {
	today := dates.New(2026, 3, 10)
	ana, dan, eve := kith.ContactRef{ID: 1, Name: "Ana Lima"}, kith.ContactRef{ID: 2, Name: "Dan Wu"}, kith.ContactRef{ID: 3, Name: "Eve Park"}
	made := kith.IntroSteps{MadeOn: &today}
	intros := []kith.Introduction{
		{Direction: kith.Given, From: eve, To: ana, Status: kith.Made, IntroSteps: made},
		{Direction: kith.Received, From: ana, To: dan, Status: kith.Made, IntroSteps: made},
		{Direction: kith.Received, From: ana, To: eve, Status: kith.Promised, IntroSteps: kith.IntroSteps{PromisedOn: &today}},
	}
	coffees := []kith.Coffee{
		{On: today.AddDays(3), Planned: true, Place: "Later"},
		{On: today.AddDays(-8), Place: "Blue Bottle", Topic: "new baby"},
	}
	r := questions.Remind(1, intros, coffees)
	assert.Equal(t, []string{
		"Give first: you have introduced Ana to 1 person (Eve Park).",
		"Ana has introduced you to 1 person (Dan Wu), and promised 1 more.",
		"Last met 2026-03-02 (8 days ago) at Blue Bottle; you talked about new baby.",
	}, r.Lines("Ana Lima", today))

	empty := questions.Remind(1, nil, nil)
	assert.Equal(t, []string{
		"Give first: you have not introduced Ana to anyone yet. Who do you know that Ana should meet?",
		"Ana has not introduced you to anyone yet.",
		"You have not logged a coffee with Ana yet.",
	}, empty.Lines("Ana Lima", today))

	promised := questions.Remind(1, intros[2:], []kith.Coffee{{On: today}})
	assert.Equal(t, "Ana has promised 1 introduction, not made yet.", promised.Lines("Ana", today)[1])
	assert.Equal(t, "Last met 2026-03-10 (today).", promised.Lines("Ana", today)[2])
}
