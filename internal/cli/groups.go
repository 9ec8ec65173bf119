package cli

import "github.com/spf13/cobra"

// helpGroups sorts the commands under headings in kith --help, as gh does:
// what a day of coffees needs first, then the measures, then moving data
// in and out. The table is by name, so a new command takes its place by
// being listed here; TestEveryCommandHasAHelpGroup fails until it is.
var helpGroups = []struct {
	id, title string
	commands  []string
}{
	{"everyday", "Everyday:", []string{"contact", "coffee", "ask", "followup", "today", "touch", "note", "reconnect", "search"}},
	{"measure", "Measure:", []string{"report", "napkin", "funnel", "fans", "plan", "path", "graph"}},
	{"data", "Data:", []string{"import", "export", "backup", "calendar", "sync"}},
	{"more", "More:", []string{"intro", "target", "goal", "undo", "history", "version", "completion", "help"}},
}

// groupCommands puts root's commands under the headings of helpGroups. A
// command the table does not name is left ungrouped: cobra lists it under
// "Additional Commands".
func groupCommands(root *cobra.Command) {
	groupOf := map[string]string{}
	for _, g := range helpGroups {
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title})
		for _, name := range g.commands {
			groupOf[name] = g.id
		}
	}
	for _, cmd := range root.Commands() {
		cmd.GroupID = groupOf[cmd.Name()]
	}
	root.SetHelpCommandGroupID(groupOf["help"])
}
