// Package draft writes a short follow-up message from what kith knows
// about a contact: where the user met them, what they talked about, the
// follow-up promised and the last coffee. It is a template filled with
// care, not a language model: the same facts always give the same words.
package draft

import (
	"fmt"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
)

// Facts is everything a draft may draw on. Empty fields are left out.
type Facts struct {
	Name, Email, Company string
	MetAt, Topic         string     // from the back of their card
	Task                 string     // what the user promised, in their own note form
	LastMeeting          *Meeting   // the latest coffee, lunch, call... held with them
	Today                dates.Date // the day the draft is written
}

// Meeting is one coffee (or lunch, call, event) held with the contact.
type Meeting struct {
	Kind  string // coffee, lunch, call, event, other
	On    dates.Date
	Place string
	Topic string
}

// Draft is a message ready to paste into an email.
type Draft struct {
	To      string `json:"to"`
	Subject string `json:"subject"`
	Body    string `json:"body"`
}

// String writes the draft as To and Subject lines, a blank line and the body.
func (d Draft) String() string {
	var b strings.Builder
	if d.To != "" {
		fmt.Fprintf(&b, "To: %s\n", d.To)
	}
	fmt.Fprintf(&b, "Subject: %s\n\n%s", d.Subject, d.Body)
	return b.String()
}

// recent is how many days a meeting still counts as "the other day".
const recent = 30

// Write drafts the message.
func Write(f Facts) Draft {
	d := Draft{Subject: subject(f)}
	if f.Email != "" {
		d.To = fmt.Sprintf("%s <%s>", f.Name, f.Email)
	}
	paras := []string{"Hi " + firstName(f.Name) + ","}
	paras = append(paras, opening(f))
	if t := task(f.Task); t != "" {
		paras = append(paras, t)
	}
	paras = append(paras, closing(f), "Best,")
	d.Body = strings.Join(paras, "\n\n") + "\n"
	return d
}

func subject(f Facts) string {
	m := f.LastMeeting
	switch {
	case m != nil && f.Today.DaysSince(m.On) <= recent:
		if m.Kind == "event" {
			return "Good to see you" + at(m.Place)
		}
		return "Thanks for the " + meetingNoun(m.Kind)
	case m == nil && f.MetAt != "":
		return "Great to meet you at " + f.MetAt
	}
	return "Catching up"
}

func opening(f Facts) string {
	var s string
	m := f.LastMeeting
	topic := f.Topic
	switch {
	case m != nil && f.Today.DaysSince(m.On) <= recent:
		s = fmt.Sprintf("Thanks again for the %s %s%s.", meetingNoun(m.Kind), when(m.On, f.Today), at(m.Place))
		if m.Topic != "" {
			topic = m.Topic
		}
	case m != nil:
		s = fmt.Sprintf("It has been a while since our %s in %s%s. I hope all is well%s.",
			meetingNoun(m.Kind), m.On.Time(time.UTC).Format("January 2006"), at(m.Place), atCompany(f.Company))
		if m.Topic != "" {
			topic = m.Topic
		}
	case f.MetAt != "":
		s = "It was good to meet you at " + strings.TrimSuffix(f.MetAt, ".") + "."
	default:
		s = "I hope all is well" + atCompany(f.Company) + "."
	}
	if topic != "" {
		s += " I enjoyed our conversation about " + strings.TrimSuffix(topic, ".") + "."
	}
	return s
}

// task turns the user's note to self ("send seminar invite") into a
// sentence to them. Notes that start with a common follow-up verb read
// naturally; anything else is quoted as what the user wanted to follow up on.
func task(note string) string {
	note = strings.TrimSuffix(strings.TrimSpace(note), ".")
	if note == "" {
		return ""
	}
	verb, rest, _ := strings.Cut(note, " ")
	rest = strings.TrimSpace(rest)
	if rest != "" {
		switch strings.ToLower(verb) {
		case "send":
			return "As promised, I am sending " + rest + "."
		case "share":
			return "As promised, I am sharing " + rest + "."
		case "forward":
			return "As promised, I am forwarding " + rest + "."
		case "intro", "introduce":
			return "I would like to introduce you to " + strings.TrimPrefix(rest, "to ") + "."
		case "ask":
			return "I wanted to ask " + rest + "."
		case "invite":
			return "I would like to invite you " + rest + "."
		case "check":
			return "I wanted to check " + rest + "."
		}
	}
	return "I wanted to follow up on what we discussed: " + note + "."
}

func closing(f Facts) string {
	m := f.LastMeeting
	switch {
	case m == nil:
		return "Would you have time for a coffee in the next couple of weeks? I would like to hear more about what you are working on."
	case f.Today.DaysSince(m.On) > recent:
		return "Would you be up for another coffee soon? It would be good to catch up."
	}
	return "And if there is anyone I can introduce you to, just say."
}

// when says a recent day the way a person would: yesterday, on Monday
// (within the week), or on 2 March.
func when(on, today dates.Date) string {
	switch days := today.DaysSince(on); {
	case days == 0:
		return "today"
	case days == 1:
		return "yesterday"
	case days > 1 && days < 7:
		return "on " + on.Weekday().String()
	}
	return "on " + on.Time(time.UTC).Format("2 January")
}

func meetingNoun(kind string) string {
	switch kind {
	case "coffee", "lunch", "call":
		return kind
	case "event":
		return "event"
	}
	return "chat"
}

func at(place string) string {
	if place == "" {
		return ""
	}
	return " at " + place
}

func atCompany(company string) string {
	if company == "" {
		return ""
	}
	return " at " + company
}

// firstName is the first word of a name, or the name when it has none.
func firstName(name string) string {
	fields := strings.Fields(name)
	if len(fields) == 0 {
		return "there"
	}
	return strings.TrimRight(fields[0], ",")
}
