package benchgen

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
)

// LinkedInPreamble is what LinkedIn writes before the header of
// Connections.csv: a UTF-8 byte order mark, a "Notes:" line, one quoted
// note and a blank line, all with CRLF line ends.
const LinkedInPreamble = "\uFEFFNotes:\r\n" +
	`"When exporting your connection data, you may notice that some of the email addresses are missing. ` +
	`You will only see email addresses for connections who have allowed their connections to see or download ` +
	`their email address using this setting https://www.linkedin.com/psettings/privacy/email. You can learn ` +
	`more here https://www.linkedin.com/help/linkedin/answer/261"` + "\r\n\r\n"

// LinkedInPreambleLines is how many lines come before the header.
const LinkedInPreambleLines = 3

// LinkedInHeader is the header row of Connections.csv.
var LinkedInHeader = []string{"First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"}

var months = []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// LinkedInCSV writes a Connections.csv of n people as LinkedIn exports it:
// BOM, Notes preamble, CRLF, quoted fields where a company or position has
// a comma or a quote, most rows without an email, dates like "12 Mar 2024".
// Every row is a distinct person (its URL is unique).
func LinkedInCSV(w io.Writer, n int) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	if _, err := bw.WriteString(LinkedInPreamble); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(LinkedInHeader); err != nil {
		return err
	}
	r := newRand(6)
	row := make([]string, len(LinkedInHeader))
	for i := 1; i <= n; i++ {
		p := makePerson(r, companies)
		first, last := p.first, p.last
		if r.IntN(40) == 0 {
			last += ", CPA" // suffixes with commas are common in real exports
		}
		if r.IntN(200) == 0 {
			first = `"Bobby" ` + first
		}
		var email string
		if r.IntN(10) < 3 {
			email = fmt.Sprintf("%s.%d@example.org", p.slug("."), i)
		}
		row[0], row[1] = first, last
		row[2] = fmt.Sprintf("https://www.linkedin.com/in/%s-%x", p.slug("-"), i)
		row[3] = email
		row[4] = p.company
		row[5] = p.title
		row[6] = fmt.Sprintf("%02d %s %d", 1+r.IntN(28), months[r.IntN(12)], 2010+r.IntN(16))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
