package store

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestConstraintProblem(t *testing.T) {
	tests := map[string]string{
		"UNIQUE constraint failed: contacts.id (1555)":                                           "repeats the contacts.id of an earlier row",
		"UNIQUE constraint failed: coffee_contacts.coffee_id, coffee_contacts.contact_id (2067)": "repeats the coffee_contacts.coffee_id and coffee_contacts.contact_id of an earlier row",
		"NOT NULL constraint failed: contacts.name_key (1299)":                                   "has no value for name_key, which every row needs",
		"CHECK constraint failed: stage IN ('halo') (275)":                                       "has a value stage does not allow",
		"FOREIGN KEY constraint failed (787)":                                                    "refers to a row that is not in the export",
	}
	for msg, want := range tests {
		assert.Equal(t, want, constraintProblem(errors.New(msg)), msg)
	}
}
