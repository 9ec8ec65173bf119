package importer

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// peerVectors is where the shared folder keeps other projects' vCard test
// files. They are read in place and never copied into this repository.
var peerVectors = filepath.Join("..", "..", "..", "shared", "peer-vectors", "vobject")

// TestPeerVectors checks kith against py-vobject's vCard files, as their
// README says kith should read them.
func TestPeerVectors(t *testing.T) {
	dir := peerVectors
	if d := os.Getenv("KITH_PEER_VECTORS"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("peer vectors not found at %s", dir)
	}
	tests := []struct {
		file string
		want []want
	}{
		{"vcard40_full.vcf", []want{{name: "Dr. John Q. Public, III", company: "Example Corp.", title: "CEO",
			emails: []string{"johnny@personal.example.org", "john.public@example.com"},
			phones: []string{"+1-555-555-5555", "+1-555-123-4567"}, tags: []string{"BUSINESS", "NETWORKING"},
			birthday: "1985-04-15", notes: "This is a note about John.\nHe likes vCards."}}},
		{"vcard40_simple.vcf", []want{{name: "John Doe"}}},
		{"vcard40_multilang.vcf", []want{{name: "Yamada Taro"}}},
		{"vcard40_group.vcf", []want{{skip: "not a person (KIND:group)"}}},
		{"vcard40_org.vcf", []want{{skip: "not a person (KIND:org)", target: "ABC, Inc."}}},
		{"vcard40_location.vcf", []want{{skip: "not a person (KIND:location)"}}},
		{"photo-test.vcf", []want{{name: "should be ok to share", phones: []string{"+49123456789"}}}},
		{"radicale-1587.vcf", []want{{name: "Given Family"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			format, recs, errs := readAll(t, filepath.Join(dir, tt.file), Auto)
			assert.Equal(t, VCard, format)
			assert.Empty(t, errs)
			require.Len(t, recs, len(tt.want))
			for i, w := range tt.want {
				check(t, w, recs[i])
			}
		})
	}
}
