package store

import (
	"github.com/kith-crm/kith/internal/kith"
)

// The graph's reads call a function with each row as it is read, so the
// whole network is drawn without holding it: every person in it, then
// every introduction.

// GraphNodes calls fn with the people with the given ids as graph nodes,
// by id, advocacy derived as everywhere else.
func (tx *Tx) GraphNodes(ids []int64, fn func(kith.GraphNode) error) error {
	return queryEach(tx, scanGraphNode, fn, graphNodesSQL, jsonParam(ids))
}

// EachIntroducedPerson calls fn with everyone who introduced someone or
// was introduced, as a graph node, by id.
func (tx *Tx) EachIntroducedPerson(fn func(kith.GraphNode) error) error {
	return queryEach(tx, scanGraphNode, fn, graphPeopleSQL)
}

// EachIntroEdge calls fn with every introduction, by id.
func (tx *Tx) EachIntroEdge(fn func(kith.IntroEdge) error) error {
	return queryEach(tx, scanIntroEdge, fn, graphEdgesSQL)
}

func scanGraphNode(row interface{ Scan(...any) error }) (kith.GraphNode, error) {
	var n kith.GraphNode
	err := row.Scan(&n.ID, &n.Name, &n.Company, &n.Stage, &n.Advocacy)
	return n, err
}

// graphNodeColumns selects a contact c as a kith.GraphNode.
const graphNodeColumns = `c.id, c.name, c.company, c.stage, ` + effectiveAdvocacy

// The queries, named so tests can check their plans: graphNodesSQL reads
// an index; the whole graph's two walk their tables once, in id order,
// without sorting. graphPeopleSQL asks two indexes whether each contact is
// in an introduction: a UNION of the introductions' ids would sort them,
// and the people after it, in temporary b-trees.
const (
	graphNodesSQL = `SELECT ` + graphNodeColumns + `
			FROM json_each(?) AS j CROSS JOIN contacts c ON c.id = j.value ORDER BY c.id`
	graphPeopleSQL = `SELECT ` + graphNodeColumns + ` FROM contacts c
		WHERE EXISTS (SELECT 1 FROM introductions i WHERE i.from_id = c.id)
			OR EXISTS (SELECT 1 FROM introductions i WHERE i.to_id = c.id)
		ORDER BY c.id`
	graphEdgesSQL = `SELECT ` + introEdgeColumns + ` FROM introductions i ORDER BY i.id`
)
