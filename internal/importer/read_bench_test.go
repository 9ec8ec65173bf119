package importer_test

import (
	"bytes"
	"io"
	"testing"

	"github.com/kith-crm/kith/internal/benchgen"
	"github.com/kith-crm/kith/internal/importer"
)

// BenchmarkReadLinkedIn reads a generated LinkedIn export of 100,000 rows
// from memory: the reader's share of an import (parsing, dates, checking
// and salvaging each row), without the database.
func BenchmarkReadLinkedIn(b *testing.B) {
	var buf bytes.Buffer
	if err := benchgen.LinkedInCSV(&buf, 100_000); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		r, _, err := importer.Open(bytes.NewReader(data), "connections.csv", importer.LinkedIn)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(); err == io.EOF {
				break
			} else if err != nil && importer.IsFatal(err) {
				b.Fatal(err)
			}
		}
	}
}
