package importer

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVCardDatesThatMatter reads the anniversaries the address books
// write: vCard 4.0's ANNIVERSARY, vCard 3.0's X-ANNIVERSARY, and Apple's
// labelled X-ABDATE pairs.
func TestVCardDatesThatMatter(t *testing.T) {
	tests := []struct {
		name, card string
		want       []string
		dropped    []string
	}{
		{"vCard 4.0", "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nANNIVERSARY:20120620\nEND:VCARD\n",
			[]string{"wedding:2012-06-20"}, nil},
		{"vCard 3.0", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nX-ANNIVERSARY:2012-06-20\nEND:VCARD\n",
			[]string{"wedding:2012-06-20"}, nil},
		{"Apple's labels", "BEGIN:VCARD\nVERSION:3.0\nFN:Ana\nitem1.X-ABDATE:2012-06-20\n" +
			"item1.X-ABLabel:_$!<Anniversary>!$_\nitem2.X-ABDATE;type=pref:2021-06-01\nitem2.X-ABLabel:work\n" +
			"X-ABDATE:--1102\nEND:VCARD\n",
			[]string{"wedding:2012-06-20", "work:2021-06-01", "date:--11-02"}, nil},
		{"not a date", "BEGIN:VCARD\nVERSION:4.0\nFN:Ana\nANNIVERSARY:long ago\nANNIVERSARY;VALUE=text:circa 1990\nEND:VCARD\n",
			nil, []string{`4: wedding: "long ago" is not a date (write YYYY-MM-DD, or MM-DD when you do not know the year)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _, err := Open(strings.NewReader(tt.card), "f.vcf", VCard)
			require.NoError(t, err)
			recs, errs := drain(r)
			require.Empty(t, errs)
			require.Len(t, recs, 1)
			assert.Equal(t, tt.want, nilIfEmpty(recs[0].Contact.Anniversaries))
			assert.Equal(t, tt.dropped, notes(recs[0].Dropped))
		})
	}
}
