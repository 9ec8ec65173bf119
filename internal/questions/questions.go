// Package questions writes the three referral questions and the
// give-first reminder that comes before them, personalised for one
// contact. It is pure: the caller gathers the history.
package questions

import (
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Question is one of the three questions, ready to read aloud.
type Question struct {
	Kind kith.IntroKind `json:"kind"`
	Text string         `json:"text"`
	// Prompt is the short label used when asking for the answer.
	Prompt string `json:"-"`
}

// maxTargetsNamed keeps the client question speakable.
const maxTargetsNamed = 3

// Ask returns the three questions for the contact called name, the client
// question naming the user's targets when there are any.
func Ask(name string, targets []kith.Target) []Question {
	first := FirstName(name)
	return []Question{
		{Kind: kith.Alliance, Prompt: "Alliance",
			Text: fmt.Sprintf("%s, who else looks after the same kind of clients you do? Someone you trust, who I could swap referrals with for years.", first)},
		{Kind: kith.ClientIntro, Prompt: "Client", Text: clientQuestion(targets)},
		{Kind: kith.CoffeeIntro, Prompt: "Coffee",
			Text: "And who else would enjoy a coffee with me to talk about sending each other work?"},
	}
}

func clientQuestion(targets []kith.Target) string {
	if len(targets) == 0 {
		return "Do you know someone whose business might have a project I could help with right now?"
	}
	var names, segments []string
	seen := map[string]bool{}
	for i, t := range targets {
		if i < maxTargetsNamed {
			names = append(names, t.Name)
		}
		if t.Segment != "" && !seen[kith.Fold(t.Segment)] {
			seen[kith.Fold(t.Segment)] = true
			segments = append(segments, t.Segment)
		}
	}
	if len(segments) == 0 && len(targets) > maxTargetsNamed {
		names = append(names, "a company like them")
	}
	q := "Do you know anyone at " + orList(names)
	if len(segments) > 0 {
		q += ", or anywhere else in " + orList(segments) + ","
	}
	return q + " who might have a project I could help with?"
}

// orList joins words as "a", "a or b", "a, b or c".
func orList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// FirstName is the name to address someone by: the first word of their
// name.
func FirstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// Reminder is what the user should remember before asking: what they have
// given this person, what they received, and when they last met.
type Reminder struct {
	Given    int          `json:"given"`    // introductions the user made for them
	Received int          `json:"received"` // introductions they made to the user
	Promised int          `json:"promised"` // introductions they promised and have not made
	LastMet  *kith.Coffee `json:"last_met"` // the latest coffee held with them
	// GivenNames and ReceivedNames are the people on the other side, most
	// recent first.
	GivenNames    []string `json:"given_names"`
	ReceivedNames []string `json:"received_names"`
}

// Remind sums up the history of contactID from their introductions and
// coffees (both newest first).
func Remind(contactID int64, intros []kith.Introduction, coffees []kith.Coffee) Reminder {
	r := Reminder{GivenNames: []string{}, ReceivedNames: []string{}}
	b := kith.BalanceOf(contactID, intros)
	r.Given, r.Received, r.Promised = b.Given, b.Received, b.PromisedToYou
	for _, in := range intros {
		switch {
		case in.Direction == kith.Given && in.Happened():
			r.GivenNames = append(r.GivenNames, other(contactID, in))
		case in.Direction == kith.Received && in.From.ID == contactID && in.Happened():
			r.ReceivedNames = append(r.ReceivedNames, in.To.Name)
		}
	}
	for i := range coffees {
		if !coffees[i].Planned {
			r.LastMet = &coffees[i]
			break
		}
	}
	return r
}

// other is the person on the far side of a given introduction from
// contactID.
func other(contactID int64, in kith.Introduction) string {
	if in.From.ID == contactID {
		return in.To.Name
	}
	return in.From.Name
}

// Lines writes the reminder as short sentences about the contact called
// name, as of today.
func (r Reminder) Lines(name string, today dates.Date) []string {
	first := FirstName(name)
	var lines []string
	if r.Given == 0 {
		lines = append(lines, fmt.Sprintf("Give first: you have not introduced %s to anyone yet. Who do you know that %s should meet?", first, first))
	} else {
		lines = append(lines, fmt.Sprintf("Give first: you have introduced %s to %s (%s).", first, people(r.Given), strings.Join(r.GivenNames, ", ")))
	}
	switch {
	case r.Received == 0 && r.Promised == 0:
		lines = append(lines, fmt.Sprintf("%s has not introduced you to anyone yet.", first))
	case r.Received == 0:
		lines = append(lines, fmt.Sprintf("%s has promised %s, not made yet.", first, plural(r.Promised, "introduction")))
	default:
		line := fmt.Sprintf("%s has introduced you to %s (%s)", first, people(r.Received), strings.Join(r.ReceivedNames, ", "))
		if r.Promised > 0 {
			line += fmt.Sprintf(", and promised %d more", r.Promised)
		}
		lines = append(lines, line+".")
	}
	if r.LastMet == nil {
		lines = append(lines, fmt.Sprintf("You have not logged a coffee with %s yet.", first))
	} else {
		c := r.LastMet
		line := fmt.Sprintf("Last met %s (%s)", c.On, ago(today.DaysSince(c.On)))
		if c.Place != "" {
			line += " at " + c.Place
		}
		if c.Topic != "" {
			line += "; you talked about " + c.Topic
		}
		lines = append(lines, line+".")
	}
	return lines
}

func people(n int) string { return plural(n, "person") }

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "person" {
		return fmt.Sprintf("%d people", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func ago(days int) string {
	switch {
	case days <= 0:
		return "today"
	case days == 1:
		return "yesterday"
	}
	return fmt.Sprintf("%d days ago", days)
}
