package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
)

// A query that returns many small rows can pack them into one value with
// json_group_array(json_array(...)): database/sql costs about a microsecond
// a row, which a 20,000-item morning list cannot afford, and one value
// costs nothing of the kind. packedRows reads such a value back.

// queryPacked runs a query whose single value is a JSON array of rows,
// each an array of scalars. The query is prepared once per transaction,
// for the reads that run it for each batch of a long list.
func (tx *Tx) queryPacked(query string, args ...any) (packed, error) {
	st, err := tx.prepared(query)
	if err != nil {
		return "", err
	}
	var v sql.NullString
	err = st.QueryRowContext(tx.ctx, args...).Scan(&v)
	return packed(v.String), err
}

// packed is the value of a packing query.
type packed string

// rows returns at least the number of rows (a "],[" inside text counts too).
func (p packed) rows() int {
	if p.empty() {
		return 0
	}
	return strings.Count(string(p), "],[") + 1
}

// empty reports whether there are no rows: NULL (no rows to aggregate)
// or an empty array.
func (p packed) empty() bool { return p == "" || p == "[]" }

// each calls fn with every row's fields: strings unquoted, numbers as
// written, null as "". Every row must have width fields.
func (p packed) each(width int, fn func(fields []string) error) error {
	if p.empty() {
		return nil
	}
	r := packedRows{s: string(p), i: 1} // past the outer '['
	fields := make([]string, width)
	for {
		if err := r.row(fields); err != nil {
			return fmt.Errorf("packed rows at byte %d: %w", r.i, err)
		}
		if err := fn(fields); err != nil {
			return err
		}
		switch r.take() {
		case ',':
		case ']':
			return nil
		default:
			return fmt.Errorf("packed rows at byte %d: want , or ]", r.i)
		}
	}
}

// packedRows reads the compact JSON SQLite writes: no spaces, scalars only.
type packedRows struct {
	s string
	i int
}

// take returns the next byte and moves past it; 0 at the end.
func (p *packedRows) take() byte {
	if p.i >= len(p.s) {
		return 0
	}
	p.i++
	return p.s[p.i-1]
}

// row reads one [v,v,...] into fields, which must have its width.
func (p *packedRows) row(fields []string) error {
	if p.take() != '[' {
		return fmt.Errorf("want [")
	}
	for n := range fields {
		v, err := p.value()
		if err != nil {
			return err
		}
		fields[n] = v
		want := byte(',')
		if n == len(fields)-1 {
			want = ']'
		}
		if p.take() != want {
			return fmt.Errorf("want %c after field %d", want, n+1)
		}
	}
	return nil
}

// value reads one scalar.
func (p *packedRows) value() (string, error) {
	start := p.i
	if p.i < len(p.s) && p.s[p.i] == '"' {
		escaped := false
		for p.i++; p.i < len(p.s); p.i++ {
			switch p.s[p.i] {
			case '\\':
				escaped = true
				p.i++
			case '"':
				p.i++
				if !escaped {
					return p.s[start+1 : p.i-1], nil
				}
				var v string
				err := json.Unmarshal([]byte(p.s[start:p.i]), &v)
				return v, err
			}
		}
		return "", fmt.Errorf("unterminated string")
	}
	for p.i < len(p.s) && p.s[p.i] != ',' && p.s[p.i] != ']' {
		p.i++
	}
	if v := p.s[start:p.i]; v != "null" {
		return v, nil
	}
	return "", nil
}
