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

# fuzz runs one target. On a busy machine the fuzz engine can spend the
# whole -fuzztime starting its workers and then fail with "context deadline
# exceeded" without having run an input; that is not a finding, so such a
# run is tried again (the instrumented build is cached by then).
fuzz() {
	local pkg=$1 target=$2 out
	for attempt in 1 2 3; do
		# -timeout bounds a hang; the build of an instrumented package can take a while
		if out=$("$go" test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -timeout 10m "$pkg" 2>&1); then
			printf '%s\n' "$out" | sed '/^fuzz: elapsed/d'
			return 0
		fi
		if ! grep -q 'context deadline exceeded' <<<"$out" || grep -q 'Failing input written' <<<"$out"; then
			printf '%s\n' "$out" | sed '/^fuzz: elapsed/d'
			return 1
		fi
		echo "fuzz $pkg $target: the engine did not start in time (attempt $attempt); again"
	done
	printf '%s\n' "$out"
	return 1
}

while IFS=: read -r file target; do
	pkg=./$(dirname "$file")
	found=$((found + 1))
	echo "fuzz $pkg $target ($fuzztime)"
	fuzz "$pkg" "$target" || exit 1
done < <(grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' internal cmd | sed 's/func //' | sort)
if [ "$found" -eq 0 ]; then
	echo "fuzz-smoke: no fuzz targets found" >&2
	exit 1
fi
