package importer

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// open reads text through Open as format, collecting records, errors and
// the reader's guesses.
func open(t *testing.T, text []byte, format Format) ([]Record, []string, []string) {
	t.Helper()
	r, _, err := Open(bytes.NewReader(text), "f", format)
	require.NoError(t, err)
	recs, errs := drain(r)
	return recs, errs, notes(r.Guesses())
}

func TestSalvage(t *testing.T) {
	tests := []struct {
		name, text string
		want       []want
		errs       []string
	}{
		{"a second email that is not an address",
			"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ana Lima\r\nEMAIL;PREF:ana@lima.law\r\nEMAIL:ana at home\r\nTEL:555 0100\r\nEND:VCARD\r\n",
			[]want{{name: "Ana Lima", emails: []string{"ana@lima.law"}, phones: []string{"555 0100"},
				dropped: []string{`5: second email "ana at home" is not an address`}}}, nil},
		{"a single-label domain is an address",
			"BEGIN:VCARD\nVERSION:4.0\nEMAIL;PREF=1:contact1@invalid\nFN:contact number one\nEND:VCARD\n",
			[]want{{name: "contact number one", emails: []string{"contact1@invalid"}}}, nil},
		{"a spreadsheet date", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,,,,,6-Feb-26\nBo,Chen,,,,,2/6/2026\n",
			[]want{{name: "Ana Lima"}, {name: "Bo Chen", dropped: []string{`3: Connected On "2/6/2026" could be 6 February or 2 June`}}}, nil},
		{"an ambiguous birthday is dropped, not the row", "name,birthday,stage\nAna Lima,2/6/1980,warm\n",
			[]want{{name: "Ana Lima", dropped: []string{`2: birthday "2/6/1980" could be 6 February or 2 June`, `2: unknown stage "warm" (use one of: halo, lead, client, past_client)`}}}, nil},
		{"a row with only an email is named by it", "name,emails\n,bo@chen.example\n",
			[]want{{name: "bo@chen.example", emails: []string{"bo@chen.example"}}}, nil},
		{"a row that names no one", "name,tags\n,golf\nAna,\n", []want{{name: "Ana"}}, []string{"f:2: no name, company, email or phone"}},
		{"empty cells beyond the header are ignored", "First Name,Last Name,E-mail Address\nAna,Lima,ana@lima.law,,\n",
			[]want{{name: "Ana Lima", emails: []string{"ana@lima.law"}}}, nil},
		{"text beyond the header is not", "First Name,Last Name,E-mail Address\nAna,Lima,ana@lima.law,x\n",
			nil, []string{"f:2: 4 cells but the header has 3 columns"}},
		{"an Apple company card is not a person",
			"BEGIN:VCARD\nVERSION:3.0\nN:;;;;\nFN:Apple Computer AG\nORG:Apple Computer AG;\nX-ABShowAs:COMPANY\nEND:VCARD\n",
			[]want{{skip: "not a person (an Apple company card, X-ABShowAs:COMPANY)", target: "Apple Computer AG"}}, nil},
		{"family name first in Chinese", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n琳,郑,,,,,\nAna,郑,,,,,\n",
			[]want{{name: "郑琳"}, {name: "Ana 郑"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, errs, _ := open(t, []byte(tt.text), Auto)
			assert.Equal(t, tt.errs, errs)
			require.Len(t, recs, len(tt.want))
			for i, w := range tt.want {
				check(t, w, recs[i])
			}
		})
	}
}

func TestLocalizedOutlook(t *testing.T) {
	headers := map[string]string{
		"German":  "Anrede,Vorname,Weitere Vornamen,Nachname,Firma,Position,E-Mail-Adresse,Mobiltelefon,Kategorien,Geburtstag",
		"French":  "Titre,Prénom,Deuxième prénom,Nom,Société,Fonction,Adresse de messagerie,Tél. mobile,Catégories,Anniversaire",
		"Spanish": "Tratamiento,Nombre,Segundo nombre,Apellidos,Compañía,Puesto,Dirección de correo electrónico,Teléfono móvil,Categorías,Cumpleaños",
		"Dutch":   "Titel,Voornaam,Middelste naam,Achternaam,Bedrijf,Functie,E-mailadres,Mobiele telefoon,Categorieën,Verjaardag",
		"Russian": "Обращение,Имя,Отчество,Фамилия,Организация,Должность,Адрес эл. почты,Мобильный телефон,Категории,День рождения",
		"English": "Title,First Name,Middle Name,Last Name,Company,Job Title,E-mail Address,Mobile Phone,Categories,Birthday",
	}
	for lang, header := range headers {
		t.Run(lang, func(t *testing.T) {
			text := header + "\r\nDr.,Ana,Maria,Lima,Lima Law,Partner,ana@lima.law,+1 555 0100,BNI;Golf,15.03.1980\r\n"
			r, format, err := Open(strings.NewReader(text), "f", Auto)
			require.NoError(t, err)
			assert.Equal(t, Outlook, format)
			recs, errs := drain(r)
			assert.Empty(t, errs)
			require.Len(t, recs, 1)
			check(t, want{name: "Ana Maria Lima", company: "Lima Law", title: "Partner", emails: []string{"ana@lima.law"},
				phones: []string{"+1 555 0100"}, tags: []string{"BNI", "Golf"}, birthday: "1980-03-15"}, recs[0])
		})
	}
	t.Run("Chinese and Japanese", func(t *testing.T) {
		for _, header := range []string{`"名","中间名","姓","单位","职务","电子邮件地址","移动电话"`, "名,ミドル ネーム,姓,会社名,役職,電子メール アドレス,携帯電話"} {
			recs, errs, _ := open(t, []byte(header+"\n太郎,,山田,山田商事,社長,taro@yamada.example,090-5555-0100\n"), Auto)
			assert.Empty(t, errs)
			require.Len(t, recs, 1)
			check(t, want{name: "山田太郎", company: "山田商事", title: "社長", emails: []string{"taro@yamada.example"}, phones: []string{"090-5555-0100"}}, recs[0])
		}
	})
}

func TestEncodingGuesses(t *testing.T) {
	t.Run("UTF-16 without a byte order mark", func(t *testing.T) {
		card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ǽgean ĽdaMonté\r\nEND:VCARD\r\n"
		for _, be := range []bool{true, false} {
			recs, errs, guesses := open(t, utf16(card, be)[2:], Auto)
			assert.Empty(t, errs)
			require.Len(t, recs, 1)
			assert.Equal(t, "Ǽgean ĽdaMonté", recs[0].Contact.Name)
			assert.Len(t, guesses, 1)
			assert.Contains(t, guesses[0], "1: the file has no byte order mark; read as UTF-16")
		}
	})
	t.Run("8-bit vCard 2.1 without a charset", func(t *testing.T) {
		recs, _, guesses := open(t, []byte("BEGIN:VCARD\r\nVERSION:2.1\r\nN;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nEND:VCARD\r\n"), Auto)
		require.Len(t, recs, 1)
		assert.Equal(t, "Jürgen Müller", recs[0].Contact.Name)
		assert.Equal(t, []string{"3: " + guessedWindows1252}, guesses)
	})
	t.Run("the charset another property names", func(t *testing.T) {
		recs, _, guesses := open(t, []byte("BEGIN:VCARD\nVERSION:2.1\nFN:Piotr Iksi\xf1ski\nNOTE;CHARSET=ISO-8859-2:\xb3\xf3d\xbc\nEND:VCARD\n"), Auto)
		require.Len(t, recs, 1)
		assert.Equal(t, "Piotr Iksiński", recs[0].Contact.Name)
		assert.Equal(t, "łódź", recs[0].Contact.Notes)
		assert.Equal(t, []string{"3: text is not UTF-8 and names no character set; read as ISO-8859-2, the character set the card names elsewhere"}, guesses)
	})
	t.Run("Windows-1252 CSV", func(t *testing.T) {
		recs, _, guesses := open(t, []byte("First Name,Last Name,E-mail Address,Company\r\nJos\xe9,N\xfa\xf1ez,jose@example.com,Caf\xe9 \x80\r\n"), Auto)
		require.Len(t, recs, 1)
		check(t, want{name: "José Núñez", company: "Café €", emails: []string{"jose@example.com"}}, recs[0])
		assert.Equal(t, []string{"2: " + guessedWindows1252}, guesses)
	})
}

func TestControlCharactersAreDropped(t *testing.T) {
	recs, errs, _ := open(t, []byte("name,company,notes\nAna Lima,\"Lima\x1b[31m Law\",\"one\r\ntwo\"\n"), CSV)
	assert.Empty(t, errs)
	require.Len(t, recs, 1)
	check(t, want{name: "Ana Lima", notes: "one\ntwo",
		dropped: []string{`2: the company "Lima\x1b[31m Law" holds a control character (ESC, U+001B) (type the text without it)`}}, recs[0])
}
