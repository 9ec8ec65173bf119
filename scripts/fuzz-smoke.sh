#!/usr/bin/env bash
# Runs every fuzz target in the module for a short while (FUZZTIME, default
# 3s each): a smoke test that no input found quickly panics or hangs. Targets
# are found by name (func FuzzXxx in a _test.go file), so new ones join in.
# A failing input is written to the package's testdata/fuzz/FuzzXxx; commit
# it with the fix so it stays a regression test.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime=${FUZZTIME:-3s}
go=${GO:-go}
found=0
while IFS=: read -r file target; do
	pkg=./$(dirname "$file")
	found=$((found + 1))
	echo "fuzz $pkg $target ($fuzztime)"
	# -timeout bounds a hang; the build of an instrumented package can take a while
	"$go" test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -timeout 10m "$pkg" |
		sed '/^fuzz: elapsed/d' || exit 1
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sed 's/func //' | sort)
if [ "$found" -eq 0 ]; then
	echo "fuzz-smoke: no fuzz targets found" >&2
	exit 1
fi
