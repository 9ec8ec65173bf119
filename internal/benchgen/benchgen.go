// Package benchgen writes the benchmark data set: a large kith database,
// written straight through the store's schema in one transaction, and
// LinkedIn Connections.csv files as LinkedIn exports them. Everything is
// deterministic: the same sizes give the same bytes, so figures from
// different runs and machines compare.
package benchgen

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/store"
)

// Version changes whenever the generated data changes, so cached files
// made by an older generator are rebuilt.
const Version = 3

// Today is the day the data set is built around: coffees happened before
// it, follow-ups fall due around it. Benchmarks run with KITH_NOW set to it.
var Today = dates.New(2026, time.March, 2)

// Now is Today at nine in the morning UTC, the data set's created_at time.
var Now = time.Date(2026, time.March, 2, 9, 0, 0, 0, time.UTC)

// Sizes says how many rows of each kind to write.
type Sizes struct {
	Contacts      int
	Coffees       int
	Followups     int
	Introductions int
	Targets       int
}

// Full is the benchmark database the issues name: 100,000 contacts,
// 1,000,000 coffees and 100,000 follow-ups, with introductions, targets
// and funnel moves so the report and path commands have work.
var Full = Sizes{Contacts: 100_000, Coffees: 1_000_000, Followups: 100_000, Introductions: 50_000, Targets: 200}

// Small is a data set for tests of the generator and quick Go benchmarks.
var Small = Sizes{Contacts: 1_000, Coffees: 10_000, Followups: 1_000, Introductions: 500, Targets: 10}

// String describes the sizes for a table heading.
func (s Sizes) String() string {
	return fmt.Sprintf("%s contacts, %s coffees, %s follow-ups, %s introductions, %s targets",
		Thousands(s.Contacts), Thousands(s.Coffees), Thousands(s.Followups), Thousands(s.Introductions), Thousands(s.Targets))
}

// Thousands writes n with comma separators: 1000000 → "1,000,000".
func Thousands(n int) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// seed fixes every random choice; change Version when changing it.
const seed = 0x6b697468

func newRand(stream uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, stream)) }

var (
	firstNames = strings.Fields(`Ana Ben Carla Dev Eva Farid Grace Hugo Ines Jon Kai Lena Marco Nora Omar Priya Quinn
		Rosa Sam Tara Uma Victor Wen Xavier Yara Zoe Amir Bea Chen Dara Elif Femi Gita Hana Ivan Jade Kofi Lars
		Mei Nico Olga Pablo Rhea Sven Tomas Ugo Vera Will Ximena Yusuf Zara Aiko Bruno Cleo Dario Emma Felix
		Gabi Hiro Iris Joao Kira Luca Maya Niels Oona Pedro Rafa Sara Teo Ulla Vito Wanda Yann Zeno`)
	lastNames = strings.Fields(`Lima Okafor Mendes Patel Novak Berg Costa Haddad Ito Jensen Kowalski Laurent
		Moreau Nakamura Olsen Petrov Quintero Rossi Santos Tanaka Urban Varga Weber Xu Yilmaz Zhang Abbott Brennan
		Castillo Dubois Eriksen Fischer Garcia Horvat Ivanova Jovanovic Keller Lindqvist Murphy Nowak Oliveira
		Park Quinn Reyes Schmidt Torres Ueda Vasquez Walsh Young Ziegler Adeyemi Bauer Chowdhury Diaz Engel
		Fontaine Gomez Hoffmann Ibrahim`)
	companyWords = strings.Fields(`Acme Northwind Contoso Globex Initech Umbrella Stark Wayne Tyrell Cyberdyne
		Hooli Vandelay Wonka Soylent Aperture Gringotts Oscorp Pied Massive Dunder Sterling Prestige Monarch
		Blue Red Green Silver Golden Harbor River Summit Pioneer Atlas Beacon Cedar Granite Maple Orion`)
	companyKinds = []string{"Ltd", "LLC", "& Partners", "Group", "Labs", "Consulting", "Legal", "Builders", "Realty", "Bank"}
	titles       = []string{"CEO", "CTO", "Partner", "Associate", "Founder", "Director, Operations", "Head of IT",
		"Broker", "Accountant", "Lawyer", "Project Manager", "VP Sales"}
	categories = []string{"lawyer", "contractor", "real estate agent", "existing client", "past client", "friend",
		"accountant", "banker", ""}
	tags        = []string{"bni", "golf", "alumni", "chamber", "board", "vip", "newsletter"}
	places      = []string{"Blue Bottle", "Office", "Zoom", "Main St Diner", "Chamber breakfast", "Golf club", ""}
	coffeeKinds = []string{"coffee", "coffee", "coffee", "lunch", "call", "event", "other"}
	ideas       = []string{"send seminar invite", "intro to our banker", "share the article on zoning", ""}
)

// person is one generated contact's identity, shared by the database and
// the CSV so both look like the same network.
type person struct {
	first, last, company, title string
}

