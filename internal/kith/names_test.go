package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/kith"
)

func TestNamesCompatible(t *testing.T) {
	for _, pair := range [][2]string{
		{"Ana Lima", "ana lima"}, {"Ana", "Ana Lima"}, {"A. Lima", "Ana Lima"}, {"A L", "Ana Lima"},
		{"AL", "Ana Lima"}, {"", "Ana Lima"}, {"ana@lima.law", "Ana Lima"}, {"+1 555 0100", "Ana Lima"},
		{"Ana Maria Lima", "Ana M. Lima"}, {"郑琳", "郑琳"},
	} {
		assert.True(t, kith.NamesCompatible(pair[0], pair[1]), "%q and %q", pair[0], pair[1])
		assert.True(t, kith.NamesCompatible(pair[1], pair[0]), "%q and %q", pair[1], pair[0])
	}
	for _, pair := range [][2]string{
		{"Dera Volatiana Ratsimbazafy", "Toavina Solo Rakotomalala"}, {"Ana Lima", "Bo Chen"},
		{"Ana Lima", "Ana Chen"}, {"Ana", "Bo"}, {"Lima Ana", "Ana Lima"}, {"AB", "Ana Lima"},
	} {
		assert.False(t, kith.NamesCompatible(pair[0], pair[1]), "%q and %q", pair[0], pair[1])
		assert.False(t, kith.NamesCompatible(pair[1], pair[0]), "%q and %q", pair[1], pair[0])
	}
}
