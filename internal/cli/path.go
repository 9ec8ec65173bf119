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
of them, or any company name. kith walks the introductions (who introduced
whom, both ways) and shared employers from the people you have met to the
people at the target, and prints the shortest chains, best first: shorter,
then warmer (raving fans and advocates, introductions that led somewhere),
then the more recently met. Each step names who to ask.

When nobody you know connects, it says so in a sentence and exits 0.
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
	return writePaths(f.Out, res, opts.hops)
}

func targetWords(res app.PathResult) string {
	switch {
	case res.Segment != "":
		return fmt.Sprintf("the %s segment (%s)", res.Segment, strings.Join(res.Companies, ", "))
	default:
		return res.Companies[0]
	}
}

func writePaths(w io.Writer, res app.PathResult, hops int) error {
	var b strings.Builder
	switch {
	case res.AtTarget == 0:
		fmt.Fprintf(&b, "Nobody in your contacts works at %s yet.\n", render.Cell(targetWords(res)))
		b.WriteString("Ask for a client introduction there at your next coffee: kith ask REF.\n")
	case len(res.Paths) == 0:
		fmt.Fprintf(&b, "Nobody you know connects to the %s at %s within %s.\n",
			plural(res.AtTarget, "person"), render.Cell(targetWords(res)), plural(hops, "step"))
		b.WriteString("Ask for a client introduction there at your next coffee: kith ask REF.\n")
	default:
		fmt.Fprintf(&b, "Warm paths to %s (%s there):\n", render.Cell(targetWords(res)), plural(res.AtTarget, "person"))
		for i, p := range res.Paths {
			fmt.Fprintf(&b, "\n%d. %s\n", i+1, render.Cell(chainNames(p)))
			for k, l := range p.Links {
				fmt.Fprintf(&b, "   %s\n", render.Cell(linkSentence(l, p.People[k], p.People[k+1])))
			}
			fmt.Fprintf(&b, "   %s\n", render.Cell(askSentence(p)))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
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
	if len(p.People) == 1 {
		return fmt.Sprintf("You know %s (%s): ask them directly.", first.Name, about)
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
