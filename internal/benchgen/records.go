package benchgen

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

func (g *gen) coffees() error {
	r := newRand(3)
	ins, err := g.prepare(`INSERT INTO coffees (id, kind, held_on, place, topic, notes, planned, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)`)
	if err != nil {
		return err
	}
	with, err := g.prepare("INSERT INTO coffee_contacts (coffee_id, contact_id) VALUES (?, ?)")
	if err != nil {
		return err
	}
	for i := range g.coffeeDay {
		id := i + 1
		var notes string
		if r.IntN(4) == 0 {
			notes = "talked about referrals; promised an intro"
		}
		if _, err := ins.Exec(id, coffeeKinds[r.IntN(len(coffeeKinds))], day(int(g.coffeeDay[i])),
			places[r.IntN(len(places))], "", notes, g.now, g.now); err != nil {
			return fmt.Errorf("coffee %d: %w", id, err)
		}
		if _, err := with.Exec(id, g.coffeeWith[i]); err != nil {
			return err
		}
		if c2 := g.coffeeWith2[i]; c2 != 0 {
			if _, err := with.Exec(id, c2); err != nil {
				return err
			}
		}
	}
	return nil
}

func (g *gen) introductions() error {
	r := newRand(4)
	ins, err := g.prepare(`INSERT INTO introductions (from_id, to_id, direction, kind, asked, status, value,
		intro_on, status_on, promised_on, made_on, met_on, closed_on, coffee_id, notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)`)
	if err != nil {
		return err
	}
	statuses := []kith.IntroStatus{kith.Promised, kith.Made, kith.Made, kith.Met, kith.Won, kith.Lost}
	kinds := []string{"alliance", "client", "coffee"}
	for i := 0; i < g.s.Introductions; i++ {
		// introducers are mostly the often-met few, so chains form
		from := 1 + int(float64(g.s.Contacts)*r.Float64()*r.Float64())
		to := 1 + r.IntN(g.s.Contacts)
		if to == from {
			to = to%g.s.Contacts + 1
		}
		direction := "received"
		if r.IntN(4) == 0 {
			direction = "given"
		}
		asked := 1
		if r.IntN(5) == 0 {
			asked = 0
		}
		status := statuses[r.IntN(len(statuses))]
		var value any
		if status == kith.Won {
			value = float64(1000 * (1 + r.IntN(50)))
		}
		on := r.IntN(3 * 365)
		var coffee any
		if g.s.Coffees > 0 && r.IntN(2) == 0 {
			coffee = 1 + r.IntN(g.s.Coffees)
		}
		steps, err := introSteps(r, status, Today.AddDays(-on), Today.AddDays(-r.IntN(on+1)))
		if err != nil {
			return fmt.Errorf("introduction %d: %w", i+1, err)
		}
		if _, err := ins.Exec(from, to, direction, kinds[r.IntN(len(kinds))], asked, string(status), value,
			steps.First().String(), steps.Day(status).String(), dayColumn(steps.PromisedOn), dayColumn(steps.MadeOn),
			dayColumn(steps.MetOn), dayColumn(steps.ClosedOn), coffee, g.now, g.now); err != nil {
			return fmt.Errorf("introduction %d: %w", i+1, err)
		}
	}
	return nil
}

// introSteps dates an introduction's steps: recorded on first (a quarter
// of them as a promise, so some are made late and some lost unmade), then
// moved to status on last.
func introSteps(r *rand.Rand, status kith.IntroStatus, first, last dates.Date) (kith.IntroSteps, error) {
	start := kith.Made
	if status == kith.Promised || r.IntN(4) == 0 {
		start = kith.Promised
	}
	steps, err := kith.NewIntroSteps(start, first)
	if err != nil {
		return steps, err
	}
	return steps.Move(start, status, last, Today)
}

// dayColumn stores a step not reached as NULL.
func dayColumn(d *dates.Date) any {
	if d == nil {
		return nil
	}
	return d.String()
}

func (g *gen) followups() error {
	r := newRand(5)
	ins, err := g.prepare(`INSERT INTO followups (contact_id, text, due_on, source, coffee_id, snoozed, done_at,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	texts := []string{"send seminar invite", "ask about the Q3 project", "share the zoning article",
		"intro to our banker", "check in after the move"}
	sources := []string{"manual", "card", "coffee"}
	for i := 0; i < g.s.Followups; i++ {
		source := sources[r.IntN(len(sources))]
		var coffee any
		if source == "coffee" && g.s.Coffees > 0 {
			coffee = 1 + r.IntN(g.s.Coffees)
		}
		// most are long done; the open ones spread around today
		due := Today.AddDays(r.IntN(360) - 300)
		var done any
		if due.Before(Today.AddDays(-14)) && r.IntN(10) > 0 {
			done = due.Time(time.UTC).Add(9 * time.Hour).Format(time.RFC3339)
		}
		snoozed := 0
		if done == nil && r.IntN(10) == 0 {
			snoozed = 1
		}
		if _, err := ins.Exec(1+r.IntN(g.s.Contacts), texts[r.IntN(len(texts))], due.String(), source, coffee,
			snoozed, done, g.now, g.now); err != nil {
			return fmt.Errorf("follow-up %d: %w", i+1, err)
		}
	}
	return nil
}

func (g *gen) targets() error {
	ins, err := g.prepare("INSERT INTO targets (name, name_key, segment, notes, created_at) VALUES (?, ?, ?, '', ?)")
	if err != nil {
		return err
	}
	segments := []string{"law firms", "construction", "real estate", "banking"}
	for i := 0; i < g.s.Targets; i++ {
		name := TargetName(i)
		if _, err := ins.Exec(name, kith.Fold(name), segments[i%len(segments)], g.now); err != nil {
			return fmt.Errorf("target %s: %w", name, err)
		}
	}
	return nil
}

func (g *gen) goals() error {
	for _, goal := range []struct {
		name  string
		value float64
	}{{"coffees-per-week", 8}, {"clients-per-quarter", 3}, {"revenue-per-quarter", 50000}, {"intros-per-month", 10}} {
		if _, err := g.tx.Exec("INSERT INTO goals (name, value, updated_at) VALUES (?, ?, ?)", goal.name, goal.value, g.now); err != nil {
			return err
		}
	}
	return nil
}
