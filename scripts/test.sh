#!/usr/bin/env bash
# Runs every *.test.ts under src/ and test/ with node's test runner through tsx.
# Node 20's --test has no glob and silently runs 0 tests for a bare directory,
# so the files are listed explicitly here.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(find src test -name '*.test.ts' -not -path '*/node_modules/*' | sort)
if [ ${#files[@]} -eq 0 ]; then echo "no test files found" >&2; exit 1; fi
exec node --import tsx --test --test-concurrency="${TEST_CONCURRENCY:-2}" "$@" "${files[@]}"
