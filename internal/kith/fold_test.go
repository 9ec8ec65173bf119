package kith

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// foldCases are keys on both sides of Fold's ASCII shortcut.
var foldCases = []string{
	"", " ", "Ana Lima", "ana lima", "ANA LIMA", "Ana  Lima", " Ana Lima", "Ana Lima ", "Ana\tLima",
	"Lima & Filhos, Advogados", "ana@LIMA.law", "O'Neil \"CJ\"", "a", "A", "x\x00y", "del\x7f",
	"Zoë Ölund", "Zoe\u0308", "\u200bAna", "Ana\u00a0Lima", "İstanbul", "ǅemal", "ẞ",
}

func TestFoldShortcutAgreesWithTheFullFold(t *testing.T) {
	for _, s := range foldCases {
		assert.Equal(t, foldText(s), Fold(s), "%q", s)
	}
	assert.Equal(t, "ana lima", Fold("  Ana \t Lima "))
	assert.Equal(t, Fold("Zoë"), Fold("Zoe\u0308"))
}

func FuzzFold(f *testing.F) {
	for _, s := range foldCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := Fold(s), foldText(s); got != want {
			t.Fatalf("Fold(%q) = %q, the full fold gives %q", s, got, want)
		}
	})
}
