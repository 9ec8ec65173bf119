package cli

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kith-crm/kith/internal/app"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/warmpath"
)

// pathOptions is what path runs with.
type pathOptions struct {
	f      *Factory
	target string
	hops   int
	limit  int
}

func newPathCmd(f *Factory) *cobra.Command {
	opts := &pathOptions{f: f}
	cmd := &cobra.Command{
		Use:   "path TARGET",
		Short: "Find who can introduce you to someone at a target company",
		Long: `Answer the networker's question: who can introduce me to someone at that
company? TARGET is a registered target's name (kith target add), a segment
of them, or any company name. Everyone at the target is in your contacts,
so each of them is a path of its own: write to them directly. Besides
those, kith walks the introductions (who introduced whom, both ways) and
shared employers from the nearest people you have met to the people at the
target. Meeting people makes a path warmer, not possible: paths from
someone you have met (a coffee, a lead or client, an introduction) come
first, then cold ones (an imported connection you never met); then
shorter, then warmer (meetings held, raving fans and advocates,
introductions that led somewhere), then the more recently met. Each path
names whom to ask and says why it is ranked where it is.

When nobody in your contacts works there, it says so and exits 0.
Otherwise, piped, each path is one tab-separated line: RANK HOPS ASK_FIRST
CHAIN (names joined by " > ").`,
		Example: `  kith path "Acme Corp"
  kith path banking --limit 10
  kith path Initech --hops 2 --json`,
		Args:              exactArgs(1, "one TARGET (quote names with spaces)"),
		ValidArgsFunction: completeTargets(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.target = args[0]
			return runPath(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVar(&opts.hops, "hops", 4, "longest chain to look for, in introductions")
	cmd.Flags().IntVar(&opts.limit, "limit", 5, "at most N paths")
	return cmd
}

// runPath finds the warm paths to the target and prints them.
func runPath(ctx context.Context, opts *pathOptions) error {
	f := opts.f
	if opts.hops < 1 || opts.limit < 1 {
		return kith.Errorf(kith.Invalid, "--hops and --limit must be 1 or more, got %d and %d", opts.hops, opts.limit)
	}
	target := strings.TrimSpace(opts.target)
	if target == "" {
		return usageErrorf("path needs a TARGET: a company or a target's name")
	}
	db, err := f.Store(ctx)
	if err != nil {
		return err
	}
	res, err := app.WarmPaths(ctx, db, target, opts.hops, opts.limit)
	if err != nil {
		return err
	}
	if f.flags.json {
		return renderJSON(f, res)
	}
	if !f.OutTTY && len(res.Paths) > 0 {
		return plainPaths(f.Out, res)
	}
	_, err = io.WriteString(f.Out, f.prose(pathsText(res, opts.hops)))
	return err
}

func targetWords(res app.PathResult) string {
	switch {
	case res.Segment != "":
		return fmt.Sprintf("the %s segment (%s)", res.Segment, strings.Join(res.Companies, ", "))
	default:
		return res.Companies[0]
	}
}

// pathsText writes the paths as prose: each chain, why its people know
// each other, whom to ask, and why it is ranked where it is.
func pathsText(res app.PathResult, hops int) string {
	var b strings.Builder
	switch {
	case res.AtTarget == 0:
		fmt.Fprintf(&b, "Nobody in your contacts works at %s yet.\n", render.Cell(targetWords(res)))
		b.WriteString("Ask for a client introduction there at your next coffee: kith ask REF.\n")
	default:
		fmt.Fprintf(&b, "Paths to %s (%s there), warm first:\n", render.Cell(targetWords(res)), peopleCount(res.AtTarget))
		for i, p := range res.Paths {
			fmt.Fprintf(&b, "\n%d. %s\n", i+1, render.Cell(chainNames(p)))
			for k, l := range p.Links {
				fmt.Fprintf(&b, "   %s\n", render.Cell(linkSentence(l, p.People[k], p.People[k+1])))
			}
			fmt.Fprintf(&b, "   %s\n", render.Cell(askSentence(p)))
			fmt.Fprintf(&b, "   %s\n", render.Cell(rankSentence(res.Paths, i)))
		}
		if !res.Paths[0].Warm {
			fmt.Fprintf(&b, "\nNobody you have met connects to %s within %s: ask for a client\nintroduction there at your next coffee (kith ask REF).\n",
				render.Cell(targetWords(res)), plural(hops, "step"))
		}
	}
	return b.String()
}

func plainPaths(w io.Writer, res app.PathResult) error {
	rows := make([][]string, len(res.Paths))
	for i, p := range res.Paths {
		rows[i] = []string{strconv.Itoa(i + 1), strconv.Itoa(p.Hops), p.People[0].Name, chainNames(p)}
	}
	return render.Plain(w, rows)
}

// chainNames writes a path as "Ana Lima > Bo Chen > Cy Diaz (Acme)".
func chainNames(p app.WarmPath) string {
	names := make([]string, len(p.People))
	for i, person := range p.People {
		names[i] = person.Name
	}
	last := p.People[len(p.People)-1]
	return strings.Join(names, " > ") + " (" + last.Company + ")"
}

// linkSentence says why two neighbours on a path know each other.
func linkSentence(l warmpath.Link, a, b app.PathPerson) string {
	name := func(id int64) string {
		if id == a.ID {
			return a.Name
		}
		return b.Name
	}
	switch l.Kind {
	case warmpath.Colleague:
		return fmt.Sprintf("%s and %s both work at %s", a.Name, b.Name, l.Company)
	case warmpath.IntroducedBy:
		return fmt.Sprintf("you introduced %s to %s (%s, %s)", name(l.From), name(l.To), l.Status, l.On)
	}
	return fmt.Sprintf("%s introduced %s to you (%s, %s)", name(l.From), name(l.To), l.Status, l.On)
}

// askSentence names who to ask, step by step.
func askSentence(p app.WarmPath) string {
	first := p.People[0]
	about := string(first.Advocacy)
	if about == "none" {
		about = string(first.Stage)
	}
	about = strings.ReplaceAll(about, "_", " ")
	if first.LastContact != nil {
		about += ", last coffee " + first.LastContact.String()
	}
	switch {
	case len(p.People) == 1 && first.Met:
		return fmt.Sprintf("You know %s (%s): ask them directly.", first.Name, about)
	case len(p.People) == 1:
		return fmt.Sprintf("%s is in your contacts (%s) but you have not met: write to them directly.",
			first.Name, sourceWords(first.Source))
	}
	steps := []string{fmt.Sprintf("Ask %s (%s) to introduce you to %s", first.Name, about, p.People[1].Name)}
	for k := 1; k+1 < len(p.People); k++ {
		steps = append(steps, fmt.Sprintf("then %s to introduce you to %s", p.People[k].Name, p.People[k+1].Name))
	}
	return strings.Join(steps, "; ") + "."
}

// completeTargets completes TARGET with the registered targets' names and
// segments.
func completeTargets(f *Factory) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]string, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		db := f.completionStore(cmd)
		if db == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		targets, err := db.ListTargets(cmd.Context(), "")
		if err != nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var out []string
		seen := map[string]bool{}
		for _, t := range targets {
			for _, v := range []string{t.Name, t.Segment} {
				if v != "" && !seen[v] {
					seen[v] = true
					out = append(out, v)
				}
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

// rankSentence says why the i-th path is ranked where it is: how warm its
// start is, and the rule that puts it below the path before it.
func rankSentence(paths []app.WarmPath, i int) string {
	p := paths[i]
	first := p.People[0]
	var b strings.Builder
	fmt.Fprintf(&b, "Ranked %s: ", ordinal(i+1))
	if p.Warm {
		fmt.Fprintf(&b, "warm, you know %s (%s)", first.Name, metWords(first))
	} else {
		fmt.Fprintf(&b, "cold, you have never met %s", first.Name)
	}
	if i == 0 {
		b.WriteString(".")
		return b.String()
	}
	above, n := paths[i-1], ordinal(i)
	switch p.Why {
	case warmpath.Cold:
		b.WriteString("; cold paths come after the warm ones.")
	case warmpath.Longer:
		fmt.Fprintf(&b, "; longer than the %s (%s against %d).", n, plural(p.Hops, "step"), above.Hops)
	case warmpath.LessWarm:
		fmt.Fprintf(&b, "; less warm than the %s (warmth %d against %d).", n, p.Warmth, above.Warmth)
	case warmpath.MetLessRecently:
		fmt.Fprintf(&b, "; as warm as the %s, met less recently.", n)
	default:
		fmt.Fprintf(&b, "; as warm and as recent as the %s, listed in the order added.", n)
	}
	return b.String()
}

// metWords says what the user knows of someone they have met: meetings,
// advocacy, standing.
func metWords(p app.PathPerson) string {
	var words []string
	if p.Coffees > 0 {
		words = append(words, plural(p.Coffees, "meeting"))
	}
	if p.Advocacy != kith.NoAdvocacy {
		words = append(words, strings.ReplaceAll(string(p.Advocacy), "_", " "))
	}
	if p.Stage != kith.Halo {
		words = append(words, strings.ReplaceAll(string(p.Stage), "_", " "))
	}
	if len(words) == 0 {
		return "through an introduction or a message"
	}
	return strings.Join(words, ", ")
}

// sourceWords says where a contact came from: "imported from linkedin".
func sourceWords(source string) string {
	switch {
	case strings.HasPrefix(source, "import:"):
		return "imported from " + strings.TrimPrefix(source, "import:")
	case source == "intro":
		return "named in an introduction"
	}
	return "added by hand"
}

// peopleCount writes "1 person", "3 people".
func peopleCount(n int) string {
	if n == 1 {
		return "1 person"
	}
	return strconv.Itoa(n) + " people"
}

// ordinal writes 1 as "1st", 2 as "2nd", 11 as "11th".
func ordinal(n int) string {
	suffix := "th"
	if n%100 < 11 || n%100 > 13 {
		switch n % 10 {
		case 1:
			suffix = "st"
		case 2:
			suffix = "nd"
		case 3:
			suffix = "rd"
		}
	}
	return strconv.Itoa(n) + suffix
}
