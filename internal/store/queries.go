package store

// MeasureQueries names the queries behind report, napkin, path and the
// follow-up draft's last meeting, for the test that holds each of them to
// reading an index.
var MeasureQueries = map[string]string{
	"reportCoffees": reportCoffeesSQL, "reportIntros": reportIntrosSQL, "reportWins": reportWinsSQL,
	"reportClients": reportClientsSQL, "reportSources": reportSourcesSQL,
	"reportIntroducers": reportIntroducersSQL, "reportAdvocacy": reportAdvocacySQL,
	"napkinCounts": napkinCountsSQL, "napkinRecent": napkinRecentSQL, "napkinOldest": napkinOldestSQL,
	"pathAtTarget": pathAtTargetSQL, "pathIntroLinks": pathIntroLinksSQL,
	"pathRingCompanies": pathRingCompaniesSQL, "pathColleagues": pathColleaguesSQL, "pathKnown": pathKnownSQL, "graphNodes": graphNodesSQL,
	"draftLastMeeting": lastMeetingSQL,
}
