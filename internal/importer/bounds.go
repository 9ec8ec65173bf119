package importer

import (
	"bufio"
	"bytes"
	"errors"
	"io"

	"github.com/kith-crm/kith/internal/kith"
)

// MaxRecord is the most bytes one record of a CSV or JSON file (a row, an
// object) may take, and the most text a vCard card may keep. A real
// contact takes a few hundred bytes; without a bound, a file with no line
// end (/dev/zero, a binary file read as CSV) or a quote left open would be
// held in memory whole, gigabytes of it, before anything could be said.
const MaxRecord = 1 << 20

// errRecordTooLong ends the reading of a record that passed MaxRecord.
var errRecordTooLong = errors.New("record too long")

// recordBounds stands between a file and the buffer its reader parses
// from, counting the bytes of the record being read: it fails the read
// that would take the record past MaxRecord, and remembers on which line.
// Lines are counted as the bytes pass, which costs little, so the error
// can say where the record was when it passed the bound.
type recordBounds struct {
	r     io.Reader
	max   int64 // 0: unbounded (vCard bounds what it keeps itself)
	n     int64 // bytes read from r
	lines int   // line ends among them
	start int64 // offset of the record being read
	over  int   // the line on which a record passed max; 0 while none has
}

func (b *recordBounds) Read(p []byte) (int, error) {
	if b.over > 0 {
		return 0, errRecordTooLong
	}
	if b.max > 0 {
		room := b.start + b.max - b.n
		if room <= 0 {
			b.over = b.lines + 1
			return 0, errRecordTooLong
		}
		if int64(len(p)) > room {
			p = p[:room]
		}
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	b.lines += bytes.Count(p[:n], []byte{'\n'})
	return n, err
}

// boundedReader starts each record's count where the record starts: what
// the file gave, less what its buffer still holds unread.
type boundedReader struct {
	Reader
	bounds *recordBounds
	buf    *bufio.Reader
	name   string
}

// Next reads the next record, or says at FILE:LINE that it passed
// MaxRecord, whatever the reader made of the failed read.
func (r *boundedReader) Next() (Record, error) {
	r.bounds.start = r.bounds.n - int64(r.buf.Buffered())
	rec, err := r.Reader.Next()
	if err != nil && r.bounds.over > 0 {
		return Record{Line: r.bounds.over}, r.bounds.fatal(r.name)
	}
	return rec, err
}

// fatal is the error for a record that passed the bound.
func (b *recordBounds) fatal(name string) error {
	size := kith.ByteSize(b.max)
	return fatalf(name, b.over, "more than %s without the end of a record (kith reads rows and entries of up to %s); "+
		"check that this is a contacts export, and that no quote is left open above this line", size, size)
}
