package kith

// Move says which way a funnel move went.
type Move string

// The kinds of funnel move.
const (
	MoveNew  Move = "new"  // the first placement of a new contact
	MoveUp   Move = "up"   // toward client
	MoveDown Move = "down" // any other change
	MoveNone Move = "none" // not a change of stage
)

// MoveDirection classifies a move from one stage to another. The ladder is
// halo < lead < client: a move toward client is up (reaching client, or a
// halo or past client becoming a lead again); any other change is down.
// An empty from is the first placement of a new contact.
func MoveDirection(from, to Stage) Move {
	switch {
	case from == "":
		return MoveNew
	case from == to:
		return MoveNone
	case to == Client, to == Lead && (from == Halo || from == PastClient):
		return MoveUp
	}
	return MoveDown
}

// stageRank orders stages by how far along the funnel a contact has come:
// a past client has been a client, which is further than a lead.
var stageRank = map[Stage]int{Halo: 0, Lead: 1, PastClient: 2, Client: 3}

// FurtherStage is the stage of a and b further along the funnel (client,
// then past client, lead, halo): the one two records of one person keep
// when they are merged.
func FurtherStage(a, b Stage) Stage {
	if stageRank[b] > stageRank[a] {
		return b
	}
	return a
}
