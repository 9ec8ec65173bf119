package importer

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// realWorld is where the shared folder keeps contact exports written by
// other programs (its README.md names each file's origin). They are read
// in place and never copied into this repository.
var realWorld = filepath.Join("..", "..", "..", "shared", "realworld-exports")

// TestRealWorldExports reads every file of the shared folder and checks
// what a person would expect of it: how many people, their names (all of
// them, or the first few of a long file), what is skipped, which fields
// are dropped and what is guessed. None may be refused.
func TestRealWorldExports(t *testing.T) {
	dir := realWorld
	if d := os.Getenv("KITH_REALWORLD_EXPORTS"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real-world exports not found at %s", dir)
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.*"))
	require.NoError(t, err)
	require.Len(t, files, len(realWorldFiles)+1, "every file has its expectation (and README.md)")
	for _, tt := range realWorldFiles {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tt.file))
			require.NoError(t, err)
			defer f.Close()
			r, format, err := Open(f, tt.file, Auto)
			require.NoError(t, err, "nothing is refused")
			recs, errs := drain(r)
			assert.Equal(t, tt.format, format, "detected format")
			assert.Empty(t, errs, "nothing is refused")
			var names, skipped, targets, dropped []string
			for _, r := range recs {
				if r.Skip != "" {
					skipped = append(skipped, fmt.Sprintf("%d: %s", r.Line, r.Skip))
					if r.Target != "" {
						targets = append(targets, r.Target)
					}
					continue
				}
				names = append(names, r.Contact.Name)
				dropped = append(dropped, notes(r.Dropped)...)
			}
			assert.Len(t, names, tt.people, "people")
			if assert.GreaterOrEqual(t, len(names), len(tt.names)) {
				assert.Equal(t, tt.names, names[:len(tt.names)], "names")
			}
			assert.Equal(t, tt.skipped, skipped, "skipped")
			assert.Equal(t, tt.targets, targets, "targets")
			assert.Equal(t, tt.dropped, dropped, "fields dropped")
			assert.Equal(t, tt.guesses, notes(r.Guesses()), "guesses")
		})
	}
}

// hidden is why a LinkedIn row without a name is skipped.
const hidden = "no name (LinkedIn leaves it out for members who hid or closed their profile)"

