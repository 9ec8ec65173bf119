package importer

import (
	"strings"
	"sync"
	"unicode"

	"github.com/kith-crm/kith/internal/kith"
)

var outlookEmails = []string{"E-mail Address", "E-mail 2 Address", "E-mail 3 Address"}
var outlookPhones = []string{"Mobile Phone", "Business Phone", "Business Phone 2", "Home Phone", "Home Phone 2",
	"Primary Phone", "Other Phone", "Company Main Phone"}

// outlookMapper reads Outlook's CSV export (Outlook desktop and
// Outlook.com, and Google's "Outlook CSV"): First Name, Middle Name, Last
// Name, E-mail Address, Business Phone, Company, Job Title, Categories,
// ... In Outlook "Title" is the name prefix (Mr.), not the job. A
// localized header is read by its English names (outlookColumn).
func outlookMapper([]string) rowMapper {
	return func(r *csvRow, c *kith.Contact) {
		get := r.get
		c.Name = firstOf(get("Name"), personName(get("First Name"), get("Middle Name"), get("Last Name")), get("Nickname"))
		c.Company = get("Company")
		c.Title = get("Job Title")
		c.Notes = get("Notes")
		for _, col := range outlookEmails {
			if e := get(col); e != "" {
				c.Emails = append(c.Emails, e)
			}
		}
		for _, col := range outlookPhones {
			if p := get(col); p != "" {
				c.Phones = append(c.Phones, p)
			}
		}
		if w := get("Web Page"); isLinkedIn(w) {
			c.LinkedInURL = w
		}
		for _, t := range splitList(get("Categories"), ";") {
			// Google's Outlook CSV lists its own group of every contact.
			if t != "myContacts" {
				c.Tags = append(c.Tags, t)
			}
		}
		c.Birthday = r.birthday(get("Birthday"))
	}
}

// outlookLocalized are the column names Outlook writes in other languages
// (German, French, Spanish, Dutch, Chinese, Japanese, Russian; several
// versions of Outlook word some of them differently) for the English
// columns kith reads.
var outlookLocalized = map[string][]string{
	"First Name":  {"Vorname", "Prénom", "Nombre", "Voornaam", "名", "名字", "Имя"},
	"Middle Name": {"Weitere Vornamen", "Deuxième prénom", "Segundo nombre", "Middelste naam", "中间名", "ミドル ネーム", "Отчество"},
	"Last Name":   {"Nachname", "Nom", "Apellidos", "Achternaam", "姓", "姓氏", "Фамилия"},
	"Company":     {"Firma", "Société", "Organización", "Compañía", "Organisatie", "Bedrijf", "单位", "公司", "会社名", "Организация"},
	"Job Title":   {"Position", "Fonction", "Puesto", "Cargo", "Functie", "职务", "职位", "役職", "Должность"},
	"E-mail Address": {"E-Mail-Adresse", "Adresse de messagerie", "Dirección de correo electrónico", "E-mailadres",
		"电子邮件地址", "電子メール アドレス", "Адрес эл. почты"},
	"E-mail 2 Address": {"E-Mail 2: Adresse", "Adresse de messagerie 2", "Dirección de correo electrónico 2", "E-mailadres 2",
		"E-mail 2-adres", "电子邮件 2 地址", "电子邮件地址2", "電子メール 2 アドレス", "Адрес 2 эл. почты"},
	"E-mail 3 Address": {"E-Mail 3: Adresse", "Adresse de messagerie 3", "Dirección de correo electrónico 3",
		"Dirección del correo electrónico 3", "E-mailadres 3", "E-mail 3-adres", "电子邮件 3 地址", "电子邮件地址3",
		"電子メール 3 アドレス", "Адрес 3 эл. почты"},
	"Mobile Phone": {"Mobiltelefon", "Tél. mobile", "Teléfono móvil", "Móvil", "Mobiele telefoon", "移动电话", "手机",
		"携帯電話", "Мобильный телефон"},
	"Business Phone": {"Telefon geschäftlich", "Téléphone (bureau)", "Teléfono del trabajo", "Telefoon op werk",
		"商务电话", "公司电话", "会社電話", "Рабочий телефон"},
	"Home Phone": {"Telefon privat", "Téléphone (domicile)", "Particular", "Teléfono particular", "Telefoon thuis",
		"住宅电话", "家庭电话", "自宅電話", "Домашний телефон"},
	"Primary Phone": {"Haupttelefon", "Téléphone principal", "Teléfono principal", "Hoofdtelefoon", "主要电话",
		"Основной телефон"},
	"Other Phone":        {"Weiteres Telefon", "Téléphone (autre)", "Otro teléfono", "Overige telefoon", "其他电话", "その他の電話", "Другой телефон"},
	"Company Main Phone": {"Telefon Firma", "Téléphone société", "Hoofdtelefoon bedrijf", "单位主要电话", "代表電話"},
	"Notes":              {"Notizen", "Notas", "Notities", "附注", "备注", "メモ", "Заметки"},
	"Categories":         {"Kategorien", "Catégories", "Categorías", "Categorieën", "类别", "分類", "Категории"},
	"Birthday":           {"Geburtstag", "Anniversaire", "Cumpleaños", "Verjaardag", "生日", "誕生日", "День рождения"},
	"Web Page":           {"Webseite", "Page Web", "Página web", "Webpagina", "网页", "Web ページ", "Веб-страница"},
}

// outlookEnglish maps each localized column name to its English one. It is
// built on first use: only Outlook files need it.
var outlookEnglish = sync.OnceValue(func() map[string]string {
	m := map[string]string{}
	for en, names := range outlookLocalized {
		for _, n := range names {
			m[n] = en
		}
	}
	return m
})

// outlookColumn is the English name of an Outlook column, whatever the
// language of its header.
func outlookColumn(h string) string {
	if en, ok := outlookEnglish()[h]; ok {
		return en
	}
	return h
}

// isLocalizedOutlook reports whether a header row names, in some language
// Outlook writes, a name column and an email or phone column: enough to
// read it as Outlook's, and more than a file of another kind would.
func isLocalizedOutlook(cells []string) bool {
	var name, reach bool
	for _, c := range cells {
		switch outlookEnglish()[strings.Trim(strings.TrimSpace(c), `"`)] {
		case "First Name", "Last Name":
			name = true
		case "E-mail Address", "Mobile Phone", "Business Phone", "Home Phone":
			reach = true
		}
	}
	return name && reach
}

// personName joins the parts of a name in the order people write them:
// given, middle and family names with spaces, or, for names written in
// Chinese, Japanese or Korean characters, the family name first and no
// spaces (郑 and 琳 are 郑琳).
func personName(given, middle, family string) string {
	if family != "" && given != "" && eastAsian(family) && eastAsian(given) && (middle == "" || eastAsian(middle)) {
		return strings.TrimSpace(family) + strings.TrimSpace(given) + strings.TrimSpace(middle)
	}
	return joinName(given, middle, family)
}

// eastAsian reports whether every letter of s is Han, kana or Hangul.
func eastAsian(s string) bool {
	seen := false
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul):
			seen = true
		case unicode.IsLetter(r):
			return false
		}
	}
	return seen
}
