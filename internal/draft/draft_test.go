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
	tests := []struct {
		name         string
		facts        draft.Facts
		wantSubject  string
		wantContains []string
	}{
		{
			name:        "fresh card",
			facts:       draft.Facts{Name: "Bo Chen", MetAt: "Small Biz Mixer", Topic: "cloud migration", Task: "send seminar invite"},
			wantSubject: "Great to meet you at Small Biz Mixer",
			wantContains: []string{"Hi Bo,", "It was good to meet you at Small Biz Mixer. I enjoyed our conversation about cloud migration.",
				"As promised, I am sending seminar invite.", "Would you have time for a coffee"},
		},
		{
			name:         "coffee this week",
			facts:        draft.Facts{Name: "Ana Lima", LastMeeting: meeting(2, "lunch", "Cafe Rio", ""), Task: "ask about the Q3 project"},
			wantSubject:  "Thanks for the lunch",
			wantContains: []string{"Thanks again for the lunch on Wednesday at Cafe Rio.", "I wanted to ask about the Q3 project.", "anyone I can introduce you to"},
		},
		{
			name:         "yesterday's event",
			facts:        draft.Facts{Name: "Cy", LastMeeting: meeting(1, "event", "", "")},
			wantSubject:  "Good to see you",
			wantContains: []string{"Thanks again for the event yesterday."},
		},
		{
			name:         "coffee long ago, cadence",
			facts:        draft.Facts{Name: "Dee", Company: "Acme", LastMeeting: meeting(90, "coffee", "", "zoning")},
			wantSubject:  "Catching up",
			wantContains: []string{"It has been a while since our coffee in December 2025. I hope all is well at Acme.", "about zoning", "another coffee soon"},
		},
		{
			name:         "free-form task",
			facts:        draft.Facts{Name: "Eve", Task: "Q3 budget numbers."},
			wantContains: []string{"I wanted to follow up on what we discussed: Q3 budget numbers."},
		},
		{
			name:         "intro task",
			facts:        draft.Facts{Name: "Fay", Task: "intro to our banker"},
			wantContains: []string{"I would like to introduce you to our banker."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.facts.Today = today
			d := draft.Write(tt.facts)
			if tt.wantSubject != "" {
				assert.Equal(t, tt.wantSubject, d.Subject)
			}
			for _, s := range tt.wantContains {
				assert.Contains(t, d.Body, s)
			}
			assert.Contains(t, d.Body, "\n\nBest,\n")
		})
	}
}

func TestDraftString(t *testing.T) {
	d := draft.Write(draft.Facts{Name: "Ana Lima", Email: "ana@lima.law", Today: dates.New(2026, 3, 2)})
	assert.Equal(t, "Ana Lima <ana@lima.law>", d.To)
	assert.Regexp(t, "^To: Ana Lima <ana@lima.law>\nSubject: Catching up\n\nHi Ana,\n", d.String())
	assert.NotContains(t, draft.Write(draft.Facts{Name: "Bo"}).String(), "To:", "no email, no To line")
}
