# kith: build, test, demo, bench. Needs only Go and make.
GO      ?= go
BIN     := bin/kith
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -s -w -X github.com/kith-crm/kith/internal/cli.version=$(VERSION)

.PHONY: build test test-short test-race demo man bench vet fmt clean

build:
	CGO_ENABLED=0 $(GO) build -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/kith

# Every test: vet on each platform kith ships to, unit, end-to-end
# scripts, and the reliability suites. The fuzz smoke runs each fuzz
# target a few seconds (FUZZTIME). The 30-minute limit (go test's own is
# 10 per package) lets a busy machine finish what an idle one does in two.
test: vet
	$(GO) test -count=1 -timeout 30m ./...
	GO=$(GO) ./scripts/fuzz-smoke.sh

# The development loop (about half a minute): every package, with the
# slow suites smaller and one end-to-end script (see testing.Short).
test-short:
	$(GO) test -count=1 -short ./...

# The race detector, which needs cgo and so a C compiler (kith itself is
# built without cgo). It sees goroutines within one process, which -short
# keeps whole; the proof suites' concurrency is between processes, which
# it cannot see, and their full trials (and every script, each kith run
# instrumented) take it past half an hour here; a loaded machine can push
# the store's SQLite, instrumented too, near the default 10-minute limit.
test-race:
	@command -v "$$($(GO) env CC)" >/dev/null || \
		{ echo "test-race needs a C compiler for cgo (apt-get install gcc)" >&2; exit 1; }
	CGO_ENABLED=1 $(GO) test -count=1 -race -short -timeout 30m ./...

# A short tour on a throwaway database.
demo: build
	./scripts/demo.sh $(BIN)

# A man page per command, generated from the command tree into man/
# (man -l man/kith.1 reads one without installing); releases ship them.
man:
	$(GO) run -ldflags '$(LDFLAGS)' ./cmd/gen-man man

# The benchmark table (not part of test): generates bench/out once, then
# times each command as a whole process; figures go to bench/RESULTS.md.
# make bench ONLY='coffee list' measures the matching rows only (and
# records nothing); BENCH_OUT=DIR keeps the generated data elsewhere.
# The kith sync rows start a Radicale of their own (internal/davtest
# installs it with apt-get when missing, and they are skipped otherwise).
BENCH_OUT ?= bench/out
bench: build
	@command -v sqlite3 >/dev/null 2>&1 && test -x /usr/bin/time || \
		{ apt-get update -qq && apt-get install -y -qq sqlite3 time; }
	CGO_ENABLED=0 $(GO) build -tags kith_nojournal -ldflags '$(LDFLAGS)' -o $(BIN)-nojournal ./cmd/kith
	$(GO) run ./bench -kith $(BIN) -nojournal $(BIN)-nojournal -out '$(BENCH_OUT)' -only '$(ONLY)'

# No merge conflict markers left behind; then vet for Linux and the
# platforms goreleaser ships that this machine cannot run
# (slow the first time: the standard library is compiled for each).
vet:
	@! git grep -nE '^(<<<<<<<|>>>>>>>) ' -- . ':!*.txtar' || \
		{ echo "merge conflict markers left in the files above" >&2; exit 1; }
	$(GO) vet ./...
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...

fmt:
	gofmt -w $$(git ls-files '*.go')

clean:
	rm -rf bin man
