package importer

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// endless repeats its bytes for ever, as /dev/zero or `yes` do.
type endless struct{ b []byte }

func (e endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b[i%len(e.b)]
	}
	return len(p), nil
}

// budget fails reading once more than max bytes were read: a reader that
// holds a whole record in memory would read on for ever.
type budget struct {
	r    io.Reader
	read int
	max  int
}

var errOverBudget = errors.New("read past the budget")

func (b *budget) Read(p []byte) (int, error) {
	if b.read > b.max {
		return 0, errOverBudget
	}
	n, err := b.r.Read(p)
	b.read += n
	return n, err
}

// TestEndlessInputIsRefusedAtTheBound feeds every reader input whose
// record never ends: it must stop with a fatal FILE:LINE error naming the
// bound, having read little more than the bound.
func TestEndlessInputIsRefusedAtTheBound(t *testing.T) {
	zeros := endless{[]byte{0}}
	tests := []struct {
		name   string
		format Format
		in     io.Reader
		want   string
	}{
		{"/dev/zero as CSV", CSV, zeros, "zero:1: more than 1 MiB without the end of a record"},
		{"/dev/zero as LinkedIn", LinkedIn, zeros, "zero:1: more than 1 MiB"},
		{"/dev/zero as Google", Google, zeros, "zero:1: more than 1 MiB"},
		{"/dev/zero as Outlook", Outlook, zeros, "zero:1: more than 1 MiB"},
		{"LinkedIn notes that never reach the header", LinkedIn, endless{[]byte("x\n")}, "zero:524289: more than 1 MiB"},
		{"a 100 MB name", CSV, io.MultiReader(strings.NewReader("name,company\nAna,Acme\n"),
			io.LimitReader(endless{[]byte("B")}, 100<<20), strings.NewReader(",x\n")), "zero:3: more than 1 MiB"},
		{"a quote left open", Google, io.MultiReader(strings.NewReader("Name,Notes\nAna,\"open\n"), endless{[]byte("more text\n")}),
			"no quote is left open above this line"},
		{"a JSON string that never ends", JSON, io.MultiReader(strings.NewReader(`[{"name":"`), endless{[]byte("a")}), "zero:1: more than 1 MiB"},
		{"a vCard whose text never ends", VCard, io.MultiReader(strings.NewReader("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:x\r\n"),
			endless{[]byte("NOTE:" + strings.Repeat("a", 70) + "\r\n")}), "zero:1: card holds more than 1 MiB of text"},
		{"/dev/zero as vCard", VCard, zeros, "zero:1: line longer than 1 MiB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := &budget{r: tt.in, max: 3 << 20}
			r, _, err := Open(in, "zero", tt.format)
			for err == nil {
				_, err = r.Next()
			}
			require.NotErrorIs(t, err, errOverBudget, "the reader held on to more than the bound")
			assert.True(t, IsFatal(err), "%v", err)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
}

// TestPhotosPassTheBound checks that the bound is on what a record keeps:
// a vCard's photo larger than it streams by, as before.
func TestPhotosPassTheBound(t *testing.T) {
	photo := "PHOTO;ENCODING=b;TYPE=JPEG:" + strings.Repeat(strings.Repeat("A", 74)+"\r\n ", (3<<20)/76) + "AA\r\n"
	in := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lima\r\n" + photo + "EMAIL:ana@example.com\r\nEND:VCARD\r\n"
	r, _, err := Open(strings.NewReader(in), "photo.vcf", VCard)
	require.NoError(t, err)
	recs, errs := drain(r)
	require.Empty(t, errs)
	require.Len(t, recs, 1)
	assert.Equal(t, []string{"ana@example.com"}, recs[0].Contact.Emails)

	// and a CSV of many records passes it whole, however long
	var csv bytes.Buffer
	csv.WriteString("name,notes\n")
	for csv.Len() < 3<<20 {
		csv.WriteString("Ana Lima," + strings.Repeat("n", 1000) + "\n")
	}
	r, _, err = Open(&csv, "many.csv", CSV)
	require.NoError(t, err)
	recs, errs = drain(r)
	require.Empty(t, errs)
	assert.Greater(t, len(recs), 3000)
}