// realWorldFiles says what a person would expect of each file of the
// shared folder.
var realWorldFiles = []struct {
	file             string
	format           Format
	people           int
	names            []string // the first people's names
	skipped, targets []string
	dropped, guesses []string
}{
	{file: "aosp-ios613-photo.vcf", format: VCard, people: 1, names: []string{"Bob Smith"}},
	{file: "aosp-v21-complicated.vcf", format: VCard, people: 1, names: []string{"Joe Due"}},
	// Shift_JIS names; the phones are the file's short test numbers.
	{file: "aosp-v21-shiftjis-3cards.vcf", format: VCard, people: 3, names: []string{"安藤ロイド3", "安藤ロイド4", "安藤ロイド5"}},
	{file: "aosp-v21-shiftjis-qp.vcf", format: VCard, people: 1, names: []string{"安藤 ロイド 1"}},
	{file: "aosp-winmo65.vcf", format: VCard, people: 1, names: []string{"Example"}},
	{file: "eds-evolution-v21-cjk-qp.vcf", format: VCard, people: 1, names: []string{"十城目管理大型知座"}},
	{file: "eds-evolution-v21-nat.vcf", format: VCard, people: 1, names: []string{"Nat"}},
	{file: "eds-nokia-v21-qp-softbreak.vcf", format: VCard, people: 1, names: []string{"Michael Brüning"}},
	// Two cards have only an email: it names them. One card's second
	// email is unreadable junk: the person is kept without it.
	{file: "ezvcard-android-v21.vcf", format: VCard, people: 6, names: []string{"john.doe@company.com", "jane.doe@company.com", "Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ", "Ñ Ñ Ñ Ñ", "ÑÑÑÑ"},
		dropped: []string{"44: second email \"ÑÑÑÑÑÑÑÑÑÑÑÑÑÑ\" is not an address"}},
	{file: "ezvcard-blackberry-v21.vcf", format: VCard, people: 1, names: []string{"John Doe"}},
	{file: "ezvcard-evolution.vcf", format: VCard, people: 1, names: []string{"Mr. John Richter, James Doe Sr."}},
	{file: "ezvcard-fullcontact-v40.vcf", format: VCard, people: 1, names: []string{"Prefix FirstName MiddleName LastName Suffix"}},
	{file: "ezvcard-gmail-list.vcf", format: VCard, people: 3, names: []string{"Arnold Smith", "Chris Beatle", "Doug White"}},
	{file: "ezvcard-gmail-single2.vcf", format: VCard, people: 1, names: []string{"VCard Test"}},
	{file: "ezvcard-gmail-v30.vcf", format: VCard, people: 1, names: []string{"Mr. John Richter, James Doe Sr."}},
	{file: "ezvcard-iphone-ios5.vcf", format: VCard, people: 1, names: []string{"Mr. John Richter James Doe Sr."}},
	{file: "ezvcard-lotus-notes.vcf", format: VCard, people: 1, names: []string{"Mr. Doe John I Johny"}},
	{file: "ezvcard-mac-addressbook.vcf", format: VCard, people: 1, names: []string{"Mr. John Richter,James Doe Sr."}},
	{file: "ezvcard-ms-outlook-v21.vcf", format: VCard, people: 1, names: []string{"Mr. John Richter James Doe Sr."}},
	{file: "ezvcard-outlook-2003.vcf", format: VCard, people: 1, names: []string{"John Doe III"}},
	{file: "ezvcard-outlook-2007.vcf", format: VCard, people: 1, names: []string{"Mr. Michael Angstadt Jr."}},
	// CATEGORIES escapes its commas (category1\, category2): one tag, as
	// RFC 6350 reads it.
	{file: "ezvcard-thunderbird.vcf", format: VCard, people: 1, names: []string{"John Doe"}},
	{file: "google-current-trimmed.csv", format: Google, people: 4, names: []string{"John Doe", "Jane Smith", "Bob Wilson", "Alice Brown"}},
	{file: "google-legacy-generated.csv", format: Google, people: 3, names: []string{"Richard Feynman", "iforgotthisguysnamebutihavehisemail@gmail.com", "Elon Musk"}},
	// 114 rows, 114 records; two share an office phone (lines 13 and 91)
	// and line 92 repeats line 91's person: see the CLI's world test
	// for what the import makes of them.
	{file: "google-legacy-madagascar-synthetic.csv", format: Google, people: 114, names: []string{"Anja Ny Tsiky", "Anja Ravo, Virtual game", "Akil Mavoudi"}},
	// Google's "Outlook CSV": 88 columns, 89 cells a row (the last
	// empty); Google's own group myContacts is not a tag.
	{file: "google-outlook-csv-export-synthetic.csv", format: Outlook, people: 17, names: []string{"Alec Vasko", "Bianca Hollister", "Cyrus Medrano"}},
	{file: "kcontacts-evolution-photo.vcf", format: VCard, people: 1, names: []string{"Good Looking"}},
	{file: "kcontacts-kaddressbook-photo-sound.vcf", format: VCard, people: 1, names: []string{"Mustermann, Heiko"}},
	{file: "kcontacts-kaddressbook-v40.vcf", format: VCard, people: 1, names: []string{"Sherlock Holmes"}},
	{file: "kcontacts-netscape-lowercase.vcf", format: VCard, people: 1, names: []string{"ian geiser"}},
	{file: "kcontacts-owncloud-utf8-fold.vcf", format: VCard, people: 1, names: []string{"βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1βγδεαβγδ1"}},
	// "Bike Shop" has only ORG (no FN, N, email or phone), in an
	// address book a shop kept as a contact: it is named by its company.
	{file: "kcontacts-qp-softbreaks-v21.vcf", format: VCard, people: 5, names: []string{"Bike Shop", "Field after Address broken", "Field after Address not broken", "Dr. med. Surname Name", "Second Doctor"}},
	// 190 rows; three hidden profiles (no name) are skipped.
	{file: "linkedin-2024-notes-preamble-synthetic.csv", format: LinkedIn, people: 187, names: []string{"Aurelio Furstenau", "Devika Deshpande", "Halvard Muthoni"},
		skipped: []string{"77: " + hidden, "167: " + hidden, "175: " + hidden}},
	{file: "linkedin-2025-one-row-synthetic.csv", format: LinkedIn, people: 1, names: []string{"Jonas Wetterholm"}},
	// Saved again by a spreadsheet: dates like 6-Feb-26 are read; 琳 郑
	// (first, last) is 郑琳, family name first.
	{file: "linkedin-excel-resaved-synthetic.csv", format: LinkedIn, people: 178, names: []string{"Ishaan Holmberg", "Morag Galindo", "郑琳"},
		skipped: []string{"118: " + hidden, "175: " + hidden}},
	// Chinese column names; the whole name is in 姓 (last name); its
	// birthday 00/0/0 is Outlook's "none".
	{file: "outlook-chinese-localized-synthetic.csv", format: Outlook, people: 13, names: []string{"林涛", "陈晓东", "何丽萍"}},
	// Apple's company card: a company, which becomes a target.
	{file: "roundcube-apple-company-card.vcf", format: VCard, targets: []string{"Apple Computer AG"},
		skipped: []string{"1: not a person (an Apple company card, X-ABShowAs:COMPANY)"}},
	// UTF-16 without a byte order mark.
	{file: "roundcube-apple-utf16be.vcf", format: VCard, people: 1, names: []string{"Ǽgean ĽdaMonté"},
		guesses: []string{"1: the file has no byte order mark; read as UTF-16 (big-endian)"}},
	{file: "roundcube-google-legacy.csv", format: Google, people: 1, names: []string{"Prefix Firstname Middle Lastname Suffix"}},
	// 8-bit text without a CHARSET: The Bat! wrote Latin-2 (Iksiński),
	// but nothing in the file says so; the rule is Windows-1252, which
	// gives ñ for that byte, and the guess is listed for the user.
	{file: "roundcube-thebat-v21-qp-latin2.vcf", format: VCard, people: 1, names: []string{"Piotr Iksiñski"},
		guesses: []string{"4: text is not UTF-8 and names no character set; read as Windows-1252"}},
	{file: "roundcube-v21-charset-cp1252.vcf", format: VCard, people: 1, names: []string{"John Doë"}},
	{file: "thunderbird-emptylines-v21.vcf", format: VCard, people: 2, names: []string{"John Doe", "Jane Doe"}},
	// contact1@invalid: a single-label domain is a valid address.
	{file: "thunderbird-export-v40.vcf", format: VCard, people: 2, names: []string{"contact number one", "contact number two"}},
	{file: "vobject-v40-full.vcf", format: VCard, people: 1, names: []string{"Dr. John Q. Public, III"}},
	{file: "vobject-v40-kind-group.vcf", format: VCard,
		skipped: []string{"1: not a person (KIND:group)"}},
	{file: "vobject-v40-kind-org.vcf", format: VCard, targets: []string{"ABC, Inc."},
		skipped: []string{"1: not a person (KIND:org)"}},
	{file: "vobject-v40-multilang-ja.vcf", format: VCard, people: 1, names: []string{"Yamada Taro"}},
}
