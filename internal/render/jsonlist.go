package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"sync/atomic"
)

// jsonList writes a JSON array element by element, each indented as it
// sits in the array, so the output is what JSON prints for the whole
// slice. It encodes on a goroutine of its own: a long list is encoded
// while its next records are read, and takes the time of the slower of
// the two rather than of both (a million coffees spend a third of their
// time in encoding/json). Values go to it a batch at a time through a
// short queue, so a list of any length holds a few batches.
type jsonList struct {
	out    *bufio.Writer
	batch  []any         // values not yet queued
	queue  chan []any    // to the goroutine
	done   chan struct{} // closed when the goroutine is done
	failed atomic.Bool   // err is set
	err    error         // what stopped the writing
	n      int           // elements written; read once done
	closed bool
	indent string // of the line that ends the array: "" for a whole output
	tail   string // what follows the array's end
}

// jsonBatch is how many values go to the encoding goroutine at once:
// enough that handing them over costs little beside encoding them.
const jsonBatch = 256

// newJSONList starts a JSON array that is the whole output on w.
func newJSONList(w io.Writer) *jsonList {
	return startJSONList(bufio.NewWriterSize(w, 64<<10), "", "\n")
}

// startJSONList starts a JSON array on out, each line of it indented by
// indent more than it would be alone (a member of an object: "  "), and
// tail written after its end. out is the list's own until close or stop
// return.
func startJSONList(out *bufio.Writer, indent, tail string) *jsonList {
	l := &jsonList{out: out, queue: make(chan []any, 2), done: make(chan struct{}), indent: indent, tail: tail}
	go l.write()
	return l
}

// add queues v, or returns the error that stopped the writing.
func (l *jsonList) add(v any) error {
	if l.failed.Load() {
		return l.err
	}
	if l.batch = append(l.batch, v); len(l.batch) == jsonBatch {
		l.queue <- l.batch
		l.batch = make([]any, 0, jsonBatch)
	}
	return nil
}

// close writes what is queued and the array's end, and flushes.
func (l *jsonList) close() error {
	l.stop()
	if l.err != nil {
		return l.err
	}
	end := "\n" + l.indent + "]"
	if l.n == 0 {
		end = "[]"
	}
	l.out.WriteString(end + l.tail)
	return l.out.Flush()
}

// stop hands over what is left and waits for the goroutine to write it.
func (l *jsonList) stop() {
	if l.closed {
		return
	}
	l.closed = true
	if len(l.batch) > 0 {
		l.queue <- l.batch
	}
	close(l.queue)
	<-l.done
}

// write encodes what comes through the queue until it closes. After an
// error it only empties the queue, so add never waits on it.
func (l *jsonList) write() {
	defer close(l.done)
	prefix := l.indent + "  " // each element's lines'
	first, next := "[\n"+prefix, ",\n"+prefix
	var (
		enc = elementEncoder{prefix: prefix}
		ind []byte // the element, indented
		err error
	)
	for batch := range l.queue {
		for _, v := range batch {
			if l.failed.Load() {
				break
			}
			if ind, err = enc.append(ind[:0], v); err == nil {
				sep := next
				if l.n == 0 {
					sep = first
				}
				l.n++
				l.out.WriteString(sep)
				_, err = l.out.Write(ind)
			}
			if err != nil {
				l.err = err
				l.failed.Store(true)
			}
		}
	}
}

// elementEncoder writes list elements: the records it knows by hand
// (recordJSON), anything else through encoding/json, indented after.
type elementEncoder struct {
	prefix  string // before each line of an element but the first
	rec     recordJSON
	compact bytes.Buffer // one element as encoding/json writes it
	json    *json.Encoder
}

// append appends v, indented as an element of the list.
func (e *elementEncoder) append(dst []byte, v any) ([]byte, error) {
	if out, ok := e.rec.appendRecord(dst, e.prefix, v); ok {
		return out, nil
	}
	if e.json == nil {
		e.json = json.NewEncoder(&e.compact)
		e.json.SetEscapeHTML(false)
	}
	e.compact.Reset()
	if err := e.json.Encode(v); err != nil {
		return dst, err
	}
	return appendIndented(dst, bytes.TrimSuffix(e.compact.Bytes(), []byte("\n")), e.prefix, "  "), nil
}
