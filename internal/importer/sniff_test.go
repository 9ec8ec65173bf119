package importer

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/kith"
)

// zipped is a ZIP archive holding files of the given names, as
// spreadsheet programs write their documents.
func zipped(t *testing.T, names ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, n := range names {
		w, err := zw.Create(n)
		require.NoError(t, err)
		_, err = w.Write([]byte("<?xml version=\"1.0\"?><x>;;;\t\t</x>"))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// TestKnownFilesAreNamed checks that a file picked by mistake is named for
// what it is, whatever --format says, instead of a guess at its columns.
func TestKnownFilesAreNamed(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write([]byte("name,emails\nAna,ana@example.com\n"))
	require.NoError(t, zw.Close())
	sqliteHead := append([]byte("SQLite format 3\x00\x10\x00\x02\x02\x00@  \x00\x00\x00\x05"), bytes.Repeat([]byte{0, '\t', ';'}, 100)...)
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"a kith backup", sqliteHead, `in is an SQLite database, not an export kith reads; to use a kith backup, open it with --db in; kith import restores`},
		{"an Excel workbook", zipped(t, "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/worksheets/sheet1.xml"), `in is an Excel workbook, not an export kith reads; open it in the spreadsheet program, save it as CSV`},
		{"an OpenDocument spreadsheet", odsHead(t), `in is an OpenDocument spreadsheet, not an export kith reads; open it`},
		{"a ZIP archive", zipped(t, "Connections.csv"), `in is a ZIP archive, not an export kith reads; unzip it`},
		{"an old Excel workbook", append([]byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"), make([]byte, 512)...), `in is an Excel workbook (or another Office document)`},
		{"a PDF", []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), `in is a PDF document`},
		{"gzip", gz.Bytes(), `in is compressed with gzip, not an export kith reads; import what it holds: gunzip -c in | kith contact import -`},
	}
	for _, tt := range tests {
		for _, format := range []Format{Auto, CSV, VCard} {
			t.Run(tt.name+" as "+string(format), func(t *testing.T) {
				_, _, err := Open(bytes.NewReader(tt.data), "in", format)
				require.Error(t, err)
				var ke *kith.Error
				require.ErrorAs(t, err, &ke)
				assert.Contains(t, ke.Message+"; "+ke.Hint, tt.want)
			})
		}
	}
}

// odsHead is the start of an .ods file: its first entry, stored
// uncompressed, is the mimetype.
func odsHead(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	require.NoError(t, err)
	_, err = w.Write([]byte("application/vnd.oasis.opendocument.spreadsheet"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// TestBinaryIsNotGivenASeparator checks that noise with NUL bytes is not
// said to have columns separated by ';' or tabs.
func TestBinaryIsNotGivenASeparator(t *testing.T) {
	_, _, err := Open(bytes.NewReader([]byte("\x00\x01;\x02\x03;\x00\t\n\x00;")), "noise", Auto)
	require.Error(t, err)
	assert.Equal(t, "noise: cannot tell what format this file is: it is not text (it holds NUL bytes)", err.Error())
}
