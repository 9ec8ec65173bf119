package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/render"
	"github.com/kith-crm/kith/internal/store"
)

// confirmNamesakes asks, on a terminal, whether to go on although the
// contacts in same would be taken for the one being written; in a script
// it refuses with hint, which says how to go on. verb is what would not be
// done ("add"). ok is false when the user said no, after "Nothing added"
// is said.
func (f *Factory) confirmNamesakes(ctx context.Context, same []store.Namesake, verb, hint, question string) (ok bool, err error) {
	if len(same) == 0 {
		return true, nil
	}
	var who []string
	for _, n := range same {
		who = append(who, namesakeText(n))
	}
	if !f.InTTY {
		return false, kith.Errorf(kith.Conflict, "%s; nothing was %s", strings.Join(who, "; "), pastTense(verb)).
			WithHint("%s", hint)
	}
	for _, line := range who {
		fmt.Fprintln(f.ErrOut, render.Wrap(render.Cell(line), f.Mode().LineWidth()))
	}
	if ok, err = confirm(ctx, f, question+" [y/N] "); err == nil && !ok {
		fmt.Fprintf(f.ErrOut, "Nothing %s.\n", pastTense(verb))
	}
	return ok, err
}

// namesakeText says who a namesake is and what they share: "#4 Ben
// Carter at Acme has the same name", "#7 Ben C. (archived) has the email
// ben@carter.io".
func namesakeText(n store.Namesake) string {
	who := fmt.Sprintf("#%d %s", n.ID, n.Name)
	if n.Company != "" {
		who += " at " + n.Company
	}
	if n.Archived {
		who += " (archived)"
	}
	if n.Same == "name" {
		return who + " has the same name"
	}
	return fmt.Sprintf("%s has the %s %s", who, n.Same, n.Value)
}

// pastTense is verb as "nothing was ..." says it.
func pastTense(verb string) string {
	if strings.HasSuffix(verb, "e") {
		return verb + "d"
	}
	return verb + "ed"
}
