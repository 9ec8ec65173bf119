package store

import (
	"github.com/kith-crm/kith/internal/kith"
)

// GraphNodes returns the people with the given ids as graph nodes, by id,
// advocacy derived as everywhere else.
func (tx *Tx) GraphNodes(ids []int64) ([]kith.GraphNode, error) {
	return queryAll(tx, func(row interface{ Scan(...any) error }) (kith.GraphNode, error) {
		var n kith.GraphNode
		err := row.Scan(&n.ID, &n.Name, &n.Company, &n.Stage, &n.Advocacy)
		return n, err
	}, graphNodesSQL, jsonParam(ids))
}

// The queries, named so a test can check each one's plan reads an index.
const (
	graphNodesSQL = `SELECT c.id, c.name, c.company, c.stage, ` + effectiveAdvocacy + `
			FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value ORDER BY c.id`
)
