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
	// Cause is the lower-level failure the message explains, if any, so
	// errors.Is and errors.As still reach it (a SQLite code, an fs error).
	Cause error
}

// Error returns the message, so an Error prints as one line.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the cause, for errors.Is and errors.As.
func (e *Error) Unwrap() error { return e.Cause }

// Wrap returns e with err recorded as its cause.
func (e *Error) Wrap(err error) *Error {
	e.Cause = err
	return e
}

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
