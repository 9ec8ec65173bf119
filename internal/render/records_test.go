package render

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/kith-crm/kith/internal/dates"
	"github.com/kith-crm/kith/internal/kith"
)

// asListElement is v as encoding/json writes it as an element of a list
// (HTML escaping off, prefix before every line but the first), or
// encoding/json's error.
func asListElement(v any, prefix string) (string, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent(prefix, "  ")
	err := enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n"), err
}

// awkwardStrings are the texts whose bytes encoding/json escapes or could
// be thought to: quotes, controls, HTML, separators, invalid UTF-8.
var awkwardStrings = []string{
	"", "Ana Lima", `say "hi"`, `C:\path\`, "line\nbreak", "tab\there", "\x00\x01\x1f", "\b\f\r",
	"del\x7f", "<b>&amp;</b>", "Zoë 山田", "😀 emoji", "\u2028sep\u2029", "bad \xff byte", "cut \xe2\x80",
	"\ufffd replacement", "O'Brien", "{}[],:",
}

// randomCoffee is a coffee with each field drawn from the awkward values.
func randomCoffee(r *rand.Rand) kith.Coffee {
	str := func() string {
		s := awkwardStrings[r.IntN(len(awkwardStrings))]
		if r.IntN(3) == 0 {
			s += awkwardStrings[r.IntN(len(awkwardStrings))]
		}
		return s
	}
	zones := []*time.Location{time.UTC, time.FixedZone("IST", 5*3600+1800), time.FixedZone("", -(23*3600 + 59*60)),
		time.FixedZone("odd", 3600+17), time.FixedZone("far", 24*3600), time.FixedZone("Z0", 0)}
	// times repeat, as a command's records share one, in other zones too
	at := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	stamp := func() time.Time {
		if r.IntN(2) == 0 {
			return at.In(zones[r.IntN(len(zones))])
		}
		years := []int{2026, 1, 0, 9999, 10000, -1}
		return time.Date(years[r.IntN(len(years))], time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60),
			[]int{0, 500_000_000, 123_456_789, 1000}[r.IntN(4)], zones[r.IntN(len(zones))])
	}
	c := kith.Coffee{ID: r.Int64N(1 << 40), Kind: kith.CoffeeKind(str()), On: dates.New(2000+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		Place: str(), Topic: str(), Notes: str(), Planned: r.IntN(2) == 0, Status: kith.CoffeeStatus(str()),
		CreatedAt: stamp(), UpdatedAt: stamp()}
	if n := r.IntN(4); n > 0 || r.IntN(2) == 0 {
		c.Contacts = make([]kith.ContactRef, n)
		for i := range c.Contacts {
			c.Contacts[i] = kith.ContactRef{ID: -r.Int64N(3) + r.Int64N(1<<20), Name: str()}
		}
	}
	return c
}

// checkRecord holds w to encoding/json for v as an element of a list
// whose lines start with prefix: the same bytes, or declined; it reports
// whether w wrote v.
func checkRecord(t *testing.T, w *recordJSON, prefix string, v any) bool {
	t.Helper()
	got, ok := w.appendRecord([]byte("kept"), prefix, v)
	want, err := asListElement(v, prefix)
	if !ok {
		assert.Equal(t, "kept", string(got), "a declined record leaves dst as it was")
		return false
	}
	require.NoError(t, err, "recordJSON wrote %#v, which encoding/json refuses", v)
	assert.Equal(t, "kept"+want, string(got), "%#v", v)
	return true
}

func TestRecordJSONIsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 1))
	var w recordJSON // one for all, as a list has
	written := 0
	for i := range 3000 {
		prefix := "  "
		if i%3 == 0 {
			prefix = "    " // a list that is a member of an object
		}
		if checkRecord(t, &w, prefix, randomCoffee(r)) {
			written++
		}
	}
	assert.Greater(t, written, 1000, "most hold only times encoding/json takes")
	assert.True(t, checkRecord(t, &w, "  ", kith.Coffee{}), "the zero coffee")
	assert.False(t, checkRecord(t, &w, "  ", struct{ A int }{1}), "other values are left to encoding/json")
}

func TestRecordJSONDeclinesWhatEncodingJSONRefuses(t *testing.T) {
	for _, at := range []time.Time{
		time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("", -24*3600)),
	} {
		c := kith.Coffee{CreatedAt: at}
		_, err := asListElement(c, "  ")
		require.Error(t, err, "%v", at)
		assert.False(t, checkRecord(t, &recordJSON{}, "  ", c), "%v", at)
	}
}

func TestStreamWritesRecordsAsEncodingJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2))
	var values []any
	for i := range 600 { // more than a batch, some not records
		if i%7 == 0 {
			values = append(values, map[string]string{"i": awkwardStrings[i%len(awkwardStrings)]})
			continue
		}
		values = append(values, randomCoffee(r))
	}
	var b bytes.Buffer
	s := Table{}.Stream(&b, Mode{JSON: true})
	// a record encoding/json refuses fails the stream from its encoding
	// goroutine: the error comes back from a later Add, or from Close
	var err error
	for _, v := range values {
		if err = s.Add(nil, v); err != nil {
			break
		}
	}
	if closeErr := s.Close(); err == nil {
		err = closeErr
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if wantErr := enc.Encode(values); wantErr != nil {
		require.Error(t, err)
		return
	}
	require.NoError(t, err)
	assert.Equal(t, want.String(), b.String())
}

// FuzzRecordJSON holds recordJSON to encoding/json on any text and time.
func FuzzRecordJSON(f *testing.F) {
	for i, s := range awkwardStrings {
		f.Add(s, awkwardStrings[(i+5)%len(awkwardStrings)], int64(i)<<33, int64(i*3600))
	}
	f.Fuzz(func(t *testing.T, a, b string, unixNano, offset int64) {
		at := time.Unix(0, unixNano).In(time.FixedZone(b, int(offset%(48*3600))))
		c := kith.Coffee{ID: unixNano, Kind: kith.CoffeeKind(a), Place: b, Notes: a + b, CreatedAt: at, UpdatedAt: at.UTC(),
			Contacts: []kith.ContactRef{{ID: offset, Name: a}, {Name: b}}}
		checkRecord(t, &recordJSON{}, "  ", c)
	})
}
