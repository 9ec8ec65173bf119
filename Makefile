# kith: build, test, demo, bench. Needs only Go and make.
GO      ?= go
BIN     := bin/kith
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/kith-crm/kith/internal/cli.version=$(VERSION)

.PHONY: build test demo bench vet fmt clean

build:
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/kith

# Every test: unit, end-to-end scripts, and the reliability suites.
# The fuzz smoke runs each fuzz target a few seconds (FUZZTIME).
test:
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	GO=$(GO) ./scripts/fuzz-smoke.sh

# A short tour on a throwaway database.
demo: build
	./scripts/demo.sh $(BIN)

# The benchmark table (not part of test): generates bench/out once, then
# times each command as a whole process; figures go to bench/RESULTS.md.
bench: build
	@command -v sqlite3 >/dev/null 2>&1 && test -x /usr/bin/time || \
		{ apt-get update -qq && apt-get install -y -qq sqlite3 time; }
	$(GO) run ./bench -kith $(BIN)

vet:
	$(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin
