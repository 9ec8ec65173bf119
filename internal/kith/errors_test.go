package kith_test

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/kith"
)

func TestPathCause(t *testing.T) {
	_, err := os.Open(filepath.Join(t.TempDir(), "missing.csv"))
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"path error", err, "no such file or directory"},
		{"wrapped path error", fmt.Errorf("reading: %w", err), "no such file or directory"},
		{"other error", errors.New("disk on fire"), "disk on fire"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, kith.PathCause(tt.err), tt.want)
		})
	}
	assert.ErrorIs(t, kith.PathCause(err), fs.ErrNotExist)
}

func TestErrorWrapReachesCause(t *testing.T) {
	cause := fs.ErrPermission
	err := fmt.Errorf("save: %w", kith.Errorf(kith.Invalid, "cannot write x").Wrap(cause))
	assert.ErrorIs(t, err, fs.ErrPermission)
	assert.Equal(t, kith.Invalid, kith.ErrorCode(err))
	assert.EqualError(t, err, "save: cannot write x", "the cause is not repeated in the message")
}
