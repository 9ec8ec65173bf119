// Package kith holds the domain: the types of a personal networking CRM and
// the pure rules about them. It knows nothing of SQL, flags or terminals.
package kith

import (
	"errors"
	"fmt"
	"io/fs"

	"github.com/kith-crm/kith/internal/clip"
)

// Code classifies an Error so the CLI can choose an exit status and callers
// can test for a kind of failure without matching text.
type Code string

// The error codes the domain and the store produce.
const (
	Invalid   Code = "invalid"   // the input is malformed or out of range
	NotFound  Code = "not_found" // a referenced record does not exist
	Ambiguous Code = "ambiguous" // a reference matches more than one record
	Conflict  Code = "conflict"  // the request contradicts what is stored
	Internal  Code = "internal"  // a bug or an environment failure
)

// Error is a failure with a code, a one-line message and an optional hint
// telling the user how to fix it.
type Error struct {
	Code    Code
	Message string
	Hint    string
}

// Error returns the message, so an Error prints as one line.
func (e *Error) Error() string { return e.Message }

// Errorf builds an Error with a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, clip.Args(format, args)...)}
}

// WithHint returns e with its hint set.
func (e *Error) WithHint(format string, args ...any) *Error {
	e.Hint = fmt.Sprintf(format, clip.Args(format, args)...)
	return e
}

// ErrorCode returns the code of the first Error in err's chain, or Internal.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// PathCause returns why a file operation failed, without the operation and
// path that *fs.PathError puts before it: a message that names the file
// itself then says it once ("cannot write out.csv: permission denied").
func PathCause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
