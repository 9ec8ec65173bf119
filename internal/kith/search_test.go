package kith

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSearchWords(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"accents and case", "Jürgen  MÜLLER", []string{"jurgen", "muller"}},
		{"a city", "São Paulo", []string{"sao", "paulo"}},
		{"combining accent", "Jose\u0301", []string{"jose"}},
		{"punctuation separates", "o'neil, ana@acme.com", []string{"o", "neil", "ana", "acme", "com"}},
		{"operators are words", `AND NEAR( "x"*`, []string{"and", "near", "x"}},
		{"only punctuation", `" * ( ) -`, nil},
		{"letters that do not decompose stay", "Søren Łukasz", []string{"søren", "łukasz"}},
		{"digits", "Route 66", []string{"route", "66"}},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := SearchWords(tt.text)
			if len(tt.want) == 0 {
				assert.Empty(t, got)
				return
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestFoldAccents(t *testing.T) {
	assert.Equal(t, "jurgen muller", FoldAccents(" Jürgen  Müller "))
	assert.Equal(t, "istanbul", FoldAccents("İstanbul"))
	assert.Equal(t, "ana lima", FoldAccents("Ana Lima"))
	assert.Equal(t, FoldAccents("Zoë"), FoldAccents("Zoe\u0308"))
}

func TestWordsFound(t *testing.T) {
	assert.Equal(t, 1, WordsFound("Marathon training", SearchWords("marath")))
	assert.Equal(t, 2, WordsFound("Café São Paulo", SearchWords("paulo cafe")))
	assert.Equal(t, 0, WordsFound("Café São Paulo", SearchWords("aulo")))
	assert.Equal(t, 0, WordsFound("anything", nil))
}
