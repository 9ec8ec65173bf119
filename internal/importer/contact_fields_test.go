package importer_test

import (
	"bytes"
	"io"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/importer"
	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/kith/kithtest"
)

// inVCard says, for every field of a contact, whether kith's vCard export
// carries it: vCard 3.0 has a property for it that address books read.
// The rest travel only in kith's own CSV and JSON.
var inVCard = map[string]bool{
	"id": false, "name": true, "email": true, "emails": true, "phone": true, "phones": true, "company": true,
	"title": true, "category": false, "tags": true, "stage": false, "advocacy": false, "advocacy_set": false,
	"met_at": false, "topic": false, "idea": false, "cadence_days": false, "linkedin_url": true, "birthday": true, "anniversaries": true,
	"source": false, "last_contact": false, "notes": true, "created_at": false, "updated_at": false,
}

// TestExportImportCarriesEveryField exports a contact with every field set
// (kithtest.FullContact) in each format and imports the file: kith's CSV
// and JSON give back every field but those kith computes, vCard those it
// has a property for.
func TestExportImportCarriesEveryField(t *testing.T) {
	full := kithtest.FullContact()
	for _, f := range kith.ContactFields {
		_, ok := inVCard[f.Key]
		assert.True(t, ok, "say in inVCard whether vCard export carries %s", f.Key)
	}
	for _, tt := range []struct {
		format  importer.Format
		carries func(kith.ContactField) bool
	}{
		{importer.CSV, func(f kith.ContactField) bool { return f.Import != kith.Computed }},
		{importer.JSON, func(f kith.ContactField) bool { return f.Import != kith.Computed }},
		{importer.VCard, func(f kith.ContactField) bool { return inVCard[f.Key] }},
	} {
		t.Run(string(tt.format), func(t *testing.T) {
			var file bytes.Buffer
			w, err := importer.NewWriter(&file, tt.format, false)
			require.NoError(t, err)
			require.NoError(t, w.Write(full))
			require.NoError(t, w.Close())

			r, _, err := importer.Open(&file, "export", tt.format)
			require.NoError(t, err)
			rec, err := r.Next()
			require.NoError(t, err)
			got := rec.Contact
			require.NoError(t, got.Normalize(), "as the store does with every imported contact")
			_, err = r.Next()
			assert.Equal(t, io.EOF, err, "one contact")

			want, have := reflect.ValueOf(full), reflect.ValueOf(got)
			for i, f := range kith.ContactFields {
				if tt.carries(f) {
					assert.Equal(t, want.Field(i).Interface(), have.Field(i).Interface(), f.Key)
				}
			}
		})
	}
}
