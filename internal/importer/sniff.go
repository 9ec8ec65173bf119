package importer

import (
	"bytes"
	"fmt"

	"github.com/kith-crm/kith/internal/kith"
)

// knownFile is a kind of file picked by mistake for an import, known by
// its first bytes. Read as text, such a file gave a guess about its
// "columns" (a SQLite database's were "separated by tabs") instead of
// saying what it is.
type knownFile struct {
	magic  string
	inside string // for a ZIP archive: text its first entries' names hold
	what   string // completes "NAME is ..."
	hint   func(name string) string
}

var saveAsCSV = func(string) string {
	return "open it in the spreadsheet program, save it as CSV (UTF-8, comma-separated) and import that"
}

// knownFiles are tried in order: the first whose magic (and inside) match
// names the file.
var knownFiles = []knownFile{
	{magic: "SQLite format 3\x00", what: "an SQLite database", hint: func(name string) string {
		return fmt.Sprintf("to use a kith backup, open it with --db %s; kith import restores the JSON file kith export writes", name)
	}},
	{magic: "PK\x03\x04", inside: "xl/", what: "an Excel workbook", hint: saveAsCSV},
	{magic: "PK\x03\x04", inside: "opendocument.spreadsheet", what: "an OpenDocument spreadsheet", hint: saveAsCSV},
	{magic: "PK\x03\x04", what: "a ZIP archive", hint: func(string) string {
		return "unzip it and import the contacts file inside (LinkedIn's archive holds Connections.csv); a spreadsheet: save it as CSV"
	}},
	{magic: "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", what: "an Excel workbook (or another Office document)", hint: saveAsCSV},
	{magic: "%PDF-", what: "a PDF document", hint: func(string) string {
		return "export the contacts as CSV, vCard or JSON from where they are kept, and import that"
	}},
	{magic: "\x1f\x8b", what: "compressed with gzip", hint: func(name string) string {
		return fmt.Sprintf("import what it holds: gunzip -c %s | kith contact import -", name)
	}},
}

// RefuseKnownFile refuses a file whose first bytes (head, a few KiB) say
// it is not an export at all, naming what it is and what to do with it.
func RefuseKnownFile(head []byte, name string) error {
	for _, k := range knownFiles {
		if bytes.HasPrefix(head, []byte(k.magic)) && bytes.Contains(head, []byte(k.inside)) {
			return kith.Errorf(kith.Invalid, "%s is %s, not an export kith reads", name, k.what).WithHint("%s", k.hint(name))
		}
	}
	return nil
}

// binary reports whether head holds a NUL byte, which no text export does:
// guessing its columns' separator would be guessing at noise.
func binary(head []byte) bool { return bytes.IndexByte(head, 0) >= 0 }
