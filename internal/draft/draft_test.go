package draft_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/draft"
)

func TestWrite(t *testing.T) {
	today := dates.New(2026, time.March, 6) // a Friday
	meeting := func(daysAgo int, kind, place, topic string) *draft.Meeting {
		return &draft.Meeting{Kind: kind, On: today.AddDays(-daysAgo), Place: place, Topic: topic}
	}
	added := func(daysAgo int) dates.Date { return today.AddDays(-daysAgo) }
	tests := []struct {
		name        string
		facts       draft.Facts
		wantSubject string
		wantBody    string
	}{
		{
			name: "fresh card",
			facts: draft.Facts{Name: "Bo Chen", MetAt: "Small Biz Mixer", Topic: "cloud migration",
				Task: "send seminar invite", Added: added(1)},
			wantSubject: "Great to meet you at Small Biz Mixer",
			wantBody: "Hi Bo,\n\nIt was good to meet you at Small Biz Mixer (cloud migration).\n\n" +
				"I am sending you the seminar invite.\n\n" +
				"Would you have time for a coffee in the next couple of weeks? I would like to hear more about what you are working on.\n\nBest,\n",
		},
		{
			name: "lunch this week, a promise, a signature",
			facts: draft.Facts{Name: "Ana Lima", LastMeeting: meeting(2, "lunch", "Cafe Rio", "emailed re Q1 forecast"),
				Task: "send engagement letter template", Promised: true, Added: added(200), Signature: "Sam Reyes\nReyes Consulting\n"},
			wantSubject: "Thanks for the lunch",
			wantBody: "Hi Ana,\n\nThanks again for the lunch at Cafe Rio on Wednesday (emailed re Q1 forecast).\n\n" +
				"As promised, I am sending you the engagement letter template.\n\n" +
				"If there is anyone I can introduce you to, let me know.\n\nBest,\nSam Reyes\nReyes Consulting\n",
		},
		{
			name:        "a college friend just imported: no claim to have just met",
			facts:       draft.Facts{Name: "Cy Diaz", MetAt: "college", Topic: "rowing", KnownBefore: true, Added: added(0), Task: "ask about the new job"},
			wantSubject: "Catching up",
			wantBody: "Hi Cy,\n\nI hope all is well.\n\nI wanted to ask about the new job.\n\n" +
				"Would you be up for a coffee soon? It would be good to catch up.\n\nBest,\n",
		},
		{
			name:        "coffee long ago",
			facts:       draft.Facts{Name: "Dee", Company: "Acme", LastMeeting: meeting(90, "coffee", "", "zoning"), Added: added(400)},
			wantSubject: "Catching up",
			wantBody: "Hi Dee,\n\nIt has been a while since our coffee in December 2025 (zoning).\n\n" +
				"Would you be up for a coffee soon? It would be good to catch up.\n\nBest,\n",
		},
		{
			name:        "yesterday's event",
			facts:       draft.Facts{Name: "Cy", LastMeeting: meeting(1, "event", "", "")},
			wantSubject: "Good to see you",
			wantBody:    "Hi Cy,\n\nThanks again for the event yesterday.\n\nIf there is anyone I can introduce you to, let me know.\n\nBest,\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.facts.Today = today
			d := draft.Write(tt.facts)
			assert.Equal(t, tt.wantSubject, d.Subject)
			assert.Equal(t, tt.wantBody, d.Body)
		})
	}
}

func TestTask(t *testing.T) {
	today := dates.New(2026, time.March, 6)
	tests := []struct{ task, want string }{
		{"send seminar invite", "I am sending you the seminar invite."},
		{"send her the deck", "I am sending you the deck."},
		{"Send Fay the Q1 numbers.", "I am sending you the Q1 numbers."},
		{"send Dan's number", "I am sending you Dan's number."},
		{"send 3 case studies", "I am sending you 3 case studies."},
		{"send a link to the demo", "I am sending you a link to the demo."},
		{"share slides", "I am sharing the slides with you."},
		{"forward the RFP", "I am forwarding you the RFP."},
		{"intro to our banker", "I would like to introduce you to our banker."},
		{"introduce Fay to Dan Wu", "I would like to introduce you to Dan Wu."},
		{"invite to the BNI breakfast", "I would like to invite you to the BNI breakfast."},
		{"check whether the lease is signed", "I wanted to check whether the lease is signed."},
		{"Q3 budget numbers.", "I wanted to follow up on this: Q3 budget numbers."},
		{"send", "I wanted to follow up on this: send."},
		{"send her", "I wanted to follow up on this: send her."},
	}
	for _, tt := range tests {
		d := draft.Write(draft.Facts{Name: "Fay Wong", Task: tt.task, Today: today})
		assert.Contains(t, d.Body, "\n\n"+tt.want+"\n\n", tt.task)
	}
}

func TestDraftString(t *testing.T) {
	d := draft.Write(draft.Facts{Name: "Ana Lima", Email: "ana@lima.law", Today: dates.New(2026, 3, 2)})
	assert.Equal(t, "Ana Lima <ana@lima.law>", d.To)
	assert.Regexp(t, "^To: Ana Lima <ana@lima.law>\nSubject: Catching up\n\nHi Ana,\n", d.String())
	assert.NotContains(t, draft.Write(draft.Facts{Name: "Bo"}).String(), "To:", "no email, no To line")
}
