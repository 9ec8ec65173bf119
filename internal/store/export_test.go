package store

// DueQueries are the queries behind followup due, for the test that keeps
// them on their indexes.
var DueQueries = map[string]string{
	"followups":        dueFollowupsQuery,
	"own cadence":      dueOwnCadenceQuery,
	"category cadence": dueCategoryCadenceQuery,
	"default cadence":  dueDefaultCadenceQuery,
}

// SetBulkLimits lowers the thresholds of an import's bulk mode for a test
// and returns the function that puts them back.
func SetBulkLimits(after, suspects int) func() {
	a, s := bulkAfter, maxSuspects
	bulkAfter, maxSuspects = after, suspects
	return func() { bulkAfter, maxSuspects = a, s }
}

// ListQueries are the queries that read a listing's lists, for the test
// that keeps them from sorting.
var ListQueries = map[string]string{
	"allEmails": allEmails, "someEmails": someEmails,
	"allPhones": allPhones, "somePhones": somePhones,
	"allTags": allTags, "someTags": someTags,
	"allFans": allFans, "someFans": someFans,
}

// PhoneCandidatesQuery is the import's phone lookup without its id bound,
// for the test that keeps it on the index.
const PhoneCandidatesQuery = phoneCandidatesQuery
