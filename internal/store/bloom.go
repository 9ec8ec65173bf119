package store

import "hash/maphash"

// bloom is a Bloom filter of match keys: it answers "certainly not stored"
// for most keys an import looks up, so a large import into an empty or
// unrelated database skips nearly all its lookups. A "maybe" is checked
// against the database, so a false positive costs a query, never a wrong
// match.
type bloom struct {
	bits []uint64
	seed maphash.Seed
}

// bloomBits is the filter's size: 4 MiB, which keeps false positives near
// 0.5% up to a few million keys.
const bloomBits = 1 << 25

const bloomHashes = 4

func newBloom() *bloom {
	return &bloom{bits: make([]uint64, bloomBits/64), seed: maphash.MakeSeed()}
}

func (b *bloom) positions(key string, fn func(uint64) bool) bool {
	h := maphash.String(b.seed, key)
	h1, h2 := h, h>>32|1
	for i := uint64(0); i < bloomHashes; i++ {
		if !fn((h1 + i*h2) % bloomBits) {
			return false
		}
	}
	return true
}

func (b *bloom) add(key string) {
	b.positions(key, func(p uint64) bool {
		b.bits[p/64] |= 1 << (p % 64)
		return true
	})
}

func (b *bloom) mayHave(key string) bool {
	return b.positions(key, func(p uint64) bool { return b.bits[p/64]&(1<<(p%64)) != 0 })
}
