package store

// DueQueries are the queries behind followup due, for the test that keeps
// them on their indexes.
var DueQueries = map[string]string{
	"followups":        dueFollowupsQuery,
	"own cadence":      dueOwnCadenceQuery,
	"category cadence": dueCategoryCadenceQuery,
	"default cadence":  dueDefaultCadenceQuery,
}
