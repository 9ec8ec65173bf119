// Package draft writes a short follow-up message from what kith knows
// about a contact: where the user met them, what they talked about, the
// follow-up promised and the last meeting. It is a template filled with
// care, not a language model: the same facts always give the same words.
//
// A draft reads as a short note a person would send: a greeting by first
// name, one sentence of context from the last meeting, the follow-up
// itself, a closing line and the user's signature. What the user wrote
// (a place, a topic) is quoted as written, never bent into a phrase it
// may not fit, and nothing is claimed that the history contradicts: a
// contact known for years is not "great to meet".
package draft

import (
	"fmt"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// Facts is everything a draft may draw on. Empty fields are left out.
type Facts struct {
	Name, Email, Company string
	MetAt, Topic         string // from the back of their card
	// Task is what the user means to do, in their own note form ("send
	// seminar invite"); Promised says they said so at a meeting (a
	// coffee's next step), which the draft may then recall.
	Task     string
	Promised bool
	// Added is the day the contact was added; KnownBefore says the user
	// knew them before that (imported, a friend, a client), so the day
	// they were added is not the day they met.
	Added       dates.Date
	KnownBefore bool
	// Others are the other people the follow-up is for (a coffee's next
	// step for the whole table): the draft greets and goes to them too.
	Others      []Person
	LastMeeting *Meeting   // the latest coffee, lunch, call... held with them
	Signature   string     // the lines under "Best,", from the config
	Today       dates.Date // the day the draft is written
}

// Person is someone else a draft goes to.
type Person struct{ Name, Email string }

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

// recent is how many days a meeting still counts as "the other day", and
// a contact added by hand as newly met.
const recent = 30

// Write drafts the message.
func Write(f Facts) Draft {
	d := Draft{Subject: subject(f)}
	var to, first []string
	for _, p := range append([]Person{{f.Name, f.Email}}, f.Others...) {
		if p.Email != "" {
			to = append(to, fmt.Sprintf("%s <%s>", p.Name, p.Email))
		}
		first = append(first, firstName(p.Name))
	}
	d.To = strings.Join(to, ", ")
	paras := []string{"Hi " + kith.AndList(first) + ","}
	for _, p := range []string{context(f), task(f), closing(f)} {
		if p != "" {
			paras = append(paras, p)
		}
	}
	paras = append(paras, signOff(f.Signature))
	d.Body = strings.Join(paras, "\n\n") + "\n"
	return d
}

// recentMeeting reports whether the last meeting was within recent days.
func (f Facts) recentMeeting() bool {
	return f.LastMeeting != nil && f.Today.DaysSince(f.LastMeeting.On) <= recent
}

// newlyMet reports whether the history says the user met them lately for
// the first time: added by hand within recent days, not known before,
// and not met long ago.
func (f Facts) newlyMet() bool {
	if f.KnownBefore || f.Added.IsZero() || f.Today.DaysSince(f.Added) > recent {
		return false
	}
	return f.LastMeeting == nil || f.recentMeeting()
}

func subject(f Facts) string {
	m := f.LastMeeting
	switch {
	case f.recentMeeting() && m.Kind == "event":
		return "Good to see you" + at(m.Place)
	case f.recentMeeting():
		return "Thanks for the " + meetingNoun(m.Kind)
	case m == nil && f.newlyMet():
		return "Great to meet you" + at(f.MetAt)
	}
	return "Catching up"
}

// context is the one sentence that says where the two last met, with
// the topic as the user wrote it, in brackets: "emailed re Q1 forecast"
// reads as a note there, where "our conversation about emailed re Q1
// forecast" would not.
func context(f Facts) string {
	m := f.LastMeeting
	switch {
	case f.recentMeeting():
		topic := m.Topic
		if topic == "" && f.newlyMet() {
			topic = f.Topic // the card's topic, from the day they met
		}
		return fmt.Sprintf("Thanks again for the %s%s %s%s.", meetingNoun(m.Kind), at(m.Place), when(m.On, f.Today), note(topic))
	case m != nil:
		return fmt.Sprintf("It has been a while since our %s%s in %s%s.",
			meetingNoun(m.Kind), at(m.Place), m.On.Time(time.UTC).Format("January 2006"), note(m.Topic))
	case f.newlyMet() && f.MetAt != "":
		return "It was good to meet you" + at(f.MetAt) + note(f.Topic) + "."
	}
	return "I hope all is well" + at(f.Company) + "."
}

// task turns the user's note to self ("send seminar invite") into a
// sentence to them. Notes that start with a common follow-up verb read
// naturally; anything else is given as written, after a colon.
func task(f Facts) string {
	note := strings.TrimSuffix(strings.TrimSpace(f.Task), ".")
	if note == "" {
		return ""
	}
	promised := ""
	if f.Promised {
		promised = "As promised, "
	}
	verb, rest, _ := strings.Cut(note, " ")
	rest = object(strings.TrimSpace(rest), firstName(f.Name))
	if rest != "" {
		switch strings.ToLower(verb) {
		case "send":
			return promised + "I am sending you " + withArticle(rest) + "."
		case "share":
			return promised + "I am sharing " + withArticle(rest) + " with you."
		case "forward":
			return promised + "I am forwarding you " + withArticle(rest) + "."
		case "intro", "introduce":
			return promised + "I would like to introduce you to " + strings.TrimPrefix(rest, "to ") + "."
		case "invite":
			return promised + "I would like to invite you " + rest + "."
		case "ask":
			return "I wanted to ask " + rest + "."
		case "check":
			return "I wanted to check " + rest + "."
		}
	}
	return "I wanted to follow up on this: " + note + "."
}

// object drops the person the note names as the one to send something to
// ("send her the deck", "send Ana the deck"): the draft is to them, and
// says "you" instead. Nothing is left of "send her", which then reads as
// written.
func object(rest, first string) string {
	word, after, _ := strings.Cut(rest, " ")
	switch w := strings.ToLower(word); {
	case w == "him" || w == "her" || w == "them" || w == "you" || strings.EqualFold(word, first):
		return strings.TrimSpace(after)
	}
	return rest
}

// determiners are the words after which a thing needs no "the".
var determiners = map[string]bool{
	"the": true, "a": true, "an": true, "my": true, "our": true, "your": true, "his": true, "her": true,
	"their": true, "its": true, "this": true, "that": true, "these": true, "those": true, "some": true,
	"any": true, "all": true, "both": true, "each": true, "every": true, "another": true, "more": true,
	"over": true, "along": true, "back": true,
}

// withArticle puts "the" before a thing written without one in a note
// ("engagement letter template"), as a sentence to someone needs it;
// a thing with a determiner, a number or a possessive keeps its own.
func withArticle(thing string) string {
	word, _, _ := strings.Cut(thing, " ")
	lower := strings.ToLower(word)
	switch {
	case word == "", determiners[lower],
		word[0] >= '0' && word[0] <= '9',
		strings.HasSuffix(lower, "'s"), strings.HasSuffix(lower, "’s"), strings.HasSuffix(lower, "s'"):
		return thing
	}
	return "the " + thing
}

func closing(f Facts) string {
	switch {
	case f.recentMeeting():
		return "If there is anyone I can introduce you to, let me know."
	case f.LastMeeting == nil && f.newlyMet():
		return "Would you have time for a coffee in the next couple of weeks? I would like to hear more about what you are working on."
	}
	return "Would you be up for a coffee soon? It would be good to catch up."
}

// signOff is "Best," and the user's signature under it, when they set one.
func signOff(signature string) string {
	signature = strings.Trim(signature, "\n")
	if strings.TrimSpace(signature) == "" {
		return "Best,"
	}
	return "Best,\n" + signature
}

// when says a recent day the way a person would: today, yesterday, on
// Monday (within the week), or on 2 March.
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
	case "coffee", "lunch", "call", "event":
		return kind
	}
	return "chat"
}

// at is " at " and a place (or company), as written; nothing without one.
func at(place string) string {
	place = strings.TrimSuffix(strings.TrimSpace(place), ".")
	if place == "" {
		return ""
	}
	return " at " + place
}

// note is a topic as the user wrote it, in brackets after the sentence's
// words; nothing without one.
func note(topic string) string {
	topic = strings.TrimSuffix(strings.TrimSpace(topic), ".")
	if topic == "" {
		return ""
	}
	return " (" + topic + ")"
}

// firstName is the first word of a name, or "there" for no name.
func firstName(name string) string {
	fields := strings.Fields(name)
	if len(fields) == 0 {
		return "there"
	}
	return strings.TrimRight(fields[0], ",")
}
