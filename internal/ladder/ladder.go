// Package ladder ranks advocates by how close they are to becoming raving
// fans (211° water is hot, 212° is steam) and plans the weeks that could
// move them that last degree. It is pure: the caller gathers the history.
package ladder

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/questions"
)

// Candidate is one advocate with the numbers the ranking weighs.
type Candidate struct {
	Contact     kith.ContactRef
	Advocacy    kith.Advocacy
	LastContact *dates.Date
	Made        int // introductions they made to the user
	Promised    int // introductions they promised and have not made
	Given       int // introductions the user made for them
}

// ActionKind is the theme of a next action.
type ActionKind string

// The ways to move an advocate forward.
const (
	Give  ActionKind = "give"  // send them a referral
	Time  ActionKind = "time"  // spend time with them
	Serve ActionKind = "serve" // ask what would move them forward, and help
	Thank ActionKind = "thank" // close the loop on what they gave
)

// Action is one concrete thing to do for an advocate.
type Action struct {
	Kind ActionKind `json:"kind"`
	Text string     `json:"text"`
}

// Fan is an advocate on the 211° list.
type Fan struct {
	Rank             int             `json:"rank"`
	Contact          kith.ContactRef `json:"contact"`
	Advocacy         kith.Advocacy   `json:"advocacy"`
	Score            int             `json:"score"`
	Made             int             `json:"introductions_made"`
	Promised         int             `json:"introductions_promised"`
	Given            int             `json:"introductions_given"`
	LastContact      *dates.Date     `json:"last_contact"`
	DaysSinceContact *int            `json:"days_since_contact"`
	LastTopic        string          `json:"last_topic"`
	Next             Action          `json:"next_action"`
}

// Recency thresholds: within recentDays a relationship is warm, beyond
// coolDays it needs time together before anything else.
const (
	recentDays = 30
	coolDays   = 90
)

// Rank scores the advocates among cands (raving fans and people who are
// not advocates are left out) and returns the first limit of them (0:
// all), closest first, each with a next action. Closeness counts
// introductions they made (3 each), what the user has given them (2
// each), open promises (1 each) and recent contact (3 within a month, 1
// within a quarter); ties go to who made more, then by name.
func Rank(cands []Candidate, today dates.Date, limit int) []Fan {
	return number(rank(cands, kith.Advocate, today, limit))
}

// RankAll is Rank followed by the raving fans among cands, past 212°,
// ranked among themselves by the same closeness, each with the next
// action that keeps them one; limit counts them all.
func RankAll(cands []Candidate, today dates.Date, limit int) []Fan {
	fans := rank(cands, kith.Advocate, today, limit)
	if limit == 0 || len(fans) < limit {
		fans = append(fans, rank(cands, kith.RavingFan, today, max(limit-len(fans), 0))...)
	}
	return number(fans)
}

// number gives each fan their place in the list.
func number(fans []Fan) []Fan {
	for i := range fans {
		fans[i].Rank = i + 1
	}
	return fans
}

// scored is a candidate with its closeness and folded name: what the
// ranking compares, small enough to sort tens of thousands of, of whom
// only those shown are made into fans.
type scored struct {
	c     *Candidate
	score int
	key   string
}

// closer orders a and b as the list does: closer first, then who made
// more introductions, then by name, then who was added first, so the
// order never depends on how the store read them.
func closer(a, b scored) int {
	switch {
	case a.score != b.score:
		return cmp.Compare(b.score, a.score)
	case a.c.Made != b.c.Made:
		return cmp.Compare(b.c.Made, a.c.Made)
	case a.key != b.key:
		return strings.Compare(a.key, b.key)
	}
	return cmp.Compare(a.c.Contact.ID, b.c.Contact.ID)
}

// rank scores the candidates at one advocacy level and returns the first
// limit of them (0: all), closest first.
func rank(cands []Candidate, level kith.Advocacy, today dates.Date, limit int) []Fan {
	var all []scored
	for i := range cands {
		if c := &cands[i]; c.Advocacy == level {
			all = append(all, scored{c, score(*c, today), kith.Fold(c.Contact.Name)})
		}
	}
	if limit > 0 && limit < len(all) {
		all = first(all, limit)
	} else {
		slices.SortFunc(all, closer)
	}
	fans := make([]Fan, len(all))
	for i, s := range all {
		fans[i] = fan(*s.c, level, today)
	}
	return fans
}

// first returns the n closest of all in order, as sorting them all would,
// keeping only n in order as it goes: a digest wants one of thousands.
func first(all []scored, n int) []scored {
	top := make([]scored, 0, n+1)
	for _, s := range all {
		if len(top) == n && closer(s, top[n-1]) > 0 {
			continue
		}
		at, _ := slices.BinarySearchFunc(top, s, closer)
		top = slices.Insert(top, at, s)
		if len(top) > n {
			top = top[:n]
		}
	}
	return top
}