// makePerson draws one person. Half the given names are double and three
// surnames in four double-barrelled, so that, as in real networks, two
// rows with the same name at the same company stay rare (under 0.1% of a
// million rows); a small name pool would make such pairs grow with the
// square of the row count and imports match far more than real files do.
func makePerson(r *rand.Rand, companies []string) person {
	first := firstNames[r.IntN(len(firstNames))]
	if r.IntN(2) == 0 {
		first += " " + firstNames[r.IntN(len(firstNames))]
	}
	last := lastNames[r.IntN(len(lastNames))]
	if r.IntN(4) > 0 {
		last += "-" + lastNames[r.IntN(len(lastNames))]
	}
	return person{
		first:   first,
		last:    last,
		company: companies[r.IntN(len(companies))],
		title:   titles[r.IntN(len(titles))],
	}
}

// slug writes the name for an email or URL: lower case, sep between given
// name and surname, hyphens for spaces.
func (p person) slug(sep string) string {
	return strings.ToLower(strings.ReplaceAll(p.first, " ", "-") + sep + p.last)
}

// Companies returns n distinct company names, some with commas in them
// (which CSV must quote).
func Companies(n int) []string {
	out := make([]string, n)
	for i := range out {
		a := companyWords[i%len(companyWords)]
		b := companyWords[(i/len(companyWords)+i)%len(companyWords)]
		k := companyKinds[(i/7)%len(companyKinds)]
		if i%5 == 0 {
			out[i] = fmt.Sprintf("%s, %s %s %d", a, b, k, i)
		} else {
			out[i] = fmt.Sprintf("%s %s %s %d", a, b, k, i)
		}
	}
	return out
}

// companies are the employers every generated person is drawn from.
var companies = Companies(5_000)

// TargetName is the name of the i-th target (from 0): every seventh
// company. The benchmark's `path` runs against TargetName(0).
func TargetName(i int) string { return companies[(i*7)%len(companies)] }

// Database creates a kith database at path (which must not exist yet) and
// fills it with s in one transaction.
func Database(ctx context.Context, path string, s Sizes) error {
	db, err := store.Open(ctx, path, func() time.Time { return Now })
	if err != nil {
		return err
	}
	defer db.Close()
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	g := &gen{tx: tx, s: s, now: Now.Format(time.RFC3339), companies: companies}
	for _, step := range []func() error{g.plan, g.contacts, g.coffees, g.introductions, g.followups, g.targets, g.goals} {
		if err := step(); err != nil {
			return err
		}
	}
	return tx.Commit()
}

type gen struct {
	tx        *sql.Tx
	s         Sizes
	now       string
	companies []string
	// coffee plan, made first so each contact's last_contact is known
	// when the contact is written
	coffeeDay   []int32 // days before Today
	coffeeWith  []int32 // contact id
	coffeeWith2 []int32 // a second contact id, or 0
	lastContact []int32 // per contact id: fewest days before Today, or -1
}

func (g *gen) prepare(q string) (*sql.Stmt, error) { return g.tx.Prepare(q) }

func day(daysBefore int) string { return Today.AddDays(-daysBefore).String() }

func (g *gen) plan() error {
	r := newRand(1)
	n := g.s.Coffees
	g.coffeeDay = make([]int32, n)
	g.coffeeWith = make([]int32, n)
	g.coffeeWith2 = make([]int32, n)
	g.lastContact = make([]int32, g.s.Contacts+1)
	for i := range g.lastContact {
		g.lastContact[i] = -1
	}
	seen := func(id, d int32) {
		if g.lastContact[id] < 0 || d < g.lastContact[id] {
			g.lastContact[id] = d
		}
	}
	for i := 0; i < n; i++ {
		// five years of history, oldest first, so ids follow dates
		d := int32(5*365 - 1 - (i * 5 * 365 / n))
		g.coffeeDay[i] = d
		// a skewed choice: a few people are met often, most rarely
		c := int32(1 + int(float64(g.s.Contacts)*r.Float64()*r.Float64()))
		g.coffeeWith[i] = c
		seen(c, d)
		if r.IntN(10) == 0 {
			c2 := int32(1 + r.IntN(g.s.Contacts))
			if c2 != c {
				g.coffeeWith2[i] = c2
				seen(c2, d)
			}
		}
	}
	return nil
}

// contactStmts are the prepared inserts of a contact and of its rows in
// the other tables.
type contactStmts struct {
	contact, email, phone, tag, move *sql.Stmt
}

func (g *gen) prepareContactStmts() (st contactStmts, err error) {
	if st.contact, err = g.prepare(`INSERT INTO contacts (id, name, name_key, company, company_key, title,
		category, category_key, stage, advocacy, met_at, topic, idea, cadence_days, linkedin_url, birthday,
		source, last_contact, notes, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`); err != nil {
		return st, err
	}
	if st.email, err = g.prepare("INSERT INTO contact_emails (contact_id, position, email, email_key) VALUES (?, ?, ?, ?)"); err != nil {
		return st, err
	}
	if st.phone, err = g.prepare("INSERT INTO contact_phones (contact_id, position, phone, digits) VALUES (?, ?, ?, ?)"); err != nil {
		return st, err
	}
	if st.tag, err = g.prepare("INSERT INTO contact_tags (contact_id, tag, tag_key) VALUES (?, ?, ?)"); err != nil {
		return st, err
	}
	st.move, err = g.prepare("INSERT INTO stage_moves (contact_id, from_stage, to_stage, moved_on, created_at) VALUES (?, ?, ?, ?, ?)")
	return st, err
}

