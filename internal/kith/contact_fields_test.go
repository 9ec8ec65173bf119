package kith_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
	"github.com/kith-crm/kith/internal/kith/kithtest"
)

// contactType is kith.Contact as reflection sees it: the tests below walk
// its fields, so a field added to Contact alone fails them.
var contactType = reflect.TypeOf(kith.Contact{})

// field returns field i of c, by reflection.
func field(c *kith.Contact, i int) reflect.Value { return reflect.ValueOf(c).Elem().Field(i) }

// without returns c with field i zero.
func without(c kith.Contact, i int) kith.Contact {
	f := field(&c, i)
	f.Set(reflect.Zero(f.Type()))
	return c
}

func TestContactFieldsDescribeEveryFieldOfContact(t *testing.T) {
	require.Equal(t, contactType.NumField(), len(kith.ContactFields),
		"every field of kith.Contact needs its entry in kith.ContactFields, in the same place")
	full := kithtest.FullContact()
	for i, f := range kith.ContactFields {
		sf := contactType.Field(i)
		key, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		assert.Equal(t, key, f.Key, "kith.ContactFields[%d] describes %s, whose JSON key is %q", i, sf.Name, key)
		assert.Equal(t, sf.Type.Kind() == reflect.Slice, f.IsList(), "%s: a list field has a list", f.Key)
		switch v := field(&full, i); {
		case f.IsList():
			assert.Equal(t, v.Interface(), f.List(&full), "%s: List reads its own field", f.Key)
		case v.Kind() == reflect.String:
			assert.Equal(t, v.String(), f.Text(&full), "%s: Text reads its own field", f.Key)
		default:
			assert.NotEmpty(t, f.Text(&full), "%s: Text writes it", f.Key)
		}
	}
}

func TestFullContactSetsEveryField(t *testing.T) {
	full := kithtest.FullContact()
	for i := range contactType.NumField() {
		assert.False(t, field(&full, i).IsZero(), "kithtest.FullContact leaves %s zero: give it a value", contactType.Field(i).Name)
	}
	normalized := full
	require.NoError(t, normalized.Normalize())
	assert.Equal(t, full, normalized, "FullContact is as kith stores it")
}

func TestContactFieldText(t *testing.T) {
	text := map[string]string{}
	full := kithtest.FullContact()
	for _, f := range kith.ContactFields {
		text[f.Key] = f.Text(&full)
	}
	assert.Equal(t, "7", text["id"])
	assert.Equal(t, "raving_fan", text["advocacy"])
	assert.Equal(t, "true", text["advocacy_set"])
	assert.Equal(t, "30", text["cadence_days"])
	assert.Equal(t, "2026-02-20", text["last_contact"])
	assert.Equal(t, "2026-01-05T09:00:00Z", text["created_at"])
	assert.Equal(t, "", text["emails"], "a list has no single text")

	var none kith.Contact
	for _, f := range kith.ContactFields {
		if f.Key != "id" && f.Key != "advocacy_set" && f.Key != "created_at" && f.Key != "updated_at" {
			assert.Empty(t, f.Text(&none), "%s: an absent value is written empty", f.Key)
		}
	}
}

// TestMergeFieldsFollowsTheImportRules merges a contact with every field
// set into an empty one, and an empty one into it, and checks each field
// came out as its ContactFields entry's Import rule says.
func TestMergeFieldsFollowsTheImportRules(t *testing.T) {
	full := kithtest.FullContact()
	for _, overwrite := range []bool{false, true} {
		into := kith.MergeFields(kith.Contact{}, full, overwrite)
		for i, f := range kith.ContactFields {
			taken := f.Import == kith.Filled || f.Import == kith.Appended || f.Import == kith.Joined || f.Import == kith.Overwritten && overwrite
			if taken {
				assert.Equal(t, field(&full, i).Interface(), field(&into, i).Interface(), "%s (overwrite %v) is taken from the import", f.Key, overwrite)
			} else {
				assert.True(t, field(&into, i).IsZero(), "%s (overwrite %v) is not taken from the import", f.Key, overwrite)
			}
		}
		assert.Equal(t, full, kith.MergeFields(full, kith.Contact{}, overwrite), "an empty import changes nothing (overwrite %v)", overwrite)
	}
	// one field missing from the stored contact at a time
	for i, f := range kith.ContactFields {
		stored := without(full, i)
		for _, overwrite := range []bool{false, true} {
			merged := kith.MergeFields(stored, full, overwrite)
			// a stored advocacy counts as set while advocacy_set says so
			filled := f.Import == kith.Joined || f.Import == kith.Appended || f.Import == kith.Filled && (overwrite || f.Key != "advocacy") ||
				f.Import == kith.Overwritten && overwrite
			assert.Equal(t, filled, reflect.DeepEqual(full, merged), "%s (overwrite %v)", f.Key, overwrite)
		}
	}
}

// TestSameContactComparesWhatImportsChange checks SameContact tells a
// contact from itself with one field missing exactly when an import can
// change that field.
func TestSameContactComparesWhatImportsChange(t *testing.T) {
	full := kithtest.FullContact()
	assert.True(t, kith.SameContact(full, full))
	for i, f := range kith.ContactFields {
		changes := f.Import != kith.Computed && f.Import != kith.Kept && f.Import != kith.Derived
		assert.Equal(t, !changes, kith.SameContact(full, without(full, i)), f.Key)
	}
	derived := full
	derived.AdvocacySet, derived.Advocacy = false, kith.Advocate
	same := derived
	same.Advocacy = kith.NoAdvocacy
	assert.True(t, kith.SameContact(derived, same), "a derived advocacy is not the user's to compare")
}

// TestImportNeverReplacesNotes: an import with --update adds different
// notes after the stored ones, once, and never replaces them.
func TestImportNeverReplacesNotes(t *testing.T) {
	stored := kith.Contact{Name: "Ana", Notes: "met at BNI"}
	for _, tt := range []struct {
		in        string
		overwrite bool
		want      string
	}{
		{"likes jazz", true, "met at BNI\nlikes jazz"},
		{"likes jazz", false, "met at BNI"},
		{"BNI", true, "met at BNI"},
		{"", true, "met at BNI"},
	} {
		got := kith.MergeFields(stored, kith.Contact{Name: "Ana", Notes: tt.in}, tt.overwrite)
		assert.Equal(t, tt.want, got.Notes, "%q (overwrite %v)", tt.in, tt.overwrite)
	}
}