// The weights of closeness (see Rank). A reader that needs only the
// first few can leave out anyone whose introductions, with the most
// recency can add, cannot reach them.
const (
	WeightMade     = 3 // each introduction they made to the user
	WeightGiven    = 2 // each the user gave them
	WeightPromised = 1 // each open promise
	MostRecency    = 3 // contact within a month (1 within a quarter)
)

// score is a candidate's closeness (see Rank).
func score(c Candidate, today dates.Date) int {
	s := WeightMade*c.Made + WeightGiven*c.Given + WeightPromised*c.Promised
	if c.LastContact != nil {
		switch days := today.DaysSince(*c.LastContact); {
		case days <= recentDays:
			s += MostRecency
		case days <= coolDays:
			s++
		}
	}
	return s
}

// fan makes a ranked candidate a fan, with their next action.
func fan(c Candidate, level kith.Advocacy, today dates.Date) Fan {
	f := Fan{Contact: c.Contact, Advocacy: level, Score: score(c, today), Made: c.Made, Promised: c.Promised,
		Given: c.Given, LastContact: c.LastContact}
	if f.LastContact != nil {
		days := today.DaysSince(*f.LastContact)
		f.DaysSinceContact = &days
	}
	f.Next = nextAction(f)
	return f
}

// WithTopics fills in the topic of each fan's last coffee (topics by
// contact id, fetched for only the fans shown) and updates their next
// action to mention it.
func WithTopics(fans []Fan, topics map[int64]string) {
	for i := range fans {
		if t, ok := topics[fans[i].Contact.ID]; ok {
			fans[i].LastTopic = t
			fans[i].Next = nextAction(fans[i])
		}
	}
}

// nextAction picks the one thing most likely to move this advocate: give
// first when the user has given nothing, then time together when it has
// been a while, otherwise serve them; a raving fan, already moved, is
// thanked instead.
func nextAction(f Fan) Action {
	first := questions.FirstName(f.Contact.Name)
	switch {
	case f.Given == 0:
		return Action{Give, fmt.Sprintf("Give first: introduce %s to someone who needs what they do", first)}
	case f.DaysSinceContact == nil:
		return Action{Time, fmt.Sprintf("Spend time: invite %s for a coffee (none logged yet)", first)}
	case *f.DaysSinceContact > recentDays:
		text := fmt.Sprintf("Spend time: invite %s for a coffee (last met %d days ago", first, *f.DaysSinceContact)
		if f.LastTopic != "" {
			text += "; ask about " + f.LastTopic
		}
		return Action{Time, text + ")"}
	case f.Advocacy == kith.RavingFan:
		return Action{Thank, fmt.Sprintf("Thank %s for the people they send you, and tell them how each went", first)}
	}
	return Action{Serve, fmt.Sprintf("Serve: ask %s what would move their business forward this quarter, and help with it", first)}
}

// Step is one week's action for one advocate in a plan.
type Step struct {
	Week     int             `json:"week"`
	StartsOn dates.Date      `json:"starts_on"`
	Contact  kith.ContactRef `json:"contact"`
	Action   Action          `json:"action"`
}

// Weeks is the length of a plan: a quarter.
const Weeks = 12

var cycle = []ActionKind{Serve, Give, Time, Thank}

var phrasings = map[ActionKind][]string{
	Serve: {
		"Serve: ask %s what would move their business forward this quarter",
		"Serve: send %s something useful for a problem they mentioned",
		"Serve: offer %s an hour of your expertise where they are stuck",
	},
	Give: {
		"Give: introduce %s to a potential client",
		"Give: introduce %s to someone who serves the same clients",
		"Give: recommend %s publicly (a review or a LinkedIn recommendation)",
	},
	Time: {
		"Spend time: invite %s for a coffee",
		"Spend time: take %s to lunch",
		"Spend time: bring %s along to an event you are going to",
	},
	Thank: {
		"Thank %s for what they have sent you and tell them how it went",
		"Send %s a handwritten note",
		"Celebrate a win of %s's: a call, a note or a share",
	},
}

// Plan lays out Weeks weeks of one action a week for each fan, starting
// the week of start (weeks begin on Monday). Week 1 is the fan's next
// action; after it the themes rotate (serve, give, time, thank), each fan
// offset by their rank so the coffees spread over the weeks.
func Plan(fans []Fan, start dates.Date) []Step {
	monday := start.StartOfWeek()
	steps := []Step{}
	for w := 0; w < Weeks; w++ {
		for i, f := range fans {
			a := f.Next
			if w > 0 {
				kind := cycle[(indexOf(f.Next.Kind)+w+i%(len(cycle)-1))%len(cycle)]
				texts := phrasings[kind]
				a = Action{kind, fmt.Sprintf(texts[(w/len(cycle))%len(texts)], questions.FirstName(f.Contact.Name))}
			}
			steps = append(steps, Step{Week: w + 1, StartsOn: monday.AddDays(7 * w), Contact: f.Contact, Action: a})
		}
	}
	return steps
}

func indexOf(k ActionKind) int {
	for i, c := range cycle {
		if c == k {
			return i
		}
	}
	return 0
}
