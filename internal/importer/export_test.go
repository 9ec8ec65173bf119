package importer

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/emersion/go-vcard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

// assertFolded checks what RFC 6350 3.2 asks of folded output: no physical
// line over 75 octets, no UTF-8 character split between lines.
func assertFolded(t *testing.T, out string) {
	t.Helper()
	for i, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		assert.LessOrEqual(t, len(line), maxLineOctets, "line %d: %q", i+1, line)
		assert.True(t, utf8.ValidString(line), "line %d splits a character: %q", i+1, line)
	}
}

func TestFoldWriter(t *testing.T) {
	ascii75 := "NOTE:" + strings.Repeat("a", 70)
	tests := []struct {
		name, in, want string
	}{
		{"75 octets stay on one line", ascii75 + "\r\n", ascii75 + "\r\n"},
		{"76 octets fold before the last", ascii75 + "b\r\n", ascii75 + "\r\n b\r\n"},
		{"a line end never folds", ascii75 + "\r\nFN:x\r\n", ascii75 + "\r\nFN:x\r\n"},
		{"a two-byte character that does not fit moves down whole",
			"NOTE:" + strings.Repeat("a", 69) + "é\r\n", "NOTE:" + strings.Repeat("a", 69) + "\r\n é\r\n"},
		{"an emoji that does not fit moves down whole",
			"NOTE:" + strings.Repeat("a", 68) + "😀z\r\n", "NOTE:" + strings.Repeat("a", 68) + "\r\n 😀z\r\n"},
		{"continuation lines hold 74 octets after their space",
			"NOTE:" + strings.Repeat("a", 70+74+1) + "\r\n",
			"NOTE:" + strings.Repeat("a", 70) + "\r\n " + strings.Repeat("a", 74) + "\r\n a\r\n"},
		{"a CR inside a value takes room",
			"NOTE:" + strings.Repeat("a", 69) + "\r\\nb\r\n", "NOTE:" + strings.Repeat("a", 69) + "\r\r\n \\nb\r\n"},
		{"a CR at the end of the text is kept",
			"NOTE:x\r\nEND\r", "NOTE:x\r\nEND\r"},
		{"a byte that starts no character takes room of its own",
			"NOTE:" + strings.Repeat("\x80", 71) + "\r\n", "NOTE:" + strings.Repeat("\x80", 70) + "\r\n \x80\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var whole bytes.Buffer
			fw := &foldWriter{w: &whole}
			n, err := fw.Write([]byte(tt.in))
			require.NoError(t, err)
			assert.Equal(t, len(tt.in), n)
			require.NoError(t, fw.Close())
			assert.Equal(t, tt.want, whole.String())

			// byte by byte, as a character may be split between writes
			var bytewise bytes.Buffer
			fw = &foldWriter{w: &bytewise}
			for i := range len(tt.in) {
				_, err := fw.Write([]byte{tt.in[i]})
				require.NoError(t, err)
			}
			require.NoError(t, fw.Close())
			assert.Equal(t, tt.want, bytewise.String())
			assert.Equal(t, tt.in, strings.ReplaceAll(tt.want, "\r\n ", ""), "unfolds to the input")
		})
	}
}

// TestVCardExportRoundTrip exports long unicode text as folded vCard and
// reads it back, with kith's reader and go-vcard's, unchanged.
func TestVCardExportRoundTrip(t *testing.T) {
	note := string([]rune(strings.Repeat("Café com Zoë 😀, señor Ångström — naïve résumé; ", 7))[:300]) +
		"\nsecond line, back\\slash"
	c := kith.Contact{
		Name:        "José María Ñúñez-Øster 😀 " + strings.Repeat("Ü", 40),
		Company:     strings.TrimSpace(strings.Repeat("Société Générale d'Échanges ", 4)),
		Title:       "Directeur général",
		Emails:      []string{"jose@example.com"},
		Phones:      []string{"+34 600 000 000"},
		Tags:        []string{"bni", strings.Repeat("étiquette,", 10)},
		Notes:       note,
		LinkedInURL: "https://www.linkedin.com/in/" + strings.Repeat("jose-maria-", 10),
	}
	var out bytes.Buffer
	w, err := NewWriter(&out, VCard, false)
	require.NoError(t, err)
	require.NoError(t, w.Write(c))
	require.NoError(t, w.Close())
	assertFolded(t, out.String())
	assert.Contains(t, out.String(), "\r\n ", "long lines are folded")

	r, _, err := Open(bytes.NewReader(out.Bytes()), "out.vcf", VCard)
	require.NoError(t, err)
	recs, errs := drain(r)
	require.Empty(t, errs)
	require.Len(t, recs, 1)
	got := recs[0].Contact
	assert.Equal(t, c.Name, got.Name)
	assert.Equal(t, c.Company, got.Company)
	assert.Equal(t, c.Title, got.Title)
	assert.Equal(t, c.Emails, got.Emails)
	assert.Equal(t, c.Phones, got.Phones)
	assert.Equal(t, c.Tags, got.Tags)
	assert.Equal(t, c.Notes, got.Notes)
	assert.Equal(t, c.LinkedInURL, got.LinkedInURL)

	card, err := vcard.NewDecoder(bytes.NewReader(out.Bytes())).Decode()
	require.NoError(t, err)
	assert.Equal(t, c.Name, card.PreferredValue(vcard.FieldFormattedName))
	assert.Equal(t, c.Notes, card.Value(vcard.FieldNote))
}

// TestVCardExportEscapesSemicolons checks the structured properties: ORG
// (organisation;unit) and N (family;given;...) separate their parts with
// ';', so a ';' inside a part is written "\;". Unescaped, "Smith; Jones &
// Co" became the company "Smith" (unit " Jones & Co") in every address
// book, kith's own import included.
func TestVCardExportEscapesSemicolons(t *testing.T) {
	c := kith.Contact{Name: "Ana; Lima", Company: `Smith; Jones, \ Co`}
	var out bytes.Buffer
	w, err := NewWriter(&out, VCard, false)
	require.NoError(t, err)
	require.NoError(t, w.Write(c))
	require.NoError(t, w.Close())
	assert.Contains(t, out.String(), "\r\nORG:Smith\\; Jones\\, \\\\ Co\r\n")
	assert.Contains(t, out.String(), "\r\nN:Lima;Ana\\;;;;\r\n")

	r, _, err := Open(bytes.NewReader(out.Bytes()), "out.vcf", VCard)
	require.NoError(t, err)
	recs, errs := drain(r)
	require.Empty(t, errs)
	require.Len(t, recs, 1)
	assert.Equal(t, c.Name, recs[0].Contact.Name)
	assert.Equal(t, c.Company, recs[0].Contact.Company)
}
