package kith

import "github.com/kith-crm/kith/internal/dates"

// IntroEdge is an introduction as an edge of the user's network, without
// its notes and value: received, From introduced To to the user; given,
// the user introduced From to To.
type IntroEdge struct {
	ID        int64       `json:"id"`
	From      int64       `json:"from"`
	To        int64       `json:"to"`
	Direction Direction   `json:"direction"`
	Kind      IntroKind   `json:"kind"`
	Status    IntroStatus `json:"status"`
	Asked     bool        `json:"asked"`
	Made      bool        `json:"made"` // it happened: false for a promise, open or lost
	On        dates.Date  `json:"date"`
}

// GraphNode is one person in the graph of who introduced whom.
type GraphNode struct {
	ID       int64    `json:"id"`
	Name     string   `json:"name"`
	Company  string   `json:"company"`
	Stage    Stage    `json:"stage"`
	Advocacy Advocacy `json:"advocacy"`
}
