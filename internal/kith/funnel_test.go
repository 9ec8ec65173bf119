package kith_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/kith-crm/kith/internal/kith"
)

func TestFurtherStage(t *testing.T) {
	for _, tc := range []struct {
		a, b, want kith.Stage
	}{
		{kith.Halo, kith.Client, kith.Client},
		{kith.Client, kith.Halo, kith.Client},
		{kith.Lead, kith.Halo, kith.Lead},
		{kith.Lead, kith.PastClient, kith.PastClient},
		{kith.PastClient, kith.Client, kith.Client},
		{kith.Halo, kith.Halo, kith.Halo},
	} {
		assert.Equal(t, tc.want, kith.FurtherStage(tc.a, tc.b), "%s vs %s", tc.a, tc.b)
	}
}