func (g *gen) contacts() error {
	r := newRand(2)
	st, err := g.prepareContactStmts()
	if err != nil {
		return err
	}
	for id := 1; id <= g.s.Contacts; id++ {
		if err := g.contact(r, st, id); err != nil {
			return err
		}
	}
	return nil
}

// contact writes contact id, its emails, phones and tags, and its moves
// through the funnel. The draws from r come in a fixed order: changing it
// changes the data set (and needs a new Version).
func (g *gen) contact(r *rand.Rand, st contactStmts, id int) error {
	p := makePerson(r, g.companies)
	if g.s.Targets > 0 && id%50 == 0 { // every target company employs someone
		p.company = TargetName(id / 50 % g.s.Targets)
	}
	name := fmt.Sprintf("%s %s", p.first, p.last)
	if r.IntN(3) > 0 { // most people are told apart by a middle initial
		name = fmt.Sprintf("%s %c. %s", p.first, 'A'+rune(r.IntN(26)), p.last)
	}
	category := categories[r.IntN(len(categories))]
	created := 2 * 365 * (g.s.Contacts - id) / g.s.Contacts // older ids were added earlier
	stages := drawStages(r)
	var cadence, last, advocacy any
	if r.IntN(10) == 0 {
		cadence = []int{14, 30, 60, 90}[r.IntN(4)]
	}
	if d := g.lastContact[id]; d >= 0 {
		last = day(int(d))
	}
	if r.IntN(50) == 0 {
		advocacy = "advocate"
	}
	var birthday string
	if r.IntN(5) == 0 {
		birthday = fmt.Sprintf("--%02d-%02d", 1+r.IntN(12), 1+r.IntN(28)) // as kith.ParseBirthday stores it
	}
	_, err := st.contact.Exec(id, name, kith.Fold(name), p.company, kith.Fold(p.company), p.title, category,
		kith.Fold(category), string(stages[len(stages)-1]), advocacy, places[r.IntN(len(places))],
		"", ideas[r.IntN(len(ideas))], cadence,
		fmt.Sprintf("https://www.linkedin.com/in/%s-%x", p.slug("-"), id),
		birthday, "import:linkedin", last, "", g.now, g.now)
	if err != nil {
		return fmt.Errorf("contact %d: %w", id, err)
	}
	if err := contactLists(r, st, id, p); err != nil {
		return err
	}
	return g.stageMoves(r, st.move, id, created, stages)
}

// drawStages draws the stages a contact has been at, the current one
// last: most stay in the halo, a few become clients and fewer past clients.
func drawStages(r *rand.Rand) []kith.Stage {
	switch x := r.IntN(100); {
	case x < 70:
		return []kith.Stage{kith.Halo}
	case x < 90:
		return []kith.Stage{kith.Halo, kith.Lead}
	case x < 97:
		return []kith.Stage{kith.Halo, kith.Lead, kith.Client}
	}
	return []kith.Stage{kith.Halo, kith.Lead, kith.Client, kith.PastClient}
}

// contactLists writes most contacts an email, half a phone and a quarter
// a tag.
func contactLists(r *rand.Rand, st contactStmts, id int, p person) error {
	if r.IntN(10) < 8 {
		e := fmt.Sprintf("%s.%d@example.com", p.slug("."), id)
		if _, err := st.email.Exec(id, 0, e, kith.Fold(e)); err != nil {
			return err
		}
	}
	if r.IntN(2) == 0 {
		ph := fmt.Sprintf("+1 555 %03d %04d", id/10000, id%10000)
		if _, err := st.phone.Exec(id, 0, ph, kith.PhoneDigits(ph)); err != nil {
			return err
		}
	}
	if r.IntN(4) == 0 {
		t := tags[r.IntN(len(tags))]
		if _, err := st.tag.Exec(id, t, t); err != nil {
			return err
		}
	}
	return nil
}

// stageMoves writes a contact's moves through stages, the first on the
// day it was added (created days before Today), each later one more
// recent, some in the current quarter.
func (g *gen) stageMoves(r *rand.Rand, move *sql.Stmt, id, created int, stages []kith.Stage) error {
	var from any
	for i, st := range stages {
		on := created * (len(stages) - i) / len(stages)
		if i > 0 {
			on = r.IntN(created/len(stages) + 1)
		}
		if _, err := move.Exec(id, from, string(st), day(on), g.now); err != nil {
			return err
		}
		from = string(st)
	}
	return nil
}
